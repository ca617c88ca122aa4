// The city-wide indicators page (issue text: "how is the city doing"): for the whole area a table
// of indicator, value, target, met, the documents' situation figure and the source (document,
// clause and the sentence quoted), the definition of each figure, then the figures per street (街道) or town. Uses
// summary.indicators when the audit reports them, else computes them from the communities.
import type { IndicatorFigure, IndicatorId, IndicatorResult, IndicatorsSummary } from '../engine/types';
import { computeIndicators } from '../engine/indicators/computeIndicators';
import { indicatorValueText, referenceText, sentencesText, shownIndicators, targetText } from '../text/indicatorText';
import { num, type ReportContext } from './context';
import { html, type Html } from './html';

export function reportIndicators(ctx: ReportContext): IndicatorsSummary {
  return ctx.result.summary.indicators ?? computeIndicators(ctx.result.communities, ctx.preset);
}

function metCell(ctx: ReportContext, met: boolean | null): Html {
  if (met === null) return html`<td>—</td>`;
  return met ? html`<td class="pass">${ctx.t('indicators.met')}</td>` : html`<td class="fail">${ctx.t('indicators.notMet')}</td>`;
}

function streetCell(ctx: ReportContext, ind: IndicatorResult, f: IndicatorFigure | undefined): Html {
  const v = indicatorValueText(ctx.t, ctx.lang, ind.unit, f?.value ?? null);
  if (!f || f.met === null) return html`<td class="n">${v}</td>`;
  return html`<td class="n ${f.met ? 'pass' : 'fail'}">${v}</td>`;
}

export function indicatorsSection(ctx: ReportContext): Html {
  const { t, lang } = ctx;
  const summary = reportIndicators(ctx);
  const rows = shownIndicators(summary.area);
  if (!rows.length) return html``;
  // Per street: the indicators with a target or a reference, then the core ones, at most four columns.
  const core: IndicatorId[] = ['serviceFacilityCoverage', 'elderlyServiceCoverage', 'areaPer100Households', 'parkCoverage'];
  const streetCols = [...rows.filter((x) => x.target || x.reference), ...rows.filter((x) => core.includes(x.id))]
    .filter((x, i, all) => all.findIndex((y) => y.id === x.id) === i && x.id !== 'streetElderlyCoverage')
    .slice(0, 4);
  const streets = summary.streets.filter((s) => s.street !== '' || summary.streets.length > 1);
  return html`<div class="indicators-page">
<h3>${t('indicators.heading')}</h3>
<p>${t('indicators.intro', { preset: ctx.preset.name[lang] })}</p>
<table class="indicators"><thead><tr><th>${t('indicators.indicator')}</th><th class="n">${t('indicators.value')}</th><th>${t('indicators.target')}</th><th>${t('indicators.status')}</th><th>${t('indicators.reference')}</th><th>${t('indicators.source')}</th></tr></thead>
<tbody>${rows.map((x) => html`<tr><td>${x.name[lang]}</td><td class="n">${indicatorValueText(t, lang, x.unit, x.value)}</td><td>${targetText(t, lang, x.unit, x.target)}</td>${metCell(ctx, x.met)}<td>${referenceText(t, lang, x.unit, x.reference)}</td><td class="source">${x.source[lang]}${x.sentences.length ? html`<br><span class="sentence">${sentencesText(x.sentences, lang)}</span>` : ''}</td></tr>`)}</tbody></table>
<p class="note">${t('indicators.referenceNote')}</p>
<h3>${t('indicators.definitions')}</h3>
<ul class="definitions">${rows.map((x) => html`<li><b>${x.name[lang]}</b>${lang === 'zh' ? '：' : ': '}${x.definition[lang]}</li>`)}</ul>
${streets.length > 1 || (streets.length === 1 && streets[0].street !== '') ? html`<h3>${t('indicators.byStreet')}</h3>
<table class="indicators by-street"><thead><tr><th>${t('indicators.street')}</th><th class="n">${t('indicators.communities')}</th>${streetCols.map((x) => html`<th class="n">${x.name[lang]}</th>`)}</tr></thead>
<tbody>${streets.map((s) => html`<tr><td>${s.street || t('indicators.noStreet')}</td><td class="n">${num(ctx, s.communities)}</td>${streetCols.map((x) => streetCell(ctx, x, s.values[x.id]))}</tr>`)}</tbody></table>
<p class="note">${t('indicators.streetNote')}</p>` : html`<p class="note">${t('indicators.noStreets')}</p>`}
</div>`;
}
