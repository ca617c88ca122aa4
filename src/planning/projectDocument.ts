// The project document: everything the user would lose on a reload, as one plain value with a
// versioned schema. The app saves it in IndexedDB and exports it as the project file; both read
// back through `readProjectDocument`, which migrates older versions (projectMigrations.ts) and
// checks every part before anything is applied, so a bad file changes nothing and its error names
// the file, the feature and the field. Since schema version 2 it carries the what-if scenarios, and
// since version 3 the whole undo history (scenario changes too: savedHistory.ts).
import { FACILITY_CATEGORIES, type Dataset, type RulePreset } from '../engine/types';
import { validatePreset } from '../engine/presets';
import { checkLine, checkPosition, checkRing } from '../io/validate/geometryChecks';
import type { Project } from './project';
import { migrateProjectDocument, PROJECT_FILE_FORMAT, PROJECT_SCHEMA_VERSION, ProjectVersionError } from './projectMigrations';
import { datasetProjection } from '../engine/audit';
import { applyEdit, type Edit, type Scenario } from './scenario';
import type { UndoHistory } from './undoHistory';
import type { UserEdit } from './userEdit';
import { encodeHistory, type SavedEdit, type SavedScenarioStates } from './savedHistory';

export { PROJECT_FILE_FORMAT, PROJECT_SCHEMA_VERSION } from './projectMigrations';

/** The active preset as the user edited it and has not saved under a name. */
export interface PresetEditState {
  presetId: string;
  preset: RulePreset;
}

export interface ProjectDocument {
  format: typeof PROJECT_FILE_FORMAT;
  schemaVersion: typeof PROJECT_SCHEMA_VERSION;
  /** ISO time of the save; null for a project migrated from before documents had one. */
  savedAt: string | null;
  /** Base data (every layer) and the user's named presets. */
  project: Project;
  /** Unsaved edits of the active preset; null when it is as loaded. */
  presetEdit: PresetEditState | null;
  /** The undo history, preset and scenario edits in the order made (savedHistory.ts: a scenario edit's sides index `scenarioStates`). */
  history: UndoHistory<SavedEdit>;
  /** The scenario states the history's scenario edits name; absent when it has none. */
  scenarioStates?: SavedScenarioStates;
  /** The what-if scenarios on the project's data; null when none were saved (the app starts with one empty scenario). */
  scenarios: SavedScenarios | null;
  /** The view (map colouring, layer toggles, tier, filters): the app's own shape, merged over its defaults. */
  view?: Record<string, unknown>;
  /** The candidate sites the user drew on the map for the proposals, and the chosen source; absent when none were drawn. */
  candidates?: SavedCandidates;
}

/** The proposals' drawn candidate sites as saved; optional: a document without it (any older save) simply has none. */
export interface SavedCandidates {
  /** Where the proposals take their candidates from. */
  source: 'grid' | 'layer' | 'drawn';
  /** The drawn points in drawing order, `D<n>` ids. */
  drawn: { id: string; position: [number, number] }[];
  /** The number the next drawn point gets (a removed point's number is not reused). */
  next: number;
}

/** The scenarios as saved: each one's name and ordered edit list (planning/scenario.ts), and the current one. */
export interface SavedScenarios {
  list: Scenario[];
  currentId: string;
}

type DocumentParts = Omit<ProjectDocument, 'format' | 'schemaVersion' | 'savedAt' | 'scenarios' | 'history' | 'scenarioStates'> & { scenarios?: SavedScenarios | null };

/** The document of `parts`, its undo history encoded as saved (savedHistory.ts). */
export function projectDocument(parts: DocumentParts & { history: UndoHistory<UserEdit> }, savedAt: string | null = null): ProjectDocument {
  const { history, scenarioStates } = encodeHistory(parts.history);
  return documentOfParts(parts, history, scenarioStates, savedAt);
}

function documentOfParts(parts: DocumentParts, history: UndoHistory<SavedEdit>, scenarioStates: SavedScenarioStates | null | undefined, savedAt: string | null): ProjectDocument {
  const doc: ProjectDocument = { format: PROJECT_FILE_FORMAT, schemaVersion: PROJECT_SCHEMA_VERSION, savedAt, project: parts.project, presetEdit: parts.presetEdit, history, scenarios: parts.scenarios ?? null };
  if (scenarioStates) doc.scenarioStates = scenarioStates;
  if (parts.view) doc.view = parts.view;
  // Only a choice other than the default (the grid, nothing drawn) is written.
  if (parts.candidates && (parts.candidates.drawn.length || parts.candidates.source !== 'grid')) doc.candidates = parts.candidates;
  return doc;
}

/** A project file that cannot be read: the message names the file, the feature and the field. */
export class ProjectFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; … ${problems.length - 5} more` : ''}`);
  }
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_PROBLEMS = 50;

/** Collects problems as "where.field: what is wrong". */
class Checks {
  problems: string[] = [];
  add(where: string, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(`${where}: ${message}`);
  }
  get full(): boolean {
    return this.problems.length >= MAX_PROBLEMS;
  }
  id(f: Raw, where: string): void {
    if (typeof f.id !== 'string' || f.id === '') this.add(`${where}.id`, 'must be a non-empty text');
  }
  geometry(g: unknown, where: string): void {
    if (!Array.isArray(g) || g.length === 0) return this.add(`${where}.geometry`, 'must be a list of polygons');
    g.forEach((poly, i) => {
      if (!Array.isArray(poly) || poly.length === 0) return this.add(`${where}.geometry[${i}]`, 'must be a list of rings');
      poly.forEach((ring, j) => {
        for (const issue of checkRing(ring, `ring ${j}`)) if (issue.severity === 'error') this.add(`${where}.geometry[${i}]`, issue.message);
      });
    });
  }
  quantity(f: Raw, field: string, where: string): void {
    const v = f[field];
    if (v !== null && v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) this.add(`${where}.${field}`, `must be a number ≥ 0 or empty (found ${JSON.stringify(v)})`);
  }
  oneOf(f: Raw, field: string, values: readonly string[], where: string): void {
    if (!values.includes(f[field] as string)) this.add(`${where}.${field}`, `must be one of ${values.join(', ')} (found ${JSON.stringify(f[field])})`);
  }
  preset(p: unknown, where: string): void {
    const r = validatePreset(p);
    if ('errors' in r) for (const e of r.errors.slice(0, 5)) this.add(where, e);
  }
  /**
   * Checks each element of `list` as `path[i] (id "…")`: an object with a non-empty id (used once
   * in the list when `unique`), then `check`. Returns the ids seen.
   */
  elements(list: unknown[], path: string, unique: boolean, check: (f: Raw, where: string) => void): Set<string> {
    const ids = new Set<string>();
    list.forEach((x, i) => {
      const where = `${path}[${i}]${isObject(x) && typeof x.id === 'string' ? ` (id "${x.id}")` : ''}`;
      if (!isObject(x)) return this.add(where, 'must be an object');
      this.id(x, where);
      if (unique && typeof x.id === 'string' && ids.has(x.id)) this.add(`${where}.id`, 'is used twice');
      if (typeof x.id === 'string') ids.add(x.id);
      check(x, where);
    });
    return ids;
  }
  /** A scenario's name and default number (planning/scenario.ts). */
  scenarioName(x: Raw, where: string): void {
    if (typeof x.name !== 'string' || x.name.trim() === '') this.add(`${where}.name`, 'must be a non-empty text');
    const d = x.defaultIndex;
    if (d !== undefined && d !== null && !(typeof d === 'number' && Number.isInteger(d) && d >= 1)) this.add(`${where}.defaultIndex`, `must be a whole number ≥ 1 or null (found ${JSON.stringify(d)})`);
  }
  /** Checks every element of a layer, naming each by index and id. */
  layer(layers: Raw, kind: string, check: (f: Raw, where: string) => void): void {
    const list = layers[kind];
    if (list === undefined && (kind === 'roads' || kind === 'water' || kind === 'candidates')) return;
    if (!Array.isArray(list)) return this.add(`project.layers.${kind}`, 'must be a list');
    for (let i = 0; i < list.length && !this.full; i++) {
      const f = list[i];
      const name = isObject(f) && typeof f.id === 'string' ? ` (id "${f.id}")` : '';
      const where = `${kind}[${i}]${name}`;
      if (!isObject(f)) this.add(where, 'must be an object');
      else check(f, where);
    }
  }
}

function checkProject(c: Checks, p: unknown): void {
  if (!isObject(p)) return c.add('project', 'missing');
  if (p.version !== 1) c.add('project.version', `must be 1 (found ${JSON.stringify(p.version)})`);
  const ds = p.dataset;
  if (!isObject(ds) || !isObject(ds.name) || typeof ds.name.zh !== 'string' || typeof ds.name.en !== 'string') c.add('project.dataset', 'must have a name { zh, en }');
  else c.oneOf(ds, 'source', ['demo', 'sample', 'import'], 'project.dataset');
  if (typeof p.activePresetId !== 'string') c.add('project.activePresetId', 'must be a text');
  if (typeof p.layerVersion !== 'number' || !Number.isFinite(p.layerVersion)) c.add('project.layerVersion', 'must be a number');
  if (!Array.isArray(p.customPresets)) c.add('project.customPresets', 'must be a list');
  else p.customPresets.forEach((q, i) => c.preset(q, `project.customPresets[${i}]`));
  const layers = p.layers;
  if (!isObject(layers)) return c.add('project.layers', 'missing');
  c.layer(layers, 'communities', (f, w) => {
    c.id(f, w);
    if (typeof f.name !== 'string') c.add(`${w}.name`, 'must be a text');
    c.quantity(f, 'households', w);
    c.quantity(f, 'population', w);
    c.oneOf(f, 'setting', ['urban', 'rural'], w);
    c.geometry(f.geometry, w);
  });
  c.layer(layers, 'facilities', (f, w) => {
    c.id(f, w);
    c.oneOf(f, 'category', FACILITY_CATEGORIES, w);
    c.quantity(f, 'floorArea', w);
    const e = checkPosition(f.position);
    if (e) c.add(`${w}.position`, e.message);
  });
  c.layer(layers, 'green', (f, w) => {
    c.id(f, w);
    c.oneOf(f, 'kind', ['park', 'green'], w);
    c.geometry(f.geometry, w);
  });
  c.layer(layers, 'roads', (f, w) => {
    c.id(f, w);
    const e = checkLine(f.coordinates);
    if (e) c.add(`${w}.coordinates`, e.message);
  });
  c.layer(layers, 'water', (f, w) => {
    c.id(f, w);
    c.geometry(f.geometry, w);
  });
  c.layer(layers, 'candidates', (f, w) => {
    c.id(f, w);
    const e = checkPosition(f.position);
    if (e) c.add(`${w}.position`, e.message);
  });
}

const EDIT_TYPES = ['addFacility', 'moveFacility', 'deleteFacility', 'changeFacility', 'addGreen', 'deleteGreen', 'setHouseholds', 'addResidential'] as const;

function checkFacility(c: Checks, f: unknown, where: string): void {
  if (!isObject(f)) return c.add(where, 'must be an object');
  c.id(f, where);
  c.oneOf(f, 'category', FACILITY_CATEGORIES, where);
  c.quantity(f, 'floorArea', where);
  const e = checkPosition(f.position);
  if (e) c.add(`${where}.position`, e.message);
}

/** One scenario edit's shape (whether it applies to the data is checked after). */
function checkScenarioEdit(c: Checks, e: unknown, where: string): void {
  if (!isObject(e)) return c.add(where, 'must be an object');
  if (!EDIT_TYPES.includes(e.type as (typeof EDIT_TYPES)[number])) return c.add(`${where}.type`, `unknown edit type ${JSON.stringify(e.type)}`);
  const text = (field: string) => { if (typeof e[field] !== 'string' || e[field] === '') c.add(`${where}.${field}`, 'must be a non-empty text'); };
  switch (e.type) {
    case 'addFacility':
      return checkFacility(c, e.facility, `${where}.facility`);
    case 'moveFacility': {
      text('id');
      const p = checkPosition(e.position);
      if (p) c.add(`${where}.position`, p.message);
      return;
    }
    case 'deleteFacility':
    case 'deleteGreen':
      return text('id');
    case 'changeFacility':
      text('id');
      if (e.category !== undefined) c.oneOf(e, 'category', FACILITY_CATEGORIES, where);
      c.quantity(e, 'floorArea', where);
      return;
    case 'addGreen': {
      const g = e.green;
      if (!isObject(g)) return c.add(`${where}.green`, 'must be an object');
      c.id(g, `${where}.green`);
      c.oneOf(g, 'kind', ['park', 'green'], `${where}.green`);
      return c.geometry(g.geometry, `${where}.green`);
    }
    case 'setHouseholds':
      text('communityId');
      return c.quantity(e, 'households', where);
    case 'addResidential': {
      const d = e.development;
      if (!isObject(d)) return c.add(`${where}.development`, 'must be an object');
      c.id(d, `${where}.development`);
      c.quantity(d, 'households', `${where}.development`);
      return c.geometry(d.geometry, `${where}.development`);
    }
  }
}

/**
 * The scenarios: unique ids, names, edit lists of known edits, the current one among them; and
 * each list applies in order to the project's data (an edit naming a feature that is not there is
 * refused here, not when the scenario is opened).
 */
function checkScenarios(c: Checks, s: unknown, project: unknown): void {
  if (s === null || s === undefined) return;
  if (!isObject(s) || !Array.isArray(s.list)) return c.add('scenarios', 'must have a list');
  if (s.list.length === 0) c.add('scenarios.list', 'must hold at least one scenario');
  const ids = c.elements(s.list, 'scenarios.list', true, (x, where) => {
    c.scenarioName(x, where);
    if (!Array.isArray(x.edits)) return c.add(`${where}.edits`, 'must be a list');
    x.edits.forEach((e, j) => checkScenarioEdit(c, e, `${where}.edits[${j}]`));
  });
  if (typeof s.currentId !== 'string' || !ids.has(s.currentId)) c.add('scenarios.currentId', `must name one of the scenarios (found ${JSON.stringify(s.currentId)})`);
  if (c.problems.length || !isObject(project)) return;
  const data = projectData(project as unknown as Project);
  (s.list as Scenario[]).forEach((x, i) => replayEdits(c, data, x.edits, (j) => `scenarios.list[${i}] (id "${x.id}").edits[${j}]`));
}

/** The project's layers as the dataset edits apply to, and its projection. */
function projectData(project: Project): { layers: Dataset; projection: ReturnType<typeof datasetProjection> } {
  const base = project.layers;
  const layers = { ...base, roads: base.roads ?? [], water: base.water ?? [] };
  return { layers, projection: datasetProjection(layers) };
}

/** Applies `edits` in order to the project's data; an edit naming a feature that is not there is a problem at `where(j)`. */
function replayEdits(c: Checks, { layers, projection }: ReturnType<typeof projectData>, edits: readonly Edit[], where: (j: number) => string): void {
  let data: Dataset = layers;
  edits.forEach((e, j) => {
    try {
      data = applyEdit(data, e, projection);
    } catch (err) {
      c.add(where(j), (err as Error).message);
    }
  });
}

/** What is wrong with scenarios kept apart from a document (the app's older IndexedDB key) for `project`; empty when they can be used. */
export function scenarioProblems(scenarios: unknown, project: Project): string[] {
  const c = new Checks();
  if (scenarios === null || scenarios === undefined) c.add('scenarios', 'missing');
  else checkScenarios(c, scenarios, project);
  return c.problems;
}

/** The drawn candidate sites: a known source, points with unique ids and valid positions, a whole next number. */
function checkCandidates(c: Checks, x: unknown): void {
  if (x === undefined || x === null) return;
  if (!isObject(x)) return c.add('candidates', 'must be an object');
  c.oneOf(x, 'source', ['grid', 'layer', 'drawn'], 'candidates');
  if (!Array.isArray(x.drawn)) return c.add('candidates.drawn', 'must be a list');
  c.elements(x.drawn, 'candidates.drawn', true, (p, where) => {
    const e = checkPosition(p.position);
    if (e) c.add(`${where}.position`, e.message);
  });
  const n = x.next;
  if (!(typeof n === 'number' && Number.isInteger(n) && n >= 1)) c.add('candidates.next', `must be a whole number ≥ 1 (found ${JSON.stringify(n)})`);
}

const SCENARIO_CHANGES = ['edit', 'revert', 'accept', 'create', 'duplicate', 'rename', 'delete'] as const;

/** An index into a list of `n`. */
const isIndex = (v: unknown, n: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < n;

/** One record of the undo history: a preset edit (both presets valid) or a scenario edit (both sides states of the table). */
function checkEdit(c: Checks, e: unknown, where: string, states: number): void {
  if (!isObject(e)) return c.add(where, 'must be an object');
  if (e.kind === 'scenario') {
    c.oneOf(e, 'change', SCENARIO_CHANGES, where);
    for (const side of ['before', 'after']) if (!isIndex(e[side], states)) c.add(`${where}.${side}`, `must name one of the ${states} saved scenario states (found ${JSON.stringify(e[side])})`);
    return;
  }
  if (e.kind !== 'preset') return c.add(`${where}.kind`, `unknown edit kind ${JSON.stringify(e.kind)}`);
  if (typeof e.presetId !== 'string') c.add(`${where}.presetId`, 'must be a text');
  c.preset(e.before, `${where}.before`);
  c.preset(e.after, `${where}.after`);
}

/**
 * The table of the history's scenario states: known edits, scenarios naming edits of the table,
 * states naming scenarios with unique ids and a current one among them; and every scenario's edits
 * apply in order to the project's data, as the current scenarios' do.
 */
function checkScenarioStates(c: Checks, t: unknown, project: unknown): void {
  if (t === undefined || t === null) return;
  if (!isObject(t) || !Array.isArray(t.edits) || !Array.isArray(t.scenarios) || !Array.isArray(t.states)) return c.add('scenarioStates', 'must have the lists edits, scenarios and states');
  const { edits, scenarios, states } = t as { edits: unknown[]; scenarios: unknown[]; states: unknown[] };
  edits.forEach((e, i) => checkScenarioEdit(c, e, `scenarioStates.edits[${i}]`));
  // The same scenario appears once per version of its edits: ids repeat here.
  c.elements(scenarios, 'scenarioStates.scenarios', false, (x, where) => {
    c.scenarioName(x, where);
    if (!Array.isArray(x.edits) || !x.edits.every((j) => isIndex(j, edits.length))) c.add(`${where}.edits`, `must be a list of indices of the ${edits.length} saved edits`);
  });
  states.forEach((st, i) => {
    const where = `scenarioStates.states[${i}]`;
    if (!isObject(st) || !Array.isArray(st.list) || st.list.length === 0 || !st.list.every((j) => isIndex(j, scenarios.length))) return c.add(`${where}.list`, `must be a non-empty list of indices of the ${scenarios.length} saved scenarios`);
    const ids = (st.list as number[]).map((j) => (scenarios[j] as Raw | undefined)?.id);
    if (new Set(ids).size !== ids.length) c.add(`${where}.list`, 'names one scenario id twice');
    if (!ids.includes(st.currentId as string)) c.add(`${where}.currentId`, `must name one of its scenarios (found ${JSON.stringify(st.currentId)})`);
  });
  if (c.problems.length || !isObject(project)) return;
  const data = projectData(project as unknown as Project);
  (scenarios as { id: string; edits: number[] }[]).forEach((x, i) => replayEdits(c, data, x.edits.map((j) => edits[j] as Edit), (j) => `scenarioStates.scenarios[${i}] (id "${x.id}").edits[${j}]`));
}

function checkDocument(c: Checks, d: Raw): void {
  checkProject(c, d.project);
  if (d.savedAt !== null && d.savedAt !== undefined && typeof d.savedAt !== 'string') c.add('savedAt', 'must be a date text');
  if (d.presetEdit !== null && d.presetEdit !== undefined) {
    if (!isObject(d.presetEdit) || typeof d.presetEdit.presetId !== 'string') c.add('presetEdit.presetId', 'must be a text');
    else c.preset(d.presetEdit.preset, 'presetEdit.preset');
  }
  const h = d.history;
  const states = isObject(d.scenarioStates) && Array.isArray(d.scenarioStates.states) ? d.scenarioStates.states.length : 0;
  if (!isObject(h) || !Array.isArray(h.done) || !Array.isArray(h.undone)) c.add('history', 'must have the lists done and undone');
  else {
    h.done.forEach((e, i) => checkEdit(c, e, `history.done[${i}]`, states));
    h.undone.forEach((e, i) => checkEdit(c, e, `history.undone[${i}]`, states));
  }
  if (d.view !== undefined && !isObject(d.view)) c.add('view', 'must be an object');
  checkCandidates(c, d.candidates);
  if (!c.problems.length) checkScenarios(c, d.scenarios, d.project);
  if (!c.problems.length) checkScenarioStates(c, d.scenarioStates, d.project);
}

/**
 * A parsed value (a project file's JSON, or what IndexedDB held) as a current project document:
 * migrated from older schema versions and checked throughout. Throws ProjectFileError naming
 * `file`; the value given is never modified.
 */
export function readProjectDocument(raw: unknown, file: string): ProjectDocument {
  let doc: Raw;
  try {
    doc = migrateProjectDocument(raw);
  } catch (e) {
    if (e instanceof ProjectVersionError) throw new ProjectFileError(file, [e.message]);
    throw e;
  }
  const c = new Checks();
  checkDocument(c, doc);
  if (c.problems.length) throw new ProjectFileError(file, c.problems);
  const project = doc.project as Project;
  const layers = { ...project.layers, roads: project.layers.roads ?? [], water: project.layers.water ?? [] };
  return documentOfParts({
    project: { ...project, layers },
    presetEdit: (doc.presetEdit as PresetEditState | null | undefined) ?? null,
    scenarios: (doc.scenarios as SavedScenarios | null | undefined) ?? null,
    view: doc.view as Record<string, unknown> | undefined,
    candidates: doc.candidates as SavedCandidates | undefined,
  }, doc.history as UndoHistory<SavedEdit>, doc.scenarioStates as SavedScenarioStates | undefined, (doc.savedAt as string | null | undefined) ?? null);
}

/** A project file's text (JSON) as a current project document; errors name `file`. */
export function parseProjectFile(text: string, file: string): ProjectDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ProjectFileError(file, [`not valid JSON (${(e as Error).message})`]);
  }
  return readProjectDocument(raw, file);
}

/** The project file's text. */
export function serializeProjectDocument(doc: ProjectDocument): string {
  return JSON.stringify(doc);
}
