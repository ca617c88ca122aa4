// Loading and saving (renders nothing): at start the saved project document (else the demo
// district) and the saved view choices; afterwards the project, the edited preset and the undo
// history autosave to IndexedDB (projectAutosave.ts: debounced, flushed on page hide, safe across
// tabs, failures reported), and the view choices are saved per browser.
import { useEffect } from 'react';
import { newProject, type Project } from '../../planning/project';
import { projectDocument, readProjectDocument, type ProjectDocument } from '../../planning/projectDocument';
import { emptyHistory } from '../../planning/undoHistory';
import { loadDemo } from '../data/loadDemo';
import { initI18n } from '../i18n';
import type { Action, AppState } from '../state/appState';
import { DEFAULT_PRESET_ID } from '../state/presetCatalog';
import { DEMO_LAYERS, loadSaved, loadUi, saveUi, type SavedStamp } from '../state/persist';
import { useSelector, useStore, type Store } from '../state/store';
import { mergeUiChoices } from '../state/uiChoices';
import { ProjectAutosave } from './projectAutosave';

const selectUi = (s: AppState) => s.ui;
/** How the stored project is named in messages about it. */
const STORED = 'IndexedDB (lifecircle/document)';

let autosave: ProjectAutosave | null = null;

/** The stored document, checked; null when nothing usable is stored (a bad one is reported). */
async function readStored(store: Store<AppState, Action>): Promise<{ doc: ProjectDocument | null; stamp: SavedStamp | null; layersStored: boolean; demoLayers: Project['layers'] | null }> {
  let saved: { doc: unknown; stamp: SavedStamp | null; layersStored: boolean };
  try {
    saved = await loadSaved();
  } catch (e) {
    // No IndexedDB (private mode, blocked storage): nothing can be saved either; say so.
    const err = e as { name?: string; message?: string };
    store.dispatch({ type: 'persist/saveFailed', error: { name: err?.name ?? 'Error', message: err?.message ?? String(e) } });
    return { doc: null, stamp: null, layersStored: false, demoLayers: null };
  }
  if (saved.doc === undefined || saved.doc === null) return { doc: null, stamp: saved.stamp, layersStored: false, demoLayers: null };
  const d = saved.doc as { project?: { layers?: unknown } };
  const demoLayers = d.project?.layers === DEMO_LAYERS ? (await loadDemo()).layers : null;
  if (demoLayers && d.project) d.project.layers = demoLayers;
  try {
    const doc = readProjectDocument(saved.doc, STORED);
    return { doc, stamp: saved.stamp, layersStored: saved.layersStored, demoLayers: demoLayers ? doc.project.layers : null };
  } catch (e) {
    store.dispatch({ type: 'persist/fileFailed', source: 'stored', message: (e as Error).message });
    return { doc: null, stamp: saved.stamp, layersStored: false, demoLayers: null };
  }
}

/** Another tab's newer save replaces what this tab shows (the user chose so). */
export async function reloadTheirs(store: Store<AppState, Action>): Promise<void> {
  const { doc, stamp, layersStored, demoLayers } = await readStored(store);
  if (!doc || !stamp) return;
  store.dispatch({ type: 'document/loaded', doc, fit: true });
  store.dispatch({ type: 'persist/conflictResolved' });
  autosave?.loaded(stamp.revision, layersStored, demoLayers);
}

/**
 * Another tab's newer save, shown in a tab without unsaved changes of its own: nothing to ask.
 * The map keeps its view. Changes made while it was read turn it into a conflict after all.
 */
async function showNewer(store: Store<AppState, Action>, saver: ProjectAutosave): Promise<void> {
  const { doc, stamp, layersStored, demoLayers } = await readStored(store);
  if (!doc || !stamp || autosave !== saver) return;
  if (saver.hasOwnChanges) {
    store.dispatch({ type: 'persist/conflict', other: { revision: stamp.revision, savedAt: stamp.savedAt } });
    return;
  }
  store.dispatch({ type: 'document/loaded', doc });
  saver.loaded(stamp.revision, layersStored, demoLayers);
}

/** This tab's work is saved over another tab's newer save (the user chose so). */
export function keepMine(): void {
  void autosave?.keepMine();
}

/** Tries the failed save again. */
export function retrySave(): void {
  void autosave?.saveNow();
}

export function Persistence() {
  const store = useStore<AppState, Action>();
  const ui = useSelector(selectUi);

  // Start: the saved project document, else the demo district; then autosave.
  useEffect(() => {
    let live = true;
    const saver = new ProjectAutosave(store);
    autosave = saver;
    saver.onNewerSave(() => showNewer(store, saver));
    const stop = saver.start();
    (async () => {
      const [{ doc, stamp, layersStored, demoLayers }, savedUi] = await Promise.all([readStored(store), loadUi()]);
      if (!live) return;
      if (savedUi) {
        const merged = mergeUiChoices(savedUi);
        store.dispatch({ type: 'ui/loaded', ui: merged });
        initI18n(merged.lang);
      }
      const revision = stamp?.revision ?? 0;
      if (doc && doc.project.layers.communities.length > 0 && doc.project.dataset.source !== 'sample') {
        store.dispatch({ type: 'document/loaded', doc });
        saver.loaded(revision, layersStored, demoLayers);
        return;
      }
      const demo = await loadDemo();
      if (!live) return;
      const project = newProject({ source: demo.source, name: demo.name }, demo.layers, doc?.project.activePresetId ?? DEFAULT_PRESET_ID);
      store.dispatch({ type: 'document/loaded', doc: projectDocument({ project, presetEdit: null, history: emptyHistory() }) });
      saver.loaded(revision, false, project.layers);
    })().catch((e: unknown) => live && store.dispatch({ type: 'project/loadFailed', message: String((e as Error).message ?? e) }));
    return () => {
      live = false;
      stop();
      if (autosave === saver) autosave = null;
    };
  }, [store]);

  // The view choices, per browser (debounced).
  useEffect(() => {
    const h = setTimeout(() => {
      saveUi(ui).catch((e: { name?: string; message?: string }) => store.dispatch({ type: 'persist/saveFailed', error: { name: e?.name ?? 'Error', message: e?.message ?? String(e) } }));
    }, 300);
    return () => clearTimeout(h);
  }, [ui, store]);

  return null;
}
