// The comparison map's slice: opening it (with the base data when nothing is compared yet),
// closing it (Esc, no comparison left, other data), side A's audit and each side's gap layer kept
// only for what they were computed for, and the status-changed communities outlined on both sides.
import { describe, expect, it } from 'vitest';
import { appReducer, initialAppState, type Action, type AppState } from '../../../src/ui/state/appState';
import { BASE_ID } from '../../../src/ui/state/scenarioState';
import { statusChanged } from '../../../src/ui/state/comparisonState';
import { selectComparison } from '../../../src/ui/compare/comparisonData';
import { selectComparing } from '../../../src/ui/workspace/CompareRegion';
import { emptyLayers, newProject, type Project } from '../../../src/planning/project';
import type { AuditResult, Community, CommunityResult, Facility } from '../../../src/engine/types';
import type { Edit } from '../../../src/planning/scenario';

const square = (x: number, y: number): Community['geometry'] => [[[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]]];
const community = (id: string, x: number): Community => ({ id, name: id, households: 100, setting: 'urban', geometry: square(x, 30) });
const facility = (id: string, position: [number, number]): Facility => ({ id, category: 'kindergarten', floorArea: 500, position });

function project(other = false): Project {
  const layers = emptyLayers();
  layers.communities = other ? [community('X', 110)] : [community('A', 120), community('B', 120.01), community('C', 120.02)];
  layers.facilities = [facility('k1', [120.005, 30.005])];
  return newProject({ source: 'demo', name: { zh: '示范区', en: 'Demo' } }, layers, 'national-2022');
}

const row = (id: string, status: 'pass' | 'fail'): CommunityResult => ({
  id, name: id, setting: 'urban', households: 100, population: 310, populationEstimated: true, area_m2: 1e4, serviceArea_m2: 0,
  areaPer100Households_m2: 0, largestStation_m2: 0, greenCoverage: 1, parkCoverage: 1, lifeCircles: {}, sixOnes: {}, extra: {},
  facilityIds: [], estimates: [], status, failures: [],
});
const result = (statuses: ('pass' | 'fail')[]): AuditResult => ({
  preset: 'national-2022', parameters: { mode: 'euclidean', tiers: {}, greenDistance_m: 300, parkDistance_m: 500, personsPerHousehold: 3.1, detourFactor: 1, lifeCircleThreshold: 0.9 },
  communities: statuses.map((s, i) => row('ABC'[i], s)), summary: { communities: statuses.length, failing: statuses.filter((s) => s === 'fail').length, byRule: {}, households: 300 }, warnings: [],
});
const add = (id: string): Edit => ({ type: 'addFacility', facility: { ...facility(id, [120.015, 30.005]), proposed: true } });

const run = (actions: Action[], from: AppState = initialAppState()) => actions.reduce(appReducer, from);
const loaded = () => run([{ type: 'project/loaded', project: project() }]);

describe('comparison map: opening and leaving', () => {
  it('opens against the base data when nothing is compared, and against the chosen scenario otherwise', () => {
    const s = run([{ type: 'comparison/opened' }], loaded());
    expect(s.comparison.open).toBe(true);
    expect(s.scenarios.compare?.otherId).toBe(BASE_ID);
    expect(selectComparing(s)).toBe(true);
    // Opening again changes nothing (the same state: nothing re-renders).
    expect(run([{ type: 'comparison/opened' }], s)).toBe(s);

    const two = run([{ type: 'scenario/created', name: '方案 2' }], loaded());
    const first = two.scenarios.list[0].id;
    const c = run([{ type: 'scenario/compareWith', otherId: first }, { type: 'comparison/opened' }], two);
    expect(c.scenarios.compare?.otherId).toBe(first);
    expect(selectComparison(c)!.a.id).toBe(first);
    expect(selectComparison(c)!.b.id).toBe(two.scenarios.currentId);
  });

  it('does not open before a project is loaded', () => {
    const s0 = initialAppState();
    expect(run([{ type: 'comparison/opened' }], s0)).toBe(s0);
  });

  it('closes on request (Esc), keeping the large-type choice and dropping the computed sides', () => {
    const open = run([{ type: 'comparison/opened' }, { type: 'comparison/largeType', on: true }, { type: 'audit/finished', result: result(['fail', 'pass', 'pass']) }], loaded());
    const withA = run([{ type: 'comparison/audited', otherId: BASE_ID, edits: [], with: open.audit.result!, result: result(['fail', 'fail', 'pass']) }], open);
    expect(withA.comparison.other).not.toBeNull();
    const closed = run([{ type: 'comparison/closed' }], withA);
    expect(closed.comparison).toEqual({ open: false, large: true, other: null, gaps: { a: null, b: null } });
    expect(selectComparing(closed)).toBe(false);
    expect(selectComparison(closed)).toBeNull();
    // The delta table's choice stays: leaving the map is not leaving the comparison table.
    expect(closed.scenarios.compare?.otherId).toBe(BASE_ID);
  });

  it('closes when nothing is compared any more: comparison stopped, compared scenario deleted, other data loaded', () => {
    const open = run([{ type: 'comparison/opened' }], loaded());
    expect(run([{ type: 'scenario/compareWith', otherId: null }], open).comparison.open).toBe(false);
    const two = run([{ type: 'scenario/created', name: '方案 2' }], loaded());
    const first = two.scenarios.list[0].id;
    const cmp = run([{ type: 'scenario/compareWith', otherId: first }, { type: 'comparison/opened' }], two);
    expect(run([{ type: 'scenario/deleted', id: first }], cmp).comparison.open).toBe(false);
    expect(run([{ type: 'project/loaded', project: project(true) }], open).comparison.open).toBe(false);
  });

  it('ignores results that arrive after it was closed', () => {
    const s = run([{ type: 'audit/finished', result: result(['pass', 'pass', 'pass']) }], loaded());
    expect(run([{ type: 'comparison/audited', otherId: BASE_ID, edits: [], with: s.audit.result!, result: result(['fail', 'pass', 'pass']) }], s)).toBe(s);
  });
});

describe('comparison map: what each side shows', () => {
  it('side A shows its audit only for the compared scenario and edit list; B is the current audit', () => {
    const current = result(['pass', 'pass', 'fail']);
    const base = result(['fail', 'pass', 'pass']);
    const s = run([{ type: 'scenario/edited', edit: add('p1') }, { type: 'audit/finished', result: current }, { type: 'comparison/opened' }], loaded());
    const before = selectComparison(s)!;
    expect(before.a.result).toBeNull();
    expect(before.b.result).toBe(current);
    expect(before.changed).toEqual([]);
    // Side A's layers are the base's, B's carry the proposed facility.
    expect(before.a.layers.facilities.map((f) => f.id)).toEqual(['k1']);
    expect(before.b.layers.facilities.map((f) => f.id)).toEqual(['k1', 'p1']);

    const a = run([{ type: 'comparison/audited', otherId: BASE_ID, edits: before.a.edits, with: current, result: base }], s);
    const d = selectComparison(a)!;
    expect(d.a.result).toBe(base);
    // A (fail, pass, pass) against B (pass, pass, fail): communities 0 and 2 change status.
    expect(d.changed).toEqual([0, 2]);
    // The same inputs give the same object (the view does not re-render).
    expect(selectComparison(a)).toBe(d);
    // An audit of another edit list is not side A's.
    const stale = run([{ type: 'comparison/audited', otherId: BASE_ID, edits: [add('zz')], with: current, result: base }], s);
    expect(selectComparison(stale)!.a.result).toBeNull();
  });

  it('a gap layer shows only for the tier and category and the audit it was computed from', () => {
    const current = result(['pass', 'fail', 'pass']);
    const s = run([{ type: 'audit/finished', result: current }, { type: 'comparison/opened' }], loaded());
    const key = `${s.ui.tier}|${s.ui.category}`;
    const gaps = [{ community: 1, polygon: [] }];
    const g = run([{ type: 'comparison/gaps', side: 'b', key, result: current, gaps }], s);
    expect(selectComparison(g)!.b.gaps).toBe(gaps);
    expect(selectComparison(g)!.a.gaps).toBeNull();
    const otherTier = run([{ type: 'ui/changed', patch: { tier: s.ui.tier === '5' ? '10' : '5' } }], g);
    expect(selectComparison(otherTier)!.b.gaps).toBeNull();
    const newAudit = run([{ type: 'audit/finished', result: result(['pass', 'pass', 'pass']) }], g);
    expect(selectComparison(newAudit)!.b.gaps).toBeNull();
  });

  it('statusChanged lists the communities whose status differs, nothing for audits of other data', () => {
    expect(statusChanged(result(['pass', 'fail', 'fail']), result(['pass', 'pass', 'fail']))).toEqual([1]);
    expect(statusChanged(result(['pass', 'fail']), result(['fail', 'fail', 'fail']))).toEqual([]);
  });
});
