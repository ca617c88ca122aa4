// Small random coverage instances for the solver tests, and brute force over every K-subset.
import type { CoverageModel } from '../../../src/planning/suggest/coverage';

export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

/** `n` candidates over `m` weighted points; each candidate reaches each point with probability `p`. */
export function randomModel(rand: () => number, n: number, m: number, p: number): CoverageModel {
  const weight = Float64Array.from({ length: m }, () => Math.round(rand() * 1000) / 10);
  const lists: number[][] = [];
  for (let k = 0; k < n; k++) lists.push([...Array(m).keys()].filter(() => rand() < p));
  const start = new Int32Array(n + 1);
  lists.forEach((l, k) => { start[k + 1] = start[k] + l.length; });
  return {
    candidates: lists.map((_, k) => ({ id: `K${k}`, position: [0, 0], xy: [0, 0] })),
    weight, community: new Int32Array(m), start, items: Int32Array.from(lists.flat()),
    householdsWithinBefore: 0, households: weight.reduce((a, b) => a + b, 0),
  };
}

/** Value of a set, counted point by point from the lists (independent of the solvers' code). */
export function setValue(model: CoverageModel, set: number[]): number {
  let v = 0;
  for (let p = 0; p < model.weight.length; p++) {
    if (set.some((k) => Array.prototype.includes.call(model.items.subarray(model.start[k], model.start[k + 1]), p))) v += model.weight[p];
  }
  return v;
}

/** Best value over every subset of exactly min(K, n) candidates. */
export function bruteForce(model: CoverageModel, K: number): { value: number; set: number[] } {
  const n = model.candidates.length;
  let best = { value: -1, set: [] as number[] };
  const rec = (from: number, set: number[]) => {
    if (set.length === Math.min(K, n)) {
      const v = setValue(model, set);
      if (v > best.value) best = { value: v, set: set.slice() };
      return;
    }
    for (let k = from; k < n; k++) { set.push(k); rec(k + 1, set); set.pop(); }
  };
  rec(0, []);
  return best;
}

/** Plain greedy: every step re-evaluates every candidate (largest gain, ties to the lower index). */
export function plainGreedy(model: CoverageModel, K: number): number[] {
  const chosen: number[] = [];
  for (let step = 0; step < K; step++) {
    let bestK = -1, bestG = 0;
    const base = setValue(model, chosen);
    for (let k = 0; k < model.candidates.length; k++) {
      if (chosen.includes(k)) continue;
      const g = setValue(model, [...chosen, k]) - base;
      if (g > bestG + 1e-9) { bestG = g; bestK = k; }
    }
    if (bestK < 0) break;
    chosen.push(bestK);
  }
  return chosen;
}
