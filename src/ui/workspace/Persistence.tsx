// Loading and saving (renders nothing): at start the saved project (else the demo district) and
// the saved view choices; afterwards every project and choice change is saved (debounced) to
// IndexedDB so that nothing is lost on reload.
import { useEffect } from 'react';
import { newProject } from '../../planning/project';
import { loadDemo } from '../data/loadDemo';
import { initI18n } from '../i18n';
import type { Action, AppState } from '../state/appState';
import { DEFAULT_PRESET_ID } from '../state/presetCatalog';
import { loadProject, loadUi, saveProject, saveUi } from '../state/persist';
import { useSelector, useStore } from '../state/store';
import { mergeUiChoices } from '../state/uiChoices';

const selectProject = (s: AppState) => s.project;
const selectUi = (s: AppState) => s.ui;

export function Persistence() {
  const { dispatch } = useStore<AppState, Action>();
  const project = useSelector(selectProject);
  const ui = useSelector(selectUi);

  // Start: the saved project, else the demo district.
  useEffect(() => {
    let live = true;
    (async () => {
      const [saved, savedUi] = await Promise.all([loadProject(), loadUi()]);
      if (savedUi) {
        const merged = mergeUiChoices(savedUi);
        if (live) dispatch({ type: 'ui/loaded', ui: merged });
        initI18n(merged.lang);
      }
      if (saved && saved.version === 1 && saved.layers?.communities?.length > 0 && saved.dataset.source !== 'sample') {
        if (live) dispatch({ type: 'project/loaded', project: saved });
        return;
      }
      const demo = await loadDemo();
      if (live) dispatch({ type: 'project/loaded', project: newProject({ source: demo.source, name: demo.name }, demo.layers, saved?.activePresetId ?? DEFAULT_PRESET_ID) });
    })().catch((e: unknown) => live && dispatch({ type: 'project/loadFailed', message: String((e as Error).message ?? e) }));
    return () => { live = false; };
  }, [dispatch]);

  // Persist (debounced) so nothing is lost on reload.
  useEffect(() => {
    if (!project) return;
    const h = setTimeout(() => void saveProject(project).catch(() => undefined), 400);
    return () => clearTimeout(h);
  }, [project]);
  useEffect(() => {
    const h = setTimeout(() => void saveUi(ui).catch(() => undefined), 300);
    return () => clearTimeout(h);
  }, [ui]);

  return null;
}
