// The project file (planning/projectDocument.ts) and its schema migrations
// (planning/projectMigrations.ts): today's file keeps loading, older saves migrate, bad files are
// refused whole with the file, the feature and the field named.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProjectFile, ProjectFileError, projectDocument, PROJECT_SCHEMA_VERSION, readProjectDocument, scenarioProblems, serializeProjectDocument } from '../../src/planning/projectDocument';
import { migrateProjectDocument, schemaVersionOf } from '../../src/planning/projectMigrations';
import { getPreset } from '../../src/engine/presets';
import type { RulePreset } from '../../src/engine/types';
import type { PresetEdit } from '../../src/planning/userEdit';

const FIX = join(__dirname, '../fixtures/project');
const v1Text = readFileSync(join(FIX, 'project-v1.lifecircle.json'), 'utf8');
const v2Text = readFileSync(join(FIX, 'project-v2.lifecircle.json'), 'utf8');
const v3Text = readFileSync(join(FIX, 'project-v3.lifecircle.json'), 'utf8');
const legacy = JSON.parse(readFileSync(join(FIX, 'legacy-indexeddb-project.json'), 'utf8'));
const national = getPreset('national-2022') as RulePreset;

function errorOf(f: () => unknown): ProjectFileError {
  try {
    f();
  } catch (e) {
    if (e instanceof ProjectFileError) return e;
    throw e;
  }
  throw new Error('expected a ProjectFileError');
}

describe('project file: schema version 1 (the fixture of the first version)', () => {
  it('loads with its layers, edited preset, undo history and view', () => {
    const doc = parseProjectFile(v1Text, 'project-v1.lifecircle.json');
    expect(doc.schemaVersion).toBe(PROJECT_SCHEMA_VERSION);
    expect(doc.scenarios).toBeNull(); // version 1 kept no scenarios in the document
    expect(doc.project.dataset.name.zh).toBe('眉山测试');
    const l = doc.project.layers;
    expect([l.communities.length, l.facilities.length, l.green.length, l.roads.length, l.water.length]).toEqual([2, 2, 1, 1, 1]);
    expect(l.communities.map((c) => [c.id, c.households])).toEqual([['C1', 1200], ['C2', 300]]);
    expect(l.facilities[1]).toMatchObject({ id: 'F2', floorArea: null, proposed: true });
    expect(doc.presetEdit?.presetId).toBe('national-2022');
    expect(doc.presetEdit?.preset.personsPerHousehold).toBe(2.8);
    expect(doc.presetEdit?.preset.detourFactor).toBe(1.4);
    const presetEdits = doc.history.done.filter((e): e is PresetEdit => e.kind === 'preset');
    expect(presetEdits.map((e) => [e.before.personsPerHousehold, e.after.personsPerHousehold])).toEqual([[national.personsPerHousehold, 2.8], [2.8, 2.8]]);
    expect(presetEdits[1].after.detourFactor).toBe(1.4);
    expect(doc.view).toMatchObject({ tier: '10', category: 'elderly_care', filters: { failingOnly: true } });
  });

  it('survives its own round trip unchanged', () => {
    const doc = parseProjectFile(v1Text, 'a.json');
    expect(parseProjectFile(serializeProjectDocument(doc), 'b.json')).toEqual(doc);
  });
});

describe('project file: schema version 2 (scenarios in the document)', () => {
  it('loads its scenarios: names, edits in order, the current one', () => {
    const doc = parseProjectFile(v2Text, 'project-v2.lifecircle.json');
    expect(doc.schemaVersion).toBe(3); // migrated: version 3 only widened what the history may hold
    expect(doc.scenarios?.list.map((x) => [x.id, x.name, x.defaultIndex, x.edits.length])).toEqual([['s-方案-1', '方案 1', 1, 0], ['s-方案乙', '方案乙', null, 3]]);
    expect(doc.scenarios?.currentId).toBe('s-方案乙');
    expect(doc.scenarios?.list[1].edits.map((e) => e.type)).toEqual(['addFacility', 'moveFacility', 'setHouseholds']);
    // The rest of the document as in the version-1 fixture it was written from.
    const v1 = parseProjectFile(v1Text, 'project-v1.lifecircle.json');
    expect(doc.project).toEqual(v1.project);
    expect(doc.history).toEqual(v1.history);
  });

  it('survives its own round trip unchanged', () => {
    const doc = parseProjectFile(v2Text, 'a.json');
    expect(parseProjectFile(serializeProjectDocument(doc), 'b.json')).toEqual(doc);
  });

  it('migrates version 1 to 2 and on to 3: no scenarios saved, everything else as it was, the input untouched', () => {
    const raw = JSON.parse(v1Text);
    const before = structuredClone(raw);
    const doc = migrateProjectDocument(raw);
    expect(doc.schemaVersion).toBe(3);
    expect(doc.scenarios).toBeNull();
    const { schemaVersion: _a, scenarios: _b, ...rest } = doc;
    const { schemaVersion: _c, ...old } = before;
    expect(rest).toEqual(old);
    expect(raw).toEqual(before);
  });

  it('refuses scenarios that do not fit: unknown edit, duplicate id, current one missing, an edit naming no feature', () => {
    const raw = () => JSON.parse(v2Text);
    const a = raw();
    a.scenarios.list[1].edits[0].type = 'teleport';
    expect(errorOf(() => readProjectDocument(a, 'p.json')).message).toBe('p.json: scenarios.list[1] (id "s-方案乙").edits[0].type: unknown edit type "teleport"');
    const b = raw();
    b.scenarios.list[1].id = 's-方案-1';
    b.scenarios.currentId = 's-nowhere';
    expect(errorOf(() => readProjectDocument(b, 'p.json')).problems).toEqual([
      'scenarios.list[1] (id "s-方案-1").id: is used twice',
      'scenarios.currentId: must name one of the scenarios (found "s-nowhere")',
    ]);
    const c = raw();
    c.scenarios.list[1].edits[1].id = 'F9';
    expect(errorOf(() => readProjectDocument(c, 'p.json')).message).toBe('p.json: scenarios.list[1] (id "s-方案乙").edits[1]: moveFacility: no facility with id "F9"');
    const d = raw();
    d.scenarios.list[1].edits[0].facility.position = [300, 30];
    d.scenarios.list[0].defaultIndex = 'one';
    const problems = errorOf(() => readProjectDocument(d, 'p.json')).problems;
    expect(problems[0]).toBe('scenarios.list[0] (id "s-方案-1").defaultIndex: must be a whole number ≥ 1 or null (found "one")');
    expect(problems[1]).toMatch(/^scenarios\.list\[1\] \(id "s-方案乙"\)\.edits\[0\]\.facility\.position: /);
  });

  it('checks scenarios kept apart (the older IndexedDB key) against the project they are moved into', () => {
    const doc = parseProjectFile(v2Text, 'p.json');
    expect(scenarioProblems(doc.scenarios, doc.project)).toEqual([]);
    const other = { ...doc.project, layers: { ...doc.project.layers, facilities: [] } };
    expect(scenarioProblems(doc.scenarios, other)).toEqual(['scenarios.list[1] (id "s-方案乙").edits[1]: moveFacility: no facility with id "F1"']);
  });
});

describe('project file: schema version 3 (scenario changes in the undo history)', () => {
  it('loads its history: the preset edits, then four scenario changes naming states of its table', () => {
    const doc = parseProjectFile(v3Text, 'project-v3.lifecircle.json');
    expect(doc.history.done.map((e) => (e.kind === 'scenario' ? [e.change, e.before, e.after] : e.kind))).toEqual(['preset', 'preset', ['create', 0, 1], ['edit', 1, 2], ['edit', 2, 3], ['edit', 3, 4]]);
    expect(doc.scenarioStates?.states.map((st) => st.list.map((i) => doc.scenarioStates!.scenarios[i].edits.length))).toEqual([[0], [0, 0], [0, 1], [0, 2], [0, 3]]);
    // The rest as in the version-2 fixture it was written from.
    const v2 = parseProjectFile(v2Text, 'project-v2.lifecircle.json');
    expect(doc.project).toEqual(v2.project);
    expect(doc.scenarios).toEqual(v2.scenarios);
  });

  it('survives its own round trip unchanged', () => {
    const doc = parseProjectFile(v3Text, 'a.json');
    expect(parseProjectFile(serializeProjectDocument(doc), 'b.json')).toEqual(doc);
  });

  it('refuses a history that does not fit its table: a state that is not there, an unknown change, a scenario edit naming no feature', () => {
    const raw = () => JSON.parse(v3Text);
    const a = raw();
    a.history.done[3].after = 9;
    a.history.done[4].change = 'teleport';
    expect(errorOf(() => readProjectDocument(a, 'p.json')).problems).toEqual([
      'history.done[3].after: must name one of the 5 saved scenario states (found 9)',
      'history.done[4].change: must be one of edit, revert, accept, create, duplicate, rename, delete (found "teleport")',
    ]);
    const b = raw();
    b.scenarioStates.states[2].currentId = 's-nowhere';
    b.scenarioStates.scenarios[3].edits = [0, 7];
    expect(errorOf(() => readProjectDocument(b, 'p.json')).problems).toEqual([
      'scenarioStates.scenarios[3] (id "s-方案乙").edits: must be a list of indices of the 3 saved edits',
      'scenarioStates.states[2].currentId: must name one of its scenarios (found "s-nowhere")',
    ]);
    // Every saved scenario holding the edit is replayed on the project's data and named.
    const c = raw();
    c.scenarioStates.edits[1].id = 'F9';
    expect(errorOf(() => readProjectDocument(c, 'p.json')).problems).toEqual([
      'scenarioStates.scenarios[3] (id "s-方案乙").edits[1]: moveFacility: no facility with id "F9"',
      'scenarioStates.scenarios[4] (id "s-方案乙").edits[1]: moveFacility: no facility with id "F9"',
    ]);
  });

  it('a version-2 file is read as version 3 with its history as it was (preset edits only, no table)', () => {
    const doc = parseProjectFile(v2Text, 'p.json');
    expect(doc.history.done.map((e) => e.kind)).toEqual(['preset', 'preset']);
    expect(doc.scenarioStates).toBeUndefined();
  });
});

describe('project file: migrations', () => {
  it('recognises the bare project of older IndexedDB saves as version 0, and a document by its schemaVersion', () => {
    expect(schemaVersionOf(legacy)).toBe(0);
    expect(schemaVersionOf(JSON.parse(v1Text))).toBe(1);
    expect(schemaVersionOf({ type: 'FeatureCollection', features: [] })).toBeNull();
  });

  it('migrates a version-0 project to the current schema: same layers, no edits, empty history', () => {
    const before = structuredClone(legacy);
    const doc = readProjectDocument(legacy, 'IndexedDB');
    expect(doc.schemaVersion).toBe(PROJECT_SCHEMA_VERSION);
    expect(doc.project.layers).toEqual(legacy.layers);
    expect(doc.project.activePresetId).toBe('national-2022');
    expect(doc.presetEdit).toBeNull();
    expect(doc.history).toEqual({ done: [], undone: [] });
    expect(legacy).toEqual(before); // pure: the value given is not modified
  });

  it('refuses a file from a newer version, and what is not a project', () => {
    const newer = { ...JSON.parse(v1Text), schemaVersion: PROJECT_SCHEMA_VERSION + 1 };
    expect(errorOf(() => readProjectDocument(newer, 'next.lifecircle.json')).message).toMatch(new RegExp(`^next\\.lifecircle\\.json: schemaVersion ${PROJECT_SCHEMA_VERSION + 1} comes from a newer version`));
    expect(() => migrateProjectDocument({ format: 'lifecircle-project', schemaVersion: '1' })).toThrow(/not a LifeCircle project/);
    expect(errorOf(() => parseProjectFile('{"type":"FeatureCollection","features":[]}', 'roads.geojson')).message).toMatch(/^roads\.geojson: not a LifeCircle project/);
    expect(errorOf(() => parseProjectFile('{"format": "lifecircle-project",', 'cut.lifecircle.json')).message).toMatch(/^cut\.lifecircle\.json: not valid JSON/);
  });
});

describe('project file: checks name the file, the feature and the field', () => {
  const raw = () => JSON.parse(v1Text);

  it('a facility without a position', () => {
    const d = raw();
    delete d.project.layers.facilities[1].position;
    const e = errorOf(() => readProjectDocument(d, 'p.lifecircle.json'));
    expect(e.message).toContain('p.lifecircle.json');
    expect(e.problems).toEqual(['facilities[1] (id "F2").position: position is not [x, y]']);
  });

  it('a community with an unclosed ring, negative households and an unknown setting (all listed)', () => {
    const d = raw();
    const c = d.project.layers.communities[0];
    c.geometry[0][0].pop();
    c.households = -5;
    c.setting = 'suburban';
    const e = errorOf(() => readProjectDocument(d, 'p.json'));
    expect(e.problems).toHaveLength(3);
    expect(e.problems.some((p) => p.startsWith('communities[0] (id "C1").households: must be a number ≥ 0'))).toBe(true);
    expect(e.problems.some((p) => p.startsWith('communities[0] (id "C1").setting: must be one of urban, rural'))).toBe(true);
    expect(e.problems.some((p) => p.startsWith('communities[0] (id "C1").geometry[0]: ring 0'))).toBe(true);
  });

  it('a candidate site layer: optional (older files have none); a site without a valid position is named', () => {
    const d = raw();
    expect(d.project.layers.candidates).toBeUndefined();
    d.project.layers.candidates = [{ id: 'V1', position: [103.8, 30.1] }, { id: 'V2', position: [103.8, 95] }];
    const e = errorOf(() => readProjectDocument(d, 'p.json'));
    expect(e.problems).toEqual([expect.stringMatching(/^candidates\[1\] \(id "V2"\)\.position: coordinate \(103\.8, 95\) is out of longitude\/latitude range/)]);
    d.project.layers.candidates.pop();
    expect(readProjectDocument(d, 'p.json').project.layers.candidates).toEqual([{ id: 'V1', position: [103.8, 30.1] }]);
  });

  it('drawn candidate sites: optional, round-tripped; a bad source, a duplicate id, a position out of range and a bad next number are named', () => {
    const d = raw();
    expect(d.candidates).toBeUndefined();
    expect(readProjectDocument(d, 'p.json').candidates).toBeUndefined();
    d.candidates = { source: 'drawn', drawn: [{ id: 'D1', position: [103.8, 30.1] }, { id: 'D3', position: [103.81, 30.12] }], next: 4 };
    const doc = readProjectDocument(d, 'p.json');
    expect(doc.candidates).toEqual(d.candidates);
    expect(parseProjectFile(serializeProjectDocument(doc), 'b.json').candidates).toEqual(d.candidates);
    d.candidates = { source: 'map', drawn: [{ id: 'D1', position: [103.8, 30.1] }, { id: 'D1', position: [200, 30] }], next: 0 };
    const e = errorOf(() => readProjectDocument(d, 'p.json'));
    expect(e.message).toContain('p.json');
    expect(e.problems).toEqual([
      'candidates.source: must be one of grid, layer, drawn (found "map")',
      'candidates.drawn[1] (id "D1").id: is used twice',
      expect.stringMatching(/^candidates\.drawn\[1\] \(id "D1"\)\.position: coordinate \(200, 30\) is out of longitude\/latitude range/),
      'candidates.next: must be a whole number ≥ 1 (found 0)',
    ]);
  });

  it('a document built by the app writes drawn candidate sites only when there are some or another source is chosen', () => {
    const doc = parseProjectFile(v1Text, 'a.json');
    const parts = { project: doc.project, presetEdit: null, history: { done: [], undone: [] } };
    expect(projectDocument({ ...parts, candidates: { source: 'grid', drawn: [], next: 1 } }).candidates).toBeUndefined();
    expect(projectDocument({ ...parts, candidates: { source: 'layer', drawn: [], next: 1 } }).candidates).toEqual({ source: 'layer', drawn: [], next: 1 });
  });

  it('an unknown facility category, a road of one point, a layer that is not a list', () => {
    const d = raw();
    d.project.layers.facilities[0].category = 'casino';
    d.project.layers.roads[0].coordinates = [[103.8, 30.1]];
    d.project.layers.green = {};
    const e = errorOf(() => readProjectDocument(d, 'p.json'));
    expect(e.problems).toEqual([
      expect.stringMatching(/^facilities\[0\] \(id "F1"\)\.category: must be one of .* \(found "casino"\)$/),
      'project.layers.green: must be a list',
      'roads[0] (id "R1").coordinates: line has 1 position(s), needs at least 2',
    ]);
  });

  it('an invalid preset in the history and an unknown edit kind', () => {
    const d = raw();
    d.history.done[0].after.detourFactor = 9;
    d.history.undone.push({ kind: 'teleport' });
    const e = errorOf(() => readProjectDocument(d, 'p.json'));
    expect(e.problems).toEqual([
      expect.stringMatching(/^history\.done\[0\]\.after: preset\.detourFactor/),
      'history.undone[0].kind: unknown edit kind "teleport"',
    ]);
  });

  it('a document built by the app passes its own checks', () => {
    const doc = parseProjectFile(v1Text, 'a.json');
    const again = projectDocument({ project: doc.project, presetEdit: null, history: { done: [], undone: [] } });
    expect(readProjectDocument(JSON.parse(serializeProjectDocument(again)), 'b.json').presetEdit).toBeNull();
  });
});
