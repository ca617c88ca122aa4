// The report preview: the rendered report in a sandboxed frame (its own document, so the report's
// A4 print styles apply), with print / save as PDF, the report's language and its community pages.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportPages } from '../../report/index';
import { registerExportStrings } from './exportStrings';
import { installBundledFont } from './reportFontsBrowser';
import './export.css';

interface Props {
  render: (lang: 'zh' | 'en', pages: ReportPages) => Promise<string>;
  initialLang: 'zh' | 'en';
  onClose: () => void;
}

export function ReportPreview({ render, initialLang, onClose }: Props) {
  registerExportStrings();
  installBundledFont();
  const { t } = useTranslation();
  const [lang, setLang] = useState(initialLang);
  const [pages, setPages] = useState<ReportPages>('failing');
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    let live = true;
    setHtml(null);
    setError(null);
    render(lang, pages).then((h) => { if (live) setHtml(h); }, (e: unknown) => { if (live) setError(String((e as Error)?.message ?? e)); });
    return () => { live = false; };
  }, [render, lang, pages]);

  return (
    <div className="report-preview" role="dialog" aria-modal="true" aria-label={t('exportUi.preview.title')} data-testid="report-preview">
      <div className="report-preview-bar">
        <h2>{t('exportUi.preview.title')}</h2>
        <label>{t('exportUi.preview.lang')}{' '}
          <select value={lang} onChange={(e) => setLang(e.target.value as 'zh' | 'en')}>
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
        </label>
        <label>{t('exportUi.preview.pages')}{' '}
          <select value={pages} onChange={(e) => setPages(e.target.value as ReportPages)} data-testid="report-pages">
            <option value="failing">{t('exportUi.preview.pagesFailing')}</option>
            <option value="all">{t('exportUi.preview.pagesAll')}</option>
            <option value="none">{t('exportUi.preview.pagesNone')}</option>
          </select>
        </label>
        <span className="report-preview-hint">{t('exportUi.preview.hint')}</span>
        <button className="primary" disabled={!html} onClick={() => frame.current?.contentWindow?.print()} data-testid="report-print">🖶 {t('exportUi.preview.print')}</button>
        <button onClick={onClose} data-testid="report-close">✕ {t('exportUi.preview.close')}</button>
      </div>
      {error && <div className="report-preview-error" role="alert">{error}</div>}
      {!html && !error && <div className="report-preview-busy" aria-busy="true"><div className="spinner" />{t('exportUi.preview.busy')}</div>}
      {html && <iframe ref={frame} title={t('exportUi.preview.title')} srcDoc={html} sandbox="allow-same-origin allow-modals" data-testid="report-frame" />}
    </div>
  );
}
