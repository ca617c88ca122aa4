// The legend's content as plain data (title, colour swatches with labels): the map's legend
// (map/Legend.tsx), the PNG export and the presentation legend draw it. Status colours, or the
// class breaks of the current metric with the standard marked, plus the gap layer and the
// proposals' candidate markers when shown.
import type { RulePreset } from '../../engine/types';
import type { Translate } from '../../text/ruleText';
import { formatNumber, formatSharePercent } from '../../text/format';
import type { UiChoices } from '../state/uiChoices';
import { toCss } from './colors';
import { metricScale, type MetricScale } from './metrics';
import { CANDIDATE_SWATCHES } from './candidateLayers';

export interface LegendEntry {
  /** CSS colour of the swatch. */
  color: string;
  /** Outline colour (gap layer). */
  outline?: string;
  /** A round marker (the candidate sites) rather than a fill swatch. */
  shape?: 'dot';
  label: string;
}

/** Markers drawn on the map besides the communities: the candidate site layer, the drawn candidate points. */
export interface LegendMarks {
  candidateLayer: boolean;
  drawnCandidates: boolean;
}

export interface LegendContent {
  title: string;
  entries: LegendEntry[];
}

/** The gap layer's colours (map/MapView.tsx GAP_FILL and its outline). */
export const GAP_SWATCH = { color: 'rgba(204,0,102,0.6)', outline: 'rgb(120,0,60)' };

function breakLabel(s: MetricScale, v: number, lang: 'zh' | 'en'): string {
  if (s.unit === 'percent') return formatSharePercent(v) + '%';
  if (s.unit === 'count') return String(v);
  return formatNumber(v, lang, Number.isInteger(v) ? 0 : 1);
}

export function legendContent(ui: UiChoices, preset: RulePreset, t: Translate, lang: 'zh' | 'en', marks?: LegendMarks): LegendContent {
  const s = metricScale(ui.colorBy, preset);
  const unit = s.unit === 'm2per100' ? (lang === 'zh' ? 'm²/百户' : 'm² per 100 hh') : s.unit === 'm2' ? 'm²' : '';
  const title = t(`map.metric.${ui.colorBy}`) + (ui.colorBy === 'lifeCircle' ? ` · ${t('tier.label', { minutes: preset.tiers[ui.tier]?.minutes ?? ui.tier })} ${t(`category.${ui.category}`)}` : '');
  const entries: LegendEntry[] = [];
  if (s.unit === 'status') {
    entries.push({ color: toCss(s.colors[1], 0.7), label: t('status.pass') }, { color: toCss(s.colors[0], 0.8), label: t('status.fail') });
  } else {
    s.colors.forEach((c, i) => {
      const lo = i === 0 ? null : s.breaks[i - 1];
      const hi = i < s.breaks.length ? s.breaks[i] : null;
      const range = lo === null ? `< ${breakLabel(s, hi!, lang)}` : hi === null ? `≥ ${breakLabel(s, lo, lang)}` : `${breakLabel(s, lo, lang)} – ${breakLabel(s, hi, lang)}`;
      const mark = s.threshold !== null && lo === s.threshold ? ` ← ${t('map.threshold', { value: breakLabel(s, s.threshold, lang) })}` : '';
      entries.push({ color: toCss(c, 0.85), label: `${range}${unit ? ' ' + unit : ''}${mark}` });
    });
  }
  if (ui.showGaps) entries.push({ ...GAP_SWATCH, label: t('map.gaps') });
  if (marks?.candidateLayer) entries.push({ ...CANDIDATE_SWATCHES.layer, label: t('candidates.legendLayer') });
  if (marks?.drawnCandidates) entries.push({ ...CANDIDATE_SWATCHES.drawn, label: t('candidates.legendDrawn') });
  return { title, entries };
}
