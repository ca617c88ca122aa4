// Project persistence in IndexedDB (structured clone: no JSON round trip for large layers).
import type { Project } from '../../planning/project';
import type { UiChoices } from './uiChoices';

const DB = 'lifecircle';
const STORE = 'kv';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function put(key: string, value: unknown): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

async function get<T>(key: string): Promise<T | undefined> {
  const db = await open();
  const v = await new Promise<T | undefined>((resolve, reject) => {
    const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(key);
    req.onsuccess = () => resolve(req.result as T | undefined);
    req.onerror = () => reject(req.error);
  });
  db.close();
  return v;
}

export const saveProject = (p: Project) => put('project', p);
export const loadProject = () => get<Project>('project').catch(() => undefined);
export const saveUi = (u: UiChoices) => put('ui', u);
export const loadUi = () => get<UiChoices>('ui').catch(() => undefined);
export async function clearSaved(): Promise<void> {
  await put('project', undefined);
}

/** The scenarios saved with the key of the project they were made on (its base data). */
export interface SavedScenarios {
  projectKey: string;
  list: import('../../planning/scenario').Scenario[];
  currentId: string;
}
export const saveScenarios = (s: SavedScenarios) => put('scenarios', s);
export const loadScenarios = () => get<SavedScenarios>('scenarios').catch(() => undefined);
