// Intersection of two convex rings on clipper's integer grid (geo/clip.ts, CLIP_SCALE), as
// clipper's intersection returns it, without clipper: Sutherland–Hodgman in doubles from the grid
// vertices, every vertex then rounded to the grid, repeated and collinear vertices dropped
// (clipper drops them from its output too). The exact intersection of two convex polygons is one
// convex polygon whose vertices are vertices of either ring or crossings of their edges; clipper
// rounds a crossing to the nearest grid point except in a few cases (geo/clipperRules.ts).
// Those crossings are refused (the caller then asks clipper): every vertex kept here is the one
// clipper returns. Only the vertex at which the ring starts may differ.
import { cleanedAsClipper, clipperMayMove, clipperRound } from './clipperRules';

/** Grid coordinates up to this magnitude keep every cross product below 2^53 (exact). */
const EXACT = 2 ** 25;

let bufA = new Float64Array(64);
let bufB = new Float64Array(64);
let riskA = new Uint8Array(32); // per vertex of bufA / bufB: a crossing clipper may round otherwise
let riskB = new Uint8Array(32);
let ys = new Float64Array(32); // every vertex's y: clipper's scanlines

/**
 * The ring f[at .. at + 2n) (grid units, no closing vertex) is convex and counter-clockwise: every turn
 * is left or straight (`strict`: left), it winds once (its x direction changes sign at most twice)
 * and it has positive area; coordinates within ±2^25 so that every test is exact.
 */
export function isConvexOnGrid(f: Float64Array, n: number, at = 0, strict = false): boolean {
  if (n < 3) return false;
  let flips = 0, lastDx = 0, twice = 0;
  // Vertices a, b, c = i, i + 1, i + 2 (mod n), carried along rather than indexed modulo n.
  let ax = f[at], ay = f[at + 1], bx = f[at + 2], by = f[at + 3];
  for (let i = 0, c = at + 4, end = at + 2 * n; i < n; i++, c += 2) {
    if (c === end) c = at;
    const cx = f[c], cy = f[c + 1];
    if (!(Math.abs(ax) <= EXACT && Math.abs(ay) <= EXACT)) return false;
    const ux = bx - ax, uy = by - ay, vx = cx - bx, vy = cy - by;
    const cross = ux * vy - uy * vx;
    if (cross < 0 || (strict && cross === 0)) return false;
    if (cross === 0 && ux * vx + uy * vy < 0) return false; // a spike
    if (ux !== 0) {
      if (lastDx !== 0 && (ux > 0) !== (lastDx > 0)) flips++;
      lastDx = ux;
    }
    twice += ax * by - bx * ay;
    ax = bx; ay = by; bx = cx; by = cy;
  }
  return flips <= 2 && twice > 0;
}

/**
 * The convex counter-clockwise ring `subject` (ns vertices) clipped to the convex counter-clockwise
 * ring `clip` (nc vertices), both on the grid (isConvexOnGrid), written to `out` as grid vertices
 * (counter-clockwise, no repeated or collinear vertex); returns the vertex count, 0 when no area
 * is left, −1 when clipper may round a crossing otherwise (see the header; ask clipper).
 * `out` must hold 2 (ns + nc) numbers.
 */
export function clipConvexOnGrid(subject: Float64Array, ns: number, clip: Float64Array, nc: number, out: Float64Array): number {
  const cap = 2 * (ns + nc) + 8;
  if (bufA.length < cap) {
    bufA = new Float64Array(2 * cap); bufB = new Float64Array(2 * cap);
    riskA = new Uint8Array(cap); riskB = new Uint8Array(cap); ys = new Float64Array(cap);
  }
  let src = bufA, dst = bufB, rs = riskA, rd = riskB;
  for (let i = 0; i < 2 * ns; i++) src[i] = subject[i];
  for (let i = 0; i < ns; i++) { rs[i] = 0; ys[i] = subject[2 * i + 1]; }
  for (let i = 0; i < nc; i++) ys[ns + i] = clip[2 * i + 1];
  const ny = ns + nc;
  let len = 2 * ns;
  for (let e = 0; e < nc && len >= 6; e++) {
    const ax = clip[2 * e], ay = clip[2 * e + 1];
    const e1 = e + 1 < nc ? e + 1 : 0;
    const ex = clip[2 * e1] - ax, ey = clip[2 * e1 + 1] - ay;
    if (ex === 0 && ey === 0) continue;
    // Inside = left of the edge or on it: ex (y − ay) − ey (x − ax) ≥ 0.
    let o = 0;
    let px = src[len - 2], py = src[len - 1];
    let ps = ex * (py - ay) - ey * (px - ax);
    for (let i = 0; i < len; i += 2) {
      const x = src[i], y = src[i + 1];
      const s = ex * (y - ay) - ey * (x - ax);
      if ((s >= 0) !== (ps >= 0)) {
        const t = ps / (ps - s);
        const cx = px + t * (x - px), cy = py + t * (y - py);
        rd[o >> 1] = clipperMayMove(cx, cy, ex, ey, x - px, y - py, ys, ny) ? 1 : 0;
        dst[o++] = cx; dst[o++] = cy;
      }
      if (s >= 0) { rd[o >> 1] = rs[i >> 1]; dst[o++] = x; dst[o++] = y; }
      px = x; py = y; ps = s;
    }
    len = o;
    const t = src; src = dst; dst = t;
    const r = rs; rs = rd; rd = r;
  }
  if (len < 6) return 0;
  for (let i = 0; i < len >> 1; i++) if (rs[i]) return -1;
  // To the grid, then cleaned as clipper cleans its output.
  for (let i = 0; i < len; i++) out[i] = clipperRound(src[i]);
  return cleanedAsClipper(out, len >> 1);
}
