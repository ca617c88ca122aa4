// Legend in real units: the rows of legendEntries.ts (class breaks of the current colouring with
// the standard marked, the gap layer, the candidate markers) and the facility categories (colour
// + symbol).
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { FACILITY_CATEGORIES, type RulePreset } from '../../engine/types';
import type { UiChoices } from '../state/uiChoices';
import { CATEGORY_COLORS, toCss } from './colors';
import { legendContent, type LegendMarks } from './legendEntries';

// Memoised: the map region re-renders on every what-if edit; this redraws only when its own inputs change.
export const Legend = memo(function Legend({ ui, preset, marks }: { ui: UiChoices; preset: RulePreset; marks?: LegendMarks }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const content = legendContent(ui, preset, t, lang, marks);
  return (
    <div className="legend" data-testid="legend">
      <div className="legend-title">{content.title}</div>
      <div className="legend-rows">
        {content.entries.map((e, i) => (
          <div key={i}>
            <i className={e.shape === 'dot' ? 'legend-marker' : undefined} style={{ background: e.color, ...(e.outline ? { outline: `${e.shape === 'dot' ? 2 : 1}px solid ${e.outline}` } : {}) }} /> {e.label}
          </div>
        ))}
      </div>
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
