// The app's one undo history: preset edits and scenario changes (what-if edits, reverts, accepted
// proposals, scenarios created, duplicated, renamed, deleted) are records of one history, undone
// last-first whatever their kind; a new edit clears what was undone; the project document saves
// only the preset edits, in the shape its reader has always read.
import { describe, expect, it } from 'vitest';
import { appReducer, initialAppState, selectCanRedo, selectCanUndo, selectCurrentEdits, selectPreset, selectScenarioLayers, type Action, type AppState } from '../../../src/ui/state/appState';
import { currentScenario } from '../../../src/ui/state/scenarioState';
import { emptyLayers, newProject, replaceLayer, type Project } from '../../../src/planning/project';
import { projectDocument, readProjectDocument, serializeProjectDocument } from '../../../src/planning/projectDocument';
import { savedHistory } from '../../../src/planning/userEdit';
import { getPreset } from '../../../src/engine/presets';
import type { Community, Facility, RulePreset } from '../../../src/engine/types';
import type { Edit } from '../../../src/planning/scenario';

const square = (x: number, y: number): Community['geometry'] => [[[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]]];
const community = (id: string, x: number): Community => ({ id, name: id, households: 100, setting: 'urban', geometry: square(x, 30) });
const facility = (id: string, position: [number, number]): Facility => ({ id, category: 'kindergarten', floorArea: 500, position });
const national = getPreset('national-2022') as RulePreset;

function project(): Project {
  const layers = emptyLayers();
  layers.communities = [community('A', 120), community('B', 120.01)];
  layers.facilities = [facility('k1', [120.005, 30.005])];
  return newProject({ source: 'demo', name: { zh: '示范区', en: 'Demo' } }, layers, 'national-2022');
}

const run = (actions: Action[], from: AppState = initialAppState()) => actions.reduce(appReducer, from);
const loaded = () => run([{ type: 'project/loaded', project: project() }]);
const add = (id: string, x = 120.015): Edit => ({ type: 'addFacility', facility: { ...facility(id, [x, 30.005]), proposed: true } });
const undo: Action = { type: 'history/undone' };
const redo: Action = { type: 'history/redone' };

/** What the user sees of the state: the preset's two edited figures, the scenarios' names and facility ids, the current one. */
const view = (s: AppState) => ({
  persons: selectPreset(s)!.personsPerHousehold,
  detour: selectPreset(s)!.detourFactor,
  scenarios: s.scenarios.list.map((x) => x.name),
  current: currentScenario(s.scenarios).name,
  facilities: selectScenarioLayers(s)!.facilities.map((f) => f.id),
});

describe('one undo history: preset and scenario edits together', () => {
  const a: RulePreset = { ...national, personsPerHousehold: 3.2 };
  const b: RulePreset = { ...a, detourFactor: 1.3 };

  it('a sequence mixing preset and scenario edits undoes in reverse order and redoes forwards', () => {
    const steps: Action[] = [
      { type: 'preset/edited', preset: a },
      { type: 'scenario/edited', edit: add('p1') },
      { type: 'preset/edited', preset: b },
      { type: 'scenario/edited', edit: { type: 'moveFacility', id: 'p1', position: [120.012, 30.002] } },
      { type: 'scenario/created', name: '方案 2' },
      { type: 'scenario/edited', edit: add('q1', 120.004) },
    ];
    // Each state along the way, as the user saw it.
    const seen: ReturnType<typeof view>[] = [];
    let s = loaded();
    seen.push(view(s));
    for (const step of steps) {
      s = appReducer(s, step);
      seen.push(view(s));
    }
    // The rename names the scenario just created (its id is known only now).
    s = appReducer(s, { type: 'scenario/renamed', id: s.scenarios.currentId, name: '新名' });
    seen.push(view(s));
    // Hand-written expectations for the ends: seven edits, each one record.
    expect(s.history.done.map((e) => (e.kind === 'scenario' ? e.change : e.kind))).toEqual(['preset', 'edit', 'preset', 'edit', 'create', 'edit', 'rename']);
    expect(seen[0]).toEqual({ persons: national.personsPerHousehold, detour: national.detourFactor, scenarios: ['方案 1'], current: '方案 1', facilities: ['k1'] });
    expect(seen[7]).toEqual({ persons: 3.2, detour: 1.3, scenarios: ['方案 1', '新名'], current: '新名', facilities: ['k1', 'q1'] });
    // Undo walks back through every state, last first.
    for (let i = 6; i >= 0; i--) {
      s = appReducer(s, undo);
      expect(view(s)).toEqual(seen[i]);
    }
    expect(selectCanUndo(s)).toBe(false);
    expect(appReducer(s, undo)).toBe(s);
    // The moved facility is back where it was added before its move was undone.
    s = run([redo, redo, redo], s);
    expect(selectScenarioLayers(s)!.facilities[1].position).toEqual([120.015, 30.005]);
    s = appReducer(s, redo);
    expect(selectScenarioLayers(s)!.facilities[1].position).toEqual([120.012, 30.002]);
    for (let i = 5; i <= 7; i++) {
      s = appReducer(s, redo);
      expect(view(s)).toEqual(seen[i]);
    }
    expect(selectCanRedo(s)).toBe(false);
    expect(appReducer(s, redo)).toBe(s);
  });

  it('a new edit after undoing clears the redo list, whatever its kind', () => {
    let s = run([{ type: 'scenario/edited', edit: add('p1') }, { type: 'preset/edited', preset: a }, undo, undo], loaded());
    expect(s.history.undone).toHaveLength(2);
    expect(view(s).facilities).toEqual(['k1']);
    s = appReducer(s, { type: 'preset/edited', preset: b });
    expect(s.history.undone).toEqual([]);
    expect(appReducer(s, redo)).toBe(s);
    // And the other way round: a scenario edit clears a preset redo.
    s = run([undo, { type: 'scenario/edited', edit: add('p2') }], s);
    expect(selectCanRedo(s)).toBe(false);
    expect(view(s)).toMatchObject({ persons: national.personsPerHousehold, facilities: ['k1', 'p2'] });
  });

  it('undoing an edit made in another scenario shows that scenario', () => {
    let s = run([{ type: 'scenario/edited', edit: add('p1') }, { type: 'scenario/created', name: 'B' }], loaded());
    const [first, second] = s.scenarios.list;
    s = run([{ type: 'scenario/switched', id: first.id }, { type: 'scenario/switched', id: second.id }], s);
    // Switching is a view choice, not an edit: the history holds the edit and the creation only.
    expect(s.history.done).toHaveLength(2);
    s = appReducer(s, undo); // the creation of B
    expect(s.scenarios.list.map((x) => x.name)).toEqual(['方案 1']);
    s = run([{ type: 'scenario/switched', id: first.id }, redo, { type: 'scenario/switched', id: first.id }], s);
    expect(s.scenarios.currentId).toBe(first.id);
    s = run([{ type: 'scenario/switched', id: second.id }], s);
    s = run([undo, undo], s);
    expect(s.scenarios.currentId).toBe(first.id);
    expect(selectCurrentEdits(s)).toEqual([]);
  });

  it('a deleted scenario comes back with its edits; a revert and accepted proposals are undone like any edit', () => {
    let s = run([
      { type: 'scenario/edited', edit: add('p1') },
      { type: 'scenario/edited', edit: { type: 'changeFacility', id: 'k1', floorArea: 900 } },
    ], loaded());
    const firstId = s.scenarios.currentId;
    s = run([{ type: 'scenario/duplicated', id: firstId, name: 'copy' }, { type: 'scenario/deleted', id: firstId }], s);
    expect(s.scenarios.list.map((x) => x.name)).toEqual(['copy']);
    s = appReducer(s, undo);
    expect(s.scenarios.list.map((x) => x.name)).toEqual(['方案 1', 'copy']);
    expect(s.scenarios.list[0].edits).toHaveLength(2);
    s = run([{ type: 'scenario/editReverted', index: 1 }], s);
    expect(selectScenarioLayers(s)!.facilities[0].floorArea).toBe(500);
    s = appReducer(s, undo);
    expect(selectScenarioLayers(s)!.facilities[0].floorArea).toBe(900);
    const edits: Edit[] = [add('g1', 120.004), add('g2', 120.006)];
    s = run([{ type: 'scenario/proposalsAccepted', edits }], s);
    expect(selectCurrentEdits(s)).toHaveLength(edits.length + 2);
    s = appReducer(s, undo); // one record for the whole accept
    expect(selectCurrentEdits(s)).toHaveLength(2);
  });

  it('refused edits, renames to the same name and switches record nothing', () => {
    const s = run([{ type: 'scenario/edited', edit: add('p1') }], loaded());
    const refused = run([{ type: 'scenario/edited', edit: add('p1') }], s);
    expect(refused.scenarios.error).toMatch(/taken/);
    expect(refused.history).toBe(s.history);
    expect(run([{ type: 'scenario/renamed', id: s.scenarios.currentId, name: '方案 1' }], s)).toBe(s);
  });

  it('scenarios read back from storage, or other data, drop the recorded scenario changes and keep the preset edits', () => {
    const s = run([{ type: 'preset/edited', preset: a }, { type: 'scenario/edited', edit: add('p1') }], loaded());
    const back = run([{ type: 'scenario/loaded', list: s.scenarios.list, currentId: s.scenarios.currentId }], s);
    expect(back.history.done.map((e) => e.kind)).toEqual(['preset']);
    const imported = run([{ type: 'project/updated', update: (p) => replaceLayer(p, 'facilities', [facility('z', [120, 30])]) }], s);
    expect(imported.history.done.map((e) => e.kind)).toEqual(['preset']);
    expect(run([undo], imported).presetEdits!.present).toBe(imported.presetEdits!.base);
  });
});

describe('one undo history: what the project document saves', () => {
  const a: RulePreset = { ...national, personsPerHousehold: 3.2 };

  it('only the preset edits, in order, and the document reads back', () => {
    const s = run([
      { type: 'preset/edited', preset: a },
      { type: 'scenario/edited', edit: add('p1') },
      { type: 'preset/edited', preset: national },
      { type: 'scenario/created', name: 'B' },
      undo,
    ], loaded());
    const doc = projectDocument({ project: s.project!, presetEdit: null, history: s.history });
    expect(doc.history.done.map((e) => [e.kind, e.after.personsPerHousehold])).toEqual([['preset', 3.2], ['preset', national.personsPerHousehold]]);
    expect(doc.history.undone).toEqual([]);
    const back = readProjectDocument(JSON.parse(serializeProjectDocument(doc)), 'p.lifecircle.json');
    expect(back.history.done).toHaveLength(2);
  });

  it('the saved part is the same object while the preset edits do not change (the autosave compares by identity)', () => {
    const s = run([{ type: 'preset/edited', preset: a }, { type: 'scenario/edited', edit: add('p1') }], loaded());
    const t = run([{ type: 'scenario/edited', edit: add('p2', 120.016) }], s);
    expect(t.history).not.toBe(s.history);
    expect(savedHistory(t.history)).toBe(savedHistory(s.history));
    const onlyPreset = run([{ type: 'preset/edited', preset: a }], loaded());
    expect(savedHistory(onlyPreset.history)).toBe(onlyPreset.history);
  });
});
