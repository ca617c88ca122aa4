// The app's one undo history: preset edits and scenario changes (what-if edits, reverts, accepted
// proposals, scenarios created, duplicated, renamed, deleted) are records of one history, undone
// last-first whatever their kind; a new edit clears what was undone; the project document saves
// all of them, so after a reload (or a project file opened elsewhere) undo walks back the same
// steps, and the saved size grows with the number of edits, not with its square.
import { describe, expect, it } from 'vitest';
import { appReducer, initialAppState, selectCanRedo, selectCanUndo, selectCurrentEdits, selectPreset, selectScenarioLayers, type Action, type AppState } from '../../../src/ui/state/appState';
import { currentScenario } from '../../../src/ui/state/scenarioState';
import { emptyLayers, newProject, replaceLayer, type Project } from '../../../src/planning/project';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProjectFile, projectDocument, readProjectDocument, serializeProjectDocument } from '../../../src/planning/projectDocument';
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
  const b: RulePreset = { ...a, detourFactor: 1.5 };
  const mix: Action[] = [
    { type: 'preset/edited', preset: a },
    { type: 'scenario/edited', edit: add('p1') },
    { type: 'scenario/created', name: 'B' },
    { type: 'scenario/edited', edit: add('p2', 120.016) },
    { type: 'preset/edited', preset: b },
    { type: 'scenario/edited', edit: { type: 'deleteFacility', id: 'k1' } },
    undo,
  ];
  /** Through JSON (the project file, the journal) and into a fresh app, as a reload or another computer reads it. */
  const reloaded = (s: AppState) => {
    const doc = projectDocument({ project: s.project!, presetEdit: s.presetEdits!.present === s.presetEdits!.base ? null : { presetId: 'national-2022', preset: s.presetEdits!.present }, history: s.history, scenarios: { list: s.scenarios.list, currentId: s.scenarios.currentId } });
    return run([{ type: 'document/loaded', doc: readProjectDocument(JSON.parse(serializeProjectDocument(doc)), 'p.lifecircle.json') }]);
  };

  it('every edit, preset and scenario, in order: after a reload undo and redo walk the same steps as before it', () => {
    const s = run(mix, loaded());
    const t = reloaded(s);
    expect(t.history.done.map((e) => e.kind)).toEqual(['preset', 'scenario', 'scenario', 'scenario', 'preset']);
    expect(t.history.undone.map((e) => e.kind)).toEqual(['scenario']);
    expect(view(t)).toEqual(view(s));
    // The original state's own undo and redo are the reference for every step.
    let x = s, y = t;
    for (let i = 0; i < 5; i++) {
      x = run([undo], x);
      y = run([undo], y);
      expect(view(y)).toEqual(view(x));
    }
    // Back at the start: the base preset, one empty scenario, only the base facility.
    expect(view(y)).toEqual({ persons: national.personsPerHousehold, detour: national.detourFactor, scenarios: ['方案 1'], current: '方案 1', facilities: ['k1'] });
    for (let i = 0; i < 6; i++) {
      x = run([redo], x);
      y = run([redo], y);
      expect(view(y)).toEqual(view(x));
    }
    // The redo of the undone delete: B without k1.
    expect(view(y)).toEqual({ persons: 3.2, detour: 1.5, scenarios: ['方案 1', 'B'], current: 'B', facilities: ['p2'] });
  });

  it('the version-3 fixture: undone step by step it walks back how its scenarios came about, then its preset edits', () => {
    const file = join(__dirname, '../../fixtures/project/project-v3.lifecircle.json');
    let s = run([{ type: 'document/loaded', doc: parseProjectFile(readFileSync(file, 'utf8'), 'project-v3.lifecircle.json') }]);
    const edits = () => s.scenarios.list.map((x) => [x.name, x.edits.map((e) => e.type)]);
    // As the fixture's README describes it: 方案乙 current, with three edits.
    expect(edits()).toEqual([['方案 1', []], ['方案乙', ['addFacility', 'moveFacility', 'setHouseholds']]]);
    s = run([undo], s);
    expect(edits()).toEqual([['方案 1', []], ['方案乙', ['addFacility', 'moveFacility']]]);
    s = run([undo, undo], s);
    expect(edits()).toEqual([['方案 1', []], ['方案乙', []]]);
    expect(currentScenario(s.scenarios).name).toBe('方案乙');
    s = run([undo], s);
    expect(edits()).toEqual([['方案 1', []]]);
    // Then the preset edits (detour factor 1.4, then persons per household 2.8): back to the national values.
    expect([selectPreset(s)!.personsPerHousehold, selectPreset(s)!.detourFactor]).toEqual([2.8, 1.4]);
    s = run([undo, undo], s);
    expect([selectPreset(s)!.personsPerHousehold, selectPreset(s)!.detourFactor]).toEqual([national.personsPerHousehold, national.detourFactor]);
    expect(selectCanUndo(s)).toBe(false);
    s = run([redo, redo, redo, redo], s);
    expect(edits()).toEqual([['方案 1', []], ['方案乙', ['addFacility']]]);
  });

  it('the saved size grows with the number of edits: each edit once, each scenario state once', () => {
    const actions: Action[] = Array.from({ length: 60 }, (_, i) => ({ type: 'scenario/edited', edit: add(`p${i}`, 120.0101 + i * 1e-4) }));
    const s = run(actions, loaded());
    const doc = projectDocument({ project: s.project!, presetEdit: null, history: s.history });
    expect(doc.history.done).toHaveLength(60);
    // 60 edits, 61 scenario versions (empty … all 60), 61 states: not the 60 × 61 / 2 = 1,830 edits of whole snapshots.
    expect(doc.scenarioStates?.edits).toHaveLength(60);
    expect(doc.scenarioStates?.scenarios).toHaveLength(61);
    expect(doc.scenarioStates?.states).toHaveLength(61);
    expect(doc.scenarioStates!.scenarios.reduce((n, x) => n + x.edits.length, 0)).toBe(1830);
  });

  it('a history of preset edits only is saved as it always was (no table)', () => {
    const s = run([{ type: 'preset/edited', preset: a }], loaded());
    const doc = projectDocument({ project: s.project!, presetEdit: null, history: s.history });
    expect(doc.scenarioStates).toBeUndefined();
    expect(doc.history).toBe(s.history);
  });
});
