// The project file in the browser: export the whole project (data layers, presets, edited preset,
// undo history, scenarios, drawn candidate sites, view) as one JSON file, and open one. Opening reads, migrates and checks the file
// completely before anything is applied (planning/projectDocument.ts), so a bad file changes
// nothing and the error names the file, the feature and the field.
import { parseProjectFile, serializeProjectDocument } from '../../planning/projectDocument';
import type { Action, AppState } from '../state/appState';
import type { Store } from '../state/store';
import { mergeUiChoices, type UiChoices } from '../state/uiChoices';
import { documentOf } from './projectAutosave';

export const PROJECT_FILE_SUFFIX = '.lifecircle.json';

/** The view choices a file carries: not the language (the reader's own) nor the Tianditu key (a credential). */
function viewOf(ui: UiChoices): Record<string, unknown> {
  const { lang: _lang, tiandituKey: _key, ...view } = ui;
  return view;
}

/** A file name from the project's name (characters file systems refuse replaced). */
export function projectFileName(s: AppState, date = new Date()): string {
  const name = (s.project?.dataset.name[s.ui.lang] ?? 'project').replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'project';
  return `${name}-${date.toISOString().slice(0, 10)}${PROJECT_FILE_SUFFIX}`;
}

/** The current project as the project file's text; null before a project is loaded. */
export function projectFileText(s: AppState): string | null {
  const doc = documentOf(s);
  if (!doc) return null;
  return serializeProjectDocument({ ...doc, view: viewOf(s.ui) });
}

/** Downloads the project file. */
export function exportProjectFile(s: AppState): void {
  const text = projectFileText(s);
  if (text === null) return;
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = projectFileName(s);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Opens a project file: the whole project, its edits and its view replace the current ones, or nothing changes. */
export async function openProjectFile(file: File, store: Store<AppState, Action>): Promise<boolean> {
  try {
    const doc = parseProjectFile(await file.text(), file.name);
    const ui = store.getState().ui;
    store.dispatch({ type: 'document/loaded', doc, fit: true });
    if (doc.view) store.dispatch({ type: 'ui/loaded', ui: mergeUiChoices({ ...doc.view, lang: ui.lang, tiandituKey: ui.tiandituKey } as Partial<UiChoices>) });
    store.dispatch({ type: 'persist/fileErrorDismissed' });
    return true;
  } catch (e) {
    store.dispatch({ type: 'persist/fileFailed', source: 'file', message: (e as Error).message ?? String(e) });
    return false;
  }
}
