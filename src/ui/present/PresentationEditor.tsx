// The planner's presentation editor: pick the views (the whole area, communities, the current map
// view), put them in order, title each, then start. Every change goes back as a whole new list
// through the planning updaters (planning/presentation.ts); the project keeps it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditResult, Community } from '../../engine/types';
import { addView, moveView, removeView, retitleView, type Bounds, type PresentationView } from '../../planning/presentation';
import { rankFailing } from '../../report/gapList';
import { registerPresentStrings } from './presentStrings';
import { installBundledFont } from '../export/reportFontsBrowser';
import './present.css';

interface Props {
  views: PresentationView[];
  isDefault: boolean;
  communities: Community[];
  result: AuditResult | null;
  overviewTitle: string;
  /** The workspace map's current bounds (null while there is no map). */
  currentBounds: () => Bounds | null;
  onChange: (views: PresentationView[] | null) => void;
  onStart: () => void;
  onClose: () => void;
}

export function PresentationEditor(p: Props) {
  registerPresentStrings();
  installBundledFont();
  const { t } = useTranslation();
  const [pick, setPick] = useState('');
  const byId = new Map(p.communities.map((c) => [c.id, c]));
  const ranked = p.result && p.result.communities.length === p.communities.length ? rankFailing(p.result.communities).map((i) => p.communities[i]) : [];
  const failingIds = new Set(ranked.map((c) => c.id));
  const others = p.communities.filter((c) => !failingIds.has(c.id));
  const change = (views: PresentationView[]) => { if (views !== p.views) p.onChange(views); };
  const cameras = p.views.filter((v) => v.kind === 'camera').length;

  const kindLabel = (v: PresentationView) =>
    v.kind === 'community' ? `${t('presentUi.editor.kind.community')} · ${byId.get(v.communityId)?.name ?? v.communityId}` : t(`presentUi.editor.kind.${v.kind}`);

  return (
    <div className="present-editor-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) p.onClose(); }}>
      <div className="present-editor" role="dialog" aria-modal="true" aria-label={t('presentUi.editor.title')} data-testid="present-editor">
        <h2>{t('presentUi.editor.title')}</h2>
        <p className="present-editor-intro">{t('presentUi.editor.intro')}</p>
        {p.isDefault && <p className="present-editor-default">{t('presentUi.editor.isDefault')}</p>}
        <ol className="present-editor-list" aria-label={t('presentUi.editor.views')}>
          {p.views.map((v, i) => (
            <li key={i} data-testid="present-editor-view" data-kind={v.kind}>
              <span className="kind">{kindLabel(v)}</span>
              <input
                value={v.title}
                aria-label={t('presentUi.editor.titleLabel', { n: i + 1 })}
                onChange={(e) => change(retitleView(p.views, i, e.target.value))}
                data-testid="present-editor-title"
              />
              <button onClick={() => change(moveView(p.views, i, i - 1))} disabled={i === 0} title={t('presentUi.editor.up')} aria-label={t('presentUi.editor.up')}>↑</button>
              <button onClick={() => change(moveView(p.views, i, i + 1))} disabled={i === p.views.length - 1} title={t('presentUi.editor.down')} aria-label={t('presentUi.editor.down')}>↓</button>
              <button onClick={() => change(removeView(p.views, i))} title={t('presentUi.editor.remove')} aria-label={t('presentUi.editor.remove')}>✕</button>
            </li>
          ))}
        </ol>
        <div className="present-editor-add">
          <button onClick={() => change(addView(p.views, { kind: 'overview', title: p.overviewTitle }))}>＋ {t('presentUi.editor.addOverview')}</button>
          <button
            onClick={() => {
              const b = p.currentBounds();
              if (b) change(addView(p.views, { kind: 'camera', bounds: b, title: t('presentUi.cameraTitle', { n: cameras + 1 }) }));
            }}
            data-testid="present-editor-add-camera"
          >＋ {t('presentUi.editor.addCamera')}</button>
          <span className="present-editor-pick">
            <select value={pick} onChange={(e) => setPick(e.target.value)} aria-label={t('presentUi.editor.pickCommunity')} data-testid="present-editor-pick">
              <option value="">{t('presentUi.editor.pickCommunity')}</option>
              {ranked.length > 0 && <optgroup label={t('presentUi.editor.failingFirst')}>{ranked.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</optgroup>}
              <optgroup label={t('presentUi.editor.passing')}>{others.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</optgroup>
            </select>
            <button
              disabled={!pick}
              onClick={() => { const c = byId.get(pick); if (c) { change(addView(p.views, { kind: 'community', communityId: c.id, title: c.name })); setPick(''); } }}
              data-testid="present-editor-add-community"
            >＋ {t('presentUi.editor.addCommunity')}</button>
          </span>
        </div>
        <div className="present-editor-actions">
          {!p.isDefault && <button onClick={() => p.onChange(null)}>{t('presentUi.editor.reset')}</button>}
          <span className="spacer" />
          <button onClick={p.onClose}>{t('presentUi.editor.close')}</button>
          <button className="primary" onClick={p.onStart} disabled={p.views.length === 0} data-testid="present-editor-start">▶ {t('presentUi.editor.start')}</button>
        </div>
      </div>
    </div>
  );
}
