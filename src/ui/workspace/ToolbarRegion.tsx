// The header, connected to the store: the project, the audit headline and the project actions.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { newProject } from '../../planning/project';
import { Toolbar } from '../Toolbar';
import { loadDemo } from '../data/loadDemo';
import { initI18n } from '../i18n';
import { exportTableCsv } from '../table/exportTable';
import { selectPreset, type Action, type AppState } from '../state/appState';
import { clearSaved } from '../state/persist';
import { DEFAULT_PRESET_ID } from '../state/presetCatalog';
import { useSelector, useStore } from '../state/store';

const selectProject = (s: AppState) => s.project;
const selectResult = (s: AppState) => s.audit.result;

export function ToolbarRegion() {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'zh') as 'zh' | 'en';
  const { dispatch } = useStore<AppState, Action>();
  const project = useSelector(selectProject);
  const result = useSelector(selectResult);
  const preset = useSelector(selectPreset);

  const toggleLang = useCallback(() => {
    const next = lang === 'zh' ? 'en' : 'zh';
    initI18n(next);
    dispatch({ type: 'ui/changed', patch: { lang: next } });
  }, [lang, dispatch]);

  const resetToDemo = useCallback(async () => {
    if (!window.confirm(t('toolbar.resetConfirm'))) return;
    await clearSaved();
    const demo = await loadDemo();
    dispatch({ type: 'project/loaded', project: newProject({ source: demo.source, name: demo.name }, demo.layers, DEFAULT_PRESET_ID), fit: true });
  }, [t, dispatch]);

  if (!project || !preset) return null;
  return (
    <Toolbar
      project={project}
      result={result}
      preset={preset}
      onImport={() => dispatch({ type: 'dialog/opened', dialog: 'import' })}
      onSettings={() => dispatch({ type: 'dialog/opened', dialog: 'settings' })}
      onExport={() => result && exportTableCsv(result, t, lang)}
      onReset={() => void resetToDemo()}
      onToggleLang={toggleLang}
      onFit={() => dispatch({ type: 'view/fit' })}
    />
  );
}
