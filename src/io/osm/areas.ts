// Areal OSM features: closed ways and multipolygon/boundary relations, whose outer/inner rings
// are assembled from member ways joined end to end at shared nodes.
// https://wiki.openstreetmap.org/wiki/Relation:multipolygon
import type { MultiPolygonCoords, Position, Ring } from '../../engine/types';
import { bboxOf, multiPolygonArea_m2, multiPolygonCentroid, pointInRing, ringArea_m2, type BBox } from './geometry';
import { osmId, type OsmModel, type OsmWay, type Tags } from './model';

export interface AreaFeature {
  type: 'way' | 'relation';
  id: number;
  /** e.g. "osm:way/123". */
  key: string;
  tags: Tags;
  geometry: MultiPolygonCoords;
  area_m2: number;
  bbox: BBox;
  centroid: Position;
}

export interface AreaCollection {
  areas: AreaFeature[];
  /** Candidates dropped because nodes were missing (extract edge) or rings did not close. */
  incomplete: string[];
}

export function isClosedWay(w: OsmWay): boolean {
  return w.refs.length >= 4 && w.refs[0] === w.refs[w.refs.length - 1];
}

function coordsOf(model: OsmModel, refs: number[]): Position[] | null {
  const out: Position[] = [];
  for (const r of refs) {
    const c = model.coord(r);
    if (!c) return null;
    out.push(c);
  }
  return out;
}

function makeArea(type: 'way' | 'relation', id: number, tags: Tags, geometry: MultiPolygonCoords): AreaFeature {
  return { type, id, key: osmId(type, id), tags, geometry, area_m2: multiPolygonArea_m2(geometry), bbox: bboxOf(geometry), centroid: multiPolygonCentroid(geometry) };
}

/**
 * Join open node sequences end to end into closed rings (either direction).
 * Returns the closed rings and how many pieces could not be closed.
 */
export function assembleRings(pieces: number[][]): { rings: number[][]; unclosed: number } {
  const rings: number[][] = [];
  const open: number[][] = [];
  for (const p of pieces) {
    if (p.length < 2) continue;
    if (p[0] === p[p.length - 1]) {
      if (p.length >= 4) rings.push(p);
    } else open.push(p);
  }
  const byEnd = new Map<number, number[]>();
  const link = (node: number, i: number) => {
    const l = byEnd.get(node);
    if (l) l.push(i);
    else byEnd.set(node, [i]);
  };
  open.forEach((p, i) => {
    link(p[0], i);
    link(p[p.length - 1], i);
  });
  const used = new Array<boolean>(open.length).fill(false);
  let unclosed = 0;
  for (let i = 0; i < open.length; i++) {
    if (used[i]) continue;
    used[i] = true;
    const ring = open[i].slice();
    while (ring[0] !== ring[ring.length - 1]) {
      const end = ring[ring.length - 1];
      const j = (byEnd.get(end) ?? []).find((k) => !used[k]);
      if (j === undefined) break;
      used[j] = true;
      const next = open[j][0] === end ? open[j] : open[j].slice().reverse();
      for (let k = 1; k < next.length; k++) ring.push(next[k]);
    }
    if (ring[0] === ring[ring.length - 1] && ring.length >= 4) rings.push(ring);
    else unclosed++;
  }
  return { rings, unclosed };
}

/** Rings of a multipolygon/boundary relation, holes attached to the smallest outer that holds them. */
function relationGeometry(model: OsmModel, members: { ref: number; role: string }[], waysById: Map<number, OsmWay>): MultiPolygonCoords | null {
  const outerPieces: number[][] = [];
  const innerPieces: number[][] = [];
  for (const m of members) {
    const w = waysById.get(m.ref);
    if (!w) return null;
    (m.role === 'inner' ? innerPieces : outerPieces).push(w.refs);
  }
  const outer = assembleRings(outerPieces);
  const inner = assembleRings(innerPieces);
  if (outer.unclosed || inner.unclosed || !outer.rings.length) return null;
  const outers: Ring[] = [];
  for (const r of outer.rings) {
    const c = coordsOf(model, r);
    if (!c) return null;
    outers.push(c);
  }
  const polys: MultiPolygonCoords = outers.map((r) => [r]);
  const outerAreas = outers.map(ringArea_m2);
  for (const r of inner.rings) {
    const c = coordsOf(model, r);
    if (!c) return null;
    let best = -1;
    for (let i = 0; i < outers.length; i++) {
      if (pointInRing(c[0], outers[i]) && (best < 0 || outerAreas[i] < outerAreas[best])) best = i;
    }
    if (best >= 0) polys[best].push(c);
  }
  return polys;
}

/**
 * Areal features whose tags pass `wanted`: closed ways and relations of type multipolygon or
 * boundary. Features whose nodes or member ways are missing are listed in `incomplete`.
 */
export function collectAreas(model: OsmModel, wanted: (tags: Tags, type: 'way' | 'relation') => boolean): AreaCollection {
  const areas: AreaFeature[] = [];
  const incomplete: string[] = [];
  for (const w of model.ways) {
    if (!isClosedWay(w) || !wanted(w.tags, 'way')) continue;
    const c = coordsOf(model, w.refs);
    if (c) areas.push(makeArea('way', w.id, w.tags, [[c]]));
    else incomplete.push(osmId('way', w.id));
  }
  const rels = model.relations.filter((r) => (r.tags.type === 'multipolygon' || r.tags.type === 'boundary') && wanted(r.tags, 'relation'));
  if (rels.length) {
    const needed = new Set<number>();
    for (const r of rels) for (const m of r.members) if (m.type === 'way') needed.add(m.ref);
    const waysById = new Map<number, OsmWay>();
    for (const w of model.ways) if (needed.has(w.id)) waysById.set(w.id, w);
    for (const r of rels) {
      const members = r.members.filter((m) => m.type === 'way' && (m.role === 'outer' || m.role === 'inner' || m.role === ''));
      const g = relationGeometry(model, members, waysById);
      if (g) areas.push(makeArea('relation', r.id, r.tags, g));
      else incomplete.push(osmId('relation', r.id));
    }
  }
  return { areas, incomplete };
}
