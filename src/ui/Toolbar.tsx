// Header: title, dataset, the audit's headline (how many communities fail), the active preset,
// and the project actions (import slot, export, project file, reset, language, settings).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditResult, RulePreset } from '../engine/types';
import type { Project } from '../planning/project';
import { formatNumber, formatSharePercent } from '../text/format';
import { ExportMenu, type ExportItem } from './export/ExportMenu';

interface Props {
  project: Project;
  result: AuditResult | null;
  preset: RulePreset;
  onImport: () => void;
  onSettings: () => void;
  exports: ExportItem[];
  /** Further actions (presentation mode). */
  extraActions?: ReactNode;
  onReset: () => void;
  onToggleLang: () => void;
  onFit: () => void;
  /** More headline figures (e.g. households without reach on the residential basis). */
  headlineExtra?: ReactNode;
  /** Export / open the project file. */
  projectActions?: ReactNode;
}

export function Toolbar(p: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const s = p.result?.summary;
  return (
    <header className="toolbar">
      <div className="brand">
        <h1>{t('app.title')}</h1>
        <div className="brand-sub">
          <span>{t('app.subtitle')}</span>
          <span className="dataset" data-testid="dataset-name">{t('app.dataset', { name: p.project.dataset.name[lang] })}</span>
        </div>
      </div>
      <div className="headline" data-testid="headline">
        {s ? (
          <>
            <div className="stat fail" data-testid="failing-count" data-value={s.failing}>
              <b>{formatNumber(s.failing, lang)}</b>
              <span>{t('summary.failing')}</span>
            </div>
            <div className="stat pass">
              <b>{formatNumber(s.communities - s.failing, lang)}</b>
              <span>{t('summary.passing')}</span>
            </div>
            <div className="stat">
              <b data-testid="community-count" data-value={s.communities}>{formatNumber(s.communities, lang)}</b>
              <span>{t('summary.communities')} · {t('summary.failShare', { share: formatSharePercent(s.failing / Math.max(1, s.communities)) + '%' })}</span>
            </div>
            {p.headlineExtra}
          </>
        ) : (
          <div className="stat"><span>{t('status.pending')}…</span></div>
        )}
      </div>
      <div className="actions">
        <button onClick={p.onImport} data-testid="import-button">⇪ {t('toolbar.import')}</button>
        <ExportMenu items={p.exports} />
        {p.extraActions}
        {p.projectActions}
        <button onClick={p.onFit} data-testid="toolbar-fit">⤢ {t('toolbar.fit')}</button>
        <button onClick={p.onReset}>↺ {t('toolbar.reset')}</button>
        <button onClick={p.onSettings}>⚙ {t('toolbar.settings')}</button>
        <button onClick={p.onToggleLang} data-testid="lang-toggle" className="lang">{t('toolbar.language')}</button>
      </div>
    </header>
  );
}
