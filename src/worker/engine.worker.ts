// The audit engine in a Web Worker (comlink RPC). The UI never runs the engine on the main thread.
// Long audits run in chunks of communities (auditCommunities) with a macrotask yield between
// chunks, so that cancel() messages and newer runs get through; a superseded run returns null.
// A city-sized straight-line audit is split across helper workers (auditPool.ts: each gets only its
// district's slice of the prepared data); this worker keeps the one context edits work on.
// The current scenario's edits go on top of the base audit incrementally (planning/scenario.ts:
// applyEditIncremental re-audits only what an edit can reach); the audit after each edit is kept,
// so undo returns to an earlier one at once and only new edits are computed.
import * as Comlink from 'comlink';
import { announceSources, auditCommunities, communitiesWithin, datasetProjection, prepareAudit, summarize, uncoveredPart, type AuditContext } from '../engine/audit';
import { createNetworkReach } from '../engine/network/networkReach';
import { reportGaps, worstGap, type CommunityGap, type ReportPages } from '../report/gaps';
import type { AuditResult, CommunityResult, Dataset, DistanceMode, FacilityCategory, MultiPolygonCoords, Position, RulePreset } from '../engine/types';
import { applyEditIncremental, type Edit, type ScenarioAudit } from '../planning/scenario';
import { createAuditPool, type SliceWorker } from './auditPool';

/** Helper workers for the audit: as many as the machine has cores, this one included. */
const pool = createAuditPool(
  () => new Worker(new URL('./auditSlice.worker.ts', import.meta.url), { type: 'module' }) as unknown as SliceWorker,
  Math.max(1, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2),
);

type Ctx = AuditContext;

let data: Dataset | null = null;
let ctx: Ctx | null = null;
/** Network reach built for the current dataset (reset with it). */
let network: { projection: ReturnType<typeof datasetProjection>; reach: ReturnType<typeof createNetworkReach> } | null = null;
/** The newest run ids seen (audits and gap runs apart); an older run stops at its next chunk. */
let latestRun = 0;
let cancelledRun = 0;
let latestGapRun = 0;
/** The last audit's preset and mode, and a context of the same data without its residential layer. */
let lastRun: { preset: RulePreset; mode: DistanceMode } | null = null;
let areaCtx: Ctx | null = null;
/**
 * The base audit (first) and the audit after each edit of the current scenario: `key` is the
 * edit as JSON (edits cross the worker boundary by structured clone, so they compare by value),
 * `affected` the communities that edit re-audited.
 */
let stack: { key: string; state: ScenarioAudit; affected: number[] }[] = [];

export interface EditedAudit {
  result: AuditResult;
  /** Communities whose results differ from the previous edit list's audit (re-audited). */
  affected: number[];
  /** The uncovered parts of the re-audited communities for the gap layer's tier and category, when asked. */
  gaps?: Gap[];
  /** Worker time (ms), gaps included. */
  ms: number;
}

/** The gap layer's choice: the uncovered parts of which tier and category. */
export interface GapChoice {
  tier: string;
  category: FacilityCategory;
}

/** Indices whose result objects differ (patchResults replaces exactly the re-audited ones). */
function changedIndices(a: AuditResult, b: AuditResult): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.communities.length; i++) if (a.communities[i] !== b.communities[i]) out.push(i);
  return out;
}

/** Brings the stack to `edits`: keeps the common prefix, applies the rest incrementally. */
function syncStack(edits: readonly Edit[]): number[] {
  let k = 0;
  while (k + 1 < stack.length && k < edits.length && stack[k + 1].key === JSON.stringify(edits[k])) k++;
  const affected = new Set<number>();
  for (const popped of stack.slice(k + 1)) for (const i of popped.affected) affected.add(i);
  stack = stack.slice(0, k + 1);
  for (const e of edits.slice(k)) {
    const prev = stack[stack.length - 1].state;
    const state = applyEditIncremental(prev, e);
    const changed = changedIndices(prev.result, state.result);
    for (const i of changed) affected.add(i);
    stack.push({ key: JSON.stringify(e), state, affected: changed });
  }
  ctx = stack[stack.length - 1].state.ctx;
  return [...affected].sort((a, b) => a - b);
}

/** The last other edit list audited (a comparison asks for its audit, then for its gaps). */
let otherState: { base: ScenarioAudit; key: string; state: ScenarioAudit } | null = null;

/**
 * The audit of `edits` on the current base: the current scenario's own when the stack holds
 * exactly these edits, else computed incrementally from the base audit (and kept for the next
 * question about the same list). Null before the first audit.
 */
function scenarioState(edits: readonly Edit[]): ScenarioAudit | null {
  if (!stack.length) return null;
  const key = JSON.stringify(edits);
  if (stack.length === edits.length + 1 && stack.slice(1).every((x, i) => x.key === JSON.stringify(edits[i]))) return stack[stack.length - 1].state;
  const base = stack[0].state;
  if (otherState && otherState.base === base && otherState.key === key) return otherState.state;
  const state = edits.reduce((st, e) => applyEditIncremental(st, e), base);
  otherState = { base, key, state };
  return state;
}

/** Uncovered parts of `indices` (those short of full coverage in `result`) for one tier and category. */
function gapsOf(c: Ctx, result: AuditResult, indices: number[], { tier, category }: GapChoice): Gap[] {
  const out: Gap[] = [];
  for (const i of indices) {
    const share = result.communities[i]?.lifeCircles[tier]?.[category];
    if (share === undefined || share >= 1) continue;
    const polygon = uncoveredPart(c, i, tier, category);
    if (polygon.length > 0) out.push({ community: i, polygon });
  }
  return out;
}

const CHUNK = 32;
const yieldToMessages = () => new Promise<void>((r) => setTimeout(r, 0));
const stale = (runId: number) => runId < latestRun || runId <= cancelledRun;

export interface Gap {
  community: number;
  polygon: MultiPolygonCoords;
}

const api = {
  setDataset(d: Dataset): void {
    data = d;
    ctx = null;
    network = null;
    areaCtx = null;
    stack = [];
  },

  cancel(runId: number): void {
    cancelledRun = Math.max(cancelledRun, runId);
  },

  /**
   * Full audit of the current dataset with the scenario's `edits` applied on top (incrementally);
   * null when cancelled or superseded by a newer run.
   */
  async audit(runId: number, preset: RulePreset, mode: DistanceMode, onProgress?: (done: number, total: number) => void, edits: Edit[] = []): Promise<AuditResult | null> {
    latestRun = Math.max(latestRun, runId);
    if (!data) throw new Error('No dataset loaded');
    let next: Ctx;
    if (mode === 'network' && data.roads && data.roads.length > 0) {
      await yieldToMessages();
      if (stale(runId)) return null;
      // The graph and its distance caches live as long as the dataset: preset edits reuse them.
      if (!network) {
        const projection = datasetProjection(data);
        network = { projection, reach: createNetworkReach(data.roads, projection) };
      }
      next = prepareAudit(data, preset, { reach: network.reach, mode: 'network', projection: network.projection });
      announceSources(next);
    } else {
      next = prepareAudit(data, preset, { mode: 'euclidean' });
    }
    const results = await pool.audit(next, { isStale: () => stale(runId), onProgress, yieldToMessages });
    if (!results) return null;
    ctx = next;
    lastRun = { preset, mode };
    areaCtx = null;
    const base: AuditResult = {
      preset: preset.id,
      parameters: next.parameters,
      communities: results,
      summary: summarize(results, preset),
      warnings: next.warnings,
    };
    stack = [{ key: '', state: { ctx: next, result: base }, affected: [] }];
    syncStack(edits);
    return stack[stack.length - 1].state.result;
  },

  /**
   * The audit of the current scenario after its edits changed to `edits` (an edit added, undone,
   * redone or reverted, another scenario): only the communities the changed edits reach are
   * re-audited. Null before the first audit.
   */
  syncEdits(edits: Edit[], gapsFor: GapChoice | null = null): EditedAudit | null {
    if (!stack.length) return null;
    const t0 = performance.now();
    const affected = syncStack(edits);
    const result = stack[stack.length - 1].state.result;
    // The gap layer's parts of the re-audited communities in the same answer: one message and one
    // redraw for the whole edit, not a second round trip after the first redraw.
    const gaps = gapsFor && ctx ? gapsOf(ctx, result, affected, gapsFor) : undefined;
    return { result, affected, ...(gaps ? { gaps } : {}), ms: performance.now() - t0 };
  },

  /**
   * The audit of another edit list on the same base (a scenario to compare with), computed
   * incrementally from the base audit; the current scenario's audit is left as it is. Null
   * before the first audit.
   */
  scenarioAudit(edits: Edit[]): AuditResult | null {
    return scenarioState(edits)?.result ?? null;
  },

  /**
   * Uncovered parts (lon/lat) of the given communities for one tier and category in the audit of
   * another edit list on the same base (one side of the comparison map); the current scenario's
   * audit is left as it is. Null before the first audit.
   */
  scenarioGaps(edits: Edit[], indices: number[], tier: string, category: FacilityCategory): Gap[] | null {
    const state = scenarioState(edits);
    if (!state) return null;
    const out: Gap[] = [];
    for (const c of indices) {
      const polygon = uncoveredPart(state.ctx, c, tier, category);
      if (polygon.length > 0) out.push({ community: c, polygon });
    }
    return out;
  },

  /** Uncovered parts (lon/lat) of the given communities for one tier and category, from the last audit. */
  async gaps(runId: number, indices: number[], tier: string, category: FacilityCategory): Promise<Gap[] | null> {
    latestGapRun = Math.max(latestGapRun, runId);
    const out: Gap[] = [];
    for (let i = 0; i < indices.length; i += CHUNK) {
      await yieldToMessages();
      if (runId < latestGapRun || !ctx) return null;
      for (const c of indices.slice(i, i + CHUNK)) {
        const polygon = uncoveredPart(ctx, c, tier, category);
        if (polygon.length > 0) out.push({ community: c, polygon });
      }
    }
    return out;
  },

  /** The mapped gap of each community that gets a report page (report/gaps.ts), from the last
   *  audit's prepared context; empty when there is none or `result` is not of the current data. */
  reportGaps(result: AuditResult, pages: ReportPages): Record<string, CommunityGap> {
    if (!ctx || !data || result.communities.length !== data.communities.length) return {};
    return reportGaps(ctx, result, pages);
  },

  /** The worst life-circle gap of one community (report/gaps.ts worstGap) with its uncovered part:
   *  what a presentation shows for a picked community; null when it has none or no audit ran. */
  worstGapOf(result: AuditResult, index: number): CommunityGap | null {
    const c = result.communities[index];
    if (!ctx || !data || !c || result.communities.length !== data.communities.length) return null;
    const g = worstGap(c);
    if (!g) return null;
    return { ...g, uncovered: 'green' in g ? uncoveredPart(ctx, index, { green: g.green }) : uncoveredPart(ctx, index, g.tier, g.category) };
  },

  /**
   * One community audited on the community-area basis (the dataset without its residential layer),
   * with the last audit's preset and mode: the basis comparison beside the residential result.
   */
  compareBasis(index: number): CommunityResult | null {
    if (!data || !ctx || !lastRun || !data.residential?.length) return null;
    if (!areaCtx) {
      const plain: Dataset = { ...data, residential: undefined };
      areaCtx = ctx.mode === 'network' && network
        ? prepareAudit(plain, lastRun.preset, { reach: network.reach, mode: 'network', projection: network.projection })
        : prepareAudit(plain, lastRun.preset, { mode: 'euclidean', projection: ctx.projection });
    }
    return auditCommunities(areaCtx, [index])[0] ?? null;
  },

  /** Communities a facility at `position` can reach within `distance_m` (for incremental what-if). */
  within(position: Position, distance_m: number): number[] {
    return ctx ? communitiesWithin(ctx, position, distance_m) : [];
  },
};

export type EngineApi = typeof api;
Comlink.expose(api);
