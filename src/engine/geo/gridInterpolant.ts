// A smooth lon/lat → plane mapping evaluated as piecewise bicubic polynomials: the plane around a
// centre is cut into cells of 1/32° × 1/32° anchored on the centre, and each cell holds the
// tensor-product cubic that interpolates the exact mapping at 4 × 4 Chebyshev nodes of that cell.
// A point costs a cell lookup and two 16-term polynomials (about a tenth of the transverse
// Mercator's ~17 transcendental calls); a cell is built the first time a point falls in it
// (16 exact evaluations) and kept, in a table over the fixed window of cells, so memory is bounded.
//
// The result is a deterministic function of (lon, lat) and the centre alone: the cell is
// floor((lon − lon0)·32), floor((lat − lat0)·32), the cell's polynomial depends only on the cell's
// nodes, and the evaluation only on the point and the polynomial — never on what was mapped before,
// in which order, on which thread. So a vertex shared by two layers gets the same doubles twice.
// Points outside the window (more than 2° from the centre in lon or lat, or in a cell reaching
// beyond ±70° latitude) and non-finite input take the exact mapping unchanged.
//
// Bound (used for the local transverse Mercator, localProjection.ts): |Δx|, |Δy| ≤ 1e-8 m against
// the exact mapping, since a cubic's interpolation error on a cell of width h = 1/32° (5.5e-4 rad)
// is ≤ (h/2)⁴·max|∂⁴f|/(2³·4!) per axis ≈ 4e-11 m for |∂⁴f| ≲ 10·R, and what remains is the exact
// mapping's own rounding (~1e-9 m in northing, carried into the nodes, Lebesgue constant ≤ 4);
// the tests measure the maximum (4.3e-9 m) over 1.2M points, cell edges and the window's edge.

/** The exact mapping: writes x, y of (lon, lat) to out[at], out[at + 1]. */
export type ForwardTo = (lon: number, lat: number, out: Float64Array, at: number) => void;

export interface GridInterpolant {
  /** The mapping (interpolated within the window, exact outside): x, y to out[at], out[at + 1]. */
  forwardTo: ForwardTo;
  /** forwardTo for vertices v0 … v1 − 1 of a flat lon/lat array, written from out[at] on. */
  forwardMany(src: Float64Array, v0: number, v1: number, out: Float64Array, at: number): void;
}

/** Cells per degree (a power of two, so that scaling by it is exact). */
export const CELLS_PER_DEGREE = 32;
/** Cells on each side of the centre, in lon and in lat: the window is ±2°. */
export const HALF_CELLS = 64;
/** No cell reaching beyond this latitude is interpolated (the mapping's derivatives grow poleward). */
export const MAX_LATITUDE = 70;

const SIDE = 2 * HALF_CELLS;
/** Coefficients per cell: 16 for x, then 16 for y; coefficient of u^m v^n at 4·n + m. */
const PER_CELL = 32;
/** Chebyshev nodes of the first kind on [−1, 1] (the interval's local coordinate u = 2t − 1). */
const CHEB = [0, 1, 2, 3].map((k) => Math.cos(((2 * k + 1) * Math.PI) / 8));

export function createGridInterpolant(center: readonly number[], exact: ForwardTo): GridInterpolant {
  const lon0 = center[0], lat0 = center[1];
  /** Per cell: 0 not built yet, −1 never interpolated (beyond MAX_LATITUDE), else 1 + slot. */
  let table: Int32Array | null = null;
  let coef = new Float64Array(0);
  let slots = 0;
  const sample = new Float64Array(2);
  const nodesU = new Float64Array(4), nodesV = new Float64Array(4);
  const basisU = new Float64Array(16), basisV = new Float64Array(16);
  const nodeLon = new Float64Array(4), nodeLat = new Float64Array(4);
  const fx = new Float64Array(16), fy = new Float64Array(16);

  function makeTable(): Int32Array {
    const t = new Int32Array(SIDE * SIDE);
    for (let j = -HALF_CELLS; j < HALF_CELLS; j++) {
      const lo = lat0 + j / CELLS_PER_DEGREE, hi = lat0 + (j + 1) / CELLS_PER_DEGREE;
      if (Math.max(Math.abs(lo), Math.abs(hi)) > MAX_LATITUDE) t.fill(-1, (j + HALF_CELLS) * SIDE, (j + HALF_CELLS + 1) * SIDE);
    }
    return t;
  }

  /**
   * Builds cell (i, j): samples the exact mapping at the 4 × 4 nodes and stores the cubic in
   * u, v (each in [−1, 1) over the cell) through them. Each node's u is recomputed from its
   * rounded longitude exactly as forwardTo computes a point's, so the polynomial interpolates
   * the samples at the very coordinates the evaluation will use.
   */
  function build(i: number, j: number, cell: number): number {
    for (let k = 0; k < 4; k++) {
      const lon = (nodeLon[k] = lon0 + (i + (CHEB[k] + 1) / 2) / CELLS_PER_DEGREE);
      const lat = (nodeLat[k] = lat0 + (j + (CHEB[k] + 1) / 2) / CELLS_PER_DEGREE);
      nodesU[k] = 2 * ((lon - lon0) * CELLS_PER_DEGREE - i) - 1;
      nodesV[k] = 2 * ((lat - lat0) * CELLS_PER_DEGREE - j) - 1;
    }
    lagrangeMonomials(nodesU, basisU);
    lagrangeMonomials(nodesV, basisV);
    // Samples relative to the first node's, so that the coefficients' rounding is that of
    // differences across one cell (metres to kilometres), not of the absolute coordinates.
    let refX = 0, refY = 0, finite = true;
    for (let b = 0; b < 4; b++) {
      for (let a = 0; a < 4; a++) {
        exact(nodeLon[a], nodeLat[b], sample, 0);
        if (a === 0 && b === 0) { refX = sample[0]; refY = sample[1]; }
        fx[4 * b + a] = sample[0] - refX;
        fy[4 * b + a] = sample[1] - refY;
        finite &&= Number.isFinite(fx[4 * b + a]) && Number.isFinite(fy[4 * b + a]);
      }
    }
    // A mapping that fails on the cell (none does within the window) leaves it to the exact one.
    if (!finite) return (table![cell] = -1);
    if (slots * PER_CELL >= coef.length) {
      const grown = new Float64Array(Math.max(64 * PER_CELL, 2 * coef.length));
      grown.set(coef);
      coef = grown;
    }
    const base = slots * PER_CELL;
    // A[m][n] = Σ_a Σ_b basisU[a][m] · basisV[b][n] · f[a][b].
    for (let n = 0; n < 4; n++) {
      for (let m = 0; m < 4; m++) {
        let sx = 0, sy = 0;
        for (let b = 0; b < 4; b++) {
          const wv = basisV[4 * b + n];
          let rx = 0, ry = 0;
          for (let a = 0; a < 4; a++) {
            const wu = basisU[4 * a + m];
            rx += wu * fx[4 * b + a];
            ry += wu * fy[4 * b + a];
          }
          sx += wv * rx;
          sy += wv * ry;
        }
        coef[base + 4 * n + m] = sx;
        coef[base + 16 + 4 * n + m] = sy;
      }
    }
    coef[base] += refX;
    coef[base + 16] += refY;
    table![cell] = ++slots;
    return slots;
  }

  function forwardTo(lon: number, lat: number, out: Float64Array, at: number): void {
    const s = (lon - lon0) * CELLS_PER_DEGREE, t = (lat - lat0) * CELLS_PER_DEGREE;
    const i = Math.floor(s), j = Math.floor(t);
    // False for NaN and ±Infinity as well as for points outside the window.
    if (i >= -HALF_CELLS && i < HALF_CELLS && j >= -HALF_CELLS && j < HALF_CELLS) {
      const cell = (j + HALF_CELLS) * SIDE + (i + HALF_CELLS);
      if (table === null) table = makeTable();
      let k = table[cell];
      if (k === 0) k = build(i, j, cell);
      if (k > 0) {
        const u = 2 * (s - i) - 1, v = 2 * (t - j) - 1;
        const c = coef, p = (k - 1) * PER_CELL;
        const x0 = c[p] + u * (c[p + 1] + u * (c[p + 2] + u * c[p + 3]));
        const x1 = c[p + 4] + u * (c[p + 5] + u * (c[p + 6] + u * c[p + 7]));
        const x2 = c[p + 8] + u * (c[p + 9] + u * (c[p + 10] + u * c[p + 11]));
        const x3 = c[p + 12] + u * (c[p + 13] + u * (c[p + 14] + u * c[p + 15]));
        const y0 = c[p + 16] + u * (c[p + 17] + u * (c[p + 18] + u * c[p + 19]));
        const y1 = c[p + 20] + u * (c[p + 21] + u * (c[p + 22] + u * c[p + 23]));
        const y2 = c[p + 24] + u * (c[p + 25] + u * (c[p + 26] + u * c[p + 27]));
        const y3 = c[p + 28] + u * (c[p + 29] + u * (c[p + 30] + u * c[p + 31]));
        out[at] = x0 + v * (x1 + v * (x2 + v * x3));
        out[at + 1] = y0 + v * (y1 + v * (y2 + v * y3));
        return;
      }
    }
    exact(lon, lat, out, at);
  }

  return {
    forwardTo,
    // forwardTo's evaluation repeated inline for the points in built cells (the same expressions on
    // the same doubles, so the same results): a call per point would box its two coordinates into
    // heap numbers (about 32 bytes of garbage per point); any other point goes through forwardTo.
    // (One small evaluating function called from both boxed them too: scavenges back from 6 to 8.)
    forwardMany(src: Float64Array, v0: number, v1: number, out: Float64Array, at: number): void {
      for (let v = v0, o = at; v < v1; v++, o += 2) {
        const lon = src[2 * v], lat = src[2 * v + 1];
        const s = (lon - lon0) * CELLS_PER_DEGREE, t = (lat - lat0) * CELLS_PER_DEGREE;
        const i = Math.floor(s), j = Math.floor(t);
        const k = table !== null && i >= -HALF_CELLS && i < HALF_CELLS && j >= -HALF_CELLS && j < HALF_CELLS ? table[(j + HALF_CELLS) * SIDE + (i + HALF_CELLS)] : 0;
        if (k <= 0) {
          forwardTo(lon, lat, out, o);
          continue;
        }
        const u = 2 * (s - i) - 1, w = 2 * (t - j) - 1;
        const c = coef, p = (k - 1) * PER_CELL;
        const x0 = c[p] + u * (c[p + 1] + u * (c[p + 2] + u * c[p + 3]));
        const x1 = c[p + 4] + u * (c[p + 5] + u * (c[p + 6] + u * c[p + 7]));
        const x2 = c[p + 8] + u * (c[p + 9] + u * (c[p + 10] + u * c[p + 11]));
        const x3 = c[p + 12] + u * (c[p + 13] + u * (c[p + 14] + u * c[p + 15]));
        const y0 = c[p + 16] + u * (c[p + 17] + u * (c[p + 18] + u * c[p + 19]));
        const y1 = c[p + 20] + u * (c[p + 21] + u * (c[p + 22] + u * c[p + 23]));
        const y2 = c[p + 24] + u * (c[p + 25] + u * (c[p + 26] + u * c[p + 27]));
        const y3 = c[p + 28] + u * (c[p + 29] + u * (c[p + 30] + u * c[p + 31]));
        out[o] = x0 + w * (x1 + w * (x2 + w * x3));
        out[o + 1] = y0 + w * (y1 + w * (y2 + w * y3));
      }
    },
  };
}

/**
 * The Lagrange basis polynomials of 4 distinct nodes as monomial coefficients:
 * out[4·a + m] is the coefficient of u^m in L_a(u) = Π_{k≠a} (u − x_k) / (x_a − x_k).
 */
function lagrangeMonomials(x: Float64Array, out: Float64Array): void {
  for (let a = 0; a < 4; a++) {
    const p = x[(a + 1) & 3], q = x[(a + 2) & 3], r = x[(a + 3) & 3];
    const d = (x[a] - p) * (x[a] - q) * (x[a] - r);
    out[4 * a] = (-p * q * r) / d;
    out[4 * a + 1] = (p * q + p * r + q * r) / d;
    out[4 * a + 2] = -(p + q + r) / d;
    out[4 * a + 3] = 1 / d;
  }
}
