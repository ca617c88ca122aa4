// Proposals (建议选址): where K new facilities of a category reach the most households not reached
// today (suggest-cli.md). The objective is Σ over communities of households × (share after −
// share before), the share being the audit's life-circle share at the distance and mode.
// Sites are chosen on the coverage model (households as weighted demand points, demand.ts) by
// lazy greedy and, on request, the exact branch and bound; the figures reported (gains, shares,
// failing communities) are then the audit's own, measured by adding the chosen sites as proposed
// facilities one after another (withFacilityChanged + categoryShare on the communities in reach).
import {
  abortError, categoryShare, communitiesWithin, facilitySources, withFacilityChanged, type AuditContext,
} from '../../engine/audit';
import { SHARE_EPSILON } from '../../engine/rules/failure';
import type { DistanceMode, Facility, FacilityCategory, Position } from '../../engine/types';
import type { ReachSource } from '../../engine/reach/reachProvider';
import type { Candidate } from './candidates';
import { buildCoverage, coverageValue, type CoverageModel } from './coverage';
import { communityDemand, defaultDemandSpacing, residentialDemand, type DemandPoints, type ResidentialPolygon } from './demand';
import { exactMaxCoverage, type ExactResult } from './exact';
import { lazyGreedy, type GreedyResult } from './greedy';

export type SuggestPhase = 'demand' | 'coverage' | 'greedy' | 'exact' | 'audit';

export interface SuggestOptions {
  category: FacilityCategory;
  /** Reach distance in metres as the audit measures it (a tier's ctx.tierDistances value, or any). */
  distance_m: number;
  /** K: how many sites to propose. */
  count: number;
  candidates: Candidate[];
  /** Also solve the K-site problem exactly (branch and bound) and report greedy's gap. */
  exact?: boolean;
  /** Node limit of the exact search (default 500,000); beyond it a proven bound is reported. */
  maxNodes?: number;
  /** Households as weighted points; default: the residential basis when `residential` is given, else each community's households over its area. */
  demand?: DemandPoints;
  /** Residential polygons (the audit's coverage basis, audit-cli.md): demand where people live. */
  residential?: readonly ResidentialPolygon[];
  /** Coverage basis named in the result (the audit's; community-area without a residential layer). */
  basis?: string;
  /** Spacing of the community demand grid (metres); default defaultDemandSpacing(distance). */
  demandSpacing_m?: number;
  onProgress?: (phase: SuggestPhase, done: number, total: number) => void;
  signal?: { readonly aborted: boolean };
}

export interface SiteCommunity {
  index: number;
  id: string;
  shareBefore: number;
  shareAfter: number;
  /** The share rose from below the life-circle threshold to at least it. */
  fixed: boolean;
}

export interface ProposedSite {
  rank: number;
  candidate: string;
  /** Index into the candidates given. */
  candidateIndex: number;
  lon: number;
  lat: number;
  /** Households newly within reach given sites 1..rank−1 (the audit's shares). */
  gainHouseholds: number;
  cumulativeHouseholds: number;
  /** The same gain on the coverage model the sites were chosen on (sampled households). */
  modelGainHouseholds: number;
  /** Every community whose share changes with this site. */
  communities: SiteCommunity[];
}

export interface SiteTotals {
  householdsWithin: number;
  communitiesBelowThreshold: number;
}

export interface ExactComparison {
  /** Audit gain of the optimal set, and of greedy's set (= after − before). */
  householdsGain: number;
  greedyGain: number;
  /** (householdsGain − greedyGain) / householdsGain × 100. */
  gapPercent: number;
  /** True when the set is proven optimal on the model; else `model.upperBound` bounds every K-set. */
  proven: boolean;
  /** Candidate ids of the optimal set. */
  candidates: string[];
  model: { optimum: number; greedy: number; upperBound: number; gapPercent: number; nodes: number };
}

export interface SuggestResult {
  category: FacilityCategory;
  distance_m: number;
  mode: DistanceMode;
  basis: string;
  households: number;
  threshold: number;
  before: SiteTotals;
  sites: ProposedSite[];
  after: SiteTotals;
  exact?: ExactComparison;
  model: {
    candidates: number;
    demandPoints: number;
    demandSpacing_m: number;
    /** Sampled households within reach before, and the greedy set's sampled gain. */
    householdsWithinBefore: number;
    greedyGain: number;
    evaluations: number;
  };
}

/** The audit's figures for a category and distance, with sites added in order. */
export interface SiteEvaluation {
  before: SiteTotals;
  after: SiteTotals;
  shares: number[];
  steps: { gain: number; communities: SiteCommunity[] }[];
}

function allSources(ctx: AuditContext, category: FacilityCategory): ReachSource[] {
  const out: ReachSource[] = [];
  for (const f of ctx.facilities) if (f.category === category) out.push({ kind: 'point', id: f.id, xy: f.xy });
  return out;
}

function announce(ctx: AuditContext, category: FacilityCategory, d: number): void {
  ctx.reach.prepareSources?.(allSources(ctx, category), d);
}

/** Adds `positions` one by one as proposed facilities and measures the audit's shares each time. */
export function evaluateSites(ctx: AuditContext, category: FacilityCategory, d: number, positions: { id: string; position: Position }[], signal?: { readonly aborted: boolean }): SiteEvaluation {
  const threshold = ctx.preset.rules.lifeCircle.threshold;
  const hh = ctx.data.communities.map((c) => (c.households !== null && Number.isFinite(c.households) && c.households > 0 ? c.households : 0));
  announce(ctx, category, d);
  const shares = ctx.communities.map((_, i) => categoryShare(ctx, i, category, d));
  const totals = (s: number[]): SiteTotals => ({
    householdsWithin: s.reduce((a, v, i) => a + hh[i] * v, 0),
    communitiesBelowThreshold: s.filter((v) => v + SHARE_EPSILON < threshold).length,
  });
  const before = totals(shares);
  const steps: SiteEvaluation['steps'] = [];
  let cur = ctx;
  for (const p of positions) {
    if (signal?.aborted) throw abortError();
    const facility: Facility = { id: `proposed:${p.id}`, category, floorArea: ctx.preset.defaultFloorArea[category] ?? null, position: p.position, proposed: true };
    cur = withFacilityChanged(cur, { type: 'add', facility }).ctx;
    announce(cur, category, d);
    let gain = 0;
    const communities: SiteCommunity[] = [];
    for (const i of communitiesWithin(cur, p.position, d)) {
      const c = cur.communities[i];
      if (!facilitySources(cur, c, [category], d).length) continue;
      const after = categoryShare(cur, i, category, d);
      if (Math.abs(after - shares[i]) <= SHARE_EPSILON) continue;
      gain += hh[i] * (after - shares[i]);
      communities.push({ index: i, id: c.id, shareBefore: shares[i], shareAfter: after, fixed: shares[i] + SHARE_EPSILON < threshold && after + SHARE_EPSILON >= threshold });
      shares[i] = after;
    }
    steps.push({ gain, communities });
  }
  return { before, after: totals(shares), shares, steps };
}

export function suggestSites(ctx: AuditContext, options: SuggestOptions): SuggestResult {
  const { category, distance_m: d, count, candidates, signal } = options;
  if (!(d > 0)) throw new Error(`distance must be a positive number of metres (is ${d})`);
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a whole number ≥ 1 (is ${count})`);
  const progress = options.onProgress;
  progress?.('demand', 0, 1);
  const spacing = options.demandSpacing_m ?? defaultDemandSpacing(d);
  const res = !options.demand && options.residential?.length ? residentialDemand(ctx, options.residential, spacing) : null;
  const demand = options.demand ?? res ?? communityDemand(ctx, spacing);
  if (signal?.aborted) throw abortError();
  progress?.('demand', 1, 1);
  const model: CoverageModel = buildCoverage(ctx, demand, candidates, category, d, { signal, onProgress: (a, b) => progress?.('coverage', a, b) });
  const greedy: GreedyResult = lazyGreedy(model, Math.min(count, candidates.length), { signal, onProgress: (a, b) => progress?.('greedy', a, b) });
  let exact: ExactResult | undefined;
  if (options.exact) exact = exactMaxCoverage(model, Math.min(count, candidates.length), { signal, start: greedy, maxNodes: options.maxNodes, onProgress: (a, b) => progress?.('exact', a, b) });

  progress?.('audit', 0, 1);
  const asPositions = (set: number[]) => set.map((k) => ({ id: candidates[k].id, position: candidates[k].position }));
  const ev = evaluateSites(ctx, category, d, asPositions(greedy.chosen), signal);
  let cumulative = 0;
  const sites: ProposedSite[] = greedy.chosen.map((k, i) => {
    cumulative += ev.steps[i].gain;
    return {
      rank: i + 1, candidate: candidates[k].id, candidateIndex: k,
      lon: candidates[k].position[0], lat: candidates[k].position[1],
      gainHouseholds: ev.steps[i].gain, cumulativeHouseholds: cumulative, modelGainHouseholds: greedy.gains[i],
      communities: ev.steps[i].communities,
    };
  });
  const greedyGain = ev.after.householdsWithin - ev.before.householdsWithin;
  let comparison: ExactComparison | undefined;
  if (exact) {
    const sameSet = exact.chosen.length === greedy.chosen.length && [...exact.chosen].sort().join() === [...greedy.chosen].sort().join();
    const optGain = sameSet ? greedyGain : (() => { const e = evaluateSites(ctx, category, d, asPositions(exact.chosen), signal); return e.after.householdsWithin - e.before.householdsWithin; })();
    const gap = (a: number, b: number) => (a > 0 ? Math.max(0, ((a - b) / a) * 100) : 0);
    comparison = {
      householdsGain: optGain, greedyGain, gapPercent: sameSet ? 0 : gap(optGain, greedyGain), proven: exact.proven,
      candidates: exact.chosen.map((k) => candidates[k].id),
      model: { optimum: exact.value, greedy: greedy.value, upperBound: exact.upperBound, gapPercent: gap(exact.upperBound, greedy.value), nodes: exact.nodes },
    };
  }
  progress?.('audit', 1, 1);
  const households = ctx.data.communities.reduce((a, c) => a + (c.households !== null && Number.isFinite(c.households) && c.households > 0 ? c.households : 0), 0);
  return {
    category, distance_m: d, mode: ctx.mode, basis: options.basis ?? res?.basis ?? 'community-area', households,
    threshold: ctx.preset.rules.lifeCircle.threshold,
    before: ev.before, sites, after: ev.after,
    ...(comparison ? { exact: comparison } : {}),
    model: {
      candidates: candidates.length, demandPoints: demand.x.length, demandSpacing_m: demand.spacing_m,
      householdsWithinBefore: model.householdsWithinBefore, greedyGain: coverageValue(model, greedy.chosen), evaluations: greedy.evaluations,
    },
  };
}
