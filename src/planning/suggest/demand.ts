// Demand points: where the households live, as weighted points in the audit's metres. The siting
// objective (Σ households × share within reach) becomes a weighted maximum coverage over these
// points: a point is reached or not, and its weight is the households it stands for. A community
// spreads its households evenly over its area (the audit's community-area basis), sampled on a
// square grid; any other basis (residential parcels with households, residential land) plugs in
// through weightedPolygonDemand with polygons and the households each holds.
import type { AuditContext } from '../../engine/audit';
import type { BBox, MetricRings } from '../../engine/reach/reachProvider';
import { clipRingToRect } from '../../engine/geo/clipToRect';
import { multiPolygonToMetric, ringArea, ringsArea, ringsBBox } from '../../engine/geo/metricRings';
import { intersection, union } from '../../engine/geo/clip';
import type { MultiPolygonCoords } from '../../engine/types';

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
  const cell = spacing * spacing;
  for (const p of polygons) {
    if (!(p.households > 0) || !p.rings.length) continue;
    const pts = cellsOf(p.rings, p.bbox, spacing, cell);
    let total = 0;
    for (let i = 2; i < pts.length; i += 3) total += pts[i];
    for (let i = 0; i < pts.length; i += 3) { xs.push(pts[i]); ys.push(pts[i + 1]); ws.push((p.households * pts[i + 2]) / total); cs.push(p.community); }
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), weight: Float64Array.from(ws), community: Int32Array.from(cs), spacing_m: spacing };
}

/**
 * (x, y, area) of every grid cell meeting the rings. Cells an edge's box touches are clipped
 * exactly; the others are wholly in or out, decided by a scanline through their row's centres.
 */
function cellsOf(rings: MetricRings, b: BBox, s: number, cell: number): number[] {
  const gx0 = Math.floor(b[0] / s), gy0 = Math.floor(b[1] / s);
  const nx = Math.floor(b[2] / s) - gx0 + 1, ny = Math.floor(b[3] / s) - gy0 + 1;
  const edge = new Uint8Array(nx * ny);
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [ax, ay] = r[j], [bx, by] = r[i];
      const c0 = Math.floor(Math.min(ax, bx) / s) - gx0, c1 = Math.floor(Math.max(ax, bx) / s) - gx0;
      const r0 = Math.floor(Math.min(ay, by) / s) - gy0, r1 = Math.floor(Math.max(ay, by) / s) - gy0;
      for (let row = Math.max(0, r0); row <= Math.min(ny - 1, r1); row++) for (let col = Math.max(0, c0); col <= Math.min(nx - 1, c1); col++) edge[row * nx + col] = 1;
    }
  }
  const out: number[] = [];
  const cross: number[] = [];
  for (let row = 0; row < ny; row++) {
    const y0 = (gy0 + row) * s, y = y0 + s / 2;
    cross.length = 0;
    for (const r of rings) {
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const a = r[j], c = r[i];
        if ((a[1] > y) !== (c[1] > y)) cross.push(a[0] + ((y - a[1]) * (c[0] - a[0])) / (c[1] - a[1]));
      }
    }
    cross.sort((u, v) => u - v);
    let k = 0;
    for (let col = 0; col < nx; col++) {
      const x0 = (gx0 + col) * s, x = x0 + s / 2;
      while (k < cross.length && cross[k] < x) k++;
      let a: number;
      if (edge[row * nx + col]) {
        const rect: BBox = [x0, y0, x0 + s, y0 + s];
        a = 0;
        for (const ring of rings) { const c = clipRingToRect(ring, rect); if (c.length >= 3) a += ringArea(c); }
        a = Math.min(cell, Math.max(0, a));
      } else a = k % 2 === 1 ? cell : 0;
      if (a > 0) out.push(x, y, a);
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

/** A residential polygon (居住用地 parcel or building) as the coverage basis gives it: households optional. */
export interface ResidentialPolygon {
  geometry: MultiPolygonCoords;
  households?: number | null;
}

/**
 * The residential basis (audit-cli.md, "Coverage basis"): households where people live, not over
 * the whole community. When every residential polygon carries households, each spreads them
 * evenly over its area and each community's households are spread like the residential
 * households inside it (residential-households);
 * otherwise each community's households are spread over the residential land inside it, overlaps
 * counted once (residential-area). A community with no residential land keeps its whole area.
 */
export function residentialDemand(ctx: AuditContext, residential: readonly ResidentialPolygon[], spacing: number): DemandPoints & { basis: 'residential-households' | 'residential-area' } {
  const polys = residential.map((r) => {
    const rings = multiPolygonToMetric(r.geometry, ctx.projection).rings;
    return { rings, bbox: rings.length ? ringsBBox(rings) : ([0, 0, 0, 0] as BBox), area: ringsArea(rings), households: r.households };
  }).filter((p) => p.rings.length && p.area > 0);
  const withHouseholds = polys.length > 0 && polys.every((p) => typeof p.households === 'number' && Number.isFinite(p.households) && p.households >= 0);
  const pieces: WeightedPolygon[] = [];
  for (const c of ctx.communities) {
    const hh = ctx.data.communities[c.index].households ?? 0;
    if (!c.rings.length) continue;
    const near = polys.filter((p) => p.bbox[0] <= c.bbox[2] && p.bbox[2] >= c.bbox[0] && p.bbox[1] <= c.bbox[3] && p.bbox[3] >= c.bbox[1]);
    if (withHouseholds) {
      // The share is of the residential households inside; the objective weighs it by the
      // community's own households (suggest-cli.md), so the pieces are scaled to those.
      const mine: WeightedPolygon[] = [];
      let inside = 0;
      for (const p of near) {
        const part = intersection(c.rings, p.rings);
        const a = ringsArea(part);
        const h = (p.households as number) * (a / p.area);
        if (a > 0 && h > 0) { mine.push({ community: c.index, rings: part, bbox: ringsBBox(part), households: h }); inside += h; }
      }
      if (inside > 0) for (const m of mine) pieces.push({ ...m, households: (hh * m.households) / inside });
      else pieces.push({ community: c.index, rings: c.rings, bbox: c.bbox, households: hh });
    } else {
      const land = near.length ? intersection(c.rings, union(near.flatMap((p) => p.rings))) : [];
      if (ringsArea(land) > 0) pieces.push({ community: c.index, rings: land, bbox: ringsBBox(land), households: hh });
      else pieces.push({ community: c.index, rings: c.rings, bbox: c.bbox, households: hh });
    }
  }
  return { ...weightedPolygonDemand(pieces, spacing), basis: withHouseholds ? 'residential-households' : 'residential-area' };
}
