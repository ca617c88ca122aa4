// Candidate sites for new facilities: the points of a candidate layer (vacant parcels, sites a
// bureau proposes, points a user draws) or a square grid over the communities (suggest-cli.md:
// "a square grid of --grid metres over the communities, inside them and outside water").
import type { AuditContext } from '../../engine/audit';
import type { XY } from '../../engine/reach/reachProvider';
import type { MultiPolygonCoords, Position } from '../../engine/types';
import { pointInRings } from '../../engine/geo/pointInPolygon';
import { multiPolygonToMetric, ringsBBox } from '../../engine/geo/metricRings';
import Flatbush from 'flatbush';

export interface Candidate {
  /** The candidate's id (a layer's `id` field, else its index; grid cells `G<row>-<col>`). */
  id: string;
  /** WGS84 longitude/latitude. */
  position: Position;
  /** Metres in the audit's local projection. */
  xy: XY;
}

export const DEFAULT_GRID_M = 100;

/** Candidates at given points (a candidate layer or the user's points); invalid positions are an error naming the point. */
export function pointCandidates(ctx: AuditContext, points: readonly { id?: string | number | null; position: Position }[]): Candidate[] {
  return points.map((p, i) => {
    const [lon, lat] = p.position ?? [];
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      throw new Error(`candidate ${p.id ?? i}: position is not a valid longitude/latitude`);
    }
    const id = p.id === undefined || p.id === null || p.id === '' ? String(i) : String(p.id);
    return { id, position: [lon, lat], xy: ctx.projection.forward([lon, lat]) };
  });
}

/**
 * Centres of a square grid of `spacing_m` metres (anchored at the projection's origin) that lie
 * inside a community (boundary included) and outside every `exclude` polygon (water, or any
 * land the caller rules out). Ids name the cell: `G<row>-<col>` counted from the grid's south-west.
 */
export function gridCandidates(ctx: AuditContext, spacing_m: number = DEFAULT_GRID_M, exclude: readonly MultiPolygonCoords[] = []): Candidate[] {
  if (!(spacing_m > 0) || !Number.isFinite(spacing_m)) throw new Error(`grid spacing must be a positive number of metres (is ${spacing_m})`);
  const blocked = exclude.map((g) => multiPolygonToMetric(g, ctx.projection).rings).filter((r) => r.length).map((rings) => ({ rings, bbox: ringsBBox(rings) }));
  const blockIndex = blocked.length ? new Flatbush(blocked.length) : null;
  if (blockIndex) { for (const b of blocked) blockIndex.add(b.bbox[0], b.bbox[1], b.bbox[2], b.bbox[3]); blockIndex.finish(); }
  const inBlocked = (xy: XY) => !!blockIndex && blockIndex.search(xy[0], xy[1], xy[0], xy[1]).some((k) => pointInRings(xy, blocked[k].rings, 0) > 0);

  const valid = ctx.communities.filter((c) => c.rings.length && c.area_m2 > 0);
  if (!valid.length) return [];
  const minX = Math.min(...valid.map((c) => c.bbox[0])), minY = Math.min(...valid.map((c) => c.bbox[1]));
  const col0 = Math.floor(minX / spacing_m), row0 = Math.floor(minY / spacing_m);
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const c of valid) {
    const b = c.bbox;
    for (let gy = Math.floor(b[1] / spacing_m); (gy + 0.5) * spacing_m <= b[3]; gy++) {
      const y = (gy + 0.5) * spacing_m;
      if (y < b[1]) continue;
      for (let gx = Math.floor(b[0] / spacing_m); (gx + 0.5) * spacing_m <= b[2]; gx++) {
        const x = (gx + 0.5) * spacing_m;
        if (x < b[0]) continue;
        const id = `G${gy - row0}-${gx - col0}`;
        if (seen.has(id)) continue;
        const xy: XY = [x, y];
        if (pointInRings(xy, c.rings, 1e-3) < 0 || inBlocked(xy)) continue;
        seen.add(id);
        out.push({ id, position: ctx.projection.inverse(xy), xy });
      }
    }
  }
  // South to north, west to east: a stable order whatever the communities' order.
  return out.sort((a, b) => a.xy[1] - b.xy[1] || a.xy[0] - b.xy[0]);
}
