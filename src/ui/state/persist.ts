// Project storage in IndexedDB (structured clone: no JSON round trip for large layers). The project
// document is stored with a stamp (revision, writing tab, time) in the same transaction; a save
// names the revision it builds on and is refused when another tab wrote since, so no tab silently
// overwrites newer work. Failures (QuotaExceededError and the like) reject with the browser's
// error: the caller reports them, nothing is swallowed.
import type { ProjectDocument } from '../../planning/projectDocument';
import type { UiChoices } from './uiChoices';

const DB = 'lifecircle';
const STORE = 'kv';
/** The project document, its stamp, the bare project saved before documents existed, the view choices. */
const KEY = { document: 'document', stamp: 'stamp', legacyProject: 'project', ui: 'ui' } as const;

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

/** The stored stamp alone (cheap: the document is not read). */
export const loadStamp = async (): Promise<SavedStamp | null> => (await get<SavedStamp>(KEY.stamp)) ?? null;

/** What is stored: the project document (or the bare project of older versions; unchecked) and its stamp. */
export async function loadSaved(): Promise<{ doc: unknown; stamp: SavedStamp | null }> {
  const db = await open();
  const tx = db.transaction(STORE, 'readonly');
  const store = tx.objectStore(STORE);
  const doc = store.get(KEY.document);
  const legacy = store.get(KEY.legacyProject);
  const stamp = store.get(KEY.stamp);
  await done(tx);
  return { doc: doc.result ?? legacy.result, stamp: (stamp.result as SavedStamp | undefined) ?? null };
}

export type SaveOutcome = { saved: SavedStamp } | { conflict: SavedStamp };

function write(store: IDBObjectStore, doc: ProjectDocument, stamp: SavedStamp): void {
  store.put(doc, KEY.document);
  store.put(stamp, KEY.stamp);
  store.delete(KEY.legacyProject);
}

/**
 * Saves `doc` over revision `base`. When the stored revision is not `base` (another tab saved
 * since), nothing is written and the stored stamp comes back as a conflict. Rejects with the
 * browser's error when the write fails (QuotaExceededError, DataCloneError, …).
 */
export async function saveDocument(doc: ProjectDocument, base: number, tabId: string): Promise<SaveOutcome> {
  const db = await open();
  const tx = db.transaction(STORE, 'readwrite');
  const finished = done(tx);
  const store = tx.objectStore(STORE);
  let outcome: SaveOutcome | null = null;
  let thrown: unknown = null;
  const req = store.get(KEY.stamp);
  req.onsuccess = () => {
    const stored = (req.result as SavedStamp | undefined) ?? null;
    if ((stored?.revision ?? 0) !== base) {
      outcome = { conflict: stored as SavedStamp };
      return;
    }
    const stamp: SavedStamp = { revision: base + 1, tabId, savedAt: new Date().toISOString() };
    try {
      write(store, doc, stamp);
      outcome = { saved: stamp };
    } catch (e) {
      // put() throws synchronously for values it cannot clone or store: abort and report that.
      thrown = e;
      tx.abort();
    }
  };
  try {
    await finished;
  } catch (e) {
    throw thrown ?? e;
  }
  if (!outcome) throw new Error('the save ended without an answer from IndexedDB');
  return outcome;
}

/**
 * Saves `doc` as revision `base + 1` without waiting for anything: for `pagehide`, when the page
 * may not live to see a callback. The caller has checked `base` against the latest revision it
 * knows of. Returns the stamp written, or null when the database is not open (nothing to flush to).
 */
export function saveDocumentNow(doc: ProjectDocument, base: number, tabId: string): SavedStamp | null {
  if (!connection) return null;
  const tx = connection.transaction(STORE, 'readwrite');
  const stamp: SavedStamp = { revision: base + 1, tabId, savedAt: new Date().toISOString() };
  write(tx.objectStore(STORE), doc, stamp);
  tx.commit?.();
  return stamp;
}

export const saveUi = (u: UiChoices) => put(KEY.ui, u);
export const loadUi = () => get<UiChoices>(KEY.ui).catch(() => undefined);
