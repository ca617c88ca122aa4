// lon/lat MultiPolygon ↔ MetricRings (reachProvider.ts): projection, orientation normalised
// (outer CCW, holes CW), signed area, bounding boxes, and regrouping rings into polygons.
import type { MultiPolygonCoords, PolygonCoords, Position, Ring } from '../types';
import type { BBox, MetricRings, XY } from '../reach/reachProvider';
import type { LocalProjection } from './localProjection';
import { CLIP_SCALE, union } from './clip';
import { pointInRing } from './pointInPolygon';

/** Signed area (m²) of one ring without closing vertex (shoelace; CCW positive). */
export function ringArea(r: XY[]): number {
  let a = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += (r[j][0] - r[i][0]) * (r[j][1] + r[i][1]);
  return a / 2;
}

/** Net area of oriented rings (outer positive, holes negative). */
export function ringsArea(rings: MetricRings): number {
  let a = 0;
  for (const r of rings) a += ringArea(r);
  return a;
}

export function ringsBBox(rings: MetricRings): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const r of rings) for (const [x, y] of r) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

function projectRing(ring: Ring, proj: LocalProjection, ccw: boolean): XY[] {
  const n = ring.length;
  // Drop the repeated closing vertex (and consecutive duplicates).
  const out: XY[] = [];
  for (let i = 0; i < n; i++) {
    const p = ring[i];
    if (i === n - 1 && n > 1 && p[0] === ring[0][0] && p[1] === ring[0][1]) break;
    const xy = proj.forward(p);
    const last = out[out.length - 1];
    if (last && last[0] === xy[0] && last[1] === xy[1]) continue;
    out.push(xy);
  }
  if ((ringArea(out) > 0) !== ccw) out.reverse();
  return out;
}

export interface ProjectedGeometry {
  rings: MetricRings;
  /** Problems found (empty when the geometry is valid); the rings are still cleaned and usable. */
  problems: string[];
}

/**
 * Projects a lon/lat MultiPolygon to clean metric rings: orientation normalised, then a non-zero
 * union that resolves self-intersections and overlapping parts. Problems (non-finite or too few
 * coordinates, zero area) are reported, not thrown.
 */
export function multiPolygonToMetric(geometry: MultiPolygonCoords, proj: LocalProjection): ProjectedGeometry {
  const problems: string[] = [];
  const raw: MetricRings = [];
  if (!Array.isArray(geometry)) return { rings: [], problems: ['geometry is not a polygon or multipolygon'] };
  geometry.forEach((polygon: PolygonCoords, pi) => {
    if (!Array.isArray(polygon)) { problems.push(`part ${pi} is not a polygon`); return; }
    polygon.forEach((ring, ri) => {
      if (!Array.isArray(ring) || ring.some((p) => !Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) {
        problems.push(`part ${pi} ring ${ri} has non-numeric coordinates`);
        return;
      }
      const r = projectRing(ring, proj, ri === 0);
      if (r.length < 3) { problems.push(`part ${pi} ring ${ri} has fewer than 3 distinct vertices`); return; }
      raw.push(r);
    });
  });
  if (!raw.length) {
    if (!problems.length) problems.push('empty geometry');
    return { rings: [], problems };
  }
  const rings = raw.length === 1 ? (snappedSimpleRing(raw[0]) ?? union(raw)) : union(raw);
  if (!rings.length || ringsArea(rings) <= 0) problems.push('zero area');
  return { rings, problems };
}

/** Largest ring handled by snappedSimpleRing (its simplicity test is quadratic). */
const SIMPLE_RING_MAX = 64;

const gridRing = new Float64Array(2 * SIMPLE_RING_MAX); // snappedSimpleRing: the ring on the grid

/**
 * What the cleaning union (clip.ts) returns for one counter-clockwise ring that, on clipper's
 * centimetre grid, has no repeated vertex, no three consecutive collinear vertices and no two
 * edges that meet other than at their shared vertex: the same ring snapped to that grid (the
 * union would return it unchanged, up to its first vertex). Null otherwise (the union decides).
 * Exact: the tests use integer centimetres (|x| < 2^26, products < 2^53).
 */
export function snappedSimpleRing(r: XY[]): MetricRings | null {
  const n = r.length;
  if (n < 3 || n > SIMPLE_RING_MAX) return null;
  const g = gridRing;
  for (let i = 0; i < n; i++) {
    g[2 * i] = Math.round(r[i][0] * CLIP_SCALE);
    g[2 * i + 1] = Math.round(r[i][1] * CLIP_SCALE);
  }
  return snappedSimpleRingOnGrid(g, 0, n);
}

/**
 * snappedSimpleRing of a ring already on the grid (each coordinate Math.round(metres × CLIP_SCALE)):
 * its n vertices are g[at .. at + 2n).
 */
export function snappedSimpleRingOnGrid(g: Float64Array, at: number, n: number): MetricRings | null {
  if (!simpleRingOnGrid(g, at, n)) return null;
  const out: XY[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [g[at + 2 * i] / CLIP_SCALE, g[at + 2 * i + 1] / CLIP_SCALE];
  return [out];
}

/**
 * The ring of n grid vertices g[at .. at + 2n) is one the union returns unchanged (up to its first
 * vertex): counter-clockwise, no repeated vertex, no three consecutive collinear vertices, no two
 * edges that meet other than at their shared vertex (snappedSimpleRing's test, no ring built).
 */
export function simpleRingOnGrid(g: Float64Array, at: number, n: number): boolean {
  if (n < 3 || n > SIMPLE_RING_MAX) return false;
  for (let i = at; i < at + 2 * n; i++) if (!(Math.abs(g[i]) < 2 ** 26)) return false;
  let twice = 0;
  for (let i = 0; i < n; i++) {
    const j = i + 1 < n ? i + 1 : i + 1 - n, k = i + 2 < n ? i + 2 : i + 2 - n;
    const xi = g[at + 2 * i], yi = g[at + 2 * i + 1], xj = g[at + 2 * j], yj = g[at + 2 * j + 1], xk = g[at + 2 * k], yk = g[at + 2 * k + 1];
    if (xi === xj && yi === yj) return false;
    if ((xj - xi) * (yk - yj) - (yj - yi) * (xk - xj) === 0) return false;
    twice += xi * yj - xj * yi;
  }
  if (twice <= 0) return false;
  for (let a = 0; a < n; a++) {
    const b = a + 1 < n ? a + 1 : 0;
    for (let c = a + 2; c < n; c++) {
      const d = c + 1 < n ? c + 1 : 0;
      if (d === a) continue; // adjacent through the closing edge
      const o1 = orientOnGrid(g, at, a, b, c), o2 = orientOnGrid(g, at, a, b, d), o3 = orientOnGrid(g, at, c, d, a), o4 = orientOnGrid(g, at, c, d, b);
      if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return false;
      if ((o1 === 0 && withinOnGrid(g, at, a, b, c)) || (o2 === 0 && withinOnGrid(g, at, a, b, d)) || (o3 === 0 && withinOnGrid(g, at, c, d, a)) || (o4 === 0 && withinOnGrid(g, at, c, d, b))) return false;
    }
  }
  return true;
}

/** The turn i → j → k of grid vertices (g[at + 2i], g[at + 2i + 1]): 1 left, −1 right, 0 straight. */
function orientOnGrid(g: Float64Array, at: number, i: number, j: number, k: number): number {
  const xi = g[at + 2 * i], yi = g[at + 2 * i + 1];
  return Math.sign((g[at + 2 * j] - xi) * (g[at + 2 * k + 1] - yi) - (g[at + 2 * j + 1] - yi) * (g[at + 2 * k] - xi));
}

/** Grid vertex k lies in the box of vertices i and j. */
function withinOnGrid(g: Float64Array, at: number, i: number, j: number, k: number): boolean {
  const xi = g[at + 2 * i], yi = g[at + 2 * i + 1], xj = g[at + 2 * j], yj = g[at + 2 * j + 1], xk = g[at + 2 * k], yk = g[at + 2 * k + 1];
  return Math.min(xi, xj) <= xk && xk <= Math.max(xi, xj) && Math.min(yi, yj) <= yk && yk <= Math.max(yi, yj);
}

/** Groups oriented rings into polygons: each hole goes to the smallest outer ring containing it. */
export function groupRings(rings: MetricRings): XY[][][] {
  const outers: { ring: XY[]; area: number; holes: XY[][] }[] = [];
  const holes: XY[][] = [];
  for (const r of rings) {
    const a = ringArea(r);
    if (a > 0) outers.push({ ring: r, area: a, holes: [] });
    else if (a < 0) holes.push(r);
  }
  outers.sort((a, b) => a.area - b.area);
  for (const h of holes) {
    // A hole's vertices may touch its outer ring; test a vertex strictly inside if possible.
    const owner = outers.find((o) => h.some((p) => pointInRing(p, o.ring) === 1)) ?? outers.find((o) => h.every((p) => pointInRing(p, o.ring) >= 0));
    if (owner) owner.holes.push(h);
  }
  return outers.map((o) => [o.ring, ...o.holes]);
}

/** Metric rings → lon/lat MultiPolygon (closed rings, outer CCW, holes CW as in RFC 7946). */
export function metricToMultiPolygon(rings: MetricRings, proj: LocalProjection): MultiPolygonCoords {
  return groupRings(rings).map((poly) =>
    poly.map((r) => {
      const ring: Position[] = r.map((xy) => proj.inverse(xy));
      ring.push([ring[0][0], ring[0][1]]);
      return ring;
    }),
  );
}
