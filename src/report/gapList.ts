// The ranked gap list (report-cli.md §4): every failing community with each failure as actual vs
// required and its shortfall (m² of floor area missing; share outside the distance and how many
// households). Ranking: more failed rules first, then more failures (a rule can fail for several
// tiers and categories), then more households (more people affected), then id.
import type { CommunityResult, Failure, RuleId } from '../engine/types';
import { failureText, RULE_UNITS } from '../text/ruleText';
import { beyondMark, estimateFlags, estimateMark, households, m2, metres, num, pctOutside, shortfallHeading, thresholdPct, type EstimateFlags, type ReportContext } from './context';
import { shortfall } from './shortfall';
import { html, type Html } from './html';

/** Indices of the failing communities, worst first. */
export function rankFailing(results: readonly CommunityResult[]): number[] {
  const rules = (c: CommunityResult) => new Set(c.failures.map((f) => f.rule)).size;
  return results
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.status === 'fail')
    .sort((a, b) =>
      rules(b.c) - rules(a.c) || b.c.failures.length - a.c.failures.length || (b.c.households ?? 0) - (a.c.households ?? 0) || (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0))
    .map(({ i }) => i);
}

/** Does a rule's figure rest on an estimated input of the community? */
export function actualEstimated(rule: RuleId, e: EstimateFlags): boolean {
  const byRule: Partial<Record<RuleId, boolean>> = {
    areaPer100Households: e.serviceFloorArea || e.households,
    stationMinArea: e.serviceFloorArea,
    outdoorVenue: e.floorArea,
    perCapitaPark: e.population,
    perCapitaSports: e.population || e.floorArea,
    healthPer1000: e.population || e.floorArea,
    communitySize: e.households,
  };
  return byRule[rule] === true;
}

/** The distance a coverage failure is measured at. */
function failureDistance(ctx: ReportContext, f: Failure): number | undefined {
  const p = ctx.result.parameters;
  if (f.rule === 'greenCoverage') return p.greenDistance_m;
  if (f.rule === 'parkCoverage') return p.parkDistance_m;
  if (f.tier !== undefined) return p.tiers[f.tier];
  return undefined;
}

export function shortfallText(ctx: ReportContext, f: Failure, c: CommunityResult): Html {
  const s = shortfall(f, c);
  if (!s) return html`—`;
  if (s.area_m2 !== undefined) return html`${ctx.t(`shortfall.${s.areaKind}`, { area: m2(ctx, s.area_m2) })}`;
  if (s.shareOutside !== undefined) {
    const d = failureDistance(ctx, f);
    const share = ctx.t('shortfall.outside', { share: pctOutside(ctx, f.actual), distance: d === undefined ? '' : metres(ctx, d) });
    if (s.householdsOutside === undefined) return html`${share}`;
    return html`${share}${ctx.t('common.comma')}${ctx.t('shortfall.households', { count: num(ctx, Math.round(s.householdsOutside)) })}${beyondMark(ctx, s.householdsEstimated)}`;
  }
  return html`—`;
}

/** The failures of one community as a table: rule, actual, required, shortfall. */
function failuresTable(ctx: ReportContext, c: CommunityResult): Html {
  const e = estimateFlags(ctx, c);
  return html`<table class="failures"><thead><tr><th class="c-rule">${ctx.t('gaps.failure')}</th><th class="n">${ctx.t('gaps.actual')}</th><th class="n">${ctx.t('gaps.required')}</th><th>${shortfallHeading(ctx, ctx.t('gaps.shortfall'))}</th></tr></thead>
<tbody>${c.failures.map((f, i) => {
    const ft = failureText(f, ctx.t, ctx.lang, ctx.preset);
    // A rule that fails for several tiers, categories or groups is named once, on its first row.
    const first = i === 0 || c.failures[i - 1].rule !== f.rule;
    const label = first ? html`${ft.rule}${ft.qualifier ? html`<span class="qual-inline">${ft.qualifier}</span>` : ''}` : html`<span class="qual-cont">${ft.qualifier}</span>`;
    return html`<tr${first ? '' : html` class="cont"`}><td>${label}</td><td class="n">${ft.actual}${actualEstimated(f.rule, e) ? estimateMark(ctx) : ''}</td><td class="n">${f.bound === 'max' ? '≤ ' : '≥ '}${RULE_UNITS[f.rule]?.unit === 'percent' ? thresholdPct(ctx, f.required) : ft.required}</td><td>${shortfallText(ctx, f, c)}</td></tr>`;
  })}</tbody></table>`;
}

/** "鼓楼街道 · 城镇 · 957 户 · 2,871 人 估算 · 用地 4.6 公顷" */
export function communityMeta(ctx: ReportContext, c: CommunityResult): Html {
  const e = estimateFlags(ctx, c);
  const parts: Html[] = [];
  if (c.street) parts.push(html`${c.street}`);
  parts.push(html`${ctx.t(`common.${c.setting}`)}`);
  parts.push(html`${c.households === null ? ctx.t('common.householdsUnknown') : households(ctx, c.households)}${e.households ? estimateMark(ctx) : ''}`);
  if (c.population !== null) parts.push(html`${ctx.t('unit.persons', { value: num(ctx, c.population) })}${e.population ? estimateMark(ctx) : ''}`);
  parts.push(html`${ctx.t('common.areaLabel')} ${ctx.t('unit.ha', { value: num(ctx, c.area_m2 / 10000, 1) })}`);
  return html`<p class="meta">${parts.map((p, i) => html`${i ? html`<span class="sep"> · </span>` : ''}${p}`)}</p>`;
}

export function gapListSection(ctx: ReportContext, ranking: number[]): Html {
  const results = ctx.result.communities;
  return html`<section class="chapter">
<h2>${ctx.t('gaps.heading')}</h2>
<p>${ctx.t('gaps.intro', { count: num(ctx, ranking.length) })}</p>
${ranking.length === 0 ? html`<p>${ctx.t('summary.allPass')}</p>` : ''}
${ranking.map((i, k) => {
    const c = results[i];
    return html`<div class="gap">
<h3><span class="rank">${k + 1}</span>${c.name}${c.name === c.id ? '' : html`<span class="id">${c.id}</span>`}</h3>
${communityMeta(ctx, c)}
${failuresTable(ctx, c)}
</div>`;
  })}
</section>`;
}
