// A jittered 50 m grid of sample points over the district, each tagged with the block it falls
// in. The generator measures coverage (share of area within reach) by counting samples, which is
// how it places parks, green and facilities so that the intended communities pass or fail.
import Flatbush from 'flatbush';
import type { XY } from './geometry';
import { bboxOf, pointInRing } from './geometry';
import type { Rng } from './prng';

export const SAMPLE_STEP = 50;

export interface Samples {
  x: Float64Array;
  y: Float64Array;
  /** Block index, or -1 outside every block (water, river belts, parks/green once converted). */
  block: Int32Array;
  /** Samples within r metres of p (indices). */
  near(p: XY, r: number): number[];
  /** Calls fn for each sample within r metres of (px, py), without allocating. */
  forNear(px: number, py: number, r: number, fn: (k: number) => void): void;
  /** Samples within r metres of a polygon (inside it or near its boundary). */
  nearRing(ring: readonly XY[], r: number): number[];
}

export function createSamples(rings: XY[][], extent: [number, number, number, number], rng: Rng): Samples {
  const [x0, y0, x1, y1] = extent;
  const nx = Math.floor((x1 - x0) / SAMPLE_STEP), ny = Math.floor((y1 - y0) / SAMPLE_STEP);
  const n = nx * ny;
  const x = new Float64Array(n), y = new Float64Array(n), block = new Int32Array(n).fill(-1);
  const index = new Flatbush(rings.length);
  for (const r of rings) {
    const b = bboxOf(r);
    index.add(b[0], b[1], b[2], b[3]);
  }
  index.finish();
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      x[k] = x0 + (i + 0.2 + 0.6 * rng.next()) * SAMPLE_STEP;
      y[k] = y0 + (j + 0.2 + 0.6 * rng.next()) * SAMPLE_STEP;
      for (const b of index.search(x[k], y[k], x[k], y[k])) {
        if (pointInRing([x[k], y[k]], rings[b])) {
          block[k] = b;
          break;
        }
      }
    }
  }
  const cellOf = (px: number, py: number): [number, number] => [Math.floor((px - x0) / SAMPLE_STEP), Math.floor((py - y0) / SAMPLE_STEP)];
  const inBox = (bx0: number, by0: number, bx1: number, by1: number, keep: (k: number) => boolean): number[] => {
    const [i0, j0] = cellOf(bx0, by0), [i1, j1] = cellOf(bx1, by1);
    const out: number[] = [];
    for (let j = Math.max(0, j0); j <= Math.min(ny - 1, j1); j++)
      for (let i = Math.max(0, i0); i <= Math.min(nx - 1, i1); i++) if (keep(j * nx + i)) out.push(j * nx + i);
    return out;
  };
  const forNear = (px: number, py: number, r: number, fn: (k: number) => void): void => {
    const i0 = Math.max(0, Math.floor((px - r - x0) / SAMPLE_STEP)), i1 = Math.min(nx - 1, Math.floor((px + r - x0) / SAMPLE_STEP));
    const j0 = Math.max(0, Math.floor((py - r - y0) / SAMPLE_STEP)), j1 = Math.min(ny - 1, Math.floor((py + r - y0) / SAMPLE_STEP));
    const r2 = r * r;
    for (let j = j0; j <= j1; j++)
      for (let i = i0; i <= i1; i++) {
        const k = j * nx + i;
        const dx = x[k] - px, dy = y[k] - py;
        if (dx * dx + dy * dy <= r2) fn(k);
      }
  };
  return {
    x, y, block, forNear,
    near: (p, r) => inBox(p[0] - r, p[1] - r, p[0] + r, p[1] + r, (k) => (x[k] - p[0]) ** 2 + (y[k] - p[1]) ** 2 <= r * r),
    nearRing: (ring, r) => {
      const [bx0, by0, bx1, by1] = bboxOf(ring);
      return inBox(bx0 - r, by0 - r, bx1 + r, by1 + r, (k) => {
        const p: XY = [x[k], y[k]];
        if (pointInRing(p, ring)) return true;
        for (let e = 0, m = ring.length; e < m; e++) {
          const a = ring[e], b = ring[(e + 1) % m];
          const dx = b[0] - a[0], dy = b[1] - a[1];
          const l2 = dx * dx + dy * dy;
          const t = l2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2)) : 0;
          if ((p[0] - a[0] - t * dx) ** 2 + (p[1] - a[1] - t * dy) ** 2 <= r * r) return true;
        }
        return false;
      });
    },
  };
}

/**
 * Greedy set cover: repeatedly takes the candidate that reaches most still-uncovered target
 * samples, until the covered share reaches `goal` or no candidate adds `minGain` samples.
 */
export function greedyCover(
  candidates: { reach: number[] }[],
  isTarget: (k: number) => boolean,
  covered: Uint8Array,
  goal: number,
  minGain: number,
  maxPicks = Infinity,
): number[] {
  let targets = 0, done = 0;
  for (let k = 0; k < covered.length; k++) {
    if (!isTarget(k)) continue;
    targets++;
    if (covered[k]) done++;
  }
  const picks: number[] = [];
  const gainOf = (c: number): number => {
    let g = 0;
    for (const k of candidates[c].reach) if (!covered[k] && isTarget(k)) g++;
    return g;
  };
  // Lazy greedy: gains only shrink as coverage grows, so a stale gain is an upper bound and
  // only the current leader needs recounting.
  const bound = candidates.map((_, c) => gainOf(c));
  while (targets > 0 && done / targets < goal && picks.length < maxPicks) {
    let best: number;
    for (;;) {
      best = -1;
      let second = -1;
      for (let c = 0; c < bound.length; c++) {
        if (bound[c] < 0) continue;
        if (best < 0 || bound[c] > bound[best]) { second = best; best = c; }
        else if (second < 0 || bound[c] > bound[second]) second = c;
      }
      if (best < 0) break;
      bound[best] = gainOf(best);
      if (second < 0 || bound[best] >= bound[second]) break;
    }
    if (best < 0 || bound[best] < minGain) break;
    bound[best] = -1;
    picks.push(best);
    for (const k of candidates[best].reach) {
      if (!covered[k] && isTarget(k)) done++;
      covered[k] = 1;
    }
  }
  return picks;
}
