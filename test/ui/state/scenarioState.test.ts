// The scenarios slice of the app store: what-if edits with undo/redo (the app's one history), the scenario list
// (create, duplicate, rename, delete, switch), reverting an edit, and the current scenario's
// layers; plus the audit slice's handling of an edited audit (change list, patched gaps).
import { describe, expect, it } from 'vitest';
import { appReducer, initialAppState, selectCurrentEdits, selectScenarioLayers, type Action, type AppState } from '../../../src/ui/state/appState';
import { currentScenario } from '../../../src/ui/state/scenarioState';
import { emptyLayers, newProject, replaceLayer, type Project } from '../../../src/planning/project';
import type { AuditResult, Community, CommunityResult, Facility, MultiPolygonCoords } from '../../../src/engine/types';
import type { Edit, Scenario } from '../../../src/planning/scenario';

const square = (x: number, y: number): Community['geometry'] => [[[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]]];
const community = (id: string, x: number): Community => ({ id, name: id, households: 100, setting: 'urban', geometry: square(x, 30) });
const facility = (id: string, position: [number, number]): Facility => ({ id, category: 'kindergarten', floorArea: 500, position });

function project(): Project {
  const layers = emptyLayers();
  layers.communities = [community('A', 120), community('B', 120.01)];
  layers.facilities = [facility('k1', [120.005, 30.005])];
  return newProject({ source: 'demo', name: { zh: '示范区', en: 'Demo' } }, layers, 'national-2022');
}

const run = (actions: Action[], from: AppState = initialAppState()) => actions.reduce(appReducer, from);
const loaded = () => run([{ type: 'project/loaded', project: project() }]);
const add = (id: string, x = 120.015): Edit => ({ type: 'addFacility', facility: { ...facility(id, [x, 30.005]), proposed: true } });

describe('scenarios: what-if edits, undo and redo', () => {
  it('an added facility appears in the scenario layers, not in the base; undo and redo walk the edit list', () => {
    const s1 = run([{ type: 'scenario/edited', edit: add('p1') }], loaded());
    expect(selectScenarioLayers(s1)!.facilities.map((f) => f.id)).toEqual(['k1', 'p1']);
    expect(s1.project!.layers.facilities.map((f) => f.id)).toEqual(['k1']);
    const s2 = run([{ type: 'scenario/edited', edit: { type: 'moveFacility', id: 'p1', position: [120.012, 30.002] } }], s1);
    expect(selectScenarioLayers(s2)!.facilities[1].position).toEqual([120.012, 30.002]);
    const u = run([{ type: 'history/undone' }], s2);
    expect(selectScenarioLayers(u)!.facilities[1].position).toEqual([120.015, 30.005]);
    const uu = run([{ type: 'history/undone' }], u);
    expect(selectScenarioLayers(uu)!.facilities.map((f) => f.id)).toEqual(['k1']);
    // Nothing left to undo: the same state.
    expect(run([{ type: 'history/undone' }], uu)).toBe(uu);
    const r = run([{ type: 'history/redone' }, { type: 'history/redone' }], uu);
    expect(selectCurrentEdits(r)).toEqual(selectCurrentEdits(s2));
    expect(run([{ type: 'history/redone' }], r)).toBe(r);
    // A new edit after an undo clears the redo list.
    const n = run([{ type: 'history/undone' }, { type: 'scenario/edited', edit: { type: 'deleteFacility', id: 'k1' } }], r);
    expect(n.history.undone).toEqual([]);
    expect(selectScenarioLayers(n)!.facilities.map((f) => f.id)).toEqual(['p1']);
  });

  it('an edit that cannot apply is refused with the reason, and nothing changes', () => {
    const s = loaded();
    const bad = run([{ type: 'scenario/edited', edit: { type: 'moveFacility', id: 'nope', position: [120, 30] } }], s);
    expect(bad.scenarios.error).toMatch(/no facility with id "nope"/);
    expect(selectCurrentEdits(bad)).toEqual([]);
    const dup = run([{ type: 'scenario/edited', edit: add('k1') }], s);
    expect(dup.scenarios.error).toMatch(/id "k1" is taken/);
    expect(run([{ type: 'scenario/errorCleared' }], dup).scenarios.error).toBeNull();
  });

  it('the scenario layers are the same arrays while nothing changes (the map does not redraw)', () => {
    const s = run([{ type: 'scenario/edited', edit: add('p1') }], loaded());
    expect(selectScenarioLayers(s)).toBe(selectScenarioLayers(s));
    expect(selectScenarioLayers(s)!.communities).toBe(s.project!.layers.communities);
    const l = loaded();
    expect(selectScenarioLayers(l)).toBe(l.project!.layers);
  });
});

describe('scenarios: the list', () => {
  it('a new scenario without a name takes the next default number; a loaded older save reads its default names', () => {
    let s = loaded();
    expect(s.scenarios.list[0]).toMatchObject({ name: '方案 1', defaultIndex: 1 });
    s = run([{ type: 'scenario/created' }, { type: 'scenario/created', name: '北片' }, { type: 'scenario/created' }], s);
    expect(s.scenarios.list.map((x) => [x.name, x.defaultIndex])).toEqual([['方案 1', 1], ['方案 2', 2], ['北片', null], ['方案 4', 4]]);
    const old = [{ id: 's-a', name: 'Scenario 2', edits: [] }, { id: 's-b', name: '南片', edits: [] }] as Scenario[];
    const l = run([{ type: 'scenario/loaded', list: old, currentId: 's-b' }], s);
    expect(l.scenarios.list.map((x) => x.defaultIndex)).toEqual([2, null]);
    expect(l.scenarios.currentId).toBe('s-b');
  });

  it('create, duplicate (with its edits), rename, switch and delete', () => {
    let s = run([{ type: 'scenario/edited', edit: add('p1') }], loaded());
    const first = s.scenarios.currentId;
    s = run([{ type: 'scenario/duplicated', id: first, name: '方案 2' }], s);
    expect(s.scenarios.list.map((x) => x.name)).toEqual(['方案 1', '方案 2']);
    expect(currentScenario(s.scenarios).edits).toEqual([add('p1')]);
    s = run([{ type: 'scenario/edited', edit: add('p2', 120.016) }], s);
    expect(s.scenarios.list[0].edits).toHaveLength(1);
    expect(s.scenarios.list[1].edits).toHaveLength(2);
    s = run([{ type: 'scenario/created', name: '空白' }], s);
    expect(selectScenarioLayers(s)!.facilities.map((f) => f.id)).toEqual(['k1']);
    s = run([{ type: 'scenario/renamed', id: s.scenarios.currentId, name: ' 新名 ' }], s);
    expect(currentScenario(s.scenarios).name).toBe('新名');
    expect(run([{ type: 'scenario/renamed', id: s.scenarios.currentId, name: '  ' }], s).scenarios.error).toMatch(/needs a name/);
    s = run([{ type: 'scenario/switched', id: first }], s);
    expect(selectScenarioLayers(s)!.facilities.map((f) => f.id)).toEqual(['k1', 'p1']);
    s = run([{ type: 'scenario/deleted', id: first }], s);
    expect(s.scenarios.list.map((x) => x.name)).toEqual(['方案 2', '新名']);
    expect(s.scenarios.currentId).toBe(s.scenarios.list[0].id);
    s = run([{ type: 'scenario/deleted', id: s.scenarios.list[1].id }], s);
    const only = run([{ type: 'scenario/deleted', id: s.scenarios.list[0].id }], s);
    expect(only.scenarios.list).toHaveLength(1);
    expect(only.scenarios.error).toMatch(/only scenario/);
  });

  it('reverting an edit replays the later ones; a later edit that depends on it refuses the revert', () => {
    const s = run([
      { type: 'scenario/edited', edit: add('p1') },
      { type: 'scenario/edited', edit: { type: 'changeFacility', id: 'k1', floorArea: 900 } },
      { type: 'scenario/edited', edit: { type: 'moveFacility', id: 'p1', position: [120.011, 30.001] } },
    ], loaded());
    const r = run([{ type: 'scenario/editReverted', index: 1 }], s);
    expect(selectCurrentEdits(r).map((e) => e.type)).toEqual(['addFacility', 'moveFacility']);
    expect(selectScenarioLayers(r)!.facilities[0].floorArea).toBe(500);
    const refused = run([{ type: 'scenario/editReverted', index: 0 }], s);
    expect(refused.scenarios.error).toMatch(/depends on the reverted edit 0/);
    expect(selectCurrentEdits(refused)).toHaveLength(3);
  });

  it('other data (an import) starts with one empty scenario; persisted scenarios load', () => {
    const s = run([{ type: 'scenario/edited', edit: add('p1') }, { type: 'scenario/created', name: 'x' }], loaded());
    const imported = run([{ type: 'project/updated', update: (p) => replaceLayer(p, 'facilities', [facility('z', [120, 30])]) }], s);
    expect(imported.scenarios.list).toHaveLength(1);
    expect(selectCurrentEdits(imported)).toEqual([]);
    const back = run([{ type: 'scenario/loaded', list: s.scenarios.list, currentId: s.scenarios.list[0].id }], loaded());
    expect(selectCurrentEdits(back)).toEqual([add('p1')]);
  });
});

describe('scenarios: comparison and adding on the map', () => {
  it('compare with the base or another scenario; changes only for the scenario asked; deleting it stops the comparison', () => {
    let s = run([{ type: 'scenario/created', name: 'B' }], loaded());
    const [a, b] = s.scenarios.list;
    s = run([{ type: 'scenario/compareWith', otherId: a.id }], s);
    expect(s.scenarios.compare).toEqual({ otherId: a.id, changes: null });
    const changes = { failingBefore: 2, failingAfter: 1, communities: [], householdsWithin: [] };
    expect(run([{ type: 'scenario/compared', otherId: 'other', changes }], s)).toBe(s);
    s = run([{ type: 'scenario/compared', otherId: a.id, changes }], s);
    expect(s.scenarios.compare!.changes).toBe(changes);
    expect(run([{ type: 'scenario/compareWith', otherId: 'nope' }], s)).toBe(s);
    expect(run([{ type: 'scenario/compareWith', otherId: '' }], s).scenarios.compare).toEqual({ otherId: '', changes: null });
    s = run([{ type: 'scenario/switched', id: b.id }, { type: 'scenario/deleted', id: a.id }], s);
    expect(s.scenarios.compare).toBeNull();
    expect(run([{ type: 'scenario/compareWith', otherId: null }], s)).toBe(s);
  });

  it('adding: armed, then placed; an edit ends it, Esc-like cancel too', () => {
    let s = run([{ type: 'scenario/addPlaced', position: [1, 2] }], loaded());
    expect(s.scenarios.adding).toBeNull();
    s = run([{ type: 'scenario/addArmed', on: true }, { type: 'scenario/addPlaced', position: [120.015, 30.005] }], s);
    expect(s.scenarios.adding).toEqual({ at: [120.015, 30.005] });
    expect(run([{ type: 'scenario/addArmed', on: false }], s).scenarios.adding).toBeNull();
    s = run([{ type: 'scenario/edited', edit: add('p1') }], s);
    expect(s.scenarios.adding).toBeNull();
    expect(s.history.done.at(-1)).toMatchObject({ kind: 'scenario', change: 'edit' });
  });
});

describe('scenarios: proposals', () => {
  const result = { category: 'kindergarten', sites: [{ candidate: 'g1', lon: 120.015, lat: 30.005 }], candidates: 4 } as never;
  it('progress while running, the result, accept adds the sites as proposed facilities and clears it; a cancel leaves no error', () => {
    let s = run([{ type: 'scenario/proposalsProgress', phase: 'greedy', done: 1, total: 2 }], loaded());
    expect(s.scenarios.proposals.progress).toBeNull();
    s = run([{ type: 'scenario/proposalsStarted' }, { type: 'scenario/proposalsProgress', phase: 'greedy', done: 1, total: 2 }], s);
    expect(s.scenarios.proposals.progress).toEqual({ phase: 'greedy', done: 1, total: 2 });
    expect(run([{ type: 'scenario/proposalsStopped', message: null }], s).scenarios.proposals).toEqual({ progress: null, result: null, error: null });
    s = run([{ type: 'scenario/proposalsFinished', result }], s);
    expect(s.scenarios.proposals.result).toBe(result);
    const edits: Edit[] = [{ type: 'addFacility', facility: { id: 'proposed-g1', category: 'kindergarten', floorArea: null, position: [120.015, 30.005], proposed: true } }];
    s = run([{ type: 'scenario/proposalsAccepted', edits }], s);
    expect(selectScenarioLayers(s)!.facilities.map((f) => f.id)).toEqual(['k1', 'proposed-g1']);
    expect(s.scenarios.proposals.result).toBeNull();
    expect(s.history.done.at(-1)).toMatchObject({ kind: 'scenario', change: 'accept' });
    // Accepting the same sites again: their ids are taken, nothing is added.
    const again = run([{ type: 'scenario/proposalsAccepted', edits }], s);
    expect(again.scenarios.error).toMatch(/taken/);
    expect(selectCurrentEdits(again)).toHaveLength(1);
  });
});

describe('audit slice: an edited audit', () => {
  const row = (id: string, status: 'pass' | 'fail', share: number): CommunityResult => ({
    id, name: id, setting: 'urban', households: 100, population: 310, populationEstimated: true, area_m2: 1e4, serviceArea_m2: 0,
    areaPer100Households_m2: 0, largestStation_m2: 0, greenCoverage: 1, parkCoverage: 1, lifeCircles: { '5min': { kindergarten: share } }, sixOnes: {}, extra: {},
    facilityIds: [], estimates: [], status, failures: [],
  });
  const result = (rows: CommunityResult[]): AuditResult => ({
    preset: 'national-2022', parameters: { mode: 'euclidean', tiers: {}, greenDistance_m: 300, parkDistance_m: 500, personsPerHousehold: 3.1, detourFactor: 1, lifeCircleThreshold: 0.9 },
    communities: rows, summary: { communities: rows.length, failing: rows.filter((r) => r.status === 'fail').length, byRule: {}, households: 200 }, warnings: [],
  });

  it('keeps the change list of the re-audited communities and the timings; a full audit clears it', () => {
    const s = run([
      { type: 'audit/finished', result: result([row('A', 'fail', 0.2), row('B', 'fail', 0.5)]) },
      { type: 'audit/edited', result: result([row('A', 'pass', 1), row('B', 'fail', 0.5)]), affected: [0], ms: 3, roundTripMs: 9 },
    ], loaded());
    expect(s.audit.result!.summary.failing).toBe(1);
    const c = s.audit.lastChange!;
    expect([c.affected, c.ms, c.roundTripMs]).toEqual([1, 3, 9]);
    expect(c.changes!.communities.map((x) => [x.id, x.statusBefore, x.statusAfter])).toEqual([['A', 'fail', 'pass']]);
    expect(c.changes!.householdsWithin[0].households).toBeCloseTo(80, 9);
    expect(run([{ type: 'audit/finished', result: result([row('A', 'fail', 0.2), row('B', 'fail', 0.5)]) }], s).audit.lastChange).toBeNull();
  });

  it('patched gaps replace those of the re-audited communities only', () => {
    const g = (community: number, x: number) => ({ community, polygon: [[[[x, 0], [x + 1, 0], [x, 1], [x, 0]]]] as MultiPolygonCoords });
    const s = run([{ type: 'gaps/finished', gaps: [g(0, 0), g(1, 1), g(3, 3)] }, { type: 'gaps/patched', communities: [1, 2], gaps: [g(2, 9)] }], loaded());
    expect(s.audit.gaps!.map((x) => x.community)).toEqual([0, 2, 3]);
    expect(s.audit.gaps![1].polygon[0][0][0]).toEqual([9, 0]);
  });

  it('an edited audit that brings its gaps patches the result and the gap layer in one action', () => {
    const g = (community: number, x: number) => ({ community, polygon: [[[[x, 0], [x + 1, 0], [x, 1], [x, 0]]]] as MultiPolygonCoords });
    const before = run([
      { type: 'audit/finished', result: result([row('A', 'fail', 0.2), row('B', 'fail', 0.5)]) },
      { type: 'gaps/finished', gaps: [g(0, 0), g(1, 1)] },
    ], loaded());
    // A is now fully covered (no gap), B's gap is smaller: both were re-audited.
    const s = appReducer(before, { type: 'audit/edited', result: result([row('A', 'pass', 1), row('B', 'fail', 0.7)]), affected: [0, 1], ms: 3, roundTripMs: 9, gaps: { communities: [0, 1], gaps: [g(1, 5)] } });
    expect(s.audit.result!.summary.failing).toBe(1);
    expect(s.audit.gaps!.map((x) => [x.community, x.polygon[0][0][0][0]])).toEqual([[1, 5]]);
    // Without a gap layer shown (no gaps held), the answer's gaps are not taken.
    const hidden = run([{ type: 'gaps/cleared' }], before);
    expect(appReducer(hidden, { type: 'audit/edited', result: result([row('A', 'pass', 1), row('B', 'fail', 0.7)]), affected: [0, 1], ms: 3, roundTripMs: 9, gaps: { communities: [0, 1], gaps: [g(1, 5)] } }).audit.gaps).toBeNull();
  });
});

describe('scenario layers: computed once per edit list', () => {
  it('an edit starts from the data before it, and undo and redo find each list\'s data again', () => {
    const s1 = run([{ type: 'scenario/edited', edit: add('p1') }], loaded());
    const l1 = selectScenarioLayers(s1)!;
    const s2 = run([{ type: 'scenario/edited', edit: add('p2', 120.016) }], s1);
    const l2 = selectScenarioLayers(s2)!;
    // The untouched facilities are the same objects: only the new one is new.
    expect(l2.facilities.slice(0, 2)).toEqual(l1.facilities);
    expect(l2.facilities[0]).toBe(l1.facilities[0]);
    const u = run([{ type: 'history/undone' }], s2);
    expect(selectScenarioLayers(u)).toBe(l1);
    expect(selectScenarioLayers(run([{ type: 'history/redone' }], u))).toBe(l2);
  });
});
