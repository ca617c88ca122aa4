// Flat rings for hot loops: [x0, y0, x1, y1, ...] in a Float64Array (no per-vertex allocation).
// Clipping against a convex polygon or a rectangle (Sutherland–Hodgman) ping-pongs between two
// reusable scratch buffers and allocates only the result.
import type { BBox, XY } from '../reach/reachProvider';

export type FlatRing = Float64Array;

let bufA = new Float64Array(1024);
let bufB = new Float64Array(1024);
function ensure(n: number): void {
  if (bufA.length < n) { bufA = new Float64Array(n * 2); bufB = new Float64Array(n * 2); }
}

export function toFlat(ring: XY[]): FlatRing {
  const f = new Float64Array(ring.length * 2);
  for (let i = 0; i < ring.length; i++) { f[2 * i] = ring[i][0]; f[2 * i + 1] = ring[i][1]; }
  return f;
}

export function fromFlat(f: FlatRing): XY[] {
  const out: XY[] = new Array(f.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = [f[2 * i], f[2 * i + 1]];
  return out;
}

/** Rings end to end: ring q spans xy[starts[q] .. starts[q + 1]) (the layout of the kernels' `…At` forms). */
export interface JoinedRings {
  xy: Float64Array;
  starts: Uint32Array;
}

const joined: JoinedRings = { xy: new Float64Array(256), starts: new Uint32Array(16) };

/** `rings` copied end to end into one reused scratch: valid until the next call (copy it to keep it). */
export function joinRings(rings: readonly FlatRing[]): JoinedRings {
  let n = 0;
  for (const f of rings) n += f.length;
  if (joined.xy.length < n) joined.xy = new Float64Array(Math.max(n, 2 * joined.xy.length));
  if (joined.starts.length < rings.length + 1) joined.starts = new Uint32Array(Math.max(rings.length + 1, 2 * joined.starts.length));
  let o = 0;
  joined.starts[0] = 0;
  for (let q = 0; q < rings.length; q++) {
    joined.xy.set(rings[q], o);
    o += rings[q].length;
    joined.starts[q + 1] = o;
  }
  return joined;
}

/** Signed area (CCW positive). */
export function flatArea(f: FlatRing): number {
  const n = f.length;
  let a = 0;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) a += (f[j] - f[i]) * (f[j + 1] + f[i + 1]);
  return a / 2;
}

/**
 * One Sutherland–Hodgman pass: keeps the side where nx·x + ny·y ≥ c. Reads `len` numbers from
 * `src`, writes to `dst`, returns the written length.
 */
function pass(src: Float64Array, len: number, dst: Float64Array, nx: number, ny: number, c: number): number {
  let o = 0;
  let px = src[len - 2], py = src[len - 1];
  let ps = nx * px + ny * py - c;
  for (let i = 0; i < len; i += 2) {
    const x = src[i], y = src[i + 1];
    const s = nx * x + ny * y - c;
    if (s >= 0) {
      if (ps < 0) { const t = ps / (ps - s); dst[o++] = px + t * (x - px); dst[o++] = py + t * (y - py); }
      dst[o++] = x; dst[o++] = y;
    } else if (ps >= 0) {
      const t = ps / (ps - s); dst[o++] = px + t * (x - px); dst[o++] = py + t * (y - py);
    }
    px = x; py = y; ps = s;
  }
  return o;
}

/** `subject` clipped to the convex counter-clockwise `clip`; null when less than a triangle is left. */
export function clipFlatConvex(subject: FlatRing, clip: FlatRing): FlatRing | null {
  const m = clip.length;
  // Clipping n vertices by m convex edges leaves at most n + m vertices.
  ensure(subject.length + m + 8);
  let src = bufA, dst = bufB;
  src.set(subject);
  let len = subject.length;
  for (let e = 0; e < m && len >= 6; e += 2) {
    const ax = clip[e], ay = clip[e + 1];
    const bx = clip[(e + 2) % m], by = clip[(e + 3) % m];
    // Inside = left of a→b: (b−a) × (p−a) ≥ 0 ⇔ −ey·x + ex·y ≥ −ey·ax + ex·ay.
    const ex = bx - ax, ey = by - ay;
    len = pass(src, len, dst, -ey, ex, -ey * ax + ex * ay);
    const t = src; src = dst; dst = t;
  }
  return len >= 6 ? src.slice(0, len) : null;
}

/** `ring` clipped to the rectangle; null when less than a triangle is left. */
export function clipFlatToRect(ring: FlatRing, rect: BBox): FlatRing | null {
  const [x0, y0, x1, y1] = rect;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < ring.length; i += 2) {
    const x = ring[i], y = ring[i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (minX >= x0 && maxX <= x1 && minY >= y0 && maxY <= y1) return ring;
  if (maxX <= x0 || minX >= x1 || maxY <= y0 || minY >= y1) return null;
  ensure(ring.length + 16); // + at most 4 vertices
  let src = bufA, dst = bufB;
  src.set(ring);
  let len = ring.length;
  // Sides to cut, as (nx, ny, c): keep nx·x + ny·y ≥ c.
  const cuts: number[] = [];
  if (minX < x0) cuts.push(1, 0, x0);
  if (maxX > x1) cuts.push(-1, 0, -x1);
  if (minY < y0) cuts.push(0, 1, y0);
  if (maxY > y1) cuts.push(0, -1, -y1);
  for (let k = 0; k < cuts.length && len >= 6; k += 3) {
    len = pass(src, len, dst, cuts[k], cuts[k + 1], cuts[k + 2]);
    const t = src; src = dst; dst = t;
  }
  return len >= 6 ? src.slice(0, len) : null;
}

/** Flat version of convexClip.isConvexCCW (same rule: left turns, no reversal, winds once). */
export function isConvexFlat(f: FlatRing): boolean {
  const n = f.length;
  if (n < 6) return false;
  let flips = 0;
  let lastDx = 0;
  for (let i = 0; i < n; i += 2) {
    const ax = f[i], ay = f[i + 1];
    const bx = f[(i + 2) % n], by = f[(i + 3) % n];
    const cx = f[(i + 4) % n], cy = f[(i + 5) % n];
    const ux = bx - ax, uy = by - ay, vx = cx - bx, vy = cy - by;
    const cross = ux * vy - uy * vx;
    const scale = Math.hypot(ux, uy) * Math.hypot(vx, vy);
    if (cross < -1e-3 * scale) return false;
    if (cross <= 1e-3 * scale && ux * vx + uy * vy < 0) return false;
    if (ux !== 0) {
      if (lastDx !== 0 && Math.sign(ux) !== Math.sign(lastDx)) flips++;
      lastDx = ux;
    }
  }
  return flips <= 2 && flatArea(f) > 0;
}

/** Every vertex of `a` inside the convex counter-clockwise `k` (boundary inclusive). */
export function flatInsideConvex(a: FlatRing, k: FlatRing, tol = 1e-6): boolean {
  const m = k.length;
  for (let e = 0; e < m; e += 2) {
    const ax = k[e], ay = k[e + 1];
    const ex = k[(e + 2) % m] - ax, ey = k[(e + 3) % m] - ay;
    const lim = -tol * Math.hypot(ex, ey);
    for (let i = 0; i < a.length; i += 2) if (ex * (a[i + 1] - ay) - ey * (a[i] - ax) < lim) return false;
  }
  return true;
}

/** Flat version of convexClip.pruneContained. */
export function pruneContainedFlat(pieces: FlatRing[]): FlatRing[] {
  if (pieces.length < 2) return pieces;
  const sorted = pieces.map((r) => ({ r, a: flatArea(r) })).sort((x, y) => y.a - x.a);
  const kept: FlatRing[] = [];
  for (const { r } of sorted) {
    if (kept.some((k) => flatInsideConvex(r, k))) continue;
    kept.push(r);
  }
  return kept;
}
