// Area of a polygon ∩ a union of equal discs, exact for true circles, without building any
// polygon: by Green's theorem the area is ½∮(x dy − y dx) over the boundary of the intersection,
// and that boundary is made of (a) the polygon's edges where they run inside some disc and (b) the
// circles' arcs that run inside the polygon and outside every other disc. Each piece has a closed
// form, so the work is O(k·(k + E)·log) for k discs and E polygon edges, and allocates nothing but
// a few reusable scratch arrays.
//
// The polygon is given as clean oriented rings (outer counter-clockwise, holes clockwise, no
// self-intersections), as the audit's prepared communities are.
import type { FlatRing } from './flatRing';

let evAngle = new Float64Array(256);
let evKind = new Int32Array(256); // −1: polygon crossing (parity flips); else +1 / −2: disc enter / exit
let evOrder = new Uint32Array(256);
let tLo = new Float64Array(64);
let tHi = new Float64Array(64);

function ensureEvents(n: number): void {
  if (evAngle.length >= n) return;
  const m = Math.max(n, 2 * evAngle.length);
  evAngle = new Float64Array(m);
  evKind = new Int32Array(m);
  evOrder = new Uint32Array(m);
}

function ensureIntervals(n: number): void {
  if (tLo.length >= n) return;
  tLo = new Float64Array(2 * n);
  tHi = new Float64Array(2 * n);
}

const TWO_PI = 2 * Math.PI;
/** Where each circle's sweep starts: an angle unlikely to coincide with a vertex or a crossing. */
const START = 0.7137093;

/** Even-odd point in polygon over every ring (boundary cases are measure zero here). */
function insideRings(rings: FlatRing[], x: number, y: number, ox: number, oy: number): boolean {
  let inside = false;
  for (const f of rings) {
    const n = f.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
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
 * ([x0, y0, x1, y1, …], k = centers.length / 2). Coordinates are shifted to `origin` internally
 * for precision.
 */
export function areaInDiscUnion(rings: FlatRing[], centers: ArrayLike<number>, r: number, origin: readonly [number, number]): number {
  const k = centers.length >> 1;
  if (!(r > 0) || k === 0) return 0;
  const [ox, oy] = origin;
  const r2 = r * r;
  let twice = 0; // 2 × area

  // (a) Polygon edges inside the union: per edge, the union of the discs' parameter intervals.
  ensureIntervals(k);
  for (const f of rings) {
    const n = f.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const ax = f[j] - ox, ay = f[j + 1] - oy;
      const ex = f[i] - ox - ax, ey = f[i + 1] - oy - ay;
      const A = ex * ex + ey * ey;
      if (A === 0) continue;
      let m = 0;
      for (let d = 0; d < k; d++) {
        const px = ax - (centers[2 * d] - ox), py = ay - (centers[2 * d + 1] - oy);
        const B = 2 * (ex * px + ey * py);
        const C = px * px + py * py - r2;
        const disc = B * B - 4 * A * C;
        if (disc <= 0) continue;
        const s = Math.sqrt(disc);
        let t0 = (-B - s) / (2 * A), t1 = (-B + s) / (2 * A);
        if (t0 < 0) t0 = 0;
        if (t1 > 1) t1 = 1;
        if (t0 >= t1) continue;
        // Insertion by start, to merge below.
        let q = m++;
        while (q > 0 && tLo[q - 1] > t0) { tLo[q] = tLo[q - 1]; tHi[q] = tHi[q - 1]; q--; }
        tLo[q] = t0; tHi[q] = t1;
      }
      if (m === 0) continue;
      let lo = tLo[0], hi = tHi[0];
      for (let q = 1; q <= m; q++) {
        if (q < m && tLo[q] <= hi) { if (tHi[q] > hi) hi = tHi[q]; continue; }
        // Segment from t = lo to t = hi: x0·y1 − x1·y0.
        const x0 = ax + lo * ex, y0 = ay + lo * ey, x1 = ax + hi * ex, y1 = ay + hi * ey;
        twice += x0 * y1 - x1 * y0;
        if (q < m) { lo = tLo[q]; hi = tHi[q]; }
      }
    }
  }

  // (b) Arcs of each circle inside the polygon and outside every other disc, found by sweeping
  // the circle from START and tracking the polygon parity and the number of other discs covering.
  let edges = 0;
  for (const f of rings) edges += f.length >> 1;
  ensureEvents(2 * (k + edges) + 4);
  for (let c = 0; c < k; c++) {
    const cx = centers[2 * c] - ox, cy = centers[2 * c + 1] - oy;
    const sx = cx + r * Math.cos(START), sy = cy + r * Math.sin(START);
    let cover = 0;
    let duplicate = false;
    let ne = 0;
    for (let d = 0; d < k; d++) {
      if (d === c) continue;
      const dx = centers[2 * d] - ox - cx, dy = centers[2 * d + 1] - oy - cy;
      const D2 = dx * dx + dy * dy;
      if (D2 === 0) {
        // The same disc twice: its boundary counts once, for the first.
        if (d < c) { duplicate = true; break; }
        continue;
      }
      if (D2 >= 4 * r2) continue;
      const D = Math.sqrt(D2);
      const phi = Math.atan2(dy, dx), alpha = Math.acos(D / (2 * r));
      const qx = sx - (cx + dx), qy = sy - (cy + dy);
      if (qx * qx + qy * qy < r2) cover++;
      evAngle[ne] = phi - alpha; evKind[ne++] = 1;
      evAngle[ne] = phi + alpha; evKind[ne++] = -2;
    }
    if (duplicate) continue;
    // Crossings with the polygon's edges, each edge half-open [a, b) so a vertex counts once.
    for (const f of rings) {
      const n = f.length;
      for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
        const ax = f[j] - ox - cx, ay = f[j + 1] - oy - cy;
        const ex = f[i] - ox - cx - ax, ey = f[i + 1] - oy - cy - ay;
        const A = ex * ex + ey * ey;
        if (A === 0) continue;
        const B = 2 * (ex * ax + ey * ay);
        const C = ax * ax + ay * ay - r2;
        const disc = B * B - 4 * A * C;
        if (disc <= 0) continue; // misses, or touches: no change of side
        const s = Math.sqrt(disc);
        const t0 = (-B - s) / (2 * A), t1 = (-B + s) / (2 * A);
        if (t0 >= 0 && t0 < 1) { evAngle[ne] = Math.atan2(ay + t0 * ey, ax + t0 * ex); evKind[ne++] = -1; }
        if (t1 >= 0 && t1 < 1) { evAngle[ne] = Math.atan2(ay + t1 * ey, ax + t1 * ex); evKind[ne++] = -1; }
      }
    }
    let inside = insideRings(rings, sx, sy, ox, oy);
    // Angles relative to START in [0, 2π), sorted.
    for (let e = 0; e < ne; e++) {
      let a = (evAngle[e] - START) % TWO_PI;
      if (a < 0) a += TWO_PI;
      evAngle[e] = a;
      evOrder[e] = e;
    }
    const order = evOrder.subarray(0, ne);
    if (ne > 48) order.sort((p, q) => evAngle[p] - evAngle[q]);
    else {
      for (let p = 1; p < ne; p++) {
        const v = order[p], a = evAngle[v];
        let q = p;
        while (q > 0 && evAngle[order[q - 1]] > a) { order[q] = order[q - 1]; q--; }
        order[q] = v;
      }
    }
    let prev = 0;
    for (let e = 0; e <= ne; e++) {
      const at = e < ne ? evAngle[order[e]] : TWO_PI;
      if (inside && cover === 0 && at > prev) {
        // ∫(x dy − y dx) along the arc from START + prev to START + at.
        const t0 = START + prev, t1 = START + at;
        twice += r * cx * (Math.sin(t1) - Math.sin(t0)) - r * cy * (Math.cos(t1) - Math.cos(t0)) + r2 * (t1 - t0);
      }
      if (e === ne) break;
      const kind = evKind[order[e]];
      if (kind === -1) inside = !inside;
      else if (kind === 1) cover++;
      else cover--;
      prev = at;
    }
  }
  return twice / 2;
}
