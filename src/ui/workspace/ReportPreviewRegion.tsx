// The report preview, connected to the store: renders the current audit's report (worker gaps,
// embedded fonts) in the chosen language and pages.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportPages } from '../../report/index';
import { ReportPreview } from '../export/ReportPreview';
import { renderPreview } from '../export/reportPreview';
import { selectPreset, type Action, type AppState } from '../state/appState';
import { useStore } from '../state/store';
import { engine } from './engineHandle';

export function ReportPreviewRegion({ onClose }: { onClose: () => void }) {
  const { i18n, t } = useTranslation();
  const store = useStore<AppState, Action>();
  const render = useCallback(async (lang: 'zh' | 'en', pages: ReportPages) => {
    const s = store.getState();
    const preset = selectPreset(s);
    if (!s.project || !s.audit.result || !preset) throw new Error(t('status.pending'));
    return renderPreview({ project: s.project, result: s.audit.result, preset, lang, pages }, engine());
  }, [store, t]);
  return <ReportPreview render={render} initialLang={i18n.language === 'en' ? 'en' : 'zh'} onClose={onClose} />;
}
