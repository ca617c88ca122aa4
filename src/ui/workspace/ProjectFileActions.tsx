// The header's project-file buttons: export the project as one file, open a project file.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Action, AppState } from '../state/appState';
import { useStore } from '../state/store';
import { exportProjectFile, openProjectFile, PROJECT_FILE_SUFFIX } from './projectFile';

export function ProjectFileActions() {
  const { t } = useTranslation();
  const store = useStore<AppState, Action>();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button onClick={() => exportProjectFile(store.getState())} title={t('persist.exportProjectTitle')} data-testid="export-project">⇩ {t('persist.exportProject')}</button>
      <button onClick={() => input.current?.click()} title={t('persist.openProjectTitle')} data-testid="open-project">⇧ {t('persist.openProject')}</button>
      <input
        ref={input}
        type="file"
        hidden
        accept={`${PROJECT_FILE_SUFFIX},.json,application/json`}
        data-testid="open-project-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file && window.confirm(t('persist.openConfirm'))) void openProjectFile(file, store);
        }}
      />
    </>
  );
}
