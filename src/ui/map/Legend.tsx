// Legend in real units: class breaks of the current colouring with the standard marked, the
// facility categories (colour + symbol) and the gap layer.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { FACILITY_CATEGORIES, type RulePreset } from '../../engine/types';
import type { UiChoices } from '../state/uiChoices';
import { CATEGORY_COLORS, toCss } from './colors';
import { metricScale, type MetricScale } from './metrics';
import { formatNumber, formatSharePercent } from '../../text/format';

function breakLabel(s: MetricScale, v: number, lang: 'zh' | 'en'): string {
  if (s.unit === 'percent') return formatSharePercent(v) + '%';
  if (s.unit === 'count') return String(v);
  return formatNumber(v, lang, Number.isInteger(v) ? 0 : 1);
}

// Memoised: the map region re-renders on every what-if edit; this redraws only when its own inputs change.
export const Legend = memo(function Legend({ ui, preset }: { ui: UiChoices; preset: RulePreset }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const s = metricScale(ui.colorBy, preset);
  const unit = s.unit === 'm2per100' ? (lang === 'zh' ? 'm²/百户' : 'm² per 100 hh') : s.unit === 'm2' ? 'm²' : s.unit === 'count' ? '' : '';
  return (
    <div className="legend" data-testid="legend">
      <div className="legend-title">{t(`map.metric.${ui.colorBy}`)}{ui.colorBy === 'lifeCircle' ? ` · ${t('tier.label', { minutes: preset.tiers[ui.tier]?.minutes ?? ui.tier })} ${t(`category.${ui.category}`)}` : ''}</div>
      {s.unit === 'status' ? (
        <div className="legend-rows">
          <div><i style={{ background: toCss(s.colors[1], 0.7) }} /> {t('status.pass')}</div>
          <div><i style={{ background: toCss(s.colors[0], 0.8) }} /> {t('status.fail')}</div>
        </div>
      ) : (
        <div className="legend-rows">
          {s.colors.map((c, i) => {
            const lo = i === 0 ? null : s.breaks[i - 1];
            const hi = i < s.breaks.length ? s.breaks[i] : null;
            const text = lo === null ? `< ${breakLabel(s, hi!, lang)}` : hi === null ? `≥ ${breakLabel(s, lo, lang)}` : `${breakLabel(s, lo, lang)} – ${breakLabel(s, hi, lang)}`;
            return <div key={i}><i style={{ background: toCss(c, 0.85) }} /> {text} {unit}{s.threshold !== null && lo === s.threshold ? ` ← ${t('map.threshold', { value: breakLabel(s, s.threshold, lang) })}` : ''}</div>;
          })}
        </div>
      )}
      {ui.showGaps && <div className="legend-rows"><div><i style={{ background: 'rgba(204,0,102,0.6)', outline: '1px solid rgb(120,0,60)' }} /> {t('map.gaps')}</div></div>}
      {ui.showFacilities && (
        <details className="legend-cats">
          <summary>{t('map.facilities')}</summary>
          {FACILITY_CATEGORIES.map((c) => (
            <div key={c}><i className="dot" style={{ background: toCss(CATEGORY_COLORS[c]) }}>{t(`symbol.${c}`)}</i> {t(`category.${c}`)}</div>
          ))}
          <div className="muted small" data-testid="legend-thinned">{t('map.facilitiesThinned')}</div>
        </details>
      )}
    </div>
  );
});
