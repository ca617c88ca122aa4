// Human text for city-wide indicators: the value in its unit ("84.4%", "30.0 m²/百户"), the target
// with its bound ("≥ 90%", "> 95%") and the reference value ("98.8%（2020）"). Pure, with the
// translate function of the host (app or report), so both word them alike. Computed values are
// formatted as the rules' figures are (shares truncated); a document's own figures are given exactly.
import type { IndicatorResult, IndicatorTarget, IndicatorUnit } from '../engine/types';
import { formatNumber, formatSharePercent, type Locale } from './format';
import type { Translate } from './ruleText';

const UNIT_KEY: Record<IndicatorUnit, string> = {
  share: 'unit.percent', m2_per_100_households: 'unit.m2per100', m2_per_person: 'unit.m2perPerson', m2_per_1000_persons: 'unit.m2per1000',
};

/** A computed value: shares truncated to one decimal, areas to one decimal; "—" when null. */
export function indicatorValueText(t: Translate, lang: Locale, unit: IndicatorUnit, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (unit === 'share') return t(UNIT_KEY.share, { value: formatSharePercent(value) });
  return t(UNIT_KEY[unit], { value: formatNumber(value, lang, 1) });
}

/** A document's figure as the document states it (98.8 %, 84.49 %, 34.1 m²): no truncation. */
export function documentFigureText(t: Translate, lang: Locale, unit: IndicatorUnit, value: number): string {
  if (unit === 'share') return t(UNIT_KEY.share, { value: String(+(value * 100).toFixed(4)) });
  return t(UNIT_KEY[unit], { value: formatNumber(value, lang, Number.isInteger(value) ? 0 : String(value).split('.')[1].length) });
}

/** "≥ 90%", "> 95%", "≤ …"; "—" without target. */
export function targetText(t: Translate, lang: Locale, unit: IndicatorUnit, target: IndicatorTarget | null): string {
  if (!target) return '—';
  const sign = target.bound === 'max' ? '≤' : target.exclusive ? '>' : '≥';
  return `${sign} ${documentFigureText(t, lang, unit, target.value)}`;
}

/** "98.8%（2020）" / "98.8% (2020)"; "—" without reference. */
export function referenceText(t: Translate, lang: Locale, unit: IndicatorUnit, reference: IndicatorResult['reference']): string {
  if (!reference) return '—';
  const v = documentFigureText(t, lang, unit, reference.value);
  if (reference.year === undefined) return v;
  return lang === 'zh' ? `${v}（${reference.year}）` : `${v} (${reference.year})`;
}

/** The documents' sentences, quoted: "“…”", or labelled when several: "目标：“…”；现状：“…”". */
export function sentencesText(sentences: IndicatorResult['sentences'], lang: Locale): string {
  const q = (s: string) => (lang === 'zh' ? `“${s}”` : `"${s}"`);
  if (sentences.length === 1) return q(sentences[0].text[lang]);
  return sentences.map((s) => (s.label ? `${s.label[lang]}${lang === 'zh' ? '：' : ': '}${q(s.text[lang])}` : q(s.text[lang]))).join(lang === 'zh' ? '；' : '; ');
}

/**
 * The indicators worth showing (computable, or with a document's target or figure to compare
 * with), the documents' targets first, then their situation figures, then the rest.
 */
export function shownIndicators(list: readonly IndicatorResult[]): IndicatorResult[] {
  const rank = (x: IndicatorResult) => (x.target ? 0 : x.reference ? 1 : 2);
  return list
    .filter((x) => x.value !== null || x.target !== null || x.reference !== null)
    .map((x, i) => ({ x, i }))
    .sort((a, b) => rank(a.x) - rank(b.x) || a.i - b.i)
    .map((e) => e.x);
}
