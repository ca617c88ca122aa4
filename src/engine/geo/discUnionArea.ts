// Area of a polygon ∩ a union of equal discs, exact for true circles, without building any
// polygon: by Green's theorem the area is ½∮(x dy − y dx) over the boundary of the intersection,
// and that boundary is made of (a) the polygon's edges where they run inside some disc and (b) the
// circles' arcs that run inside the polygon and outside every other disc. Each piece has a closed
// form, so the work is O(k·(k + E)·log) for k discs and E polygon edges, and allocates nothing but
// a few reusable scratch arrays.
//
// Discs whose circle neither crosses the polygon nor holds one of its vertices lie wholly outside
// it (or wholly inside a hole) and are dropped first: they add no arc and cover no edge, and any
// arc of another circle they cover lies outside the polygon. The circles are swept with events
// kept as points on the circle, ordered by a pseudo-angle (monotonic in the angle, no arctangent);
// along an arc ∫(x dy − y dx) = cx·Δ(y − cy) − cy·Δ(x − cx) + r²·Δθ, so only the arcs that count
// need their angle Δθ.
//
// The polygon is given as clean oriented rings (outer counter-clockwise, holes clockwise, no
// self-intersections), as the audit's prepared communities are.
import { joinRings, type FlatRing } from './flatRing';

// One circle's polygon crossings: pseudo-angle from START and index into crossX / crossY, sorted.
let evKey = new Float64Array(64);
let evOrder = new Uint32Array(64);
// The polygon's edges (start relative to the origin, direction).
let edgeAX = new Float64Array(64), edgeAY = new Float64Array(64), edgeEX = new Float64Array(64), edgeEY = new Float64Array(64);
// Each edge's end relative to the origin, as the next edge's start is (the same doubles, so a
// vertex is on the same side of a circle seen from either edge).
let edgeBX = new Float64Array(64), edgeBY = new Float64Array(64);
// Kept discs' centres relative to the origin, and each disc's polygon crossings (points relative
// to its centre), at crossStart[c] … crossStart[c + 1].
let keptX = new Float64Array(64);
let keptY = new Float64Array(64);
let crossStart = new Uint32Array(65);
let crossX = new Float64Array(256);
let crossY = new Float64Array(256);
let nCross = 0;
// Each edge's parts inside a disc: edge, parameter interval; then bucketed by edge into tLo / tHi
// (spanStart: bucket starts, spanFill: filled so far).
let spanEdge = new Uint32Array(256), spanLo = new Float64Array(256), spanHi = new Float64Array(256);
let nSpan = 0;
let spanStart = new Uint32Array(65), spanFill = new Uint32Array(64);
let tLo = new Float64Array(256), tHi = new Float64Array(256);

// One circle's part still to decide: arcs as pseudo-angle intervals with their end points.
let remK0 = new Float64Array(32), remK1 = new Float64Array(32);
let remX0 = new Float64Array(32), remY0 = new Float64Array(32), remX1 = new Float64Array(32), remY1 = new Float64Array(32);
let nRem = 0;

// The arc an operation works on (k0, x0, y0, k1, x1, y1): passed in this array rather than as
// arguments, because a call that is not inlined boxes every floating-point argument, and the
// covering step below runs for every pair of nearby discs.
const arg = new Float64Array(6);

/** Adds the arc in `arg` to the circle's remaining part. */
function pushRem(): void {
  const k0 = arg[0], k1 = arg[3];
  if (!(k1 > k0)) return;
  if (nRem === remK0.length) {
    remK0 = grow(remK0); remK1 = grow(remK1); remX0 = grow(remX0); remY0 = grow(remY0); remX1 = grow(remX1); remY1 = grow(remY1);
  }
  remK0[nRem] = k0; remX0[nRem] = arg[1]; remY0[nRem] = arg[2];
  remK1[nRem] = k1; remX1[nRem] = arg[4]; remY1[nRem] = arg[5];
  nRem++;
}

/** Removes the covered arc in `arg` ([k0, k1], k0 ≤ k1, with its end points) from the circle's remaining part. */
function cutRem(): void {
  const k0 = arg[0], x0 = arg[1], y0 = arg[2], k1 = arg[3], x1 = arg[4], y1 = arg[5];
  if (!(k1 > k0)) return;
  const n = nRem;
  for (let q = 0; q < n; q++) {
    const a = remK0[q], b = remK1[q];
    if (k1 <= a || k0 >= b) continue;
    if (k0 > a) {
      if (k1 < b) {
        // The part after the cut, [k1, b], appended (not visited again by this loop).
        if (nRem === remK0.length) {
          remK0 = grow(remK0); remK1 = grow(remK1); remX0 = grow(remX0); remY0 = grow(remY0); remX1 = grow(remX1); remY1 = grow(remY1);
        }
        remK0[nRem] = k1; remX0[nRem] = x1; remY0[nRem] = y1;
        remK1[nRem] = b; remX1[nRem] = remX1[q]; remY1[nRem] = remY1[q];
        nRem++;
      }
      remK1[q] = k0; remX1[q] = x0; remY1[q] = y0;
    } else if (k1 < b) { remK0[q] = k1; remX0[q] = x1; remY0[q] = y1; }
    else remK1[q] = a; // emptied; compacted below
  }
  let m = 0;
  for (let q = 0; q < nRem; q++) {
    if (remK1[q] > remK0[q]) {
      remK0[m] = remK0[q]; remK1[m] = remK1[q]; remX0[m] = remX0[q]; remY0[m] = remY0[q]; remX1[m] = remX1[q]; remY1[m] = remY1[q];
      m++;
    }
  }
  nRem = m;
}

function ensureEvents(n: number): void {
  if (evKey.length >= n) return;
  const m = Math.max(n, 2 * evKey.length);
  evKey = new Float64Array(m);
  evOrder = new Uint32Array(m);
}

function ensureDiscs(k: number): void {
  if (keptX.length >= k) return;
  keptX = new Float64Array(2 * k);
  keptY = new Float64Array(2 * k);
  crossStart = new Uint32Array(2 * k + 1);
}

function ensureEdges(n: number): void {
  if (edgeAX.length >= n) return;
  edgeAX = new Float64Array(2 * n); edgeAY = new Float64Array(2 * n); edgeEX = new Float64Array(2 * n); edgeEY = new Float64Array(2 * n);
  edgeBX = new Float64Array(2 * n); edgeBY = new Float64Array(2 * n);
  spanStart = new Uint32Array(2 * n + 1); spanFill = new Uint32Array(2 * n);
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(2 * a.length);
  b.set(a);
  return b;
}

function pushCross(x: number, y: number): void {
  if (nCross === crossX.length) { crossX = grow(crossX); crossY = grow(crossY); }
  crossX[nCross] = x; crossY[nCross++] = y;
}

function pushSpan(e: number, lo: number, hi: number): void {
  if (nSpan === spanLo.length) {
    const b = new Uint32Array(2 * nSpan); b.set(spanEdge); spanEdge = b;
    spanLo = grow(spanLo); spanHi = grow(spanHi); tLo = new Float64Array(2 * nSpan); tHi = new Float64Array(2 * nSpan);
  }
  spanEdge[nSpan] = e; spanLo[nSpan] = lo; spanHi[nSpan++] = hi;
}

const TWO_PI = 2 * Math.PI;
/** Where each circle's sweep starts: an angle unlikely to coincide with a vertex or a crossing. */
const START = 0.7137093;
const COS_START = Math.cos(START), SIN_START = Math.sin(START);

/** A pseudo-angle of (x, y) ≠ 0 in [0, 4): increases with the angle from the +x axis. */
function pseudoAngle(x: number, y: number): number {
  if (y >= 0) return x >= 0 ? y / (x + y) : 1 - x / (y - x);
  return x < 0 ? 2 - y / (-x - y) : 3 + x / (x - y);
}
const START_KEY = pseudoAngle(COS_START, SIN_START);

/** Pseudo-angle of (x, y) counted from START, in [0, 4). */
function keyFromStart(x: number, y: number): number {
  const a = pseudoAngle(x, y) - START_KEY;
  return a < 0 ? a + 4 : a;
}

/**
 * The angle (radians) of remaining arc q, counter-clockwise from its start to its end point, given
 * their pseudo-angle difference ∈ [0, 4] (which settles the rounding near 0 and 2π).
 */
function sweep(q: number): number {
  const x0 = remX0[q], y0 = remY0[q], x1 = remX1[q], y1 = remY1[q], dk = remK1[q] - remK0[q];
  let t = Math.atan2(x0 * y1 - y0 * x1, x0 * x1 + y0 * y1);
  if (t < 0) t += TWO_PI;
  if (dk < 2 && t > Math.PI) t -= TWO_PI; // a rounding below zero
  else if (dk > 2 && t < Math.PI) t += TWO_PI; // a rounding above 2π
  return t < 0 ? 0 : t;
}

/** Disc c repeats an earlier disc (the same centre): its boundary counts once, for the first. */
function duplicateOf(c: number, cx: number, cy: number): boolean {
  for (let d = 0; d < c; d++) if (keptX[d] === cx && keptY[d] === cy) return true;
  return false;
}

/** The point insideRings tests (x, y relative to the origin ox, oy), passed as in `arg`. */
const at = new Float64Array(4);

// The polygon being measured: ring q spans ringXY[ringStarts[q] .. ringStarts[q + 1]) for
// ringFrom ≤ q < ringTo (set by areaInDiscUnionAt, read by insideRings).
const NO_XY = new Float64Array(0);
let ringXY: Float64Array = NO_XY;
let ringStarts: ArrayLike<number> = NO_XY;
let ringFrom = 0, ringTo = 0;

/** Even-odd point in polygon over every ring (boundary cases are measure zero here): the point in `at`. */
function insideRings(): boolean {
  const x = at[0], y = at[1], ox = at[2], oy = at[3];
  const f = ringXY;
  let inside = false;
  for (let q = ringFrom; q < ringTo; q++) {
    const s = ringStarts[q], e = ringStarts[q + 1];
    for (let i = s, j = e - 2; i < e; j = i, i += 2) {
      const yi = f[i + 1] - oy, yj = f[j + 1] - oy;
      if ((yi > y) !== (yj > y)) {
        const xi = f[i] - ox, xj = f[j] - ox;
        if (x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * Area (m²) of the rings ∩ the union of the discs of radius r centred at `centers`
 * ([x0, y0, x1, y1, …] up to `end`, k = end / 2). Coordinates are shifted to `origin` internally
 * for precision.
 */
export function areaInDiscUnion(rings: FlatRing[], centers: ArrayLike<number>, r: number, origin: readonly [number, number], end = centers.length): number {
  const j = joinRings(rings);
  return areaInDiscUnionAt(j.xy, j.starts, 0, rings.length, centers, r, origin, end);
}

/**
 * areaInDiscUnion of the rings r0 .. r1 − 1 of a flat store: ring q spans
 * xy[ringStart[q] .. ringStart[q + 1]) (no closing vertex), with no view or array made per ring.
 */
export function areaInDiscUnionAt(
  xy: Float64Array, ringStart: ArrayLike<number>, r0: number, r1: number,
  centers: ArrayLike<number>, r: number, origin: readonly [number, number], end = centers.length,
): number {
  const area = measure(xy, ringStart, r0, r1, centers, r, origin, end);
  ringXY = NO_XY; ringStarts = NO_XY; // the caller's store (one dataset's) is not held past the call
  return area;
}

function measure(
  xy: Float64Array, ringStart: ArrayLike<number>, r0: number, r1: number,
  centers: ArrayLike<number>, r: number, origin: readonly [number, number], end: number,
): number {
  const n0 = end >> 1;
  if (!(r > 0) || n0 === 0) return 0;
  const [ox, oy] = origin;
  const r2 = r * r;
  ringXY = xy; ringStarts = ringStart; ringFrom = r0; ringTo = r1;
  // The polygon's edges relative to the origin: start and direction.
  const f = xy;
  ensureEdges((ringStart[r1] - ringStart[r0]) >> 1);
  ensureDiscs(n0);
  let ne = 0;
  for (let q = r0; q < r1; q++) {
    const s = ringStart[q], e = ringStart[q + 1];
    for (let i = s, j = e - 2; i < e; j = i, i += 2) {
      const ax = f[j] - ox, ay = f[j + 1] - oy, ex = f[i] - f[j], ey = f[i + 1] - f[j + 1];
      if (ex === 0 && ey === 0) continue;
      edgeAX[ne] = ax; edgeAY[ne] = ay; edgeEX[ne] = ex; edgeEY[ne] = ey; edgeBX[ne] = f[i] - ox; edgeBY[ne] = f[i + 1] - oy; ne++;
    }
  }

  // One pass over discs × edges: each disc's crossings with the edges and each edge's part inside
  // each disc. A vertex is inside a disc when its distance is ≤ r (one side for a vertex on the
  // circle, whichever edge asks), and an edge crosses the circle once when its ends are on
  // different sides, twice or not at all when they are on the same side: so the crossings along
  // a circle alternate in and out even where a vertex lies exactly on it. A disc is kept when its
  // circle crosses an edge or holds a vertex (an edge's part inside it implies one or the other).
  let k = 0;
  nCross = 0; nSpan = 0;
  crossStart[0] = 0;
  for (let c = 0; c < n0; c++) {
    const cx = centers[2 * c] - ox, cy = centers[2 * c + 1] - oy;
    let holds = false;
    const first = nCross;
    for (let e = 0; e < ne; e++) {
      const ax = edgeAX[e] - cx, ay = edgeAY[e] - cy, ex = edgeEX[e], ey = edgeEY[e];
      const C = ax * ax + ay * ay - r2;
      const bx = edgeBX[e] - cx, by = edgeBY[e] - cy;
      const inA = C <= 0, inB = bx * bx + by * by - r2 <= 0;
      if (inA) holds = true;
      const A = ex * ex + ey * ey;
      const B = 2 * (ex * ax + ey * ay);
      const disc = B * B - 4 * A * C;
      if (inA !== inB) {
        // One crossing: leaving the disc at the larger root, or entering it at the smaller.
        const s = Math.sqrt(disc > 0 ? disc : 0);
        let t = inA ? (-B + s) / (2 * A) : (-B - s) / (2 * A);
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        pushCross(ax + t * ex, ay + t * ey);
        const lo = inA ? 0 : t, hi = inA ? t : 1;
        if (lo < hi) pushSpan(e, lo, hi);
        continue;
      }
      if (inA) { pushSpan(e, 0, 1); continue; } // both ends inside: the whole edge (a disc is convex)
      if (disc <= 0) continue; // both outside and the line misses, or touches: no change of side
      const s = Math.sqrt(disc);
      const t0 = (-B - s) / (2 * A), t1 = (-B + s) / (2 * A);
      if (t0 > 0 && t1 < 1 && t0 < t1) {
        pushCross(ax + t0 * ex, ay + t0 * ey);
        pushCross(ax + t1 * ex, ay + t1 * ey);
        pushSpan(e, t0, t1);
      }
    }
    if (nCross === first && !holds) {
      at[0] = cx + r * COS_START; at[1] = cy + r * SIN_START; at[2] = ox; at[3] = oy;
      if (!insideRings()) continue;
    }
    keptX[k] = cx; keptY[k] = cy;
    crossStart[++k] = nCross;
  }
  if (k === 0) return 0;
  let twice = 0; // 2 × area

  // (a) Polygon edges inside the union: per edge, the union of its parts inside the discs (the
  // spans bucketed by edge, then merged in order of start).
  if (nSpan > 0) {
    spanStart.fill(0, 0, ne + 1);
    for (let q = 0; q < nSpan; q++) spanStart[spanEdge[q] + 1]++;
    for (let e = 0; e < ne; e++) spanStart[e + 1] += spanStart[e];
    for (let q = 0; q < nSpan; q++) {
      // Insertion by start within the edge's bucket.
      const e = spanEdge[q], from = spanStart[e];
      let at = from + spanFill[e]++;
      const lo = spanLo[q], hi = spanHi[q];
      while (at > from && tLo[at - 1] > lo) { tLo[at] = tLo[at - 1]; tHi[at] = tHi[at - 1]; at--; }
      tLo[at] = lo; tHi[at] = hi;
    }
    for (let e = 0; e < ne; e++) {
      const m0 = spanStart[e], m1 = spanStart[e + 1];
      spanFill[e] = 0;
      if (m0 === m1) continue;
      const ax = edgeAX[e], ay = edgeAY[e], ex = edgeEX[e], ey = edgeEY[e];
      let lo = tLo[m0], hi = tHi[m0];
      for (let q = m0 + 1; q <= m1; q++) {
        if (q < m1 && tLo[q] <= hi) { if (tHi[q] > hi) hi = tHi[q]; continue; }
        // Segment from t = lo to t = hi: x0·y1 − x1·y0.
        const x0 = ax + lo * ex, y0 = ay + lo * ey, x1 = ax + hi * ex, y1 = ay + hi * ey;
        twice += x0 * y1 - x1 * y0;
        if (q < m1) { lo = tLo[q]; hi = tHi[q]; }
      }
    }
  }

  // (b) Arcs of each circle inside the polygon and outside every other disc: the circle's parts
  // inside the polygon (from its crossings, sorted, and the parity at START), minus each other
  // disc's arc in turn (those within r first: they cover the most) until nothing is left.
  const sx0 = r * COS_START, sy0 = r * SIN_START; // the start point, relative to the centre
  for (let c = 0; c < k; c++) {
    const cx = keptX[c], cy = keptY[c];
    const c0 = crossStart[c], c1 = crossStart[c + 1];
    let ne = 0;
    ensureEvents(c1 - c0 + 4);
    for (let q = c0; q < c1; q++) { evKey[ne] = keyFromStart(crossX[q], crossY[q]); evOrder[ne] = q; ne++; }
    for (let p = 1; p < ne; p++) {
      const a = evKey[p], v = evOrder[p];
      let q = p;
      while (q > 0 && evKey[q - 1] > a) { evKey[q] = evKey[q - 1]; evOrder[q] = evOrder[q - 1]; q--; }
      evKey[q] = a; evOrder[q] = v;
    }
    at[0] = cx + sx0; at[1] = cy + sy0; at[2] = ox; at[3] = oy;
    let inside = insideRings();
    nRem = 0;
    let lk = 0, lx = sx0, ly = sy0;
    for (let e = 0; e < ne; e++) {
      const q = evOrder[e];
      if (inside) { arg[0] = lk; arg[1] = lx; arg[2] = ly; arg[3] = evKey[e]; arg[4] = crossX[q]; arg[5] = crossY[q]; pushRem(); }
      inside = !inside;
      lk = evKey[e]; lx = crossX[q]; ly = crossY[q];
    }
    if (inside) { arg[0] = lk; arg[1] = lx; arg[2] = ly; arg[3] = 4; arg[4] = sx0; arg[5] = sy0; pushRem(); }
    if (nRem === 0) continue;
    // Other discs within 2r: those within r first (they cover the most), then the others.
    if (duplicateOf(c, cx, cy)) continue;
    for (let pass = 0; pass < 2 && nRem > 0; pass++) {
      const lo2 = pass === 0 ? 0 : r2, hi2 = pass === 0 ? r2 : 4 * r2;
      for (let d = 0; d < k && nRem > 0; d++) {
        const dx = keptX[d] - cx, dy = keptY[d] - cy;
        const D2 = dx * dx + dy * dy;
        if (D2 === 0 || D2 < lo2 || D2 >= hi2) continue;
        // The circles meet at the centre of the chord ± h along its normal; going counter-clockwise
        // this circle enters the other disc at the first point and leaves it at the second.
        const h = Math.sqrt(r2 / D2 - 0.25);
        const mx = dx / 2, my = dy / 2;
        const x0 = mx + h * dy, y0 = my - h * dx, x1 = mx - h * dy, y1 = my + h * dx;
        const k0 = keyFromStart(x0, y0), k1 = keyFromStart(x1, y1);
        if (k0 <= k1) { arg[0] = k0; arg[1] = x0; arg[2] = y0; arg[3] = k1; arg[4] = x1; arg[5] = y1; cutRem(); }
        else {
          arg[0] = k0; arg[1] = x0; arg[2] = y0; arg[3] = 4; arg[4] = sx0; arg[5] = sy0; cutRem();
          arg[0] = 0; arg[1] = sx0; arg[2] = sy0; arg[3] = k1; arg[4] = x1; arg[5] = y1; cutRem();
        }
      }
    }
    for (let q = 0; q < nRem; q++) {
      // ∫(x dy − y dx) along the arc.
      const px = remX0[q], py = remY0[q], x = remX1[q], y = remY1[q];
      twice += cx * (y - py) - cy * (x - px) + r2 * sweep(q);
    }
  }
  return twice / 2;
}
