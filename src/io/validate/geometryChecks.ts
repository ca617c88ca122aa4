// Geometry checks before import: wrong type, too few positions, unclosed rings, non-finite or
// out-of-range lon/lat, and ring self-intersections (segment sweep over each ring; touching
// neighbours excluded). Messages only: the caller decides error vs warning.
import type { Position } from '../../engine/types';

export interface GeometryIssue {
  message: string;
  severity: 'error' | 'warning';
}

const finiteLonLat = (p: number[]): boolean => Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;

/** Array nesting of `coordinates` per GeoJSON geometry type (RFC 7946 §3.1). */
const COORDINATE_DEPTH: Record<string, number> = { Point: 1, MultiPoint: 2, LineString: 2, MultiLineString: 3, Polygon: 3, MultiPolygon: 4 };

/** Whether a geometry object has the shape its type requires (coordinates nested as arrays to the
 *  type's depth, GeometryCollection members likewise), before anything walks it; else what is wrong. */
export function geometryShapeError(g: unknown, depth = 0): string | undefined {
  if (g === null || g === undefined) return undefined;
  if (typeof g !== 'object') return 'geometry is not an object';
  const { type } = g as { type?: unknown };
  if (type === 'GeometryCollection') {
    const members = (g as { geometries?: unknown }).geometries;
    if (!Array.isArray(members)) return 'GeometryCollection has no geometries array';
    if (depth > 8) return 'GeometryCollection nested too deep';
    for (const m of members) {
      const e = m === null ? 'a member geometry is null' : geometryShapeError(m, depth + 1);
      if (e) return e;
    }
    return undefined;
  }
  const want = typeof type === 'string' ? COORDINATE_DEPTH[type] : undefined;
  if (want === undefined) return `unknown geometry type ${JSON.stringify(type)}`;
  const walk = (v: unknown, d: number): boolean => {
    if (!Array.isArray(v)) return false;
    if (d === 1) return true;
    for (const x of v) if (!walk(x, d - 1)) return false;
    return true;
  };
  if (!walk((g as { coordinates?: unknown }).coordinates, want)) return `${type} coordinates are missing or not nested ${want} deep`;
  return undefined;
}

export function checkPosition(p: unknown): GeometryIssue | undefined {
  if (!Array.isArray(p) || p.length < 2) return { message: 'position is not [x, y]', severity: 'error' };
  if (!finiteLonLat(p as number[])) return { message: `coordinate (${p[0]}, ${p[1]}) is out of longitude/latitude range`, severity: 'error' };
  return undefined;
}

export function checkLine(line: unknown): GeometryIssue | undefined {
  if (!Array.isArray(line)) return { message: 'line is not an array of positions', severity: 'error' };
  if (line.length < 2) return { message: `line has ${line.length} position(s), needs at least 2`, severity: 'error' };
  for (const p of line) {
    const e = checkPosition(p);
    if (e) return e;
  }
  return undefined;
}

export function checkRing(ring: unknown, which: string): GeometryIssue[] {
  if (!Array.isArray(ring)) return [{ message: `${which} is not an array of positions`, severity: 'error' }];
  for (const p of ring) {
    const e = checkPosition(p);
    if (e) return [{ message: `${which}: ${e.message}`, severity: 'error' }];
  }
  const r = ring as Position[];
  if (r.length < 4) return [{ message: `${which} has ${r.length} positions, a closed ring needs at least 4`, severity: 'error' }];
  const a = r[0];
  const b = r[r.length - 1];
  if (a[0] !== b[0] || a[1] !== b[1]) return [{ message: `${which} is not closed (first position (${a[0]}, ${a[1]}) ≠ last (${b[0]}, ${b[1]}))`, severity: 'error' }];
  const x = selfIntersection(r);
  if (x) return [{ message: `${which} intersects itself near (${x[0].toFixed(6)}, ${x[1].toFixed(6)})`, severity: 'warning' }];
  return [];
}

const orient = (a: Position, b: Position, c: Position) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);

function segmentsCross(p1: Position, p2: Position, p3: Position, p4: Position): boolean {
  const d1 = orient(p3, p4, p1);
  const d2 = orient(p3, p4, p2);
  const d3 = orient(p1, p2, p3);
  const d4 = orient(p1, p2, p4);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return false;
}

/** First proper crossing between two non-adjacent edges of a closed ring, or undefined. Edges
 *  are swept in order of their smallest x (ties in edge order). */
export function selfIntersection(ring: Position[]): Position | undefined {
  const n = ring.length - 1; // edges i: ring[i] → ring[i+1]
  if (n < 4) return undefined;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = Math.min(ring[i][0], ring[i + 1][0]);
    hi[i] = Math.max(ring[i][0], ring[i + 1][0]);
  }
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => lo[a] - lo[b] || a - b);
  for (let s = 0; s < n; s++) {
    const i = idx[s];
    const mx = hi[i];
    for (let t = s + 1; t < n && lo[idx[t]] <= mx; t++) {
      const j = idx[t];
      if (Math.abs(i - j) <= 1 || Math.abs(i - j) === n - 1) continue;
      if (segmentsCross(ring[i], ring[i + 1], ring[j], ring[j + 1])) return ring[i];
    }
  }
  return undefined;
}

/** orient over offsets into flat x, y: the same arithmetic as orient. */
const orientFlat = (f: Float64Array, a: number, b: number, c: number) => (f[b] - f[a]) * (f[c + 1] - f[a + 1]) - (f[b + 1] - f[a + 1]) * (f[c] - f[a]);

/** The largest ring (edges) flatRingClear tests pair by pair; a larger one is left to checkRing. */
const CLEAR_MAX_EDGES = 64;

/**
 * A cheap certificate for a ring in flat x, y (vertices v0 … v1 − 1, closing vertex included):
 * true only when checkRing would report nothing (at least 4 positions, all lon/lat in range,
 * closed, and no two non-adjacent edges crossing by selfIntersection's own test, tried pair by
 * pair). False means "not certified": run checkRing on the ring for the exact issue.
 * `extent` (minX, minY, maxX, maxY) is widened by the ring's vertices, in order, as they are
 * range-checked (the caller's extent test then reads them once); complete only when true is returned.
 */
export function flatRingClear(xy: Float64Array, v0: number, v1: number, extent: Float64Array): boolean {
  const count = v1 - v0;
  if (count === 5) return quadClear(xy, 2 * v0, extent);
  if (count < 4) return false;
  // finiteLonLat as two comparisons per number: NaN and ±Infinity fail them as Number.isFinite does.
  let minX = extent[0], minY = extent[1], maxX = extent[2], maxY = extent[3];
  for (let v = v0; v < v1; v++) {
    const x = xy[2 * v], y = xy[2 * v + 1];
    if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) return false;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  extent[0] = minX; extent[1] = minY; extent[2] = maxX; extent[3] = maxY;
  const a = 2 * v0, b = 2 * (v1 - 1);
  if (xy[a] !== xy[b] || xy[a + 1] !== xy[b + 1]) return false;
  const n = count - 1; // edges i: vertex v0 + i → v0 + i + 1
  if (n < 4) return true;
  if (n > CLEAR_MAX_EDGES) return false;
  for (let i = 0; i < n; i++) {
    const p1 = a + 2 * i, p2 = p1 + 2;
    for (let j = i + 2; j < n; j++) {
      if (j - i === n - 1) continue; // adjacent through the closing vertex
      const p3 = a + 2 * j, p4 = p3 + 2;
      const d1 = orientFlat(xy, p3, p4, p1), d2 = orientFlat(xy, p3, p4, p2), d3 = orientFlat(xy, p1, p2, p3), d4 = orientFlat(xy, p1, p2, p4);
      if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return false;
    }
  }
  return true;
}

/**
 * flatRingClear for a ring of five positions (four edges: most building footprints): the same range
 * test and extent in the same vertex order, the same closing test, and selfIntersection's test on
 * the only two non-adjacent pairs, edges 0 and 2, 1 and 3 (the same orient arithmetic on the same
 * numbers). A function of its own, chosen before flatRingClear's general loop: the same pair tests
 * placed after that loop made the read's cold first call 1.36x slower (residentialFromFlat bench).
 */
function quadClear(xy: Float64Array, a: number, extent: Float64Array): boolean {
  // Math.min / Math.max would not do: the extent's comparisons keep the first of equal values (-0, 0).
  let minX = extent[0], minY = extent[1], maxX = extent[2], maxY = extent[3];
  for (let i = a; i < a + 10; i += 2) {
    const x = xy[i], y = xy[i + 1];
    if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) return false;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  extent[0] = minX; extent[1] = minY; extent[2] = maxX; extent[3] = maxY;
  const x0 = xy[a], y0 = xy[a + 1], x1 = xy[a + 2], y1 = xy[a + 3], x2 = xy[a + 4], y2 = xy[a + 5];
  const x3 = xy[a + 6], y3 = xy[a + 7], x4 = xy[a + 8], y4 = xy[a + 9];
  if (x0 !== x4 || y0 !== y4) return false;
  // Edges 0 (p1 → p2) and 2 (p3 → p4), then 1 and 3, as orientFlat computes each orientation.
  return !quadCross(x0, y0, x1, y1, x2, y2, x3, y3) && !quadCross(x1, y1, x2, y2, x3, y3, x4, y4);
}

/** selfIntersection's proper-crossing test of segments p1 p2 and p3 p4, in orient's arithmetic. */
function quadCross(p1x: number, p1y: number, p2x: number, p2y: number, p3x: number, p3y: number, p4x: number, p4y: number): boolean {
  const d1 = (p4x - p3x) * (p1y - p3y) - (p4y - p3y) * (p1x - p3x);
  const d2 = (p4x - p3x) * (p2y - p3y) - (p4y - p3y) * (p2x - p3x);
  const d3 = (p2x - p1x) * (p3y - p1y) - (p2y - p1y) * (p3x - p1x);
  const d4 = (p2x - p1x) * (p4y - p1y) - (p2y - p1y) * (p4x - p1x);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}
