// Project storage in IndexedDB (structured clone: no JSON round trip for large layers). The project
// document is stored with a stamp (revision, writing tab, time), which localStorage mirrors for a
// synchronous check; a save names the revision it builds on and is refused when another tab wrote
// since, so no tab silently overwrites newer work. Failures (QuotaExceededError and the like)
// reject with the browser's error: the caller reports them, nothing is swallowed.
import type { ProjectDocument } from '../../planning/projectDocument';
import type { UiChoices } from './uiChoices';

const DB = 'lifecircle';
const STORE = 'kv';
/**
 * The project document without its layers, the layers (written only when they changed: a preset
 * edit then writes a few kilobytes, which an unloading page still gets out, not megabytes), the
 * stamp, the bare project saved before documents existed, the scenarios saved apart before the
 * document carried them (both removed by the first save), the view choices.
 */
const KEY = { document: 'document', layers: 'layers', stamp: 'stamp', legacyProject: 'project', legacyScenarios: 'scenarios', ui: 'ui' } as const;

export interface SavedStamp {
  /** Increases by one with every save, whichever tab made it. */
  revision: number;
  tabId: string;
  savedAt: string;
}

let connection: IDBDatabase | null = null;
let opening: Promise<IDBDatabase> | null = null;

/** The database, opened once and kept open, so that a save on page hide can be issued synchronously. */
function open(): Promise<IDBDatabase> {
  if (connection) return Promise.resolve(connection);
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => { db.close(); connection = null; opening = null; };
      db.onclose = () => { connection = null; opening = null; };
      connection = db;
      resolve(db);
    };
    req.onerror = () => { opening = null; reject(req.error); };
  });
  return opening;
}

/** The error a failed transaction ended with (an aborted one carries its cause in tx.error). */
const txError = (tx: IDBTransaction): DOMException | Error => tx.error ?? new DOMException('the transaction was aborted', 'AbortError');

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(txError(tx));
    tx.onerror = () => undefined; // the abort that follows carries the error
  });
}

async function get<T>(key: string): Promise<T | undefined> {
  const db = await open();
  return new Promise<T | undefined>((resolve, reject) => {
    const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(key);
    req.onsuccess = () => resolve(req.result as T | undefined);
    req.onerror = () => reject(req.error);
  });
}

async function put(key: string, value: unknown): Promise<void> {
  const db = await open();
  const tx = db.transaction(STORE, 'readwrite');
  const finished = done(tx);
  tx.objectStore(STORE).put(value, key);
  await finished;
}

/** What is stored: the project document (or the bare project of older versions; unchecked) and its stamp. */
export async function loadSaved(): Promise<{ doc: unknown; stamp: SavedStamp | null; layersStored: boolean; legacyScenarios: LegacyScenarios | null }> {
  const db = await open();
  const tx = db.transaction(STORE, 'readonly');
  const store = tx.objectStore(STORE);
  const doc = store.get(KEY.document);
  const layers = store.get(KEY.layers);
  const legacy = store.get(KEY.legacyProject);
  const stamp = store.get(KEY.stamp);
  const scenarios = store.get(KEY.legacyScenarios);
  await done(tx);
  const stored = (stamp.result as SavedStamp | undefined) ?? null;
  const legacyScenarios = (scenarios.result as LegacyScenarios | undefined) ?? null;
  // The last save of a page that went away before IndexedDB committed it: the journal is then the
  // newest copy. It is written into IndexedDB now (while this page lives) and dropped.
  const j = readJournal();
  if (j && j.stamp.revision > (stored?.revision ?? 0)) {
    const jd = j.doc as { project: Record<string, unknown> };
    const jLayers = j.layers === 'demo' ? DEMO_LAYERS : j.layers === 'inline' ? jd.project.layers : layers.result;
    const landed = await replayJournal(db, j).then(() => true, () => false);
    return { doc: { ...jd, project: { ...jd.project, layers: jLayers } }, stamp: newerStamp(j.stamp, readStampItem()), layersStored: landed, legacyScenarios };
  }
  // A journal IndexedDB has caught up with (its write landed after all): no longer needed.
  if (j) clearJournal();
  const d = doc.result as { project?: Record<string, unknown> } | undefined;
  const whole = d && typeof d === 'object' && d.project && typeof d.project === 'object' ? { ...d, project: { ...d.project, layers: layers.result } } : d;
  return { doc: whole ?? legacy.result, stamp: newerStamp(stored, readStampItem()), layersStored: !!whole && layers.result !== undefined, legacyScenarios };
}

/** Writes a journal into IndexedDB unless a save at least as new landed there meanwhile (another tab); then forgets the journal. */
async function replayJournal(db: IDBDatabase, j: Journal): Promise<void> {
  const tx = db.transaction(STORE, 'readwrite');
  const finished = done(tx);
  const store = tx.objectStore(STORE);
  const req = store.get(KEY.stamp);
  req.onsuccess = () => {
    const now = req.result as SavedStamp | undefined;
    if (now && now.revision >= j.stamp.revision) return;
    const jd = j.doc as ProjectDocument;
    write(store, jd, j.stamp, j.layers === 'inline' ? 'write' : j.layers);
  };
  await finished;
  if (readJournal()?.stamp.revision === j.stamp.revision) clearJournal();
}

export type SaveOutcome = { saved: SavedStamp; written: Promise<void> } | { conflict: SavedStamp };

/**
 * The stamp of the latest save, kept in localStorage as well: it is read and moved on
 * synchronously, so a save needs no IndexedDB read first and can be issued whole in one call,
 * even from `pagehide` (a transaction waiting for a read's callback dies with the page).
 */
const STAMP_ITEM = 'lifecircle.project.stamp';

function readStampItem(): SavedStamp | null {
  try {
    const v = JSON.parse(localStorage.getItem(STAMP_ITEM) ?? 'null') as SavedStamp | null;
    return v && typeof v.revision === 'number' ? v : null;
  } catch {
    return null;
  }
}

function writeStampItem(stamp: SavedStamp | null): void {
  try {
    if (stamp) localStorage.setItem(STAMP_ITEM, JSON.stringify(stamp));
    else localStorage.removeItem(STAMP_ITEM);
  } catch {
    // No localStorage: the stamp in IndexedDB and the other tabs' messages still tell.
  }
}

/** How a save writes the layers: all of them, a mark that they are the demo district's as bundled, or not at all (unchanged). */
export type LayersWrite = 'write' | 'demo' | 'skip';
export const DEMO_LAYERS = 'demo';

function write(store: IDBObjectStore, doc: ProjectDocument, stamp: SavedStamp, layers: LayersWrite): void {
  store.put({ ...doc, project: { ...doc.project, layers: null } }, KEY.document);
  if (layers !== 'skip') store.put(layers === 'demo' ? DEMO_LAYERS : doc.project.layers, KEY.layers);
  store.put(stamp, KEY.stamp);
  store.delete(KEY.legacyProject);
  // The document carries the scenarios now (the app moved any older ones into it on load).
  store.delete(KEY.legacyScenarios);
}

const JOURNAL_ITEM = 'lifecircle.project.journal';

/**
 * How a journal holds the layers: as IndexedDB last committed them ('skip'), the demo district's
 * mark, or in the journal itself ('inline': the layers are in `doc`).
 */
export type JournalLayers = 'skip' | 'demo' | 'inline';

interface Journal {
  stamp: SavedStamp;
  layers: JournalLayers;
  doc: unknown;
}

function readJournal(): Journal | null {
  try {
    const j = JSON.parse(localStorage.getItem(JOURNAL_ITEM) ?? 'null') as Journal | null;
    return j && j.stamp && typeof j.stamp.revision === 'number' && (j.layers === 'skip' || j.layers === 'demo' || j.layers === 'inline') ? j : null;
  } catch {
    return null;
  }
}

function clearJournal(): void {
  try {
    localStorage.removeItem(JOURNAL_ITEM);
  } catch {
    // No localStorage: there is no journal either.
  }
}

/**
 * The journal of a page going away (pagehide, hidden): the document of revision `stamp`, written
 * synchronously to localStorage. An IndexedDB transaction not yet committed when the page is torn
 * down dies with it (in Chromium a save issued by the pause's timer a moment before a reload is
 * lost about one time in two), so the journal, not IndexedDB, is authoritative for the last save;
 * start-up reads it when IndexedDB holds an older revision. Returns false when it could not be written (too large for
 * localStorage): any older journal is removed then, so that it never stands for this revision.
 */
export function writeJournal(doc: ProjectDocument, stamp: SavedStamp, layers: JournalLayers): boolean {
  const j: Journal = { stamp, layers, doc: layers === 'inline' ? doc : { ...doc, project: { ...doc.project, layers: null } } };
  try {
    localStorage.setItem(JOURNAL_ITEM, JSON.stringify(j));
    return true;
  } catch {
    clearJournal();
    return false;
  }
}

/** The newest of two stamps (either may be missing). */
export const newerStamp = (a: SavedStamp | null, b: SavedStamp | null): SavedStamp | null => (!a ? b : !b ? a : b.revision > a.revision ? b : a);

/** The latest save's stamp as far as this browser knows without reading IndexedDB. */
export const latestStamp = (): SavedStamp | null => readStampItem();

/**
 * Saves `doc` over revision `base`, issuing the whole write at once (safe in `pagehide`, with
 * `urgent`); its layers as `options.layers` says. When the
 * latest stamp is not `base` (another tab saved since), nothing is written and that stamp comes
 * back as a conflict. Otherwise `written` settles when IndexedDB has committed, or rejects with the
 * browser's error (QuotaExceededError, DataCloneError, …); the stamp is then put back.
 */
export function saveDocument(doc: ProjectDocument, base: number, tabId: string, options: { urgent?: boolean; layers: LayersWrite }): SaveOutcome {
  const latest = readStampItem();
  if (latest && latest.revision !== base) return { conflict: latest };
  const stamp: SavedStamp = { revision: base + 1, tabId, savedAt: new Date().toISOString() };
  writeStampItem(stamp);
  const rollBack = (e: unknown) => {
    if (readStampItem()?.revision === stamp.revision && readStampItem()?.tabId === tabId) writeStampItem(e instanceof SaveConflict ? e.latest : latest);
    throw e;
  };
  const issue = (db: IDBDatabase): Promise<void> => {
    const tx = db.transaction(STORE, 'readwrite');
    const finished = done(tx);
    const store = tx.objectStore(STORE);
    let conflict: SavedStamp | null = null;
    const put = () => {
      try {
        write(store, doc, stamp, options.layers);
      } catch (e) {
        // put() throws synchronously for values it cannot clone or store: abort and report that.
        tx.abort();
        return e;
      }
      return null;
    };
    if (options.urgent) {
      // On page hide the write is issued at once and committed at once (a callback may never run);
      // the journal stands for it if it dies with the page.
      const e = put();
      if (e) return finished.then(() => Promise.reject(e), () => Promise.reject(e));
      tx.commit?.();
      return finished;
    }
    // Otherwise the stored stamp is checked inside the same transaction: two tabs that both read
    // the same latest stamp from localStorage (it is not atomic across processes) cannot both write.
    let thrown: unknown = null;
    const req = store.get(KEY.stamp);
    req.onsuccess = () => {
      const now = req.result as SavedStamp | undefined;
      if (now && now.revision > base) {
        conflict = now;
        tx.abort();
        return;
      }
      thrown = put();
    };
    return finished.then(
      () => undefined,
      (e: unknown) => Promise.reject(conflict ? new SaveConflict(conflict) : thrown ?? e),
    );
  };
  const written = (connection ? issue(connection) : open().then(issue)).catch(rollBack);
  return { saved: stamp, written };
}

/** A save refused inside its transaction: another tab stored `latest` since this tab's base. */
export class SaveConflict extends Error {
  constructor(readonly latest: SavedStamp) {
    super(`another tab saved revision ${latest.revision} first`);
    this.name = 'SaveConflict';
  }
}

export const saveUi = (u: UiChoices) => put(KEY.ui, u);
export const loadUi = () => get<UiChoices>(KEY.ui).catch(() => undefined);

/**
 * Scenarios as older versions of the app saved them, apart from the project under their own key,
 * with the key of the project they were made on (its base data; see `projectKey`).
 */
export interface LegacyScenarios {
  projectKey: string;
  list: unknown;
  currentId: unknown;
}

/** Identifies a project's base data as the older scenario key did: where it came from, its layer version and sizes. */
export const projectKey = (p: { dataset: { source: string; name: { en: string } }; layerVersion: number; layers: { communities: unknown[]; facilities: unknown[]; green: unknown[] } }) =>
  `${p.dataset.source}|${p.dataset.name.en}|${p.layerVersion}|${p.layers.communities.length}|${p.layers.facilities.length}|${p.layers.green.length}`;
