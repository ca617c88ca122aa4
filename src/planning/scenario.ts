// Scenarios: the base data plus an ordered list of edits, each scenario with its own audit. Edits
// are plain data (serialisable, so they persist and cross the worker boundary); applying one is
// a pure function of the data. The audit of a scenario is kept up to date incrementally: each edit
// re-audits only the communities it can reach (facility edits: withFacilityChanged's set; green:
// communities within the widest green, park or "6个1" distance of it; households: the community
// itself), and the result is the same as auditing the edited data from scratch (property-tested).
import {
  auditCommunities, prepareAudit, runAudit, withFacilityChanged, type AuditContext,
} from '../engine/audit';
import type { AuditResult, Dataset, Facility, FacilityCategory, GreenSpace, MultiPolygonCoords, Position, RulePreset } from '../engine/types';
import type { ReachProvider } from '../engine/reach/reachProvider';
import type { LocalProjection } from '../engine/geo/localProjection';
import { multiPolygonToMetric, ringsArea, ringsBBox } from '../engine/geo/metricRings';
import { intersection } from '../engine/geo/clip';
import { bboxGap, householdsWarnings } from '../engine/prepare';
import { patchResults } from './moveFacility';

/** A new residential development: a polygon and the households that will live in it. */
export interface ResidentialDevelopment {
  id: string;
  name?: string;
  households: number;
  geometry: MultiPolygonCoords;
}

export type Edit =
  | { type: 'addFacility'; facility: Facility }
  | { type: 'moveFacility'; id: string; position: Position }
  | { type: 'deleteFacility'; id: string }
  | { type: 'changeFacility'; id: string; category?: FacilityCategory; floorArea?: number | null }
  | { type: 'addGreen'; green: GreenSpace }
  | { type: 'deleteGreen'; id: string }
  | { type: 'setHouseholds'; communityId: string; households: number | null }
  | { type: 'addResidential'; development: ResidentialDevelopment };

export interface Scenario {
  id: string;
  /** The name the user typed; for a default-named scenario the Chinese default ("方案 N"), kept as
   *  data so a reader that knows nothing of `defaultIndex` still shows a name. */
  name: string;
  /** N while the scenario keeps the default name the app gave it (shown as 方案 N / Scenario N in
   *  the UI's language); null once named by the user; absent in scenarios saved before it existed
   *  (readScenario then reads it from the name). */
  defaultIndex?: number | null;
  edits: Edit[];
}

/** A new scenario's name: typed by the user, or the app's default number N. */
export type ScenarioName = string | { defaultIndex: number };

/** The default name kept in `name` (Chinese first): the display goes through the UI's strings. */
export const defaultScenarioName = (n: number): string => `方案 ${n}`;

function facilityIndex(data: Dataset, id: string, edit: Edit['type']): number {
  const i = data.facilities.findIndex((f) => f.id === id);
  if (i < 0) throw new Error(`${edit}: no facility with id "${id}"`);
  return i;
}

function validPosition(p: Position, what: string): Position {
  if (!Array.isArray(p) || !(Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) {
    throw new Error(`${what}: position ${JSON.stringify(p)} is not a longitude/latitude`);
  }
  return [p[0], p[1]];
}

/**
 * Households a development adds to each community (index → households): its households spread
 * evenly over its area, each community taking the part inside it; the part outside every
 * community is not counted (nobody audits it). Measured in `projection`'s metres.
 */
export function developmentShares(data: Dataset, dev: ResidentialDevelopment, projection: LocalProjection): Map<number, number> {
  const d = multiPolygonToMetric(dev.geometry, projection).rings;
  const area = ringsArea(d);
  const out = new Map<number, number>();
  if (!(area > 0) || !(dev.households > 0)) return out;
  const box = ringsBBox(d);
  data.communities.forEach((c, i) => {
    const rings = multiPolygonToMetric(c.geometry, projection).rings;
    if (!rings.length || bboxGap(ringsBBox(rings), box) > 0) return;
    const inside = ringsArea(intersection(rings, d));
    if (inside > 0) out.set(i, (dev.households * inside) / area);
  });
  return out;
}

/** The data after one edit; the input is not changed (unchanged layers are shared). */
export function applyEdit(data: Dataset, edit: Edit, projection: LocalProjection): Dataset {
  switch (edit.type) {
    case 'addFacility': {
      if (data.facilities.some((f) => f.id === edit.facility.id)) throw new Error(`addFacility: id "${edit.facility.id}" is taken`);
      return { ...data, facilities: [...data.facilities, { ...edit.facility, position: validPosition(edit.facility.position, `addFacility ${edit.facility.id}`) }] };
    }
    case 'moveFacility': {
      const i = facilityIndex(data, edit.id, edit.type);
      const facilities = data.facilities.slice();
      facilities[i] = { ...facilities[i], position: validPosition(edit.position, `moveFacility ${edit.id}`) };
      return { ...data, facilities };
    }
    case 'deleteFacility': {
      const i = facilityIndex(data, edit.id, edit.type);
      return { ...data, facilities: data.facilities.filter((_, k) => k !== i) };
    }
    case 'changeFacility': {
      const i = facilityIndex(data, edit.id, edit.type);
      const facilities = data.facilities.slice();
      facilities[i] = {
        ...facilities[i],
        ...(edit.category !== undefined ? { category: edit.category } : {}),
        ...(edit.floorArea !== undefined ? { floorArea: edit.floorArea, floorAreaEstimated: false } : {}),
      };
      return { ...data, facilities };
    }
    case 'addGreen': {
      if (data.green.some((g) => g.id === edit.green.id)) throw new Error(`addGreen: id "${edit.green.id}" is taken`);
      return { ...data, green: [...data.green, edit.green] };
    }
    case 'deleteGreen': {
      if (!data.green.some((g) => g.id === edit.id)) throw new Error(`deleteGreen: no green space with id "${edit.id}"`);
      return { ...data, green: data.green.filter((g) => g.id !== edit.id) };
    }
    case 'setHouseholds': {
      const i = data.communities.findIndex((c) => c.id === edit.communityId);
      if (i < 0) throw new Error(`setHouseholds: no community with id "${edit.communityId}"`);
      if (edit.households !== null && !(Number.isFinite(edit.households) && edit.households >= 0)) throw new Error(`setHouseholds ${edit.communityId}: households must be a number ≥ 0 (is ${edit.households})`);
      const communities = data.communities.slice();
      communities[i] = { ...communities[i], households: edit.households, estimated: { ...communities[i].estimated, households: false } };
      return { ...data, communities };
    }
    case 'addResidential': {
      const shares = developmentShares(data, edit.development, projection);
      const communities = data.communities.slice();
      for (const [i, h] of shares) communities[i] = { ...communities[i], households: (communities[i].households ?? 0) + h };
      return { ...data, communities };
    }
  }
}

/** A scenario's data: the base with its edits applied in order. */
export function scenarioData(base: Dataset, edits: readonly Edit[], projection: LocalProjection): Dataset {
  return edits.reduce((d, e) => applyEdit(d, e, projection), base);
}

/** A scenario's audit as it is kept up to date: the prepared context and the result. */
export interface ScenarioAudit {
  ctx: AuditContext;
  result: AuditResult;
}

/** The audit of `data` from scratch (the reference for incremental updates). */
export function fullScenarioAudit(data: Dataset, preset: RulePreset, options: { reach?: ReachProvider; projection: LocalProjection }): ScenarioAudit {
  const ctx = prepareAudit(data, preset, { reach: options.reach, projection: options.projection });
  return { ctx, result: runAudit(ctx) };
}

/** Widest distance at which a green polygon changes any figure: green, park and "6个1" coverage. */
function greenReach(ctx: AuditContext): number {
  const r = ctx.preset.rules;
  return Math.max(r.greenCoverage.distance_m, r.parkCoverage.distance_m, ctx.tierDistances[r.sixOnes.tier] ?? 0);
}

function communitiesNearGreen(ctx: AuditContext, g: GreenSpace): number[] {
  const rings = multiPolygonToMetric(g.geometry, ctx.projection).rings;
  if (!rings.length) return [];
  const box = ringsBBox(rings), d = greenReach(ctx);
  return ctx.communities.filter((c) => c.rings.length && bboxGap(c.bbox, box) <= d).map((c) => c.index);
}

function reaudit(state: ScenarioAudit, ctx: AuditContext, affected: number[]): ScenarioAudit {
  const result = patchResults(state.result, affected, auditCommunities(ctx, affected), ctx.preset);
  return { ctx, result: { ...result, warnings: ctx.warnings } };
}

/** The audit after one more edit, re-auditing only the communities the edit can reach. */
export function applyEditIncremental(state: ScenarioAudit, edit: Edit): ScenarioAudit {
  const { ctx } = state;
  const data = applyEdit(ctx.data, edit, ctx.projection);
  switch (edit.type) {
    case 'addFacility': {
      const u = withFacilityChanged(ctx, { type: 'add', facility: data.facilities[data.facilities.length - 1] });
      return reaudit(state, u.ctx, u.affected);
    }
    case 'moveFacility':
    case 'changeFacility': {
      const i = facilityIndex(ctx.data, edit.id, edit.type);
      const u = withFacilityChanged(ctx, { type: 'update', index: i, facility: data.facilities[i] });
      return reaudit(state, u.ctx, u.affected);
    }
    case 'deleteFacility': {
      const u = withFacilityChanged(ctx, { type: 'remove', index: facilityIndex(ctx.data, edit.id, edit.type) });
      return reaudit(state, u.ctx, u.affected);
    }
    case 'addGreen':
    case 'deleteGreen': {
      const g = edit.type === 'addGreen' ? edit.green : ctx.data.green.find((x) => x.id === edit.id)!;
      // Green is prepared with its indexes; re-preparing is cheap next to auditing (no audit runs here).
      const next = prepareAudit(data, ctx.preset, { reach: ctx.reach, projection: ctx.projection });
      return reaudit(state, next, communitiesNearGreen(next, g));
    }
    case 'setHouseholds':
    case 'addResidential': {
      const changed: number[] = [];
      data.communities.forEach((c, i) => { if (c !== ctx.data.communities[i]) changed.push(i); });
      const ids = new Set(changed.map((i) => data.communities[i].id ?? String(i)));
      const warnings = ctx.warnings.filter((w) => !(w.layer === 'communities' && ids.has(w.feature) && w.field === 'households'));
      for (const i of changed) warnings.push(...householdsWarnings(data.communities[i], i, ctx.communities[i].area_m2));
      const next: AuditContext = { ...ctx, data: { ...ctx.data, communities: data.communities }, warnings };
      return reaudit(state, next, changed);
    }
  }
}

// ----------------------------------------------------------------------------------------------
// Scenario lists: pure updaters (named, duplicated, renamed, deleted; edits added and reverted).

/** A unique scenario id from a name (`s-<slug>`, then -2, -3 … when taken). */
export function scenarioId(name: string, taken: readonly string[]): string {
  const base = 's-' + (name.trim().toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-').replace(/^-|-$/g, '') || 'scenario');
  let id = base;
  for (let k = 2; taken.includes(id); k++) id = `${base}-${k}`;
  return id;
}

/** The default number for a new scenario: above every default number in use and the list's length,
 *  so no two scenarios get the same default name after a deletion. */
export function nextDefaultIndex(list: readonly Scenario[]): number {
  return Math.max(list.length, ...list.map((s) => s.defaultIndex ?? 0)) + 1;
}

export function createScenario(list: readonly Scenario[], name: ScenarioName): Scenario[] {
  const [text, defaultIndex] = typeof name === 'string' ? [name, null] : [defaultScenarioName(name.defaultIndex), name.defaultIndex];
  return [...list, { id: scenarioId(text, list.map((s) => s.id)), name: text, defaultIndex, edits: [] }];
}

/** The scenario named `name` as typed: it no longer carries a default name. */
export function renameScenario(list: readonly Scenario[], id: string, name: string): Scenario[] {
  return list.map((s) => (s.id === id ? { ...s, name, defaultIndex: null } : s));
}

/** Saved scenarios saved before defaultIndex existed carried their default name as text only:
 *  "方案 N", or "Scenario N" when created in the English UI. */
const LEGACY_DEFAULT_NAME = /^(?:方案|Scenario) (\d+)$/;

/**
 * A saved scenario as this version reads it (a tolerant reader): `defaultIndex` kept when it is a
 * positive whole number, null kept (named by the user, whatever the name); when absent or invalid
 * (saved by an older version, or edited by hand) it is read from a default name, else null.
 */
export function readScenario(saved: Scenario): Scenario {
  const d = saved.defaultIndex;
  if (d === null || (typeof d === 'number' && Number.isInteger(d) && d > 0)) return saved;
  const m = LEGACY_DEFAULT_NAME.exec(saved.name);
  return { ...saved, defaultIndex: m ? Number(m[1]) : null };
}

/** A copy of scenario `id` (its edits shared: they are immutable) named `name`, after the original. */
export function duplicateScenario(list: readonly Scenario[], id: string, name: string): Scenario[] {
  const i = list.findIndex((s) => s.id === id);
  if (i < 0) throw new Error(`duplicateScenario: no scenario "${id}"`);
  const copy: Scenario = { id: scenarioId(name, list.map((s) => s.id)), name, defaultIndex: null, edits: list[i].edits.slice() };
  return [...list.slice(0, i + 1), copy, ...list.slice(i + 1)];
}

export function deleteScenario(list: readonly Scenario[], id: string): Scenario[] {
  return list.filter((s) => s.id !== id);
}

export function addEdit(s: Scenario, edit: Edit): Scenario {
  return { ...s, edits: [...s.edits, edit] };
}

/**
 * The scenario without edit `index`; the later edits are replayed on the base, so a revert that
 * would leave a later edit without its object (moving a facility whose addition is reverted) is
 * refused with the edit named.
 */
export function revertEdit(s: Scenario, index: number, base: Dataset, projection: LocalProjection): Scenario {
  if (!(index >= 0 && index < s.edits.length)) throw new Error(`revertEdit: scenario ${s.id} has no edit ${index}`);
  const edits = s.edits.filter((_, k) => k !== index);
  let data = base;
  edits.forEach((e, k) => {
    try {
      data = applyEdit(data, e, projection);
    } catch (err) {
      throw new Error(`revertEdit: edit ${k + (k >= index ? 1 : 0)} (${e.type}) depends on the reverted edit ${index}: ${(err as Error).message}`, { cause: err });
    }
  });
  return { ...s, edits };
}

/** Accepting proposals: each site as an addFacility edit of a proposed facility of the category. */
export function proposalEdits(sites: readonly { candidate: string; lon: number; lat: number }[], category: FacilityCategory, floorArea: number | null, taken: readonly string[]): Edit[] {
  const used = new Set(taken);
  return sites.map((s) => {
    let id = `proposed-${s.candidate}`;
    for (let k = 2; used.has(id); k++) id = `proposed-${s.candidate}-${k}`;
    used.add(id);
    return { type: 'addFacility', facility: { id, category, floorArea, position: [s.lon, s.lat], proposed: true } };
  });
}
