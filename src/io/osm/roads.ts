// The walking network from OSM highways, per spec/service-areas-cli.md: walkable highway values
// only; not motorway/trunk; not foot=no; not access=private/no unless foot=yes/designated/
// permissive (an explicit foot permission wins over a general access restriction). Ways are split
// at every node another walkable way uses (and where a way meets itself), so lines meet only at
// shared OSM nodes, at identical coordinates. Ways cut by the extract edge keep their runs of
// known nodes.
import type { Position, RoadLine } from '../../engine/types';
import { osmId, type OsmModel, type OsmWay, type Tags } from './model';

export const WALKABLE_HIGHWAYS: ReadonlySet<string> = new Set([
  'footway', 'path', 'pedestrian', 'steps', 'living_street', 'residential', 'service', 'unclassified',
  'tertiary', 'secondary', 'primary', 'tertiary_link', 'secondary_link', 'primary_link', 'cycleway', 'track',
]);
const FOOT_ALLOWED = new Set(['yes', 'designated', 'permissive']);
const NO_ENTRY = new Set(['no', 'private']);

export type RoadExclusion = 'not walkable' | 'foot=no' | 'access' ;

/** Why a highway is not part of the walking network, or null when it is. */
export function walkExclusion(t: Tags): RoadExclusion | null {
  if (!WALKABLE_HIGHWAYS.has(t.highway ?? '')) return 'not walkable';
  if (NO_ENTRY.has(t.foot ?? '')) return 'foot=no';
  if (NO_ENTRY.has(t.access ?? '') && !FOOT_ALLOWED.has(t.foot ?? '')) return 'access';
  return null;
}

export interface RoadBuild {
  roads: RoadLine[];
  /** Walkable ways used. */
  ways: number;
  /** Walkable ways that lost nodes at the extract edge (clipped to the known nodes). */
  clipped: number;
  /** Highway ways left out, by reason. */
  excluded: Record<RoadExclusion, number>;
}

export function buildRoads(model: OsmModel): RoadBuild {
  const excluded: Record<RoadExclusion, number> = { 'not walkable': 0, 'foot=no': 0, access: 0 };
  const walk: OsmWay[] = [];
  for (const w of model.ways) {
    if (w.tags.highway === undefined) continue;
    const why = walkExclusion(w.tags);
    if (why) excluded[why]++;
    else walk.push(w);
  }
  // How many times each node is used by walkable ways (a closed way's repeated end counts once).
  const uses = new Map<number, number>();
  for (const w of walk) {
    const n = w.refs.length - (w.refs.length > 1 && w.refs[0] === w.refs[w.refs.length - 1] ? 1 : 0);
    for (let i = 0; i < n; i++) uses.set(w.refs[i], (uses.get(w.refs[i]) ?? 0) + 1);
  }
  const roads: RoadLine[] = [];
  let clipped = 0;
  let used = 0;
  for (const w of walk) {
    const pieces: Position[][] = [];
    let cur: Position[] = [];
    let lost = false;
    let prev: number | undefined;
    for (const ref of w.refs) {
      if (ref === prev) continue;
      prev = ref;
      const c = model.coord(ref);
      if (!c) {
        lost = true;
        if (cur.length >= 2) pieces.push(cur);
        cur = [];
        continue;
      }
      cur.push(c);
      if (cur.length >= 2 && (uses.get(ref) ?? 0) > 1) {
        pieces.push(cur);
        cur = [c];
      }
    }
    if (cur.length >= 2) pieces.push(cur);
    if (lost) clipped++;
    if (!pieces.length) continue;
    used++;
    const base = osmId('way', w.id);
    const name = w.tags.name;
    pieces.forEach((coordinates, i) => {
      roads.push({ id: pieces.length === 1 ? base : `${base}#${i + 1}`, kind: w.tags.highway, ...(name ? { name } : {}), coordinates });
    });
  }
  return { roads, ways: used, clipped, excluded };
}
