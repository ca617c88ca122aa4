// The exact K-site optimum of the coverage model by branch and bound. A node is a set S of chosen
// sites and the candidates still allowed; its upper bound is value(S) plus the r = K − |S| largest
// marginal gains of allowed candidates given S (coverage is submodular, so r more sites add at
// most that), and never more than the households still unreached. Children follow the allowed
// candidates in decreasing gain: child i takes the i-th and gives up the ones before it, so every
// K-subset is met exactly once. Gains are kept up to date incrementally (adding a site lowers the
// gain of the candidates that share its newly reached points), and greedy's answer is the first
// incumbent. Stopped by the node limit or the time budget, it still reports a proven upper bound:
// the largest bound of the nodes left open. The signal cancels it (AbortError).
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
  /** Time budget (ms) of the search, likewise. Default 30,000. */
  maxMillis?: number;
  /** A first incumbent (greedy's answer). */
  start?: GreedyResult;
}

class LimitReached extends Error {}

export function exactMaxCoverage(model: CoverageModel, count: number, options: ExactOptions = {}): ExactResult {
  const n = model.candidates.length, m = model.weight.length;
  const maxNodes = options.maxNodes ?? 500_000;
  const deadline = Date.now() + (options.maxMillis ?? 30_000);
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
  // Households of the points some candidate reaches and no chosen site covers yet: r more sites
  // cannot add more than this, however much their gains overlap (the top-r sum can be far above).
  let open = 0;
  for (let p = 0; p < m; p++) if (pStart[p + 1] > pStart[p]) open += model.weight[p];
  const include = (k: number) => {
    for (let i = model.start[k]; i < model.start[k + 1]; i++) {
      const p = model.items[i];
      if (covCount[p]++ === 0) { open -= model.weight[p]; for (let j = pStart[p]; j < pStart[p + 1]; j++) gain[pCand[j]] -= model.weight[p]; }
    }
  };
  const exclude = (k: number) => {
    for (let i = model.start[k]; i < model.start[k + 1]; i++) {
      const p = model.items[i];
      if (--covCount[p] === 0) { open += model.weight[p]; for (let j = pStart[p]; j < pStart[p + 1]; j++) gain[pCand[j]] += model.weight[p]; }
    }
  };

  let total = 0;
  for (let p = 0; p < m; p++) total += model.weight[p];
  const eps = 1e-9 * Math.max(1, total);
  let best = options.start ? options.start.value : 0;
  let bestSet = options.start ? options.start.chosen.slice(0, count) : [];
  let nodes = 0, openBound = -Infinity;
  const path: number[] = [];
  // Candidates given up by an earlier sibling on the way down (the ordered enumeration).
  const excluded = new Uint8Array(n);

  /** The r largest values pushed, descending (r ≤ K: insertion into a short array). */
  const topOf = (r: number) => {
    const v = new Float64Array(r);
    let size = 0;
    return {
      v,
      get size() { return size; },
      push(x: number) {
        if (size === r && x <= v[r - 1]) return;
        let i = size < r ? size++ : r - 1;
        while (i > 0 && v[i - 1] < x) { v[i] = v[i - 1]; i--; }
        v[i] = x;
      },
      sum() { let t = 0; for (let i = 0; i < size; i++) t += v[i]; return t; },
    };
  };

  const search = (cur: number, r: number): void => {
    if (options.signal?.aborted) throw abortError();
    // One pass over the candidates still allowed: the r largest gains (the node's bound), and the
    // ones worth branching on. A child's bound is at most cur + r·gain, so a candidate with
    // gain ≤ (best − cur)/r cannot start a better set here; it stays allowed further down.
    const thr = (best + eps - cur) / r;
    const all = topOf(r), below = topOf(Math.max(1, r - 1));
    const list: number[] = [];
    for (let k = 0; k < n; k++) {
      if (excluded[k]) continue;
      const gk = gain[k];
      if (gk <= eps) continue;
      all.push(gk);
      if (gk > thr) list.push(k);
      else below.push(gk);
    }
    const ub = cur + Math.min(all.sum(), open);
    if (ub <= best + eps) return;
    if (++nodes > maxNodes || (nodes % 64 === 0 && Date.now() > deadline)) { openBound = Math.max(openBound, ub); throw new LimitReached(); }
    if (nodes % 1000 === 0) options.onProgress?.(nodes, maxNodes);
    list.sort((a, b) => gain[b] - gain[a] || a - b);
    const g = list.map((k) => gain[k]);
    // Bound of child i: cur + g[i] + the r − 1 largest gains allowed after it (the listed ones
    // after i, then the largest of those below the threshold, all of which are smaller).
    const childBound = (i: number) => {
      let b = g[i], need = r - 1;
      for (let j = i + 1; j < g.length && need > 0; j++, need--) b += g[j];
      for (let j = 0; j < below.size && need > 0; j++, need--) b += below.v[j];
      return cur + Math.min(b, open);
    };
    let marked = 0;
    try {
      for (let i = 0; i < list.length; i++) {
        if (childBound(i) <= best + eps) break;
        if (i > 0) { excluded[list[i - 1]] = 1; marked = i; }
        const k = list[i];
        include(k);
        path.push(k);
        let stopped = false;
        try {
          const v = cur + g[i];
          if (v > best + eps) { best = v; bestSet = path.slice(); }
          if (r > 1) search(v, r - 1);
        } catch (e) {
          stopped = e instanceof LimitReached;
          throw e;
        } finally {
          path.pop();
          exclude(k);
          // The siblings not tried yet stay open: their bound, measured back in this node's state.
          if (stopped && i + 1 < list.length) openBound = Math.max(openBound, childBound(i + 1));
        }
      }
    } finally {
      for (let i = 0; i < marked; i++) excluded[list[i]] = 0;
    }
  };

  let proven = true;
  try {
    if (count > 0) search(0, count);
  } catch (e) {
    if (!(e instanceof LimitReached)) throw e;
    proven = false;
  }
  const value = coverageValue(model, bestSet);
  return { chosen: bestSet, value, upperBound: proven ? value : Math.max(value, openBound), proven, nodes };
}
