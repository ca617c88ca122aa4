// Area of the union of a few convex polygons by inclusion–exclusion: Σ area − Σ pairwise
// intersections + Σ triple intersections − …, each intersection clipped (Sutherland–Hodgman, in
// doubles) from the previous one, so only the sets of polygons that all overlap are visited (an
// empty intersection ends its branch). Exact up to floating rounding: no vertex is moved to a
// grid, unlike a clipper union. For the residential land of a community (buildings overlapping in
// twos and threes); many mutual overlaps would take exponential time, so the walk gives up after
// a budget of intersections and the caller measures another way.

const MAX_DEPTH = 16;
/** Intersections clipped at most per call. */
const BUDGET = 4096;

let levels: Float64Array[] = []; // per depth: the running intersection's vertices
let tmpA = new Float64Array(64);
let tmpB = new Float64Array(64);
let boxes = new Float64Array(64); // per polygon in sweep order: minX, minY, maxX, maxY
let order = new Int32Array(16); // the polygons by minX (the sweep order)
let raw = new Float64Array(64); // per polygon in input order: its box
let sortKey = new Float64Array(16); // the sweep's keys (minX) while sorting
let visited = 0;

function ensure(vertices: number): void {
  const need = 2 * vertices + 16;
  if (tmpA.length < need) { tmpA = new Float64Array(2 * need); tmpB = new Float64Array(2 * need); levels = []; }
  while (levels.length < MAX_DEPTH + 1) levels.push(new Float64Array(tmpA.length));
}

/** Twice the signed area of the ring f[0 .. 2n). */
function twiceArea(f: Float64Array, n: number): number {
  let a = 0;
  for (let i = 0, j = 2 * n - 2; i < 2 * n; j = i, i += 2) a += (f[j] - f[i]) * (f[j + 1] + f[i + 1]);
  return a;
}

/**
 * The ring src[0 .. 2n) clipped to the convex counter-clockwise ring xy[c0 .. c1), written to
 * dst; returns the vertex count (below 3: nothing left).
 */
function clip(src: Float64Array, n: number, xy: Float64Array, c0: number, c1: number, ox: number, oy: number, dst: Float64Array): number {
  let a = tmpA, b = tmpB;
  for (let i = 0; i < 2 * n; i++) a[i] = src[i];
  let len = 2 * n;
  for (let e = c0; e < c1 && len >= 6; e += 2) {
    const ax = xy[e] - ox, ay = xy[e + 1] - oy;
    const e1 = e + 2 < c1 ? e + 2 : c0;
    const ex = xy[e1] - ox - ax, ey = xy[e1 + 1] - oy - ay;
    let o = 0;
    let px = a[len - 2], py = a[len - 1];
    let ps = ex * (py - ay) - ey * (px - ax);
    for (let i = 0; i < len; i += 2) {
      const x = a[i], y = a[i + 1];
      const s = ex * (y - ay) - ey * (x - ax);
      if ((s >= 0) !== (ps >= 0)) {
        const t = ps / (ps - s);
        b[o++] = px + t * (x - px); b[o++] = py + t * (y - py);
      }
      if (s >= 0) { b[o++] = x; b[o++] = y; }
      px = x; py = y; ps = s;
    }
    len = o;
    const t = a; a = b; b = t;
  }
  for (let i = 0; i < len; i++) dst[i] = a[i];
  return len >> 1;
}

/**
 * Σ over the intersections of the ring at `depth` with each polygon after `last` in sweep order,
 * and so on down (signed); the walk stops at the first polygon starting right of the ring.
 */
function walk(xy: Float64Array, start: ArrayLike<number>, n: number, last: number, depth: number, count: number, ox: number, oy: number, sign: number): number {
  const cur = levels[depth];
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < 2 * count; i += 2) {
    if (cur[i] < x0) x0 = cur[i];
    if (cur[i] > x1) x1 = cur[i];
    if (cur[i + 1] < y0) y0 = cur[i + 1];
    if (cur[i + 1] > y1) y1 = cur[i + 1];
  }
  return walkWithin(xy, start, n, last, depth, count, ox, oy, sign, x0, y0, x1, y1);
}

/** walk, the ring at `depth` having the box x0, y0, x1, y1. */
function walkWithin(
  xy: Float64Array, start: ArrayLike<number>, n: number, last: number, depth: number, count: number, ox: number, oy: number, sign: number,
  x0: number, y0: number, x1: number, y1: number,
): number {
  const cur = levels[depth];
  let sum = 0;
  for (let q = last + 1; q < n; q++) {
    if (boxes[4 * q] > x1) break;
    if (boxes[4 * q + 2] < x0 || boxes[4 * q + 1] > y1 || boxes[4 * q + 3] < y0) continue;
    if (++visited > BUDGET || depth + 1 > MAX_DEPTH) return NaN;
    const j = order[q];
    const m = clip(cur, count, xy, start[j], start[j + 1], ox, oy, levels[depth + 1]);
    if (m < 3) continue;
    const a = twiceArea(levels[depth + 1], m);
    if (!(a > 0)) continue;
    sum += sign * a;
    sum += walk(xy, start, n, q, depth + 1, m, ox, oy, -sign);
  }
  return sum;
}

/**
 * Twice the area of the union of the convex counter-clockwise rings 0 .. n − 1, ring i spanning
 * xy[start[i] .. start[i + 1]) (no closing vertex), measured from (ox, oy) (a point near them,
 * for precision); NaN when the polygons overlap too much for inclusion–exclusion (see header).
 */
export function convexUnionTwiceArea(xy: Float64Array, start: ArrayLike<number>, n: number, ox: number, oy: number): number {
  let most = 0;
  for (let i = 0; i < n; i++) most = Math.max(most, (start[i + 1] - start[i]) >> 1);
  // Clipping a ring by convex rings one after another leaves at most its vertices plus theirs.
  ensure(most * (MAX_DEPTH + 2));
  if (boxes.length < 4 * n) { boxes = new Float64Array(8 * n); raw = new Float64Array(8 * n); order = new Int32Array(2 * n); sortKey = new Float64Array(2 * n); }
  for (let i = 0; i < n; i++) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let v = start[i]; v < start[i + 1]; v += 2) {
      const x = xy[v] - ox, y = xy[v + 1] - oy;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    raw[4 * i] = x0; raw[4 * i + 1] = y0; raw[4 * i + 2] = x1; raw[4 * i + 3] = y1;
    order[i] = i;
  }
  // The sweep order: by minX, ties in input order (insertion sort, a few dozen polygons; the keys
  // moved along with the order so that a comparison reads no box).
  const key = sortKey;
  for (let q = 0; q < n; q++) key[q] = raw[4 * q];
  for (let q = 1; q < n; q++) {
    const i = order[q], x = key[q];
    let p = q - 1;
    for (; p >= 0 && key[p] > x; p--) { order[p + 1] = order[p]; key[p + 1] = key[p]; }
    order[p + 1] = i; key[p + 1] = x;
  }
  for (let q = 0; q < n; q++) for (let c = 0; c < 4; c++) boxes[4 * q + c] = raw[4 * order[q] + c];
  visited = 0;
  let total = 0;
  for (let q = 0; q < n; q++) {
    const i = order[q];
    const k = (start[i + 1] - start[i]) >> 1;
    const f = levels[0];
    for (let v = 0; v < 2 * k; v += 2) { f[v] = xy[start[i] + v] - ox; f[v + 1] = xy[start[i] + v + 1] - oy; }
    total += twiceArea(f, k);
    // The polygon's own box, as walk would find it from the same differences.
    total += walkWithin(xy, start, n, q, 0, k, ox, oy, -1, boxes[4 * q], boxes[4 * q + 1], boxes[4 * q + 2], boxes[4 * q + 3]);
    if (Number.isNaN(total)) return NaN;
  }
  return total;
}
