// Area of a polygon ∩ the set of points within d of some polygon sources ("green space within
// 300 m", STANDARDS.md §3 greenCoverage / parkCoverage), exact for true round joins, without
// building any buffer polygon (no clipper offset).
//
// Each source's d-buffer P ⊕ D(d) is the union of its interior P, one rectangle per edge (the edge
// swept ±d along its normal) and one disc per convex vertex: a point outside P within d of P has a
// nearest boundary point either inside an edge (then it lies in that edge's rectangle) or at a
// vertex, which must then be convex. Every edge of P lies inside its own rectangle, so the boundary
// of the union is made of rectangle sides and circles only; of those, only each rectangle's outer
// side and each circle's outer arc (between the outward normals of the vertex's two edges) can
// bound the buffer: every other point of them is nearer than d to some point of P.
// As in discUnionArea.ts, the area is ½∮(x dy − y dx) over the boundary of community ∩ union:
// (a) the community's edges where they run inside some primitive, and (b) the outer sides and
// outer arcs where they run inside the community and outside every other primitive. Each piece is
// cut at its intersections with the others (slab clips for rectangles, roots for discs, crossing
// parity for polygons) and integrated in closed form (segments and arcs).
//
// Coincident boundaries: an identical rectangle or disc of two sources (a shared edge or vertex)
// is counted once, for the first; boundary points of an earlier primitive count as inside it
// (tolerance EPS), so overlapping collinear sides are counted once too. Opposite sides cancel.
//
// Rings are clean and oriented (outer counter-clockwise, holes clockwise), as prepared rings are.
import { joinRings, toFlat, type FlatRing } from './flatRing';
import type { MetricRings } from '../reach/reachProvider';

/** One source's primitives at one distance (sourcePrimitives). */
export interface BufferPrimitives {
  readonly d: number;
  /** Per edge: ax, ay, ux, uy (unit direction), L (length), the rectangle's bbox (4), atan2(uy, ux). */
  readonly rects: Float64Array;
  /** Disc centres (convex vertices): x, y. */
  readonly discs: Float64Array;
  /**
   * Per disc, the arc of its circle that can bound the buffer: from the outward normal of the
   * edge ending at the vertex to that of the edge starting there (start angle, counter-clockwise
   * sweep in (0, π)). The rest of the circle lies strictly inside the buffer: from such a point
   * one of the two edges comes nearer than d.
   */
  readonly discArcs: Float64Array;
  /** The source's rings end to end (for the interior): ring q spans ringXY[ringStarts[q] .. ringStarts[q + 1]). */
  readonly ringXY: Float64Array;
  readonly ringStarts: Uint32Array;
  /**
   * One counter-clockwise ring turning left (or straight on) at every vertex: a clean ring, so it
   * is convex, and its d-buffer is convex too, so a community whose every
   * vertex lies within d of the source lies wholly inside that buffer.
   */
  readonly convex: boolean;
  readonly bbox: readonly [number, number, number, number];
}

const R = 10; // numbers per rectangle
/** Boundary points within this distance (m) of an earlier rectangle count as inside it. */
const EPS = 1e-9;
/**
 * A circle tangent to a line to within this relative distance is taken as tangent: it does not
 * cross it. Tangencies are built in (a convex vertex's circle touches its edges' rectangles at
 * their corners), and a rounding error there would cut a sliver of arc of width √(2·error/r)
 * whose boundary integral, unlike its area, is not small.
 */
const TANGENT = 1e-12;
const TWO_PI = 2 * Math.PI;
/** Where each circle's sweep starts: an angle unlikely to coincide with a vertex or a crossing. */
const START = 0.7137093;

const primitiveCache = new WeakMap<MetricRings, Map<number, BufferPrimitives>>();

/** sourcePrimitives of a source's metric rings, kept per rings object and distance (a source is measured against many communities). */
export function cachedSourcePrimitives(rings: MetricRings, d: number): BufferPrimitives {
  let m = primitiveCache.get(rings);
  if (!m) { m = new Map(); primitiveCache.set(rings, m); }
  let p = m.get(d);
  if (!p) { p = sourcePrimitives(rings.map(toFlat), d); m.set(d, p); }
  return p;
}

/** The rectangles and discs whose union with the interior is the source's d-buffer. */
export function sourcePrimitives(rings: FlatRing[], d: number): BufferPrimitives {
  let edges = 0;
  for (const f of rings) edges += f.length >> 1;
  const rects = new Float64Array(R * edges);
  const discs: number[] = [];
  const arcs: number[] = [];
  let e = 0;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  let convex = rings.length === 1 && rings[0].length >= 6;
  for (const f of rings) {
    const n = f.length;
    for (let i = 0; i < n; i += 2) {
      const ax = f[i], ay = f[i + 1];
      const j = i + 2 < n ? i + 2 : 0;
      const dx = f[j] - ax, dy = f[j + 1] - ay;
      const L = Math.hypot(dx, dy);
      const o = R * e;
      rects[o] = ax; rects[o + 1] = ay;
      rects[o + 2] = L > 0 ? dx / L : 1; rects[o + 3] = L > 0 ? dy / L : 0; rects[o + 4] = L;
      // Corners a ± d·n, b ± d·n.
      const nx = -rects[o + 3] * d, ny = rects[o + 2] * d;
      rects[o + 5] = Math.min(ax, f[j]) - Math.abs(nx); rects[o + 6] = Math.min(ay, f[j + 1]) - Math.abs(ny);
      rects[o + 7] = Math.max(ax, f[j]) + Math.abs(nx); rects[o + 8] = Math.max(ay, f[j + 1]) + Math.abs(ny);
      rects[o + 9] = Math.atan2(rects[o + 3], rects[o + 2]);
      if (ax < x0) x0 = ax; if (ax > x1) x1 = ax; if (ay < y0) y0 = ay; if (ay > y1) y1 = ay;
      // Vertex i is convex when the turn from the previous edge to this one is to the left.
      const p = i === 0 ? n - 2 : i - 2;
      const cross = (ax - f[p]) * dy - (ay - f[p + 1]) * dx;
      if (cross > 0) {
        discs.push(ax, ay);
        // Outward normals (to the right of each edge): (vy, −vx).
        const a0 = Math.atan2(-(ax - f[p]), ay - f[p + 1]);
        let sweep = Math.atan2(-dx, dy) - a0;
        if (sweep < 0) sweep += TWO_PI;
        arcs.push(a0, sweep);
      } else if (cross < 0 || (ax - f[p]) * dx + (ay - f[p + 1]) * dy < 0) convex = false; // a right turn, or a spike
      e++;
    }
  }
  const j = joinRings(rings);
  const ringStarts = j.starts.slice(0, rings.length + 1), ringXY = j.xy.slice(0, ringStarts[rings.length]);
  return { d, rects, discs: Float64Array.from(discs), discArcs: Float64Array.from(arcs), ringXY, ringStarts, bbox: [x0 - d, y0 - d, x1 + d, y1 + d], convex };
}

// ---------------------------------------------------------------------------------------------
// Scratch: the primitives kept for one call, and the intervals of one piece.

let kRect = new Float64Array(R * 64); // kept rectangles (same layout)
let kDisc = new Float64Array(2 * 64);
let kArc = new Float64Array(2 * 64); // kept discs' arcs (discArcs)
let remLo = new Float64Array(64), remHi = new Float64Array(64); // the piece's part still to decide
let nRem = 0;
let cuts = new Float64Array(64); // crossing parameters of one piece with one ring set
const arcLo = new Float64Array(16), arcHi = new Float64Array(16), tmpLo = new Float64Array(16), tmpHi = new Float64Array(16);

function growRects(n: number): void {
  if (kRect.length >= R * n) return;
  const m = Math.max(n, (2 * kRect.length) / R);
  const a = new Float64Array(R * m); a.set(kRect); kRect = a;
}
function growDiscs(n: number): void {
  if (kDisc.length >= 2 * n) return;
  const a = new Float64Array(Math.max(2 * n, 2 * kDisc.length)); a.set(kDisc); kDisc = a;
  const b = new Float64Array(a.length); b.set(kArc); kArc = b;
}
/** Adds [lo, hi] to the piece's remaining part (before any cover). */
function pushRem(lo: number, hi: number): void {
  if (!(hi > lo)) return;
  if (nRem === remLo.length) {
    const a = new Float64Array(2 * nRem); a.set(remLo); remLo = a;
    const b = new Float64Array(2 * nRem); b.set(remHi); remHi = b;
  }
  remLo[nRem] = lo; remHi[nRem++] = hi;
}
/** Removes the covered interval [lo, hi] from the piece's remaining part. */
function cover(lo: number, hi: number): void {
  if (!(hi > lo)) return;
  const n = nRem;
  for (let q = 0; q < n; q++) {
    const a = remLo[q], b = remHi[q];
    if (hi <= a || lo >= b) continue;
    if (lo > a) {
      remHi[q] = lo;
      if (hi < b) pushRem(hi, b);
    } else if (hi < b) remLo[q] = hi;
    else remHi[q] = a; // emptied; compacted below
  }
  let m = 0;
  for (let q = 0; q < nRem; q++) if (remHi[q] > remLo[q]) { remLo[m] = remLo[q]; remHi[m++] = remHi[q]; }
  nRem = m;
}
let nCut = 0;
function pushCut(t: number): void {
  if (nCut === cuts.length) { const a = new Float64Array(2 * nCut); a.set(cuts); cuts = a; }
  cuts[nCut++] = t;
}
function sortCuts(): void {
  for (let p = 1; p < nCut; p++) {
    const v = cuts[p];
    let q = p;
    while (q > 0 && cuts[q - 1] > v) { cuts[q] = cuts[q - 1]; q--; }
    cuts[q] = v;
  }
}

// ---------------------------------------------------------------------------------------------
// Crossings of one piece with a set of rings (even-odd), as sorted cuts plus the parity at the start.

// The segment p + t·(ex, ey) (px, py, ex, ey) and the circle (cx, cy, r) that the helpers below
// work on: passed in these arrays rather than as arguments, because a call that is not inlined
// boxes every floating-point argument, and these run for every piece of every community.
const seg = new Float64Array(4);
const circ = new Float64Array(3);

/**
 * The rings q0 .. q1 − 1 of a flat layout (ring q spans xy[starts[q] .. starts[q + 1]), no closing
 * vertex): a source's (BufferPrimitives ringXY / ringStarts) or the community's (areaInBufferUnionAt).
 * Segment `seg` against them: cuts in (0, 1) and whether p is inside (by the ray towards t → −∞).
 */
function segmentCuts(f: Float64Array, starts: ArrayLike<number>, q0: number, q1: number): boolean {
  const px = seg[0], py = seg[1], ex = seg[2], ey = seg[3];
  nCut = 0;
  let before = 0;
  for (let q = q0; q < q1; q++) {
    const s = starts[q], n = starts[q + 1];
    let jx = f[n - 2], jy = f[n - 1];
    let sj = ex * (jy - py) - ey * (jx - px) > 0;
    for (let i = s; i < n; i += 2) {
      const ix = f[i], iy = f[i + 1];
      const si = ex * (iy - py) - ey * (ix - px) > 0;
      if (si !== sj) {
        const fx = ix - jx, fy = iy - jy;
        const t = ((jx - px) * fy - (jy - py) * fx) / (ex * fy - ey * fx);
        if (t <= 0) before++;
        else if (t < 1) pushCut(t);
      }
      jx = ix; jy = iy; sj = si;
    }
  }
  sortCuts();
  return (before & 1) === 1;
}

/** Even-odd point in the rings q0 .. q1 − 1 of a flat layout (segmentCuts). */
function insideRings(f: Float64Array, starts: ArrayLike<number>, q0: number, q1: number, x: number, y: number): boolean {
  let inside = false;
  for (let q = q0; q < q1; q++) {
    const s = starts[q], n = starts[q + 1];
    for (let i = s, j = n - 2; i < n; j = i, i += 2) {
      const yi = f[i + 1], yj = f[j + 1];
      if ((yi > y) !== (yj > y)) {
        const xi = f[i], xj = f[j];
        if (x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
      }
    }
  }
  return inside;
}

/** Circle `circ` swept from START against the rings q0 .. q1 − 1 of a flat layout: cuts as angles in (0, 2π) from START; parity at START. */
function circleCuts(f: Float64Array, starts: ArrayLike<number>, q0: number, q1: number): boolean {
  const cx = circ[0], cy = circ[1], r = circ[2];
  nCut = 0;
  const r2 = r * r;
  for (let q = q0; q < q1; q++) {
    const s = starts[q], n = starts[q + 1];
    let jx = f[n - 2] - cx, jy = f[n - 1] - cy;
    let inJ = jx * jx + jy * jy < r2;
    for (let i = s; i < n; i += 2) {
      const ix = f[i] - cx, iy = f[i + 1] - cy;
      const inI = ix * ix + iy * iy < r2;
      if (!(inI && inJ)) {
        const ex = ix - jx, ey = iy - jy;
        const A = ex * ex + ey * ey;
        const B = 2 * (ex * jx + ey * jy);
        const C = jx * jx + jy * jy - r2;
        const disc = B * B - 4 * A * C;
        // The vertices' sides decide how many crossings there are (keeping the parity
        // consistent); the roots only where.
        if (inI !== inJ) {
          const s = disc > 0 ? Math.sqrt(disc) : 0;
          const t = inJ ? (-B + s) / (2 * A) : (-B - s) / (2 * A);
          const tc = t < 0 ? 0 : t > 1 ? 1 : t;
          pushAngle(jx + tc * ex, jy + tc * ey);
        } else if (A > 0 && disc > 0) {
          const s = Math.sqrt(disc);
          const t0 = (-B - s) / (2 * A), t1 = (-B + s) / (2 * A);
          if (t0 > 0 && t1 < 1) { pushAngle(jx + t0 * ex, jy + t0 * ey); pushAngle(jx + t1 * ex, jy + t1 * ey); }
        }
      }
      jx = ix; jy = iy; inJ = inI;
    }
  }
  sortCuts();
  return insideRings(f, starts, q0, q1, cx + r * Math.cos(START), cy + r * Math.sin(START));
}

function pushAngle(x: number, y: number): void {
  let a = (Math.atan2(y, x) - START) % TWO_PI;
  if (a < 0) a += TWO_PI;
  pushCut(a);
}

/** The inside parts of [0, end) from the sorted cuts and the parity at 0: covers them. */
function cutsToCover(inside: boolean, end: number): void {
  let lo = 0;
  for (let q = 0; q < nCut; q++) {
    if (inside) cover(lo, cuts[q]);
    inside = !inside;
    lo = cuts[q];
  }
  if (inside) cover(lo, end);
}

/** The inside parts of [0, end) from the sorted cuts and the parity at 0: the piece's remaining part. */
function cutsToRem(inside: boolean, end: number): void {
  nRem = 0;
  let lo = 0;
  for (let q = 0; q < nCut; q++) {
    if (inside) pushRem(lo, cuts[q]);
    inside = !inside;
    lo = cuts[q];
  }
  if (inside) pushRem(lo, end);
}

// ---------------------------------------------------------------------------------------------
// Coverage of a circle by a rectangle: up to four arcs, by intersecting the four half-planes'
// arcs (each a circular interval), as angles in [0, 2π) from START.

let nArc = 0;
function arcIntersect(centre: number, half: number): void {
  // Intersect the current arcs with the circular interval centre ± half (0 < half < π).
  let lo = (centre - half - START) % TWO_PI;
  if (lo < 0) lo += TWO_PI;
  const hi = lo + 2 * half;
  let m = 0;
  for (let q = 0; q < nArc; q++) {
    const a = arcLo[q], b = arcHi[q];
    // [lo, hi] and its copy shifted by −2π.
    let x = Math.max(a, lo), y = Math.min(b, hi);
    if (y > x) { tmpLo[m] = x; tmpHi[m++] = y; }
    x = Math.max(a, lo - TWO_PI); y = Math.min(b, hi - TWO_PI);
    if (y > x) { tmpLo[m] = x; tmpHi[m++] = y; }
  }
  for (let q = 0; q < m; q++) { arcLo[q] = tmpLo[q]; arcHi[q] = tmpHi[q]; }
  nArc = m;
}
/** Half-plane n·(x − c) > k on the circle around c of radius r, n at angle `dir`. */
function arcHalfPlane(dir: number, k: number, r: number): void {
  if (k <= -r * (1 - TANGENT)) return; // the whole circle
  if (k >= r * (1 - TANGENT)) { nArc = 0; return; }
  arcIntersect(dir, Math.acos(k / r));
}

// The community being measured: ring q spans cXY[cStarts[q] .. cStarts[q + 1]) for
// cFrom ≤ q < cTo (set by areaInBufferUnionAt).
const NO_XY = new Float64Array(0);
let cXY: Float64Array = NO_XY;
let cStarts: ArrayLike<number> = NO_XY;
let cFrom = 0, cTo = 0;

/** The community's bbox, for withinConvexBuffer. */
const bounds = new Float64Array(4);

/**
 * Every vertex of the community lies within d of the convex source `s` (inside it, or within d of
 * one of its edges): the community then lies wholly inside the source's d-buffer, a convex set.
 * `window` is the community's bbox.
 */
function withinConvexBuffer(s: BufferPrimitives, window: Float64Array): boolean {
  const b = s.bbox, w0 = window[0], w1 = window[1], w2 = window[2], w3 = window[3];
  if (w0 < b[0] || w1 < b[1] || w2 > b[2] || w3 > b[3]) return false;
  const rects = s.rects, ne = rects.length / R, d2 = s.d * s.d;
  const f = cXY;
  for (let q = cFrom; q < cTo; q++) {
    for (let i = cStarts[q], n = cStarts[q + 1]; i < n; i += 2) {
      const px = f[i], py = f[i + 1];
      let inside = true, near = Infinity;
      for (let e = 0; e < ne; e++) {
        const o = R * e;
        const rx = px - rects[o], ry = py - rects[o + 1], ux = rects[o + 2], uy = rects[o + 3], L = rects[o + 4];
        const v = -rx * uy + ry * ux;
        if (v >= 0) continue; // on the inner side of this edge: its distance is that to another edge
        inside = false;
        const t = rx * ux + ry * uy;
        const c = t < 0 ? 0 : t > L ? L : t;
        const dx = rx - c * ux, dy = ry - c * uy;
        const q = dx * dx + dy * dy;
        if (q < near) near = q;
      }
      if (!inside && !(near <= d2)) return false;
    }
  }
  return true;
}

/** Area of the community's clean oriented rings (shoelace). */
function wholeArea(): number {
  let a = 0;
  const f = cXY;
  for (let q = cFrom; q < cTo; q++) {
    const s = cStarts[q], n = cStarts[q + 1];
    for (let i = s, j = n - 2; i < n; j = i, i += 2) a += f[j] * f[i + 1] - f[i] * f[j + 1];
  }
  return a / 2;
}

// ---------------------------------------------------------------------------------------------

// The kept primitives' count, distance and interiors for the current call (module scratch).
let kNr = 0, kNd = 0, kNp = 0, kD = 0;
const kPolys: (BufferPrimitives | null)[] = []; // sources whose interiors count (0 .. kNp − 1)

/**
 * Removes from the remaining part of the segment `seg` (p + t·(ex, ey), t ∈ [0, 1]) what the kept
 * primitives cover, except `selfRect` / `selfDisc`; earlier rectangles (index < self) include
 * their boundary. Stops as soon as nothing remains.
 */
function coverSegment(selfRect: number, selfDisc: number): void {
  const px = seg[0], py = seg[1], ex = seg[2], ey = seg[3];
  const d = kD, d2 = d * d;
  const sx0 = Math.min(px, px + ex), sx1 = Math.max(px, px + ex), sy0 = Math.min(py, py + ey), sy1 = Math.max(py, py + ey);
  for (let q = 0; q < kNr; q++) {
    if (q === selfRect) continue;
    const o = R * q;
    if (kRect[o + 5] > sx1 || kRect[o + 7] < sx0 || kRect[o + 6] > sy1 || kRect[o + 8] < sy0) continue;
    const eps = selfRect >= 0 && q < selfRect ? -EPS : 0;
    const ux = kRect[o + 2], uy = kRect[o + 3], L = kRect[o + 4];
    // Local frame: s along the edge (0..L), w along its left normal (−d..d).
    const rx = px - kRect[o], ry = py - kRect[o + 1];
    const s0 = rx * ux + ry * uy, ds = ex * ux + ey * uy;
    const v0 = -rx * uy + ry * ux, dv = -ex * uy + ey * ux;
    let lo = 0, hi = 1;
    // eps < s < L − eps, −d + eps < w < d − eps.
    if (ds === 0) { if (!(s0 > eps && s0 < L - eps)) continue; } else {
      let a = (eps - s0) / ds, b = (L - eps - s0) / ds;
      if (a > b) { const t = a; a = b; b = t; }
      if (a > lo) lo = a; if (b < hi) hi = b;
    }
    if (dv === 0) { if (!(v0 > -d + eps && v0 < d - eps)) continue; } else {
      let a = (-d + eps - v0) / dv, b = (d - eps - v0) / dv;
      if (a > b) { const t = a; a = b; b = t; }
      if (a > lo) lo = a; if (b < hi) hi = b;
    }
    cover(lo, hi);
    if (nRem === 0) return;
  }
  const A = ex * ex + ey * ey;
  for (let q = 0; q < kNd; q++) {
    if (q === selfDisc) continue;
    const fx = px - kDisc[2 * q], fy = py - kDisc[2 * q + 1];
    const B = 2 * (ex * fx + ey * fy), C = fx * fx + fy * fy - d2;
    const disc = B * B - 4 * A * C;
    if (disc <= TANGENT * B * B) continue; // misses, or touches (see TANGENT)
    const sq = Math.sqrt(disc);
    cover((-B - sq) / (2 * A), (-B + sq) / (2 * A));
    if (nRem === 0) return;
  }
  for (let pi = 0; pi < kNp; pi++) {
    const p = kPolys[pi]!;
    cutsToCover(segmentCuts(p.ringXY, p.ringStarts, 0, p.ringStarts.length - 1), 1);
    if (nRem === 0) return;
  }
}

/** The same for the circle `circ` around kept disc `self` (angles from START). */
function coverCircle(self: number): void {
  const cx = circ[0], cy = circ[1];
  const d = kD, d2 = d * d;
  for (let q = 0; q < kNd; q++) {
    if (q === self) continue;
    const dx = kDisc[2 * q] - cx, dy = kDisc[2 * q + 1] - cy;
    const D2 = dx * dx + dy * dy;
    if (D2 >= 4 * d2) continue;
    if (D2 < EPS * EPS) { if (q < self) { nRem = 0; return; } continue; }
    const phi = Math.atan2(dy, dx), alpha = Math.acos(Math.sqrt(D2) / (2 * d));
    let lo = (phi - alpha - START) % TWO_PI;
    if (lo < 0) lo += TWO_PI;
    const hi = lo + 2 * alpha;
    if (hi <= TWO_PI) cover(lo, hi);
    else { cover(lo, TWO_PI); cover(0, hi - TWO_PI); }
    if (nRem === 0) return;
  }
  for (let q = 0; q < kNr; q++) {
    const o = R * q;
    if (kRect[o + 5] > cx + d || kRect[o + 7] < cx - d || kRect[o + 6] > cy + d || kRect[o + 8] < cy - d) continue;
    const ux = kRect[o + 2], uy = kRect[o + 3], L = kRect[o + 4];
    const rx = cx - kRect[o], ry = cy - kRect[o + 1];
    const s0 = rx * ux + ry * uy, v0 = -rx * uy + ry * ux;
    const a = kRect[o + 9];
    // Boundary points of the circle's own source edges (tangent sides) are measure zero.
    nArc = 1; arcLo[0] = 0; arcHi[0] = TWO_PI;
    arcHalfPlane(a, -s0, d); // s > 0
    if (nArc) arcHalfPlane(a + Math.PI, s0 - L, d); // s < L
    if (nArc) arcHalfPlane(a + Math.PI / 2, -d - v0, d); // w > −d
    if (nArc) arcHalfPlane(a - Math.PI / 2, v0 - d, d); // w < d
    for (let m = 0; m < nArc; m++) cover(arcLo[m], arcHi[m]);
    if (nRem === 0) return;
  }
  for (let pi = 0; pi < kNp; pi++) {
    const p = kPolys[pi]!;
    cutsToCover(circleCuts(p.ringXY, p.ringStarts, 0, p.ringStarts.length - 1), TWO_PI);
    if (nRem === 0) return;
  }
}

/**
 * Area (m²) of `community` ∩ the union of the d-buffers of `sources` (sourcePrimitives, all at the
 * same d). `origin` is a point near the community, for precision of the boundary integral.
 */
export function areaInBufferUnion(community: FlatRing[], sources: readonly BufferPrimitives[], origin: readonly [number, number]): number {
  const j = joinRings(community);
  return areaInBufferUnionAt(j.xy, j.starts, 0, community.length, sources, origin);
}

/**
 * areaInBufferUnion of the rings r0 .. r1 − 1 of a flat store: ring q spans
 * xy[ringStart[q] .. ringStart[q + 1]) (no closing vertex), with no view or array made per ring.
 */
export function areaInBufferUnionAt(
  xy: Float64Array, ringStart: ArrayLike<number>, r0: number, r1: number,
  sources: readonly BufferPrimitives[], origin: readonly [number, number],
): number {
  const area = measure(xy, ringStart, r0, r1, sources, origin);
  // Nothing of the caller's data is held past the call (a store or a source belongs to one dataset).
  cXY = NO_XY; cStarts = NO_XY;
  kPolys.fill(null, 0, kNp);
  return area;
}

function measure(
  xy: Float64Array, ringStart: ArrayLike<number>, r0: number, r1: number,
  sources: readonly BufferPrimitives[], origin: readonly [number, number],
): number {
  if (!sources.length || r1 <= r0) return 0;
  cXY = xy; cStarts = ringStart; cFrom = r0; cTo = r1;
  const f = xy;
  const d = sources[0].d;
  const [ox, oy] = origin;
  // The community's window: only primitives meeting it can cover or bound anything inside.
  let w0 = Infinity, w1 = Infinity, w2 = -Infinity, w3 = -Infinity;
  for (let q = r0; q < r1; q++) {
    for (let i = ringStart[q], n = ringStart[q + 1]; i < n; i += 2) {
      if (f[i] < w0) w0 = f[i]; if (f[i] > w2) w2 = f[i];
      if (f[i + 1] < w1) w1 = f[i + 1]; if (f[i + 1] > w3) w3 = f[i + 1];
    }
  }
  // A convex source whose buffer holds every vertex holds all of the community.
  bounds[0] = w0; bounds[1] = w1; bounds[2] = w2; bounds[3] = w3;
  for (const s of sources) if (s.convex && withinConvexBuffer(s, bounds)) return wholeArea();
  w0 -= EPS; w1 -= EPS; w2 += EPS; w3 += EPS;
  let nr = 0, nd = 0;
  for (const s of sources) {
    const b = s.bbox;
    if (b[0] > w2 || b[2] < w0 || b[1] > w3 || b[3] < w1) continue;
    const ne = s.rects.length / R;
    growRects(nr + ne);
    for (let e = 0; e < ne; e++) {
      const o = R * e;
      if (s.rects[o + 5] > w2 || s.rects[o + 7] < w0 || s.rects[o + 6] > w3 || s.rects[o + 8] < w1 || !(s.rects[o + 4] > 0)) continue;
      // An identical rectangle (the same edge of a neighbouring source, either way round) counts once.
      const ax = s.rects[o], ay = s.rects[o + 1], L = s.rects[o + 4];
      const bx = ax + L * s.rects[o + 2], by = ay + L * s.rects[o + 3];
      let dup = false;
      for (let q = 0; q < nr && !dup; q++) {
        const p = R * q;
        if (Math.abs(kRect[p + 4] - L) > EPS) continue;
        const qx = kRect[p], qy = kRect[p + 1], rx = qx + kRect[p + 4] * kRect[p + 2], ry = qy + kRect[p + 4] * kRect[p + 3];
        dup = (Math.abs(qx - ax) < EPS && Math.abs(qy - ay) < EPS && Math.abs(rx - bx) < EPS && Math.abs(ry - by) < EPS)
          || (Math.abs(qx - bx) < EPS && Math.abs(qy - by) < EPS && Math.abs(rx - ax) < EPS && Math.abs(ry - ay) < EPS);
      }
      if (dup) continue;
      for (let m = 0, p = R * nr++; m < R; m++) kRect[p + m] = s.rects[o + m];
    }
    const nv = s.discs.length >> 1;
    growDiscs(nd + nv);
    for (let v = 0; v < nv; v++) {
      const x = s.discs[2 * v], y = s.discs[2 * v + 1];
      if (x - d > w2 || x + d < w0 || y - d > w3 || y + d < w1) continue;
      kDisc[2 * nd] = x; kDisc[2 * nd + 1] = y;
      kArc[2 * nd] = s.discArcs[2 * v]; kArc[2 * nd + 1] = s.discArcs[2 * v + 1];
      nd++;
    }
  }
  // The interiors of sources that meet the window (far from their boundary only P covers).
  kNp = 0;
  for (const s of sources) {
    const b = s.bbox;
    if (b[0] + d > w2 || b[2] - d < w0 || b[1] + d > w3 || b[3] - d < w1) continue;
    kPolys[kNp++] = s;
  }
  if (nr === 0 && nd === 0 && kNp === 0) return 0;
  kNr = nr; kNd = nd; kD = d;
  // A rectangle or disc holding every vertex of the community holds all of it (both are convex).
  for (let q = 0; q < nr; q++) {
    const o = R * q, ax = kRect[o], ay = kRect[o + 1], ux = kRect[o + 2], uy = kRect[o + 3], L = kRect[o + 4];
    if (kRect[o + 5] > w0 || kRect[o + 7] < w2 || kRect[o + 6] > w1 || kRect[o + 8] < w3) continue;
    let all = true;
    for (let c = r0; c < r1; c++) {
      for (let i = ringStart[c], n = ringStart[c + 1]; i < n && all; i += 2) {
        const rx = f[i] - ax, ry = f[i + 1] - ay, s = rx * ux + ry * uy, v = -rx * uy + ry * ux;
        all = s > 0 && s < L && v > -d && v < d;
      }
      if (!all) break;
    }
    if (all) return wholeArea();
  }
  for (let q = 0; q < nd; q++) {
    const cx = kDisc[2 * q], cy = kDisc[2 * q + 1];
    let all = true;
    for (let c = r0; c < r1; c++) {
      for (let i = ringStart[c], n = ringStart[c + 1]; i < n && all; i += 2) all = (f[i] - cx) ** 2 + (f[i + 1] - cy) ** 2 < d * d;
      if (!all) break;
    }
    if (all) return wholeArea();
  }

  let twice = 0;
  const d2 = d * d;

  // (a) The community's edges inside the union.
  for (let c = r0; c < r1; c++) {
    const s = ringStart[c], n = ringStart[c + 1];
    for (let i = s, j = n - 2; i < n; j = i, i += 2) {
      const ax = f[j], ay = f[j + 1], ex = f[i] - ax, ey = f[i + 1] - ay;
      if (ex === 0 && ey === 0) continue;
      // Covered = the whole edge minus what no primitive covers.
      nRem = 0;
      pushRem(0, 1);
      seg[0] = ax; seg[1] = ay; seg[2] = ex; seg[3] = ey;
      coverSegment(-1, -1);
      const x0 = ax - ox, y0 = ay - oy;
      twice += x0 * (y0 + ey) - (x0 + ex) * y0;
      for (let m = 0; m < nRem; m++) {
        const t0 = remLo[m], t1 = remHi[m];
        const u0 = x0 + t0 * ex, v0 = y0 + t0 * ey, u1 = x0 + t1 * ex, v1 = y0 + t1 * ey;
        twice -= u0 * v1 - u1 * v0;
      }
    }
  }

  // (b) Rectangle sides inside the community and outside every other primitive: only the outer
  // side a − dn → b − dn (n the edge's left normal, towards the polygon's interior). Every other
  // side lies strictly inside the buffer: the inner side at distance d from the edge, on the
  // interior's side, is inside the polygon or nearer than d to where that normal leaves it; an end
  // side is nearer than d to the neighbouring edge (at a reflex vertex) or inside the vertex's disc.
  for (let q = 0; q < nr; q++) {
    const o = R * q;
    if (kRect[o + 5] > w2 || kRect[o + 7] < w0 || kRect[o + 6] > w3 || kRect[o + 8] < w1) continue;
    const ax = kRect[o], ay = kRect[o + 1], ux = kRect[o + 2], uy = kRect[o + 3], L = kRect[o + 4];
    const nx = -uy * d, ny = ux * d;
    const px = ax - nx, py = ay - ny, qx = ax + L * ux - nx, qy = ay + L * uy - ny;
    if (Math.min(px, qx) > w2 || Math.max(px, qx) < w0 || Math.min(py, qy) > w3 || Math.max(py, qy) < w1) continue;
    const ex = qx - px, ey = qy - py;
    seg[0] = px; seg[1] = py; seg[2] = ex; seg[3] = ey;
    cutsToRem(segmentCuts(cXY, cStarts, cFrom, cTo), 1);
    if (nRem === 0) continue;
    coverSegment(q, -1);
    for (let m = 0; m < nRem; m++) {
      const t0 = remLo[m], t1 = remHi[m];
      const x0 = px + t0 * ex - ox, y0 = py + t0 * ey - oy, x1 = px + t1 * ex - ox, y1 = py + t1 * ey - oy;
      twice += x0 * y1 - x1 * y0;
    }
  }

  // (b) Circles inside the community and outside every other primitive.
  for (let q = 0; q < nd; q++) {
    const cx = kDisc[2 * q], cy = kDisc[2 * q + 1];
    if (cx - d > w2 || cx + d < w0 || cy - d > w3 || cy + d < w1) continue;
    circ[0] = cx; circ[1] = cy; circ[2] = d;
    cutsToRem(circleCuts(cXY, cStarts, cFrom, cTo), TWO_PI);
    if (nRem === 0) continue;
    // Only the vertex's outer arc (discArcs) can bound the union.
    let lo = (kArc[2 * q] - START) % TWO_PI;
    if (lo < 0) lo += TWO_PI;
    const hi = lo + kArc[2 * q + 1];
    if (hi <= TWO_PI) { cover(0, lo); cover(hi, TWO_PI); } else cover(hi - TWO_PI, lo);
    if (nRem === 0) continue;
    coverCircle(q);
    const rcx = cx - ox, rcy = cy - oy;
    for (let m = 0; m < nRem; m++) {
      const t0 = START + remLo[m], t1 = START + remHi[m];
      twice += d * rcx * (Math.sin(t1) - Math.sin(t0)) - d * rcy * (Math.cos(t1) - Math.cos(t0)) + d2 * (t1 - t0);
    }
  }
  return twice / 2;
}
