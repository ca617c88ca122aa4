// Scenarios survive a reload (renders nothing): they are saved (debounced) to IndexedDB with the
// key of the project's base data, and restored once at start when the loaded project has the
// same key (edits name the base data's features, so they only apply to it).
import { useEffect, useRef } from 'react';
import type { Project } from '../../planning/project';
import type { Action, AppState } from '../state/appState';
import { loadScenarios, saveScenarios } from '../state/persist';
import { useSelector, useStore } from '../state/store';

const selectProject = (s: AppState) => s.project;
const selectScenarios = (s: AppState) => s.scenarios;

/** Identifies a project's base data: where it came from, its layer version and sizes. */
export const projectKey = (p: Project) =>
  `${p.dataset.source}|${p.dataset.name.en}|${p.layerVersion}|${p.layers.communities.length}|${p.layers.facilities.length}|${p.layers.green.length}`;

export function ScenarioPersistence() {
  const { dispatch } = useStore<AppState, Action>();
  const project = useSelector(selectProject);
  const scenarios = useSelector(selectScenarios);
  /** Restored (or nothing to restore) for the first project: saving may start. */
  const restored = useRef(false);

  useEffect(() => {
    if (!project || restored.current) return;
    let live = true;
    const key = projectKey(project);
    void loadScenarios().then((saved) => {
      if (!live) return;
      if (saved && saved.projectKey === key && saved.list?.length) dispatch({ type: 'scenario/loaded', list: saved.list, currentId: saved.currentId });
      restored.current = true;
    });
    return () => { live = false; };
  }, [project, dispatch]);

  useEffect(() => {
    if (!project || !restored.current) return;
    // A failed save is reported like the project's own (the notice offers to export the project).
    const h = setTimeout(() => void saveScenarios({ projectKey: projectKey(project), list: scenarios.list, currentId: scenarios.currentId })
      .catch((e: unknown) => dispatch({ type: 'persist/saveFailed', error: { name: (e as Error)?.name ?? 'Error', message: (e as Error)?.message ?? String(e) } })), 300);
    return () => clearTimeout(h);
  }, [project, scenarios.list, scenarios.currentId, dispatch]);

  return null;
}
