// Migrations of saved projects to the current project-file schema, as pure functions: each takes a
// document of schema version n and returns one of version n + 1. A project saved by any earlier
// version of the app (in IndexedDB or as a file) is brought forward step by step, never edited in
// place. Version 0 is the bare project the app kept in IndexedDB before project files existed
// (`Project` with `version: 1`, no undo history, no edited preset). Version 1 had no scenarios;
// version 2 carries them (names, ordered edit lists, the current one); version 3 saves the scenario
// changes in the undo history too (with the table of the scenario states they name).

/** What a project file says it is, and the schema version this version of the app writes. */
export const PROJECT_FILE_FORMAT = 'lifecircle-project';
export const PROJECT_SCHEMA_VERSION = 3;

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema version of a parsed document; null when it is not a LifeCircle project at all. */
export function schemaVersionOf(raw: unknown): number | null {
  if (!isObject(raw)) return null;
  if (raw.format === PROJECT_FILE_FORMAT) return typeof raw.schemaVersion === 'number' && Number.isInteger(raw.schemaVersion) ? raw.schemaVersion : null;
  if (raw.format === undefined && raw.version === 1 && isObject(raw.layers)) return 0;
  return null;
}

/** Steps from version n (the index) to n + 1. */
const STEPS: ((doc: Raw) => Raw)[] = [
  // 0 → 1: the bare project becomes the project of a document with an empty history.
  (bare) => ({ format: PROJECT_FILE_FORMAT, schemaVersion: 1, savedAt: null, project: bare, presetEdit: null, history: { done: [], undone: [] } }),
  // 1 → 2: the document carries the what-if scenarios; a version-1 document has none saved in it
  // (the app kept them apart, under their own IndexedDB key, migrated by the app on load).
  (doc) => ({ ...doc, schemaVersion: 2, scenarios: null }),
  // 2 → 3: the history may hold scenario edits; a version-2 history holds preset edits only, as saved.
  (doc) => ({ ...doc, schemaVersion: 3 }),
];

export class ProjectVersionError extends Error {}

/**
 * The document brought to the current schema version. Throws ProjectVersionError for something
 * that is not a project, or a project from a newer version of the app (it cannot be read safely).
 */
export function migrateProjectDocument(raw: unknown): Raw {
  const version = schemaVersionOf(raw);
  if (version === null) throw new ProjectVersionError('not a LifeCircle project (no "format": "lifecircle-project" with a whole-number "schemaVersion")');
  if (version > PROJECT_SCHEMA_VERSION) throw new ProjectVersionError(`schemaVersion ${version} comes from a newer version of LifeCircle (this version reads up to ${PROJECT_SCHEMA_VERSION})`);
  if (version < 0) throw new ProjectVersionError(`schemaVersion ${version} is not a version of the project file`);
  let doc = raw as Raw;
  for (let v = version; v < PROJECT_SCHEMA_VERSION; v++) doc = STEPS[v](doc);
  return doc;
}
