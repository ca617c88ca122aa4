// Loading and saving (renders nothing): at start the saved project document (else the demo
// district) and the saved view choices; afterwards the project, the edited preset, the undo
// history and the scenarios autosave to IndexedDB (projectAutosave.ts: debounced, flushed on page hide, safe across
// tabs, failures reported), and the view choices are saved per browser.
import { useEffect } from 'react';
import { newProject, type Project } from '../../planning/project';
import { projectDocument, readProjectDocument, scenarioProblems, type ProjectDocument } from '../../planning/projectDocument';
import type { Scenario } from '../../planning/scenario';
import { emptyHistory } from '../../planning/undoHistory';
import { loadDemo } from '../data/loadDemo';
import { initI18n } from '../i18n';
import type { Action, AppState } from '../state/appState';
import { DEFAULT_PRESET_ID } from '../state/presetCatalog';
import { DEMO_LAYERS, loadSaved, loadUi, projectKey, saveUi, type LegacyScenarios, type SavedStamp } from '../state/persist';
import { useSelector, useStore, type Store } from '../state/store';
import { mergeUiChoices } from '../state/uiChoices';
import { ProjectAutosave } from './projectAutosave';

const selectUi = (s: AppState) => s.ui;
/** How the stored project is named in messages about it. */
const STORED = 'IndexedDB (lifecircle/document)';

let autosave: ProjectAutosave | null = null;

/** The stored document, checked; null when nothing usable is stored (a bad one is reported). */
async function readStored(store: Store<AppState, Action>): Promise<{ doc: ProjectDocument | null; stamp: SavedStamp | null; layersStored: boolean; demoLayers: Project['layers'] | null; legacyScenarios?: LegacyScenarios | null }> {
  let saved: Awaited<ReturnType<typeof loadSaved>>;
  try {
    saved = await loadSaved();
  } catch (e) {
    // No IndexedDB (private mode, blocked storage): nothing can be saved either; say so.
    const err = e as { name?: string; message?: string };
    store.dispatch({ type: 'persist/saveFailed', error: { name: err?.name ?? 'Error', message: err?.message ?? String(e) } });
    return { doc: null, stamp: null, layersStored: false, demoLayers: null };
  }
  if (saved.doc === undefined || saved.doc === null) return { doc: null, stamp: saved.stamp, layersStored: false, demoLayers: null, legacyScenarios: saved.legacyScenarios };
  const d = saved.doc as { project?: { layers?: unknown } };
  const demoLayers = d.project?.layers === DEMO_LAYERS ? (await loadDemo()).layers : null;
  if (demoLayers && d.project) d.project.layers = demoLayers;
  try {
    const doc = readProjectDocument(saved.doc, STORED);
    return { doc, stamp: saved.stamp, layersStored: saved.layersStored, demoLayers: demoLayers ? doc.project.layers : null, legacyScenarios: saved.legacyScenarios };
  } catch (e) {
    store.dispatch({ type: 'persist/fileFailed', source: 'stored', message: (e as Error).message });
    return { doc: null, stamp: saved.stamp, layersStored: false, demoLayers: null, legacyScenarios: saved.legacyScenarios };
  }
}

/**
 * Scenarios an older version saved apart from the project (their own IndexedDB key), moved into
 * the project once: when the loaded project has none of its own and is the one they were made on.
 * Dispatched after the load, they are a change, saved at once with the document, whose save
 * removes the old key.
 */
function adoptLegacyScenarios(store: Store<AppState, Action>, legacy: LegacyScenarios | null | undefined): void {
  const { project, scenarios } = store.getState();
  if (!legacy || !project || scenarios.list.some((x) => x.edits.length > 0) || scenarios.list.length > 1) return;
  if (legacy.projectKey !== projectKey(project)) return;
  const saved = { list: legacy.list, currentId: legacy.currentId };
  const problems = scenarioProblems(saved, project);
  if (problems.length) {
    store.dispatch({ type: 'persist/fileFailed', source: 'stored', message: `IndexedDB (lifecircle/scenarios): ${problems.slice(0, 3).join('; ')}` });
    return;
  }
  store.dispatch({ type: 'scenario/loaded', list: saved.list as Scenario[], currentId: saved.currentId as string });
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
      const [{ doc, stamp, layersStored, demoLayers, legacyScenarios }, savedUi] = await Promise.all([readStored(store), loadUi()]);
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
        if (!doc.scenarios) adoptLegacyScenarios(store, legacyScenarios);
        return;
      }
      const demo = await loadDemo();
      if (!live) return;
      const project = newProject({ source: demo.source, name: demo.name }, demo.layers, doc?.project.activePresetId ?? DEFAULT_PRESET_ID);
      store.dispatch({ type: 'document/loaded', doc: projectDocument({ project, presetEdit: null, history: emptyHistory() }) });
      saver.loaded(revision, false, project.layers);
      adoptLegacyScenarios(store, legacyScenarios);
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
