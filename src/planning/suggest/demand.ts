// Demand points: where the households live, as weighted points in the audit's metres. The siting
// objective (Σ households × share within reach) becomes a weighted maximum coverage over these
// points: a point is reached or not, and its weight is the households it stands for. A community
// spreads its households evenly over its area (the audit's community-area basis), sampled on a
// square grid; any other basis (residential parcels with households, residential land) plugs in
// through weightedPolygonDemand with polygons and the households each holds.
import type { AuditContext } from '../../engine/audit';
import type { BBox, MetricRings, XY } from '../../engine/reach/reachProvider';
import { pointInRings } from '../../engine/geo/pointInPolygon';

export interface DemandPoints {
  /** Metres in the audit's local projection. */
  x: Float64Array;
  y: Float64Array;
  /** Households each point stands for (Σ over a polygon = its households). */
  weight: Float64Array;
  /** Index of the community the point belongs to. */
  community: Int32Array;
  /** Grid spacing used (metres). */
  spacing_m: number;
}

/** A polygon holding `households`, spread evenly over its area, counted for `community`. */
export interface WeightedPolygon {
  community: number;
  rings: MetricRings;
  bbox: BBox;
  households: number;
}

/**
 * Grid spacing for a reach distance: 1/20 of it, between 5 and 50 m, so that a disk of the
 * distance holds about 1,250 points and the sampled share is within about 1 % of the area share.
 */
export function defaultDemandSpacing(distance_m: number): number {
  return Math.min(50, Math.max(5, distance_m / 20));
}

/**
 * Points at the centres of a square grid of `spacing` metres inside each polygon (the grid is
 * anchored at the origin of the projection, so neighbouring polygons share it), weighted
 * households ÷ points. A polygon too small to hold a grid centre is sampled on a finer grid (down
 * to 1/8 of the spacing), else stands as one point at its first vertex. Polygons with no
 * households (or none known) give no points: nobody to reach.
 */
export function weightedPolygonDemand(polygons: readonly WeightedPolygon[], spacing: number): DemandPoints {
  const xs: number[] = [], ys: number[] = [], ws: number[] = [], cs: number[] = [];
  for (const p of polygons) {
    if (!(p.households > 0) || !p.rings.length) continue;
    let pts: XY[] = [];
    for (let s = spacing; pts.length === 0 && s >= spacing / 8; s /= 2) pts = gridInside(p.rings, p.bbox, s);
    if (!pts.length) pts = [p.rings[0][0]];
    const w = p.households / pts.length;
    for (const [x, y] of pts) { xs.push(x); ys.push(y); ws.push(w); cs.push(p.community); }
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), weight: Float64Array.from(ws), community: Int32Array.from(cs), spacing_m: spacing };
}

function gridInside(rings: MetricRings, b: BBox, s: number): XY[] {
  const out: XY[] = [];
  for (let gx = Math.floor(b[0] / s); (gx + 0.5) * s <= b[2]; gx++) {
    const x = (gx + 0.5) * s;
    if (x < b[0]) continue;
    for (let gy = Math.floor(b[1] / s); (gy + 0.5) * s <= b[3]; gy++) {
      const y = (gy + 0.5) * s;
      if (y < b[1]) continue;
      if (pointInRings([x, y], rings, 0) >= 0) out.push([x, y]);
    }
  }
  return out;
}

/** The community-area basis: each community's households over its whole polygon. */
export function communityDemand(ctx: AuditContext, spacing: number): DemandPoints {
  const polys: WeightedPolygon[] = ctx.communities.map((c) => ({
    community: c.index, rings: c.rings, bbox: c.bbox, households: ctx.data.communities[c.index].households ?? 0,
  }));
  return weightedPolygonDemand(polys, spacing);
}
