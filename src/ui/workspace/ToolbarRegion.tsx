// The header, connected to the store: the project, the audit headline and the project actions.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { newProject } from '../../planning/project';
import { projectDocument } from '../../planning/projectDocument';
import { emptyHistory } from '../../planning/undoHistory';
import { Toolbar } from '../Toolbar';
import { loadDemo } from '../data/loadDemo';
import { initI18n } from '../i18n';
import { exportTableCsv } from '../table/exportTable';
import { visibleRows } from '../table/filterRows';
import type { ExportItem } from '../export/ExportMenu';
import { useExportEntries } from './exportEntries';
import { PresentActions } from '../present/PresentActions';
import { selectPreset, type Action, type AppState } from '../state/appState';
import { DEFAULT_PRESET_ID } from '../state/presetCatalog';
import { useSelector, useStore } from '../state/store';
import { BasisBadge } from '../residential/BasisBadge';
import { householdsWithout, runBasis } from '../residential/coverageBasis';
import { registerResidentialStrings } from '../residential/residentialStrings';
import { formatNumber } from '../../text/format';
import { ProjectFileActions } from './ProjectFileActions';

const selectProject = (s: AppState) => s.project;
const selectResult = (s: AppState) => s.audit.result;
const selectFilters = (s: AppState) => s.ui.filters;
const selectSort = (s: AppState) => s.ui.tableSort;
const selectTier = (s: AppState) => s.ui.tier;
const selectCategory = (s: AppState) => s.ui.category;

export function ToolbarRegion() {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'zh') as 'zh' | 'en';
  const { dispatch } = useStore<AppState, Action>();
  const project = useSelector(selectProject);
  const result = useSelector(selectResult);
  const preset = useSelector(selectPreset);
  const filters = useSelector(selectFilters);
  const sort = useSelector(selectSort);
  const resultExports = useExportEntries();

  // The export menu: the table as shown (filter and sort) or every community.
  const exports = useMemo((): ExportItem[] => {
    const shown = result ? visibleRows(result, filters, sort).length : 0;
    const all = result?.communities.length ?? 0;
    const input = result ? { result, preset: preset ?? undefined, filters, sort, t, lang } : null;
    return [
      { id: 'csv-shown', label: t('export.csvShown', { count: shown }), disabled: !input, run: () => { if (input) exportTableCsv(input, 'shown'); } },
      { id: 'csv-all', label: t('export.csvAll', { count: all }), disabled: !input, run: () => { if (input) exportTableCsv(input, 'all'); } },
      // The results as files, the map as an image and the report (workspace/exportEntries.ts).
      ...resultExports.map((e) => ({ ...e, disabled: e.disabled || !input })),
    ];
  }, [result, preset, filters, sort, t, lang, resultExports]);
  const tier = useSelector(selectTier);
  const category = useSelector(selectCategory);

  const toggleLang = useCallback(() => {
    const next = lang === 'zh' ? 'en' : 'zh';
    initI18n(next);
    dispatch({ type: 'ui/changed', patch: { lang: next } });
  }, [lang, dispatch]);

  const resetToDemo = useCallback(async () => {
    if (!window.confirm(t('toolbar.resetConfirm'))) return;
    const demo = await loadDemo();
    // A fresh project: its edits and their history go too; the autosave stores it like any change.
    const project = newProject({ source: demo.source, name: demo.name }, demo.layers, DEFAULT_PRESET_ID);
    dispatch({ type: 'document/loaded', doc: projectDocument({ project, presetEdit: null, history: emptyHistory() }), fit: true });
  }, [t, dispatch]);

  if (!project || !preset) return null;
  registerResidentialStrings();
  // On a residential basis the headline also says it in households: "12,400 户 5 分钟内没有幼儿园".
  const without = result ? householdsWithout(result, tier, category) : null;
  const headlineExtra = without === null ? undefined : (
    <div className="stat households" data-testid="households-without" data-value={Math.round(without)}>
      <span>{t('residentialUi.headline', { households: formatNumber(Math.round(without), lang), minutes: preset.tiers[tier]?.minutes ?? tier, category: t(`category.${category}`) })}</span>
      <BasisBadge {...runBasis(result!)} />
    </div>
  );
  return (
    <Toolbar
      project={project}
      result={result}
      preset={preset}
      onImport={() => dispatch({ type: 'dialog/opened', dialog: 'import' })}
      onSettings={() => dispatch({ type: 'dialog/opened', dialog: 'settings' })}
      exports={exports}
      extraActions={<PresentActions onStart={() => dispatch({ type: 'presentation/opened' })} onPlan={() => dispatch({ type: 'presentation/editor', open: true })} />}
      onReset={() => void resetToDemo()}
      onToggleLang={toggleLang}
      onFit={() => dispatch({ type: 'view/fit' })}
      headlineExtra={headlineExtra}
      projectActions={<ProjectFileActions />}
    />
  );
}
