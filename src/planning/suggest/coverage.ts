// Which demand points each candidate site would newly reach: the siting problem as weighted
// maximum coverage. Points already within reach of an existing facility of the category are
// dropped first (they cannot gain); for the rest, each candidate lists the points within the
// distance (straight-line: metres in the audit's projection, as the audit's circles; walking:
// networkCoverage.ts, the audit's walking-distance definition).
import KDBush from 'kdbush';
import type { AuditContext } from '../../engine/audit';
import { abortError } from '../../engine/audit';
import type { FacilityCategory } from '../../engine/types';
import type { Candidate } from './candidates';
import type { DemandPoints } from './demand';
import { walkingReachOf } from './networkCoverage';

export interface CoverageModel {
  candidates: Candidate[];
  /** Households of each demand point that no existing facility reaches (compact indexing). */
  weight: Float64Array;
  /** Community index of each of those points. */
  community: Int32Array;
  /** Points candidate k reaches: items[start[k] .. start[k + 1]). */
  start: Int32Array;
  items: Int32Array;
  /** Sampled households already within reach, and in all. */
  householdsWithinBefore: number;
  households: number;
}

export interface CoverageOptions {
  signal?: { readonly aborted: boolean };
  /** Progress over the candidates. */
  onProgress?: (done: number, total: number) => void;
}

/** Reached-point lists of every candidate, and which points existing facilities reach already. */
export interface ReachLists {
  /** 1 where an existing facility of the category reaches the demand point. */
  coveredBefore: Uint8Array;
  /** For each candidate, the demand points (original indices) it reaches. */
  lists: (options: CoverageOptions, keep: Uint8Array) => Int32Array[];
}

function euclideanReachOf(ctx: AuditContext, demand: DemandPoints, candidates: Candidate[], category: FacilityCategory, d: number): ReachLists {
  const n = demand.x.length;
  const coveredBefore = new Uint8Array(n);
  const ci = ctx.byCategory.get(category);
  if (ci?.index) {
    for (let p = 0; p < n; p++) if (ci.index.within(demand.x[p], demand.y[p], d).length) coveredBefore[p] = 1;
  }
  return {
    coveredBefore,
    lists(options, keep) {
      const kept: number[] = [];
      for (let p = 0; p < n; p++) if (keep[p]) kept.push(p);
      const kd = new KDBush(Math.max(1, kept.length));
      for (const p of kept) kd.add(demand.x[p], demand.y[p]);
      if (!kept.length) kd.add(Infinity, Infinity);
      kd.finish();
      return candidates.map((c, k) => {
        if (options.signal?.aborted) throw abortError();
        if (k % 256 === 0) options.onProgress?.(k, candidates.length);
        const hits = kept.length ? kd.within(c.xy[0], c.xy[1], d) : [];
        const out = new Int32Array(hits.length);
        for (let i = 0; i < hits.length; i++) out[i] = kept[hits[i]];
        return out.sort();
      });
    },
  };
}

/**
 * The coverage model for `category` at distance `d` (metres, the audit's effective distance):
 * straight-line or walking as the context's mode.
 */
export function buildCoverage(ctx: AuditContext, demand: DemandPoints, candidates: Candidate[], category: FacilityCategory, d: number, options: CoverageOptions = {}): CoverageModel {
  if (options.signal?.aborted) throw abortError();
  options.onProgress?.(0, candidates.length);
  const reach = ctx.mode === 'network' ? walkingReachOf(ctx, demand, candidates, category, d) : euclideanReachOf(ctx, demand, candidates, category, d);
  const n = demand.x.length;
  const keep = new Uint8Array(n);
  const compact = new Int32Array(n).fill(-1);
  let households = 0, within = 0, m = 0;
  for (let p = 0; p < n; p++) {
    households += demand.weight[p];
    if (reach.coveredBefore[p]) within += demand.weight[p];
    else { keep[p] = 1; compact[p] = m++; }
  }
  const weight = new Float64Array(m), community = new Int32Array(m);
  for (let p = 0; p < n; p++) if (compact[p] >= 0) { weight[compact[p]] = demand.weight[p]; community[compact[p]] = demand.community[p]; }
  const lists = reach.lists(options, keep);
  const start = new Int32Array(candidates.length + 1);
  lists.forEach((l, k) => { start[k + 1] = start[k] + l.length; });
  const items = new Int32Array(start[candidates.length]);
  lists.forEach((l, k) => { for (let i = 0; i < l.length; i++) items[start[k] + i] = compact[l[i]]; });
  options.onProgress?.(candidates.length, candidates.length);
  return { candidates, weight, community, start, items, householdsWithinBefore: within, households };
}

/** Sampled households a set of candidates (indices) newly reaches. */
export function coverageValue(model: CoverageModel, chosen: readonly number[]): number {
  const seen = new Uint8Array(model.weight.length);
  let v = 0;
  for (const k of chosen) {
    for (let i = model.start[k]; i < model.start[k + 1]; i++) {
      const p = model.items[i];
      if (!seen[p]) { seen[p] = 1; v += model.weight[p]; }
    }
  }
  return v;
}
