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
let spare = new Float64Array(64); // clip: the buffer its edges alternate with the destination
let rel = new Float64Array(256); // the polygons' vertices measured from the origin, as xy lays them out
let boxes = new Float64Array(64); // per polygon in sweep order: minX, minY, maxX, maxY
let order = new Int32Array(16); // the polygons by minX (the sweep order)
let raw = new Float64Array(64); // per polygon in input order: its box
let sortKey = new Float64Array(16); // the sweep's keys (minX) while sorting
let visited = 0;
// Per depth: the sum the walk at that depth has found so far.
const sums = new Float64Array(MAX_DEPTH + 2);

/**
 * Receives each intersection the walk finds with area: its ring (ring[0 .. 2 count), measured from
 * the origin, counter-clockwise; overwritten by the walk afterwards) and its sign in the sum
 * (−1 for two polygons, +1 for three, …).
 */
export type IntersectionSink = (ring: Float64Array, count: number, sign: number) => void;
let sink: IntersectionSink | null = null;

function ensure(vertices: number): void {
  const need = 2 * vertices + 16;
  if (spare.length < need) { spare = new Float64Array(2 * need); levels = []; }
  while (levels.length < MAX_DEPTH + 1) levels.push(new Float64Array(spare.length));
}

/** Twice the signed area of the ring f[at .. at + 2n). */
function twiceArea(f: Float64Array, at: number, n: number): number {
  let a = 0;
  for (let i = at, j = at + 2 * n - 2; i < at + 2 * n; j = i, i += 2) a += (f[j] - f[i]) * (f[j + 1] + f[i + 1]);
  return a;
}

/**
 * The ring src[s0 .. s0 + 2n) clipped to the convex counter-clockwise ring rel[c0 .. c1), written
 * to dst; returns the vertex count (below 3: nothing left, and dst not necessarily written). The
 * edges write alternately to dst and a spare buffer, starting with the one that makes the last
 * edge's output land in dst, so no vertex is copied in or out.
 */
function clip(src: Float64Array, s0: number, n: number, c0: number, c1: number, dst: Float64Array): number {
  let a = src, b = ((c1 - c0) >> 1) % 2 === 1 ? dst : spare;
  let from = s0, len = 2 * n;
  for (let e = c0; e < c1 && len >= 6; e += 2) {
    const ax = rel[e], ay = rel[e + 1];
    const e1 = e + 2 < c1 ? e + 2 : c0;
    const ex = rel[e1] - ax, ey = rel[e1 + 1] - ay;
    let o = 0;
    let px = a[from + len - 2], py = a[from + len - 1];
    let ps = ex * (py - ay) - ey * (px - ax);
    for (let i = from; i < from + len; i += 2) {
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
    from = 0;
    const t = b; b = a === src ? (t === dst ? spare : dst) : a; a = t;
  }
  return len >> 1;
}

// The walk's state per depth, kept here instead of on the call stack (the walk is one loop, not a
// recursion): the last polygon visited (sweep order), the sign of the intersections found there,
// the ring's vertex count and its box.
const lastAt = new Int32Array(MAX_DEPTH + 2);
const signAt = new Float64Array(MAX_DEPTH + 2);
const countAt = new Int32Array(MAX_DEPTH + 2);
const boxAt = new Float64Array(4 * (MAX_DEPTH + 2));

/**
 * Σ over the intersections of polygon q (sweep order; its ring rel[at .. at + 2 count)) with each
 * polygon after it in sweep order whose box meets its own, each intersection with each polygon
 * after that one, and so on down, signed (− for a pair, + for a triple, …): depth first, every
 * intersection's own sum added to its parent's right after the intersection's area, so that the
 * sums are those a recursion gives, in its order. The walk at a depth stops at the first polygon
 * starting right of the ring. NaN past the budget or MAX_DEPTH (the whole union is then NaN).
 */
function walkFrom(start: ArrayLike<number>, n: number, q: number, at: number, count: number): number {
  let depth = 0;
  lastAt[0] = q; signAt[0] = -1; countAt[0] = count; sums[0] = 0;
  for (let c = 0; c < 4; c++) boxAt[c] = boxes[4 * q + c];
  for (;;) {
    const cur = depth === 0 ? rel : levels[depth], from = depth === 0 ? at : 0;
    const x0 = boxAt[4 * depth], y0 = boxAt[4 * depth + 1], x1 = boxAt[4 * depth + 2], y1 = boxAt[4 * depth + 3];
    let found = 0;
    let p = lastAt[depth] + 1;
    for (; p < n; p++) {
      if (boxes[4 * p] > x1) break;
      if (boxes[4 * p + 2] < x0 || boxes[4 * p + 1] > y1 || boxes[4 * p + 3] < y0) continue;
      if (++visited > BUDGET || depth + 1 > MAX_DEPTH) return NaN;
      const j = order[p];
      const next = levels[depth + 1];
      const m = clip(cur, from, countAt[depth], start[j], start[j + 1], next);
      if (m < 3) continue;
      const a = twiceArea(next, 0, m);
      if (!(a > 0)) continue;
      sums[depth] += signAt[depth] * a;
      if (sink) sink(next, m, signAt[depth]);
      found = m;
      break;
    }
    if (found) {
      // Down into the intersection just found (levels[depth + 1]); back here at p + 1 afterwards.
      lastAt[depth] = p;
      const next = levels[depth + 1];
      let bx0 = Infinity, by0 = Infinity, bx1 = -Infinity, by1 = -Infinity;
      for (let i = 0; i < 2 * found; i += 2) {
        if (next[i] < bx0) bx0 = next[i];
        if (next[i] > bx1) bx1 = next[i];
        if (next[i + 1] < by0) by0 = next[i + 1];
        if (next[i + 1] > by1) by1 = next[i + 1];
      }
      depth++;
      lastAt[depth] = p; signAt[depth] = -signAt[depth - 1]; countAt[depth] = found; sums[depth] = 0;
      boxAt[4 * depth] = bx0; boxAt[4 * depth + 1] = by0; boxAt[4 * depth + 2] = bx1; boxAt[4 * depth + 3] = by1;
      continue;
    }
    if (depth === 0) return sums[0];
    depth--;
    sums[depth] += sums[depth + 1];
  }
}

/**
 * Twice the area of the union of the convex counter-clockwise rings 0 .. n − 1, ring i spanning
 * xy[start[i] .. start[i + 1]) (no closing vertex), measured from (ox, oy) (a point near them,
 * for precision); NaN when the polygons overlap too much for inclusion–exclusion (see header).
 */
export function convexUnionTwiceArea(xy: Float64Array, start: ArrayLike<number>, n: number, ox: number, oy: number): number {
  if (boxes.length < 4 * n) { boxes = new Float64Array(8 * n); raw = new Float64Array(8 * n); order = new Int32Array(2 * n); sortKey = new Float64Array(2 * n); }
  if (rel.length < start[n]) rel = new Float64Array(2 * start[n]);
  // Every vertex measured from the origin once (the differences each clip and box would take),
  // with each polygon's box.
  let most = 0;
  for (let i = 0; i < n; i++) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    const v0 = start[i], v1 = start[i + 1];
    for (let v = v0; v < v1; v += 2) {
      const x = xy[v] - ox, y = xy[v + 1] - oy;
      rel[v] = x; rel[v + 1] = y;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    if (v1 - v0 > most) most = v1 - v0;
    raw[4 * i] = x0; raw[4 * i + 1] = y0; raw[4 * i + 2] = x1; raw[4 * i + 3] = y1;
  }
  // Clipping a ring by convex rings one after another leaves at most its vertices plus theirs.
  ensure((most >> 1) * (MAX_DEPTH + 2));
  // The sweep order: by minX, ties in input order (insertion sort, a few dozen polygons; the keys
  // moved along with the order so that a comparison reads no box).
  const key = sortKey;
  for (let q = 0; q < n; q++) { key[q] = raw[4 * q]; order[q] = q; }
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
    total += twiceArea(rel, start[i], k);
    total += walkFrom(start, n, q, start[i], k);
    if (Number.isNaN(total)) return NaN;
  }
  return total;
}

/**
 * convexUnionTwiceArea, with every intersection it adds or takes away given to `emit` as it is
 * found: the polygons weighted 1 and their intersections weighted by their signs cover the union
 * exactly once, so Σ sign × (any area measure of a piece) is that measure of the union. NaN (and
 * some intersections given already) where convexUnionTwiceArea gives NaN.
 */
export function convexUnionPieces(xy: Float64Array, start: ArrayLike<number>, n: number, ox: number, oy: number, emit: IntersectionSink): number {
  sink = emit;
  try {
    return convexUnionTwiceArea(xy, start, n, ox, oy);
  } finally {
    sink = null;
  }
}
