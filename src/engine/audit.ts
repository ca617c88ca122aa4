// The audit API (audit-cli.md): prepare a dataset once, then audit all communities or
// only some (incremental what-if), with any ReachProvider (straight-line by default, network via
// options.reach). Results follow CommunityResult / AuditResult in types.ts.
//
// Decisions (documented here and in the report):
// - Households missing or ≤ 0: areaPer100Households_m2 is null and the rule fails with actual null
//   (plus a missing_households / zero_households warning). communitySize likewise fails with null.
// - Resettlement communities (易地扶贫搬迁安置区, 002 "全覆盖、全达标") are checked against every rule of
//   the preset, including the optional ones the preset leaves disabled, with the preset's figures.
//   Rural resettlement communities still use the rural thresholds.
// - Green coverage counts every green polygon (parks are green space too); park coverage only parks.
// - Proposed facilities (Facility.proposed) count like built ones: the what-if is the point of them.
// - Facilities of an unknown category or with an invalid position are ignored (warned).
// - A community with invalid geometry keeps its place in the results with area 0 and coverage 0.
import type Flatbush from 'flatbush';
import type {
  AuditOptions, AuditParameters, AuditResult, AuditSummary, CommunityResult, DistanceMode, Dataset, Facility,
  FacilityCategory, Failure, HouseholdsWithin, I18nText, MultiPolygonCoords, Position, RuleId, RulePreset, DataWarning,
} from './types';
import { FACILITY_CATEGORIES } from './types';
import type { MetricRings, PreparedCommunity, ReachProvider, ReachSource } from './reach/reachProvider';
import { createEuclideanReach, type EuclideanReach } from './reach/euclideanReach';
import {
  assignFacility, bboxGap, buildCategoryIndexes, pointBBoxGap, prepareDataset, prepareFacility, datasetCenter, datasetProjection,
  type Preparation, type PreparedFacility, type PreparedGreen, type SubsetIndex,
} from './prepare';
import { difference, intersection, union } from './geo/clip';
import type { LocalProjection } from './geo/localProjection';
import { metricToMultiPolygon, ringsArea } from './geo/metricRings';
import { distanceToRings } from './geo/pointInPolygon';
import { areaPer100Households, checkAreaPer100Households } from './rules/areaPer100Households';
import { checkStationMinArea, largestStation } from './rules/stationMinArea';
import { checkGreenCoverage, checkParkCoverage } from './rules/coverage';
import { checkLifeCircles, tierDistances } from './rules/lifeCircles';
import { checkSixOnes } from './rules/sixOnes';
import { SHARE_EPSILON, type RuleFailure } from './rules/failure';
import { kdHoldsBox, kdPointsNear, kdRange, kdRangeIds } from './geo/kdRange';
import { flatbushRange, flatbushRangeIds } from './geo/flatbushRange';
import { ruleSources } from './citation';
import { computeIndicators } from './indicators/computeIndicators';
import { parkAreaByCommunity } from './parkAssignment';
import { basisOf, basisPieces, ensureBases, settleBasisWarnings, type CommunityBasis } from './residentialBasis';
import { piecesBoxOf, reachedByPoints, reachedOnBasis, reachedWhole, sourcesNear } from './residentialShare';
import {
  checkCommunitySize, checkHealthPer1000, checkOutdoorVenue, checkPerCapitaPark, checkPerCapitaSports, perCapita,
} from './rules/optionalRules';

export interface AuditContext extends Preparation {
  data: Dataset;
  preset: RulePreset;
  mode: DistanceMode;
  reach: ReachProvider;
  /** Effective distances (m) per tier key (after the detour factor in straight-line mode). */
  tierDistances: Record<string, number>;
  parameters: AuditParameters;
  /** Each rule's citation (citation.ts), attached to its failures. */
  sources: Record<RuleId, I18nText>;
}

export interface PrepareOptions {
  reach?: ReachProvider;
  mode?: DistanceMode;
  /**
   * The metric projection to use (default: datasetProjection(data)). A network reach must work in
   * the same projection as the audit: build it with this one.
   */
  projection?: LocalProjection;
  /**
   * Build each community's residential basis only when it is first needed (its audit, its gap
   * map) instead of all at once: for a host whose other threads prepare their own communities'.
   */
  deferBases?: boolean;
  /** With deferBases: false when the residential layer is projected elsewhere and attached later (residentialBasis.ts attachResidentialFeatures). */
  projectResidential?: boolean;
}

export { datasetCenter, datasetProjection };

export function abortError(): Error {
  const e = new Error('The audit was cancelled');
  e.name = 'AbortError';
  return e;
}

export function prepareAudit(data: Dataset, preset: RulePreset, options: PrepareOptions = {}): AuditContext {
  const mode: DistanceMode = options.reach?.mode ?? options.mode ?? 'euclidean';
  if (mode === 'network' && !options.reach) {
    throw new Error('network mode needs a walking-network reach provider (options.reach, see network/networkReach.ts)');
  }
  const reach = options.reach ?? createEuclideanReach();
  const prep = prepareDataset(data, preset, options.projection, { deferBases: options.deferBases, projectResidential: options.projectResidential });
  if (reach.coverageWarnings) prep.warnings.push(...reachCoverageWarnings(reach, prep));
  const tiers = tierDistances(preset, mode);
  const parameters: AuditParameters = {
    mode,
    tiers,
    greenDistance_m: preset.rules.greenCoverage.distance_m,
    parkDistance_m: preset.rules.parkCoverage.distance_m,
    personsPerHousehold: preset.personsPerHousehold,
    detourFactor: preset.detourFactor,
    lifeCircleThreshold: preset.rules.lifeCircle.threshold,
  };
  return { ...prep, data, preset, mode, reach, tierDistances: tiers, parameters, sources: ruleSources(preset) };
}

/**
 * What the reach provider cannot serve (walking mode: communities with no road near them,
 * facilities that cannot join the network), for the facilities the rules use (a known category
 * and a valid position).
 */
export function reachCoverageWarnings(reach: ReachProvider, prep: Pick<Preparation, 'communities' | 'facilities'>): DataWarning[] {
  if (!reach.coverageWarnings) return [];
  const points = prep.facilities.filter((f) => f.category && Number.isFinite(f.xy[0]) && Number.isFinite(f.xy[1])).map((f) => ({ id: f.id ?? String(f.index), xy: f.xy }));
  return reach.coverageWarnings(prep.communities, points);
}

// ----------------------------------------------------------------------------------------------
// Sources and shares

const pointSourceCache = new WeakMap<PreparedFacility[], ReachSource[]>();
/** One ReachSource per prepared facility, built once per facility list (they are immutable). */
function pointSourcesOf(facilities: PreparedFacility[]): ReachSource[] {
  let s = pointSourceCache.get(facilities);
  if (!s) {
    s = facilities.map((f) => ({ kind: 'point' as const, id: f.id, xy: f.xy }));
    pointSourceCache.set(facilities, s);
  }
  return s;
}

/** Point sources of the given categories within d of the community's bbox (the ReachProvider contract). */
export function facilitySources(ctx: AuditContext, c: PreparedCommunity, categories: readonly FacilityCategory[], d: number): ReachSource[] {
  const out: ReachSource[] = [];
  const b = c.bbox;
  const all = pointSourcesOf(ctx.facilities);
  const d2 = d * d;
  for (const cat of categories) {
    const ci = ctx.byCategory.get(cat);
    if (!ci || !ci.index) continue;
    const n = kdRange(ci.index, b[0] - d, b[1] - d, b[2] + d, b[3] + d);
    const found = kdRangeIds();
    for (let q = 0; q < n; q++) {
      const i = ci.items[found[q]];
      const xy = ctx.facilities[i].xy, x = xy[0], y = xy[1];
      const dx = x < b[0] ? b[0] - x : x > b[2] ? x - b[2] : 0;
      const dy = y < b[1] ? b[1] - y : y > b[3] ? y - b[3] : 0;
      if (dx * dx + dy * dy <= d2) out.push(all[i]);
    }
  }
  return out;
}

const polygonSourceCache = new WeakMap<PreparedGreen[], ReachSource[]>();
/** One ReachSource per prepared green polygon, built once per green list (they are immutable). */
function polygonSourcesOf(green: PreparedGreen[]): ReachSource[] {
  let s = polygonSourceCache.get(green);
  if (!s) {
    s = green.map((g) => ({ kind: 'polygon' as const, id: g.id, rings: g.rings, bbox: g.bbox }));
    polygonSourceCache.set(green, s);
  }
  return s;
}

function subsetSources(ctx: AuditContext, idx: SubsetIndex | null, c: PreparedCommunity, d: number): ReachSource[] {
  if (!idx) return [];
  const b = c.bbox;
  const out: ReachSource[] = [];
  const all = polygonSourcesOf(ctx.green);
  const n = flatbushRange(idx.index, b[0] - d, b[1] - d, b[2] + d, b[3] + d);
  const found = flatbushRangeIds();
  for (let q = 0; q < n; q++) {
    const i = idx.items[found[q]];
    if (bboxGap(ctx.green[i].bbox, b) <= d) out.push(all[i]);
  }
  return out;
}

/** Polygon sources: all green (`green`) or parks only (`park`) within d of the community's bbox. */
export function greenSources(ctx: AuditContext, c: PreparedCommunity, kind: 'green' | 'park', d: number): ReachSource[] {
  return subsetSources(ctx, kind === 'park' ? ctx.parkIndex : ctx.greenIndex, c, d);
}

function reachedArea(ctx: AuditContext, c: PreparedCommunity, sources: ReachSource[], d: number): number {
  if (!sources.length || c.area_m2 <= 0) return 0;
  const r = ctx.reach as Partial<EuclideanReach> & ReachProvider;
  if (typeof r.reachedArea === 'function') return r.reachedArea(c, sources, d);
  return ringsArea(ctx.reach.reachedPart(c, sources, d));
}

/**
 * Share (0..1) of the community's coverage basis (residentialBasis.ts) within d of the sources:
 * of its whole area, or Σ weight × reached area of its residential pieces ÷ their weighted total.
 * `piecesBox`: the residential pieces' box (piecesBoxOf), when the caller asks several shares.
 */
function share(ctx: AuditContext, c: PreparedCommunity, sources: ReachSource[], d: number, piecesBox?: Float64Array): number {
  const basis = basisOf(ctx, c.index);
  let s: number;
  if (basis && basis.count) {
    if (!sources.length) return 0;
    s = reachedOnBasis(basis, c, sources, d, ctx.mode, (p, near) => reachedArea(ctx, p, near, d), piecesBox) / basis.total;
  } else {
    if (c.area_m2 <= 0) return 0;
    s = reachedArea(ctx, c, sources, d) / c.area_m2;
  }
  return s < 0 ? 0 : s > 1 ? 1 : s;
}

/**
 * Where a facility holding the box in its disc of radius d can lie ([maxX − d, minX + d] ×
 * [maxY − d, minY + d]) covers at least this fraction of where the facilities within d of the box
 * lie, pointShare looks for such a facility first (kdHoldsBox). On the 10k synthetic city the
 * pieces' boxes (about 390 m wide) are held at 1000 m in 99.96 % of the queries (fraction ≈ 0.46), at
 * 500 m in 41 % (≈ 0.2) and at 300 m in 4 % (≈ 0.05). Looking first, then listing and measuring
 * what is not held, against listing and measuring every query (every community × category, warm):
 * 17 vs 168 ms at 1000 m, 141 vs 166 ms at 500 m, 395 vs 345 ms at 300 m.
 */
const HOLDER_SEARCH_FRACTION = 0.15;

function holdsWorthAsking(b: Float64Array, d: number): boolean {
  const w = b[2] - b[0], h = b[3] - b[1];
  return 2 * d >= w && 2 * d >= h && (2 * d - w) * (2 * d - h) >= HOLDER_SEARCH_FRACTION * (2 * d + w) * (2 * d + h);
}

/**
 * The share of a community's area within d of the facilities of `cats`, straight-line, with the
 * facilities read as coordinates from the category indexes (no source objects): the number share()
 * gives for facilitySources; on a residential basis, the share of its weighted pieces, as
 * reachedOnBasis gives for the same points. Null where that shortcut does not apply (another reach
 * provider, walking mode, d = 0 or no geometry): use share(). `piecesBox` as for share().
 */
function pointShare(ctx: AuditContext, c: PreparedCommunity, cats: readonly FacilityCategory[], d: number, piecesBox?: Float64Array): number | null {
  const r = ctx.reach as Partial<EuclideanReach>;
  if (typeof r.pointArea !== 'function' || !(d > 0) || !c.rings.length) return null;
  const basis = basisOf(ctx, c.index);
  if (basis && basis.count) return ctx.mode === 'euclidean' ? pointShareOnBasis(ctx, c, basis, cats, d, piecesBox) : null;
  if (c.area_m2 <= 0) return 0;
  const b = c.bbox;
  let end = 0;
  for (const cat of cats) {
    const ci = ctx.byCategory.get(cat);
    if (ci && ci.index) end = kdPointsNear(ci.index, b[0], b[1], b[2], b[3], d, end);
  }
  if (end === 0) return 0;
  const s = r.pointArea(c, kdPointsNear.buffer(), end, d) / c.area_m2;
  return s < 0 ? 0 : s > 1 ? 1 : s;
}

/** pointShare on a residential basis (with pieces): the share of its weighted pieces, as reachedOnBasis gives for the same points. */
function pointShareOnBasis(ctx: AuditContext, c: PreparedCommunity, basis: CommunityBasis, cats: readonly FacilityCategory[], d: number, piecesBox?: Float64Array): number {
  if (piecesBox && holdsWorthAsking(piecesBox, d)) {
    // One facility's disc holds the pieces' box: every piece is whole, reachedByPoints's first
    // answer, found without listing the facilities near the community.
    for (const cat of cats) {
      const ci = ctx.byCategory.get(cat);
      if (ci && ci.index && kdHoldsBox(ci.index, piecesBox[0], piecesBox[1], piecesBox[2], piecesBox[3], d)) {
        const s = reachedWhole(basis) / basis.total;
        return s < 0 ? 0 : s > 1 ? 1 : s;
      }
    }
  }
  // Only the facilities within d of the pieces' box can reach a piece (every piece's box lies
  // inside it; reachedByPoints skips the others), so only those are listed, in the same kdbush order.
  const b = piecesBox ?? c.bbox;
  let end = 0;
  for (const cat of cats) {
    const ci = ctx.byCategory.get(cat);
    if (ci && ci.index) end = kdPointsNear(ci.index, b[0], b[1], b[2], b[3], d, end);
  }
  if (end === 0) return 0;
  const s = reachedByPoints(basis, kdPointsNear.buffer(), end / 2, d, piecesBox) / basis.total;
  return s < 0 ? 0 : s > 1 ? 1 : s;
}

/**
 * Share (0..1) of community `index` within `distance_m` of a facility of `category`: the
 * lifeCircle share at any distance (siting asks for distances and categories no tier names).
 */
export function categoryShare(ctx: AuditContext, index: number, category: FacilityCategory, distance_m: number): number {
  const c = ctx.communities[index];
  if (!c) throw new Error(`no community at index ${index}`);
  return share(ctx, c, facilitySources(ctx, c, [category], distance_m), distance_m);
}

// ----------------------------------------------------------------------------------------------
// One community

function sumFloor(ctx: AuditContext, facilityIdx: number[], cats: readonly FacilityCategory[]): { total: number; areas: number[] } {
  const areas: number[] = [];
  let total = 0;
  for (const i of facilityIdx) {
    const f = ctx.facilities[i];
    if (f.category && cats.includes(f.category)) { areas.push(f.floorArea); total += f.floorArea; }
  }
  return { total, areas };
}

const parkAreaCache = new WeakMap<object, { communities: PreparedCommunity[]; areas: Float64Array }>();
/** Park area counted with each community (parkAssignment.ts), index-aligned with ctx.communities:
 *  computed once per prepared green layer and kept for every later audit of the context. */
export function parkAreas(ctx: AuditContext): Float64Array {
  const hit = parkAreaCache.get(ctx.green);
  if (hit && hit.communities === ctx.communities) return hit.areas;
  const areas = parkAreaByCommunity(ctx.communities, ctx.communityIndex as Flatbush | null, ctx.green);
  parkAreaCache.set(ctx.green, { communities: ctx.communities, areas });
  return areas;
}

const CATEGORY_ORDINAL = new Map<FacilityCategory, number>(FACILITY_CATEGORIES.map((c, i) => [c, i]));
const catCount = new Float64Array(FACILITY_CATEGORIES.length);
const catFloor = new Float64Array(FACILITY_CATEGORIES.length);

/**
 * Assigned facilities per category: count and floor area (the city-wide indicators sum them). Keys
 * in the vocabulary's order, so that every community's object has one of few shapes (objects
 * built in each community's own order of facilities had thousands, and every reader slowed down).
 */
function byCategory(ctx: AuditContext, facilityIdx: number[]): NonNullable<CommunityResult['facilitiesByCategory']> {
  catCount.fill(0);
  catFloor.fill(0);
  for (const i of facilityIdx) {
    const f = ctx.facilities[i];
    if (!f.category) continue;
    const k = CATEGORY_ORDINAL.get(f.category)!;
    catCount[k]++;
    catFloor[k] += f.floorArea;
  }
  const out: NonNullable<CommunityResult['facilitiesByCategory']> = {};
  for (let k = 0; k < FACILITY_CATEGORIES.length; k++) {
    if (catCount[k] > 0) out[FACILITY_CATEGORIES[k]] = { count: catCount[k], floorArea_m2: catFloor[k] };
  }
  return out;
}

/** Area (m²) of park polygons inside the community (straight geometry, distance 0). */
function parkAreaInside(ctx: AuditContext, c: PreparedCommunity): number {
  const parks = greenSources(ctx, c, 'park', 0);
  if (!parks.length || !c.rings.length) return 0;
  const clip: MetricRings = [];
  for (const s of parks) if (s.kind === 'polygon') clip.push(...s.rings);
  return Math.max(0, ringsArea(intersection(c.rings, clip)));
}

/**
 * What every community's life-circle and "6个1" shares ask, once per preset and tier distances:
 * the category sets (each a distinct set of categories, numbered), the tiers in the order of
 * preset.requiredByTier with their distances, and for each "6个1" group which sets are subsets of
 * its own (a share of a subset at a distance ≤ the group's is a lower bound of the group's share).
 */
interface SharePlan {
  preset: RulePreset;
  sets: FacilityCategory[][];
  tiers: { tier: string; d: number; cats: FacilityCategory[]; sets: number[] }[];
  groups: { key: string; set: number; green: boolean; subsets: boolean[] }[];
}

const sharePlans = new WeakMap<Record<string, number>, SharePlan>();
/** The shares computed for the current community: set number, distance, green (1 or 0) in threes, and their values. */
const shareCache: number[] = [];
const shareValues: number[] = [];
/** The current community's residential pieces' box (piecesBoxOf), for its shares. */
const communityPiecesBox = new Float64Array(4);

function sharePlanOf(ctx: AuditContext): SharePlan {
  const hit = sharePlans.get(ctx.tierDistances);
  if (hit && hit.preset === ctx.preset) return hit;
  const sets: FacilityCategory[][] = [];
  const setOf = (cats: readonly FacilityCategory[]): number => {
    const i = sets.findIndex((s) => s.length === cats.length && s.every((x) => cats.includes(x)));
    if (i >= 0) return i;
    sets.push([...cats]);
    return sets.length - 1;
  };
  const tiers: SharePlan['tiers'] = [];
  for (const [tier, cats] of Object.entries(ctx.preset.requiredByTier)) {
    const d = ctx.tierDistances[tier];
    if (d !== undefined) tiers.push({ tier, d, cats, sets: cats.map((cat) => setOf([cat])) });
  }
  const groups = ctx.preset.rules.sixOnes.groups.map((g) => ({ key: g.key, set: setOf(g.categories), green: g.green === true, subsets: [] as boolean[] }));
  for (const g of groups) {
    const own = sets[g.set];
    g.subsets = sets.map((s) => s.every((x) => own.includes(x)));
  }
  const plan: SharePlan = { preset: ctx.preset, sets, tiers, groups };
  sharePlans.set(ctx.tierDistances, plan);
  return plan;
}

export function auditCommunity(ctx: AuditContext, index: number): CommunityResult {
  const { preset } = ctx;
  const rules = preset.rules;
  const community = ctx.data.communities[index];
  const c = ctx.communities[index];
  const on = (id: RuleId) => rules[id].enabled || community.resettlement === true;
  const setting = community.setting === 'rural' ? 'rural' : 'urban';
  const households = community.households ?? null;
  const hasPopulation = community.population !== null && community.population !== undefined && Number.isFinite(community.population);
  const population = hasPopulation ? (community.population as number) : households !== null && Number.isFinite(households) ? households * preset.personsPerHousehold : null;
  const estimates: string[] = [];
  if (community.estimated?.households) estimates.push('households');
  if (community.estimated?.population || (!hasPopulation && population !== null)) estimates.push('population');
  if (basisOf(ctx, index)?.householdsEstimated) estimates.push('residentialHouseholds');
  const assigned = ctx.facilitiesOf[index] ?? [];
  for (const i of assigned) {
    const f = ctx.facilities[i];
    const src = ctx.data.facilities[f.index];
    if (f.floorAreaDefaulted) estimates.push(`floorArea:${f.id} (preset default ${f.floorArea} m²)`);
    else if (src?.floorAreaEstimated) estimates.push(`floorArea:${f.id}`);
  }

  const failures: RuleFailure[] = [];
  const push = (f: RuleFailure | null) => { if (f) failures.push(f); };

  // Floor-area rules.
  const service = sumFloor(ctx, assigned, ['community_service']);
  const per100 = areaPer100Households(service.total, households);
  const largest = largestStation(service.areas);
  if (on('areaPer100Households')) push(checkAreaPer100Households(per100, setting, rules.areaPer100Households));
  if (on('stationMinArea')) push(checkStationMinArea(largest, setting, rules.stationMinArea));

  // On a residential basis every share below starts from the box of the community's pieces.
  const basis = basisOf(ctx, index);
  const box = basis && basis.count ? piecesBoxOf(basis, communityPiecesBox) : undefined;

  // Coverage rules (shares are computed even when a rule is off: they are cheap to show and the
  // result shape stays the same).
  const gd = rules.greenCoverage.distance_m, pd = rules.parkCoverage.distance_m;
  const greenCoverage = share(ctx, c, greenSources(ctx, c, 'green', gd), gd, box);
  const parkCoverage = share(ctx, c, greenSources(ctx, c, 'park', pd), pd, box);
  if (on('greenCoverage')) push(checkGreenCoverage(greenCoverage, rules.greenCoverage));
  if (on('parkCoverage')) push(checkParkCoverage(parkCoverage, rules.parkCoverage));

  // Life circles; shares are kept per (distance, category set, green) so "6个1" reuses them.
  const plan = sharePlanOf(ctx);
  shareCache.length = 0;
  const catShare = (set: number, d: number, green: boolean): number => {
    for (let e = 0; e < shareCache.length; e += 3) if (shareCache[e] === set && shareCache[e + 1] === d && shareCache[e + 2] === (green ? 1 : 0)) return shareValues[e / 3];
    const cats = plan.sets[set];
    let value: number;
    const direct = green ? null : pointShare(ctx, c, cats, d, box);
    if (direct !== null) value = direct;
    else {
      const sources = facilitySources(ctx, c, cats, d);
      if (green) sources.push(...greenSources(ctx, c, 'green', d));
      value = share(ctx, c, sources, d, box);
    }
    shareValues[shareCache.length / 3] = value;
    shareCache.push(set, d, green ? 1 : 0);
    return value;
  };
  const lifeCircles: CommunityResult['lifeCircles'] = {};
  for (const t of plan.tiers) {
    const row: Partial<Record<FacilityCategory, number>> = {};
    for (let q = 0; q < t.cats.length; q++) row[t.cats[q]] = catShare(t.sets[q], t.d, false);
    lifeCircles[t.tier] = row;
  }
  if (on('lifeCircle')) failures.push(...checkLifeCircles(lifeCircles, rules.lifeCircle));

  let sixOnes: Record<string, boolean> = {};
  if (on('sixOnes')) {
    const d = ctx.tierDistances[rules.sixOnes.tier];
    const shares: Record<string, number> = {};
    for (const g of plan.groups) {
      if (d === undefined) { shares[g.key] = 0; continue; }
      // A share already known for a subset of the group's sources at a distance ≤ d is a lower
      // bound; when it meets the threshold the group is satisfied without computing more.
      let lower = 0;
      for (let e = 0; e < shareCache.length; e += 3) {
        if (shareCache[e + 1] <= d && shareCache[e + 2] === 0 && g.subsets[shareCache[e]]) lower = Math.max(lower, shareValues[e / 3]);
      }
      if (g.green) {
        if (gd <= d) lower = Math.max(lower, greenCoverage);
        if (pd <= d) lower = Math.max(lower, parkCoverage);
      }
      shares[g.key] = lower + SHARE_EPSILON >= rules.sixOnes.threshold ? lower : catShare(g.set, d, g.green);
    }
    const r = checkSixOnes(shares, rules.sixOnes);
    sixOnes = r.satisfied;
    failures.push(...r.failures);
  }

  // Optional rules.
  const extra: CommunityResult['extra'] = {};
  if (on('outdoorVenue')) {
    extra.outdoorVenue_m2 = sumFloor(ctx, assigned, ['activity_venue']).total;
    push(checkOutdoorVenue(extra.outdoorVenue_m2, rules.outdoorVenue));
  }
  if (on('perCapitaPark')) {
    const v = perCapita(parkAreaInside(ctx, c), population);
    if (v !== null) extra.parkPerCapita_m2 = v;
    push(checkPerCapitaPark(v, rules.perCapitaPark));
  }
  if (on('perCapitaSports')) {
    const v = perCapita(sumFloor(ctx, assigned, ['sports_venue']).total, population);
    if (v !== null) extra.sportsPerCapita_m2 = v;
    push(checkPerCapitaSports(v, rules.perCapitaSports));
  }
  if (on('healthPer1000')) {
    const pc = perCapita(sumFloor(ctx, assigned, ['health_station', 'health_center']).total, population);
    const v = pc === null ? null : pc * 1000;
    if (v !== null) extra.healthPer1000_m2 = v;
    push(checkHealthPer1000(v, rules.healthPer1000));
  }
  if (on('communitySize')) push(checkCommunitySize(households, rules.communitySize));

  return {
    id: community.id,
    name: community.name ?? community.id,
    setting,
    ...(community.street !== undefined ? { street: community.street } : {}),
    ...(community.resettlement === true ? { resettlement: true } : {}),
    households,
    population,
    populationEstimated: !hasPopulation || community.estimated?.population === true,
    area_m2: c.area_m2,
    serviceArea_m2: service.total,
    areaPer100Households_m2: per100,
    largestStation_m2: largest,
    coverageBasis: basisOf(ctx, index)?.kind ?? 'community-area',
    residentialArea_m2: basisOf(ctx, index)?.residentialArea_m2 ?? 0,
    greenCoverage,
    parkCoverage,
    lifeCircles,
    sixOnes,
    extra,
    facilityIds: assigned.map((i) => ctx.facilities[i].id),
    facilitiesByCategory: byCategory(ctx, assigned),
    parkArea_m2: parkAreas(ctx)[index],
    estimates,
    status: failures.length ? 'fail' : 'pass',
    failures: failures.map((f): Failure => ({ ...f, source: ctx.sources[f.rule] })),
  };
}

/** Audits the given communities (by index), e.g. the few a what-if change can reach. */
export function auditCommunities(ctx: AuditContext, indices: number[]): CommunityResult[] {
  // Deferred residential bases of these communities in one batch (one store) rather than one by one.
  if (ctx.deferredBasis) ensureBases(ctx, [...indices].sort((a, b) => a - b));
  return indices.map((i) => auditCommunity(ctx, i));
}

/** Counts of failing communities per rule, households, and (given the preset) the city-wide indicators. */
export function summarize(results: CommunityResult[], preset?: RulePreset): AuditSummary {
  const byRule: Partial<Record<RuleId, number>> = {};
  let failing = 0, households = 0;
  const within: HouseholdsWithin = { green: 0, park: 0 };
  let residential = false;
  for (const r of results) {
    if (r.coverageBasis && r.coverageBasis !== 'community-area') residential = true;
    if (r.status === 'fail') failing++;
    if (r.households !== null && Number.isFinite(r.households)) {
      const h = r.households;
      households += h;
      // Households within reach: each community's households × its share (on its coverage basis).
      within.green += h * r.greenCoverage;
      within.park += h * r.parkCoverage;
      for (const tier in r.lifeCircles) {
        const cats = r.lifeCircles[tier];
        let row = within[tier];
        if (typeof row !== 'object') within[tier] = row = {};
        for (const key in cats) {
          const cat = key as FacilityCategory;
          row[cat] = (row[cat] ?? 0) + h * (cats[cat] as number);
        }
      }
    }
    const seen = new Set<RuleId>();
    for (const f of r.failures) seen.add(f.rule);
    for (const id of seen) byRule[id] = (byRule[id] ?? 0) + 1;
  }
  const summary: AuditSummary = { communities: results.length, failing, byRule, households, ...(residential ? { householdsWithin: within } : {}) };
  if (preset) summary.indicators = computeIndicators(results, preset);
  return summary;
}

type WithPrepareSources = ReachProvider & { prepareSources?: (sources: ReachSource[], distance: number) => void };

/**
 * Lets a network provider compute each whole source set once (optional speed-up of its own).
 * runAudit calls it; hosts that audit in chunks with auditCommunities call it first.
 */
export function announceSources(ctx: AuditContext): void {
  const r = ctx.reach as WithPrepareSources;
  if (typeof r.prepareSources !== 'function') return;
  const all = (cats: readonly FacilityCategory[], green: boolean): ReachSource[] => {
    const out: ReachSource[] = [];
    for (const f of ctx.facilities) if (f.category && cats.includes(f.category)) out.push({ kind: 'point', id: f.id, xy: f.xy });
    if (green) for (const g of ctx.green) if (g.rings.length) out.push({ kind: 'polygon', id: g.id, rings: g.rings, bbox: g.bbox });
    return out;
  };
  for (const [tier, cats] of Object.entries(ctx.preset.requiredByTier)) {
    const d = ctx.tierDistances[tier];
    if (d !== undefined) for (const cat of cats) r.prepareSources(all([cat], false), d);
  }
  // Green and park coverage, and the "6个1" groups at their tier (asked for every community too).
  const polygons = (idx: SubsetIndex | null): ReachSource[] => (idx ? Array.from(idx.items, (k) => ctx.green[k]).filter((g) => g.rings.length).map((g) => ({ kind: 'polygon', id: g.id, rings: g.rings, bbox: g.bbox })) : []);
  const rules = ctx.preset.rules;
  r.prepareSources(polygons(ctx.greenIndex), rules.greenCoverage.distance_m);
  r.prepareSources(polygons(ctx.parkIndex), rules.parkCoverage.distance_m);
  const d6 = ctx.tierDistances[rules.sixOnes.tier];
  if (rules.sixOnes.enabled && d6 !== undefined) for (const g of rules.sixOnes.groups) r.prepareSources(all(g.categories, g.green === true), d6);
}

export function runAudit(ctx: AuditContext, options: AuditOptions = {}): AuditResult {
  const { onProgress, signal } = options;
  const n = ctx.communities.length;
  if (signal?.aborted) throw abortError();
  announceSources(ctx);
  const results: CommunityResult[] = new Array(n);
  const step = Math.max(1, Math.min(100, Math.ceil(n / 100)));
  onProgress?.(0, n);
  for (let i = 0; i < n; i++) {
    if (signal?.aborted) throw abortError();
    results[i] = auditCommunity(ctx, i);
    if ((i + 1) % step === 0 || i + 1 === n) onProgress?.(i + 1, n);
  }
  return auditResultOf(ctx, results);
}

/**
 * The audit of a whole dataset from its communities' results (in community order), however they
 * were computed: in one loop, in chunks, or split across threads.
 */
export function auditResultOf(ctx: AuditContext, results: CommunityResult[]): AuditResult {
  settleBasisWarnings(ctx);
  return { preset: ctx.preset.id, parameters: ctx.parameters, communities: results, summary: summarize(results, ctx.preset), warnings: ctx.warnings };
}

/** Convenience: prepare + run. */
export function auditDataset(data: Dataset, preset: RulePreset, options: AuditOptions & { reach?: ReachProvider; projection?: LocalProjection } = {}): AuditResult {
  const ctx = prepareAudit(data, preset, { reach: options.reach, mode: options.mode, projection: options.projection });
  return runAudit(ctx, options);
}

// ----------------------------------------------------------------------------------------------
// Incremental what-if

/**
 * Communities (indices, ascending) that a facility at `position` reaches within `distance_m`
 * straight-line metres: bbox-distance prefilter, then the exact distance to the polygon (0 inside).
 * Walking distance is never shorter, so this bounds network mode too.
 */
export function communitiesWithin(ctx: AuditContext, position: Position, distance_m: number): number[] {
  if (!ctx.communityIndex) return [];
  const xy = ctx.projection.forward(position);
  const d = Math.max(0, distance_m);
  const out: number[] = [];
  for (const i of (ctx.communityIndex as Flatbush).search(xy[0] - d, xy[1] - d, xy[0] + d, xy[1] + d)) {
    const c = ctx.communities[i];
    if (!c.rings.length || pointBBoxGap(xy, c.bbox) > d) continue;
    if (distanceToRings(xy, c.rings) <= d) out.push(i);
  }
  return out.sort((a, b) => a - b);
}

/** Largest distance any facility rule looks (the widest tier). */
export function maxFacilityReach(ctx: AuditContext): number {
  let m = 0;
  for (const d of Object.values(ctx.tierDistances)) if (d > m) m = d;
  return m;
}

export type FacilityChange =
  | { type: 'add'; facility: Facility }
  | { type: 'update'; index: number; facility: Facility }
  | { type: 'remove'; index: number };

export interface ContextUpdate {
  ctx: AuditContext;
  /** Community indices whose results may change: re-audit these with auditCommunities. */
  affected: number[];
}

/**
 * A new context with one facility added, moved/edited or removed, without re-preparing
 * communities and green; returns the communities the change can affect (reach of the old and the
 * new position within the widest tier, plus the old and new assigned communities).
 */
export function withFacilityChanged(ctx: AuditContext, change: FacilityChange): ContextUpdate {
  const facilities = ctx.data.facilities.slice();
  const prepared: PreparedFacility[] = ctx.facilities.map((f) => ({ ...f }));
  const affected = new Set<number>();
  const reachD = maxFacilityReach(ctx);
  const touch = (f: PreparedFacility | undefined, src: Facility | undefined) => {
    if (!f || !src) return;
    if (f.community >= 0) affected.add(f.community);
    for (const i of communitiesWithin(ctx, src.position, reachD)) affected.add(i);
  };
  let warnings: DataWarning[] = ctx.warnings;
  const dropWarnings = (id: string) => { warnings = warnings.filter((w) => !(w.layer === 'facilities' && w.feature === id)); };
  const addOne = (f: Facility, index: number): PreparedFacility => {
    const pf = prepareFacility(f, index, ctx.preset, ctx.projection);
    const w: DataWarning[] = [];
    const fid = f.id ?? String(index);
    if (!pf.category) w.push({ code: 'unknown_category', layer: 'facilities', feature: fid, field: 'category', message: `facility ${fid}: unknown category "${String(f.category)}"; ignored by the rules` });
    else if (!Number.isFinite(pf.xy[0]) || !Number.isFinite(pf.xy[1])) {
      w.push({ code: 'invalid_geometry', layer: 'facilities', feature: fid, field: 'geometry', message: `facility ${fid}: position is not a valid longitude/latitude` });
    } else {
      if (pf.floorAreaDefaulted) w.push({ code: 'missing_floor_area', layer: 'facilities', feature: fid, field: 'area', message: `facility ${fid}: floor area missing; preset default ${pf.floorArea} m² used` });
      assignFacility(pf, f, ctx.locator, ctx.communityById, w);
      if (ctx.reach.coverageWarnings) w.push(...ctx.reach.coverageWarnings([], [{ id: fid, xy: pf.xy }]));
    }
    warnings = [...warnings, ...w];
    return pf;
  };

  if (change.type === 'add') {
    facilities.push(change.facility);
    const pf = addOne(change.facility, facilities.length - 1);
    prepared.push(pf);
    touch(pf, change.facility);
  } else {
    const i = change.index;
    if (!(i >= 0 && i < facilities.length)) throw new Error(`withFacilityChanged: no facility at index ${i}`);
    touch(prepared[i], facilities[i]);
    dropWarnings(facilities[i].id ?? String(i));
    if (change.type === 'update') {
      facilities[i] = change.facility;
      prepared[i] = addOne(change.facility, i);
      touch(prepared[i], change.facility);
    } else {
      facilities.splice(i, 1);
      prepared.splice(i, 1);
      for (let k = i; k < prepared.length; k++) prepared[k].index = k;
    }
  }

  const facilitiesOf: number[][] = ctx.communities.map(() => []);
  prepared.forEach((f, k) => { if (f.community >= 0 && f.category) facilitiesOf[f.community].push(k); });
  const next: AuditContext = {
    ...ctx,
    data: { ...ctx.data, facilities },
    facilities: prepared,
    facilitiesOf,
    byCategory: buildCategoryIndexes(prepared),
    warnings,
  };
  return { ctx: next, affected: [...affected].sort((a, b) => a - b) };
}

// ----------------------------------------------------------------------------------------------
// Parts for the map's gap layer (lon/lat)

export type ReachTarget =
  | { tier: string; category: FacilityCategory }
  | { green: 'green' | 'park' };

function targetSources(ctx: AuditContext, c: PreparedCommunity, target: ReachTarget): { sources: ReachSource[]; d: number } {
  if ('green' in target) {
    const d = target.green === 'park' ? ctx.preset.rules.parkCoverage.distance_m : ctx.preset.rules.greenCoverage.distance_m;
    return { sources: greenSources(ctx, c, target.green, d), d };
  }
  const d = ctx.tierDistances[target.tier];
  if (d === undefined) throw new Error(`preset ${ctx.preset.id} has no tier "${target.tier}"`);
  return { sources: facilitySources(ctx, c, [target.category], d), d };
}

/** What the community's shares are measured over, as rings: its residential pieces, or itself. */
function basisRings(ctx: AuditContext, index: number): PreparedCommunity[] {
  const basis = basisOf(ctx, index);
  return basis && basis.count ? basisPieces(basis, ctx.communities[index]) : [ctx.communities[index]];
}

function reachedRings(ctx: AuditContext, index: number, target: ReachTarget): MetricRings {
  const c = ctx.communities[index];
  if (!c) throw new Error(`no community at index ${index}`);
  const { sources, d } = targetSources(ctx, c, target);
  if (!sources.length) return [];
  const out: MetricRings = [];
  for (const p of basisRings(ctx, index)) {
    const near = p === c ? sources : sourcesNear(sources, p.bbox, d, []);
    if (near.length) out.push(...ctx.reach.reachedPart(p, ctx.mode === 'network' ? sources : near, d));
  }
  return out;
}

const toTarget = (a: string | ReachTarget, category?: FacilityCategory): ReachTarget =>
  typeof a === 'string' ? { tier: a, category: category as FacilityCategory } : a;

/**
 * The part of community `index` within reach of `category` at `tier` (or of green/park), lon/lat:
 * of its residential land when its shares are measured over residential land.
 */
export function coveredPart(ctx: AuditContext, index: number, tier: string | ReachTarget, category?: FacilityCategory): MultiPolygonCoords {
  const reached = reachedRings(ctx, index, toTarget(tier, category));
  return metricToMultiPolygon(basisRings(ctx, index).length > 1 && reached.length ? union(reached) : reached, ctx.projection);
}

/**
 * The part of community `index` NOT within reach (the gap), lon/lat: of its residential land when
 * its shares are measured over residential land, else of its whole area.
 */
export function uncoveredPart(ctx: AuditContext, index: number, tier: string | ReachTarget, category?: FacilityCategory): MultiPolygonCoords {
  const c = ctx.communities[index];
  if (!c) throw new Error(`no community at index ${index}`);
  const basis = basisRings(ctx, index);
  const land = basis.length === 1 ? basis[0].rings : basis.flatMap((p) => p.rings);
  const reached = reachedRings(ctx, index, toTarget(tier, category));
  const gap = reached.length ? difference(land, reached) : basis.length === 1 ? land : union(land);
  return metricToMultiPolygon(gap, ctx.projection);
}
