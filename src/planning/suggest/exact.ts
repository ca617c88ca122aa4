// The exact K-site optimum of the coverage model by branch and bound. A node is a set S of chosen
// sites and the candidates still allowed; its upper bound is value(S) plus the r = K − |S| largest
// marginal gains of allowed candidates given S (coverage is submodular, so r more sites add at
// most that). Children follow the allowed candidates in decreasing gain: child i takes the i-th
// and gives up the ones before it, so every K-subset is met exactly once. Gains are kept up to
// date incrementally (adding a site lowers the gain of the candidates that share its newly
// reached points), and greedy's answer is the first incumbent. Stopped by the node limit or the
// signal, it still reports a proven upper bound: the best of the open nodes' bounds.
import { abortError } from '../../engine/audit';
import type { CoverageModel } from './coverage';
import { coverageValue } from './coverage';
import type { GreedyResult, SolveOptions } from './greedy';

export interface ExactResult {
  /** Candidate indices of the best set found (the optimum when `proven`). */
  chosen: number[];
  value: number;
  /** No K-set of candidates reaches more than this (sampled households). Equals `value` when proven. */
  upperBound: number;
  proven: boolean;
  nodes: number;
}

export interface ExactOptions extends SolveOptions {
  /** Nodes to explore before settling for the best set and a bound. Default 500,000. */
  maxNodes?: number;
  /** A first incumbent (greedy's answer). */
  start?: GreedyResult;
}

class LimitReached extends Error {}

export function exactMaxCoverage(model: CoverageModel, count: number, options: ExactOptions = {}): ExactResult {
  const n = model.candidates.length, m = model.weight.length;
  const maxNodes = options.maxNodes ?? 500_000;
  // Point → candidates reaching it (CSR).
  const pStart = new Int32Array(m + 1);
  for (let i = 0; i < model.items.length; i++) pStart[model.items[i] + 1]++;
  for (let p = 0; p < m; p++) pStart[p + 1] += pStart[p];
  const fill = pStart.slice(0, m);
  const pCand = new Int32Array(model.items.length);
  for (let k = 0; k < n; k++) for (let i = model.start[k]; i < model.start[k + 1]; i++) pCand[fill[model.items[i]]++] = k;

  const gain = new Float64Array(n);
  for (let k = 0; k < n; k++) for (let i = model.start[k]; i < model.start[k + 1]; i++) gain[k] += model.weight[model.items[i]];
  const covCount = new Int32Array(m);
  const include = (k: number) => {
    for (let i = model.start[k]; i < model.start[k + 1]; i++) {
      const p = model.items[i];
      if (covCount[p]++ === 0) for (let j = pStart[p]; j < pStart[p + 1]; j++) gain[pCand[j]] -= model.weight[p];
    }
  };
  const exclude = (k: number) => {
    for (let i = model.start[k]; i < model.start[k + 1]; i++) {
      const p = model.items[i];
      if (--covCount[p] === 0) for (let j = pStart[p]; j < pStart[p + 1]; j++) gain[pCand[j]] += model.weight[p];
    }
  };

  let total = 0;
  for (let p = 0; p < m; p++) total += model.weight[p];
  const eps = 1e-9 * Math.max(1, total);
  let best = options.start ? options.start.value : 0;
  let bestSet = options.start ? options.start.chosen.slice(0, count) : [];
  let nodes = 0, openBound = -Infinity;
  const path: number[] = [];

  const search = (allowed: Int32Array, cur: number, r: number): void => {
    if (options.signal?.aborted) throw abortError();
    const list: number[] = [];
    for (const k of allowed) if (gain[k] > eps) list.push(k);
    list.sort((a, b) => gain[b] - gain[a] || a - b);
    const g = list.map((k) => gain[k]);
    let ub = cur;
    for (let i = 0; i < r && i < g.length; i++) ub += g[i];
    if (ub <= best + eps) return;
    if (++nodes > maxNodes) { openBound = Math.max(openBound, ub); throw new LimitReached(); }
    if (nodes % 1000 === 0) options.onProgress?.(nodes, maxNodes);
    // Prefix sums of g: the bound of child i is cur + g[i] + (g[i+1] + … + g[i+r−1]).
    const pre = new Float64Array(g.length + 1);
    for (let i = 0; i < g.length; i++) pre[i + 1] = pre[i] + g[i];
    const childBound = (i: number) => cur + pre[Math.min(g.length, i + r)] - pre[i];
    for (let i = 0; i < list.length; i++) {
      if (childBound(i) <= best + eps) break;
      const k = list[i];
      include(k);
      path.push(k);
      try {
        const v = cur + g[i];
        if (v > best + eps) { best = v; bestSet = path.slice(); }
        if (r > 1) search(Int32Array.from(list.slice(i + 1)), v, r - 1);
      } catch (e) {
        if (e instanceof LimitReached && i + 1 < list.length) openBound = Math.max(openBound, childBound(i + 1));
        throw e;
      } finally {
        path.pop();
        exclude(k);
      }
    }
  };

  let proven = true;
  try {
    if (count > 0) search(Int32Array.from({ length: n }, (_, k) => k), 0, count);
  } catch (e) {
    if (!(e instanceof LimitReached)) throw e;
    proven = false;
  }
  const value = coverageValue(model, bestSet);
  return { chosen: bestSet, value, upperBound: proven ? value : Math.max(value, openBound), proven, nodes };
}
