// Greedy maximum coverage with lazy evaluation (Minoux's accelerated greedy): each step adds the
// candidate with the largest marginal gain given the sites already chosen (ties: the lower
// candidate index). Coverage is submodular, so a gain computed in an earlier step bounds the
// gain now; a candidate whose fresh gain still tops every stale bound is the step's choice, the
// same choice as re-evaluating every candidate. Greedy reaches at least (1 − 1/e) of the optimum
// (Nemhauser, Wolsey & Fisher 1978).
import { abortError } from '../../engine/audit';
import type { CoverageModel } from './coverage';

export interface GreedyResult {
  /** Candidate indices in the order chosen. */
  chosen: number[];
  /** Sampled households each choice newly reaches (its marginal gain). */
  gains: number[];
  value: number;
  /** Gain evaluations made (all candidates once, then only the stale tops). */
  evaluations: number;
}

export interface SolveOptions {
  signal?: { readonly aborted: boolean };
  onProgress?: (done: number, total: number) => void;
}

/** Max-heap of candidates by (bound desc, index asc). */
class BoundHeap {
  private idx: number[] = [];
  constructor(private bound: Float64Array) {}
  get size(): number { return this.idx.length; }
  top(): number { return this.idx[0]; }
  private above(a: number, b: number): boolean {
    const x = this.bound[a], y = this.bound[b];
    return x > y || (x === y && a < b);
  }
  push(k: number): void {
    const h = this.idx;
    h.push(k);
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.above(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  pop(): number {
    const h = this.idx;
    const out = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && this.above(h[l], h[m])) m = l;
        if (r < h.length && this.above(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return out;
  }
}

export function gainOf(model: CoverageModel, k: number, covered: Uint8Array): number {
  let g = 0;
  for (let i = model.start[k]; i < model.start[k + 1]; i++) {
    const p = model.items[i];
    if (!covered[p]) g += model.weight[p];
  }
  return g;
}

export function lazyGreedy(model: CoverageModel, count: number, options: SolveOptions = {}): GreedyResult {
  const n = model.candidates.length;
  const covered = new Uint8Array(model.weight.length);
  const bound = new Float64Array(n);
  const fresh = new Int32Array(n).fill(-1);
  const heap = new BoundHeap(bound);
  for (let k = 0; k < n; k++) { bound[k] = gainOf(model, k, covered); fresh[k] = 0; heap.push(k); }
  let evaluations = n;
  const chosen: number[] = [], gains: number[] = [];
  let value = 0;
  for (let step = 0; step < count && heap.size; step++) {
    if (options.signal?.aborted) throw abortError();
    for (;;) {
      const k = heap.pop();
      if (fresh[k] === step) {
        if (bound[k] <= 0) { heap.push(k); break; }
        chosen.push(k); gains.push(bound[k]); value += bound[k];
        for (let i = model.start[k]; i < model.start[k + 1]; i++) covered[model.items[i]] = 1;
        break;
      }
      bound[k] = gainOf(model, k, covered); fresh[k] = step; evaluations++;
      heap.push(k);
    }
    if (chosen.length <= step) break; // nothing left to gain
    options.onProgress?.(step + 1, count);
  }
  return { chosen, gains, value, evaluations };
}
