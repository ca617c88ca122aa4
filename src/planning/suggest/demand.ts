// Demand points: where the households live, as weighted points in the audit's metres. The siting
// objective (Σ households × share within reach) becomes a weighted maximum coverage over these
// points: a point is reached or not, and its weight is the households it stands for. A community
// spreads its households evenly over its area (the audit's community-area basis), sampled on a
// square grid; any other basis (residential parcels with households, residential land) plugs in
// through weightedPolygonDemand with polygons and the households each holds.
import type { AuditContext } from '../../engine/audit';
import type { BBox, MetricRings } from '../../engine/reach/reachProvider';
import { distanceToBoundary, pointInRings } from '../../engine/geo/pointInPolygon';
import { clipRingToRect } from '../../engine/geo/clipToRect';
import { ringArea } from '../../engine/geo/metricRings';

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
 * One point at the centre of each cell of a square grid of `spacing` metres (anchored at the
 * projection's origin, so neighbouring polygons share it) that meets the polygon, weighted by the
 * part of the cell inside the polygon: households × (cell ∩ polygon) ÷ polygon area. Cells along
 * the boundary are clipped exactly, so the weights add up to the polygon's households and a
 * share of points stands for the same share of area. Polygons with no households (or none
 * known) give no points: nobody to reach.
 */
export function weightedPolygonDemand(polygons: readonly WeightedPolygon[], spacing: number): DemandPoints {
  const xs: number[] = [], ys: number[] = [], ws: number[] = [], cs: number[] = [];
  const cell = spacing * spacing, near = (spacing / 2) * Math.SQRT2;
  for (const p of polygons) {
    if (!(p.households > 0) || !p.rings.length) continue;
    const b = p.bbox;
    const pts: [number, number, number][] = [];
    let total = 0;
    for (let gx = Math.floor(b[0] / spacing); gx * spacing < b[2]; gx++) {
      for (let gy = Math.floor(b[1] / spacing); gy * spacing < b[3]; gy++) {
        const x = (gx + 0.5) * spacing, y = (gy + 0.5) * spacing;
        let a: number;
        if (distanceToBoundary([x, y], p.rings) < near) {
          const r: BBox = [gx * spacing, gy * spacing, (gx + 1) * spacing, (gy + 1) * spacing];
          a = 0;
          for (const ring of p.rings) { const c = clipRingToRect(ring, r); if (c.length >= 3) a += ringArea(c); }
          a = Math.min(cell, Math.max(0, a));
        } else a = pointInRings([x, y], p.rings, 0) >= 0 ? cell : 0;
        if (a > 0) { pts.push([x, y, a]); total += a; }
      }
    }
    for (const [x, y, a] of pts) { xs.push(x); ys.push(y); ws.push((p.households * a) / total); cs.push(p.community); }
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), weight: Float64Array.from(ws), community: Int32Array.from(cs), spacing_m: spacing };
}

/** The community-area basis: each community's households over its whole polygon. */
export function communityDemand(ctx: AuditContext, spacing: number): DemandPoints {
  const polys: WeightedPolygon[] = ctx.communities.map((c) => ({
    community: c.index, rings: c.rings, bbox: c.bbox, households: ctx.data.communities[c.index].households ?? 0,
  }));
  return weightedPolygonDemand(polys, spacing);
}
