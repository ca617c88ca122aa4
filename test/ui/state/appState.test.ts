// The app store's pure updaters (state/appState.ts) and the store itself (state/store.ts).
import { describe, expect, it } from 'vitest';
import { appReducer, initialAppState, selectPreset, selectScenarioLayers, type Action, type AppState } from '../../../src/ui/state/appState';
import { createStore } from '../../../src/ui/state/store';
import { findPreset } from '../../../src/ui/state/presetCatalog';
import { projectDocument } from '../../../src/planning/projectDocument';
import { emptyLayers, newProject, replaceLayer, type Project } from '../../../src/planning/project';
import { getPreset } from '../../../src/engine/presets';
import type { AuditResult, Community, CommunityResult, Facility, RulePreset } from '../../../src/engine/types';

const community = (id: string): Community => ({ id, name: id, households: 100, setting: 'urban', geometry: [] });
const facility = (id: string, position: [number, number]): Facility => ({ id, category: 'kindergarten', floorArea: 500, position });
const national = getPreset('national-2022') as RulePreset;

function project(): Project {
  const layers = emptyLayers();
  layers.communities = [community('A'), community('B'), community('C')];
  layers.facilities = [facility('k1', [120, 30])];
  return newProject({ source: 'demo', name: { zh: '示范区', en: 'Demo' } }, layers, 'national-2022');
}

const row = (id: string, status: 'pass' | 'fail'): CommunityResult => ({
  id, name: id, setting: 'urban', households: 100, population: 310, populationEstimated: true, area_m2: 1e4, serviceArea_m2: 0,
  areaPer100Households_m2: 0, largestStation_m2: 0, greenCoverage: 1, parkCoverage: 1, lifeCircles: {}, sixOnes: {}, extra: {},
  facilityIds: [], estimates: [], status, failures: [],
});

function result(statuses: ('pass' | 'fail')[], mode: 'euclidean' | 'network' = 'euclidean'): AuditResult {
  const communities = statuses.map((s, i) => row('ABC'[i], s));
  return {
    preset: 'national-2022',
    parameters: { mode, tiers: {}, greenDistance_m: 300, parkDistance_m: 500, personsPerHousehold: 3.1, detourFactor: 1, lifeCircleThreshold: 0.9 },
    communities,
    summary: { communities: communities.length, failing: statuses.filter((s) => s === 'fail').length, byRule: {}, households: 300 },
    warnings: [],
  };
}

const run = (actions: Action[], from: AppState = initialAppState()) => actions.reduce(appReducer, from);
const loaded = () => run([{ type: 'project/loaded', project: project() }]);

describe('app state: project and selection', () => {
  it('loading a project starts the active preset’s edit history', () => {
    const s = loaded();
    expect(s.project?.layers.communities).toHaveLength(3);
    expect(selectPreset(s)?.id).toBe('national-2022');
    expect(s.history.done).toEqual([]);
  });

  it('replacing a layer drops the selection and the results of the old data, and can ask the map to fit', () => {
    let s = run([
      { type: 'selection/community', index: 2 },
      { type: 'selection/facility', index: 0 },
      { type: 'audit/finished', result: result(['pass', 'fail', 'pass']) },
    ], loaded());
    expect(s.selection).toMatchObject({ community: 2, facility: 0 });
    const fit = s.view.fitToken;
    s = appReducer(s, { type: 'project/updated', update: (p) => replaceLayer(p, 'communities', [community('X')]), fit: true });
    expect(s.project?.layers.communities.map((c) => c.id)).toEqual(['X']);
    expect(s.project?.dataset.source).toBe('import');
    expect(s.selection).toMatchObject({ community: null, facility: null });
    expect(s.audit.result).toBeNull();
    expect(s.view.fitToken).toBe(fit + 1);
  });

  it('new communities clear the table search and street (they named the old data); other filters stay', () => {
    let s = run([{ type: 'ui/changed', patch: { filters: { search: '东关', failingOnly: true, rule: '', street: '东城街道', setting: '' } } }], loaded());
    s = appReducer(s, { type: 'project/updated', update: (p) => replaceLayer(p, 'facilities', []) });
    expect(s.ui.filters.search).toBe('东关');
    s = appReducer(s, { type: 'project/updated', update: (p) => replaceLayer(p, 'communities', [community('X')]) });
    expect(s.ui.filters).toEqual({ search: '', failingOnly: true, rule: '', street: '', setting: '' });
    s = run([{ type: 'ui/changed', patch: { filters: { ...s.ui.filters, search: 'X' } } }, { type: 'project/loaded', project: project() }], s);
    expect(s.ui.filters.search).toBe('');
  });

  it('a change that leaves the layers alone keeps the selection and the results', () => {
    let s = run([{ type: 'selection/community', index: 1 }, { type: 'audit/finished', result: result(['pass', 'fail', 'pass']) }], loaded());
    s = appReducer(s, { type: 'preset/picked', id: 'meishan-2025' });
    expect(s.selection.community).toBe(1);
    expect(s.audit.result).not.toBeNull();
  });

  it('a pick in the table zooms the map to it, a pick on the map does not', () => {
    const s0 = loaded();
    const fromMap = appReducer(s0, { type: 'selection/community', index: 1 });
    expect(fromMap.selection.zoomToken).toBe(s0.selection.zoomToken);
    const fromTable = appReducer(s0, { type: 'selection/community', index: 1, zoom: true });
    expect(fromTable.selection.zoomToken).toBe(s0.selection.zoomToken + 1);
    expect(appReducer(fromTable, { type: 'selection/community', index: null, zoom: true }).selection.zoomToken).toBe(fromTable.selection.zoomToken);
  });

  it('an action that changes nothing returns the same state (no re-render)', () => {
    const s = loaded();
    expect(appReducer(s, { type: 'ui/changed', patch: { mode: s.ui.mode } })).toBe(s);
    expect(appReducer(s, { type: 'selection/cleared' })).toBe(s);
    expect(appReducer(s, { type: 'dialog/closed' })).toBe(s);
    expect(appReducer(s, { type: 'history/undone' })).toBe(s);
    expect(appReducer(s, { type: 'preset/picked', id: 'national-2022' })).toBe(s);
  });

  it('closing one dialog leaves another open; closing any closes it', () => {
    const s = appReducer(loaded(), { type: 'dialog/opened', dialog: 'settings' });
    expect(appReducer(s, { type: 'dialog/closed', dialog: 'import' }).view.dialog).toBe('settings');
    expect(appReducer(s, { type: 'dialog/closed' }).view.dialog).toBeNull();
  });
});

describe('app state: preset edits', () => {
  it('edits, undoes, redoes and reverts the active preset', () => {
    const a = { ...national, personsPerHousehold: 3.2 };
    const b = { ...a, detourFactor: 1.3 };
    let s = run([{ type: 'preset/edited', preset: a }, { type: 'preset/edited', preset: b }], loaded());
    expect(selectPreset(s)).toBe(b);
    s = appReducer(s, { type: 'history/undone' });
    expect(selectPreset(s)).toBe(a);
    s = appReducer(s, { type: 'history/redone' });
    expect(selectPreset(s)).toBe(b);
    s = appReducer(s, { type: 'preset/reverted' });
    expect(selectPreset(s)).toBe(s.presetEdits?.base);
    expect(selectPreset(s)?.personsPerHousehold).toBe(national.personsPerHousehold);
  });

  it('picking, saving or deleting a preset starts a fresh history on the new active preset', () => {
    let s = run([{ type: 'preset/edited', preset: { ...national, personsPerHousehold: 3.2 } }], loaded());
    s = appReducer(s, { type: 'preset/picked', id: 'meishan-2025' });
    expect(selectPreset(s)?.id).toBe('meishan-2025');
    expect(s.history.done).toEqual([]);
    const mine = { ...national, id: 'custom-mine', personsPerHousehold: 2.9 };
    s = appReducer(s, { type: 'preset/saved', preset: mine });
    expect(selectPreset(s)).toBe(mine);
    s = appReducer(s, { type: 'preset/deleted', id: 'custom-mine' });
    expect(selectPreset(s)?.id).toBe('national-2022');
  });
});

describe('app state: undo history of user edits', () => {
  const a = { ...national, personsPerHousehold: 3.2 };
  const b = { ...a, detourFactor: 1.3 };

  it('records each preset edit with both values; a revert is an edit too, and undoing it brings the edits back', () => {
    let s = run([{ type: 'preset/edited', preset: a }, { type: 'preset/edited', preset: b }], loaded());
    expect(s.history.done).toEqual([
      { kind: 'preset', presetId: 'national-2022', before: national, after: a },
      { kind: 'preset', presetId: 'national-2022', before: a, after: b },
    ]);
    s = appReducer(s, { type: 'preset/reverted' });
    expect(selectPreset(s)).toBe(s.presetEdits?.base);
    expect(s.history.done).toHaveLength(3);
    s = appReducer(s, { type: 'history/undone' });
    expect(selectPreset(s)).toBe(b);
    expect(s.history.undone).toHaveLength(1);
    // A new edit after an undo drops the redo branch.
    s = appReducer(s, { type: 'preset/edited', preset: a });
    expect(s.history.undone).toEqual([]);
    expect(appReducer(s, { type: 'history/redone' })).toBe(s);
  });

  it('an edit to the same value, a revert of an unedited preset and an undo of nothing change nothing', () => {
    const s = loaded();
    expect(appReducer(s, { type: 'preset/edited', preset: selectPreset(s)! })).toBe(s);
    expect(appReducer(s, { type: 'preset/reverted' })).toBe(s);
    expect(appReducer(s, { type: 'history/undone' })).toBe(s);
  });

  it('a saved document restores the edited preset and its history; undo then walks back to the saved values', () => {
    const edited = run([{ type: 'preset/edited', preset: a }, { type: 'preset/edited', preset: b }], loaded());
    const doc = projectDocument({ project: edited.project!, presetEdit: { presetId: 'national-2022', preset: b }, history: edited.history });
    // Through a structured clone, as IndexedDB stores it: no identity is shared with the old state.
    let s = appReducer(initialAppState(), { type: 'document/loaded', doc: structuredClone(doc) });
    expect(selectPreset(s)).toEqual(b);
    expect(s.presetEdits?.base).toBe(findPreset('national-2022', []));
    s = appReducer(s, { type: 'history/undone' });
    expect(selectPreset(s)).toEqual(a);
    s = appReducer(s, { type: 'history/undone' });
    expect(selectPreset(s)).toEqual(national);
    // Back at the preset's own values: unedited (what the editor shows and the autosave stores).
    expect(s.presetEdits?.present).toBe(s.presetEdits?.base);
    s = appReducer(s, { type: 'history/redone' });
    expect(selectPreset(s)?.personsPerHousehold).toBe(3.2);
  });

  it('a saved document restores its scenarios (names, edits, the current one); one without them starts with one empty scenario', () => {
    const p = loaded().project!;
    const list = [
      { id: 's-a', name: '方案 1', defaultIndex: 1, edits: [] },
      { id: 's-b', name: '方案乙', defaultIndex: null, edits: [{ type: 'deleteFacility' as const, id: 'k1' }] },
    ];
    const doc = projectDocument({ project: p, presetEdit: null, history: { done: [], undone: [] }, scenarios: { list, currentId: 's-b' } });
    const s = appReducer(initialAppState(), { type: 'document/loaded', doc: structuredClone(doc) });
    expect(s.scenarios.list).toEqual(list);
    expect(s.scenarios.currentId).toBe('s-b');
    expect(selectScenarioLayers(s)?.facilities).toEqual([]);
    const none = appReducer(s, { type: 'document/loaded', doc: projectDocument({ project: p, presetEdit: null, history: { done: [], undone: [] } }) });
    expect(none.scenarios.list).toHaveLength(1);
    expect(none.scenarios.list[0].edits).toEqual([]);
  });

  it('a saved document restores the drawn candidate sites and their source, draw mode off; a new point gets a fresh number', () => {
    let s = run([{ type: 'candidates/drawing', on: true }, { type: 'candidates/added', position: [103.81, 30.01] }, { type: 'candidates/added', position: [103.82, 30.02] }, { type: 'candidates/added', position: [103.83, 30.03] }, { type: 'candidates/removed', id: 'D3' }], loaded());
    expect(s.candidates.drawn.map((d) => d.id)).toEqual(['D1', 'D2']);
    const doc = projectDocument({ project: s.project!, presetEdit: null, history: { done: [], undone: [] }, candidates: { source: s.candidates.source, drawn: s.candidates.drawn.map((d) => ({ id: d.id, position: [d.position[0], d.position[1]] })), next: s.candidates.next } });
    s = appReducer(initialAppState(), { type: 'document/loaded', doc: structuredClone(doc) });
    expect(s.candidates).toEqual({ source: 'drawn', drawn: [{ id: 'D1', position: [103.81, 30.01] }, { id: 'D2', position: [103.82, 30.02] }], drawing: false, next: 4 });
    // D3 was removed: its number is not given again.
    s = run([{ type: 'candidates/drawing', on: true }, { type: 'candidates/added', position: [103.84, 30.04] }], s);
    expect(s.candidates.drawn.map((d) => d.id)).toEqual(['D1', 'D2', 'D4']);
    // A hand-edited file whose next number is behind its points still gives a fresh id.
    const stale = projectDocument({ project: s.project!, presetEdit: null, history: { done: [], undone: [] }, candidates: { source: 'drawn', drawn: [{ id: 'D7', position: [103.8, 30] }], next: 2 } });
    s = run([{ type: 'document/loaded', doc: stale }, { type: 'candidates/drawing', on: true }, { type: 'candidates/added', position: [103.85, 30.05] }], initialAppState());
    expect(s.candidates.drawn.map((d) => d.id)).toEqual(['D7', 'D8']);
    // A document without drawn points: the defaults (the grid, nothing drawn).
    const none = appReducer(s, { type: 'document/loaded', doc: projectDocument({ project: s.project!, presetEdit: null, history: { done: [], undone: [] } }) });
    expect(none.candidates).toEqual({ source: 'grid', drawn: [], drawing: false, next: 1 });
  });

  it('a document whose edits belong to another preset than its active one loads them without those edits', () => {
    const edited = run([{ type: 'preset/edited', preset: a }], loaded());
    const p = { ...edited.project!, activePresetId: 'meishan-2025' };
    const s = appReducer(initialAppState(), { type: 'document/loaded', doc: projectDocument({ project: p, presetEdit: { presetId: 'national-2022', preset: a }, history: edited.history }) });
    expect(selectPreset(s)?.id).toBe('meishan-2025');
    expect(s.presetEdits?.present).toBe(s.presetEdits?.base);
    expect(s.history.done).toEqual([]);
  });
});

describe('app state: persistence', () => {
  it('a failed save is kept until a save succeeds; a conflict until the user resolves it', () => {
    let s = appReducer(loaded(), { type: 'persist/saveFailed', error: { name: 'QuotaExceededError', message: 'full' } });
    expect(s.persistence.saveError?.name).toBe('QuotaExceededError');
    s = appReducer(s, { type: 'persist/saved', revision: 4 });
    expect(s.persistence).toMatchObject({ saveError: null, revision: 4 });
    s = appReducer(s, { type: 'persist/conflict', other: { revision: 5, savedAt: '2026-12-02T10:00:00Z' } });
    expect(s.persistence.conflict?.revision).toBe(5);
    expect(appReducer(s, { type: 'persist/conflict', other: { revision: 5, savedAt: '2026-12-02T10:00:00Z' } })).toBe(s);
    s = appReducer(s, { type: 'persist/conflictResolved' });
    expect(s.persistence.conflict).toBeNull();
    expect(appReducer(s, { type: 'persist/conflictResolved' })).toBe(s);
  });

  it('a project file that fails leaves the project as it was', () => {
    const s0 = loaded();
    const s = appReducer(s0, { type: 'persist/fileFailed', source: 'file', message: 'x.json: not valid JSON' });
    expect(s.project).toBe(s0.project);
    expect(s.presetEdits).toBe(s0.presetEdits);
    expect(s.persistence.fileError).toEqual({ source: 'file', message: 'x.json: not valid JSON' });
    expect(appReducer(s, { type: 'persist/fileErrorDismissed' }).persistence.fileError).toBeNull();
  });
});

describe('app state: audit', () => {
  it('progress is shown while running; a late progress message after the result is ignored', () => {
    let s = run([{ type: 'audit/started', total: 3 }, { type: 'audit/progress', done: 2, total: 3 }], loaded());
    expect(s.audit.progress).toEqual({ done: 2, total: 3 });
    s = appReducer(s, { type: 'audit/finished', result: result(['pass', 'pass', 'fail']) });
    expect(s.audit.progress).toBeNull();
    expect(appReducer(s, { type: 'audit/progress', done: 3, total: 3 })).toBe(s);
  });

  it('a superseded run (null result) keeps the previous result; cancel and errors clear on the next start', () => {
    let s = run([{ type: 'audit/finished', result: result(['pass', 'pass', 'fail']) }, { type: 'audit/started', total: 3 }, { type: 'audit/cancelled' }], loaded());
    expect(s.audit).toMatchObject({ cancelled: true, progress: null });
    s = appReducer(s, { type: 'audit/finished', result: null });
    expect(s.audit.result?.summary.failing).toBe(1);
    s = run([{ type: 'audit/failed', message: 'boom' }, { type: 'audit/started', total: 3 }], s);
    expect(s.audit).toMatchObject({ cancelled: false, error: null });
  });

  it('a facility move changes the project and patches the re-audited communities into the result, summary recounted', () => {
    let s = run([{ type: 'selection/community', index: 0 }, { type: 'audit/finished', result: result(['fail', 'fail', 'pass']) }], loaded());
    const moved: Project = { ...s.project!, layers: { ...s.project!.layers, facilities: [facility('k1', [120.01, 30])] }, layerVersion: s.project!.layerVersion + 1 };
    s = appReducer(s, { type: 'facility/moved', project: moved, mode: 'euclidean', affected: [0, 1], results: [row('A', 'pass'), row('B', 'fail')] });
    expect(s.project).toBe(moved);
    expect(s.audit.result?.communities.map((c) => c.status)).toEqual(['pass', 'fail', 'pass']);
    // Recounted by hand: one failing community (B) of three.
    expect(s.audit.result?.summary).toMatchObject({ communities: 3, failing: 1 });
    // The selection stays (same data); the workspace knows these layers need no full re-audit.
    expect(s.selection.community).toBe(0);
    expect(s.audit.patchedLayers).toBe(moved.layers);
  });

  it('a move re-audited in the other mode leaves the shown result alone', () => {
    let s = run([{ type: 'audit/finished', result: result(['fail', 'fail', 'pass'], 'network') }], loaded());
    const before = s.audit.result;
    s = appReducer(s, { type: 'facility/moved', project: s.project!, mode: 'euclidean', affected: [0], results: [row('A', 'pass')] });
    expect(s.audit.result).toBe(before);
  });
});

describe('store', () => {
  it('tells listeners about changes only, in order, and stops after unsubscribe', () => {
    const store = createStore<AppState, Action>(appReducer, initialAppState());
    const seen: (string | null)[] = [];
    const off = store.subscribe(() => seen.push(store.getState().view.dialog));
    store.dispatch({ type: 'dialog/opened', dialog: 'import' });
    store.dispatch({ type: 'dialog/closed', dialog: 'settings' }); // no change
    store.dispatch({ type: 'dialog/closed' });
    off();
    store.dispatch({ type: 'dialog/opened', dialog: 'settings' });
    expect(seen).toEqual(['import', null]);
    expect(store.getState().view.dialog).toBe('settings');
  });
});
