// The project file (planning/projectDocument.ts) and its schema migrations
// (planning/projectMigrations.ts): today's file keeps loading, older saves migrate, bad files are
// refused whole with the file, the feature and the field named.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProjectFile, ProjectFileError, projectDocument, PROJECT_SCHEMA_VERSION, readProjectDocument, serializeProjectDocument } from '../../src/planning/projectDocument';
import { migrateProjectDocument, schemaVersionOf } from '../../src/planning/projectMigrations';
import { getPreset } from '../../src/engine/presets';
import type { RulePreset } from '../../src/engine/types';

const FIX = join(__dirname, '../fixtures/project');
const v1Text = readFileSync(join(FIX, 'project-v1.lifecircle.json'), 'utf8');
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
    expect(doc.schemaVersion).toBe(1);
    expect(doc.project.dataset.name.zh).toBe('眉山测试');
    const l = doc.project.layers;
    expect([l.communities.length, l.facilities.length, l.green.length, l.roads.length, l.water.length]).toEqual([2, 2, 1, 1, 1]);
    expect(l.communities.map((c) => [c.id, c.households])).toEqual([['C1', 1200], ['C2', 300]]);
    expect(l.facilities[1]).toMatchObject({ id: 'F2', floorArea: null, proposed: true });
    expect(doc.presetEdit?.presetId).toBe('national-2022');
    expect(doc.presetEdit?.preset.personsPerHousehold).toBe(2.8);
    expect(doc.presetEdit?.preset.detourFactor).toBe(1.4);
    expect(doc.history.done.map((e) => [e.before.personsPerHousehold, e.after.personsPerHousehold])).toEqual([[national.personsPerHousehold, 2.8], [2.8, 2.8]]);
    expect(doc.history.done[1].after.detourFactor).toBe(1.4);
    expect(doc.view).toMatchObject({ tier: '10', category: 'elderly_care', filters: { failingOnly: true } });
  });

  it('survives its own round trip unchanged', () => {
    const doc = parseProjectFile(v1Text, 'a.json');
    expect(parseProjectFile(serializeProjectDocument(doc), 'b.json')).toEqual(doc);
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
    expect(errorOf(() => readProjectDocument(newer, 'next.lifecircle.json')).message).toMatch(/^next\.lifecircle\.json: schemaVersion 2 comes from a newer version/);
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
