// The summary (report-cli.md §2): communities audited, failing and passing; failures by rule with
// the district's total shortfall; life-circle failures by tier and category; households within
// reach per tier and category (summary.householdsWithin, when the engine reports it); which figures
// rest on estimates; the data warnings.
import type { AuditSummary, FacilityCategory, RuleId, WarningCode } from '../engine/types';
import { beyondMark, categoryName, estimateFlags, estimateMark, households, m2, num, pct, shortfallHeading, tierName, type ReportContext } from './context';
import { shortfall } from './shortfall';
import { html, type Html } from './html';
import { indicatorsSection } from './indicators';

/** summary.householdsWithin of audit-cli.md "Coverage basis": [tier][category] and .green/.park. */
export type HouseholdsWithin = Record<string, number | Partial<Record<FacilityCategory, number>>>;

export function householdsWithinOf(summary: AuditSummary): HouseholdsWithin | null {
  const h = (summary as AuditSummary & { householdsWithin?: HouseholdsWithin }).householdsWithin;
  return h && typeof h === 'object' ? h : null;
}

/** Rules whose failures are one per community, so their shortfalls add up across communities. */
const SUMMABLE: RuleId[] = ['areaPer100Households', 'stationMinArea', 'greenCoverage', 'parkCoverage', 'outdoorVenue', 'perCapitaPark', 'perCapitaSports', 'healthPer1000'];

interface RuleTotal {
  communities: number;
  area_m2: number;
  householdsOutside: number;
  householdsEstimated: boolean;
  hasArea: boolean;
  hasHouseholds: boolean;
}

function ruleTotals(ctx: ReportContext): Map<string, RuleTotal> {
  const totals = new Map<string, RuleTotal>();
  const add = (key: string, c: Parameters<typeof shortfall>[1], f: Parameters<typeof shortfall>[0]) => {
    const s = shortfall(f, c);
    const tot = totals.get(key) ?? { communities: 0, area_m2: 0, householdsOutside: 0, householdsEstimated: false, hasArea: false, hasHouseholds: false };
    tot.communities++;
    if (s?.area_m2 !== undefined) { tot.area_m2 += s.area_m2; tot.hasArea = true; }
    if (s?.householdsOutside !== undefined) {
      tot.householdsOutside += s.householdsOutside;
      tot.hasHouseholds = true;
      tot.householdsEstimated ||= s.householdsEstimated === true;
    }
    totals.set(key, tot);
  };
  for (const c of ctx.result.communities)
    for (const f of c.failures) {
      if (SUMMABLE.includes(f.rule)) add(f.rule, c, f);
      else if (f.rule === 'lifeCircle' && f.tier && f.category) add(`lifeCircle:${f.tier}:${f.category}`, c, f);
    }
  return totals;
}

function shortfallCell(ctx: ReportContext, tot: RuleTotal | undefined): Html {
  if (!tot) return html`—`;
  if (tot.hasArea) return html`${ctx.t('summary.areaMissing', { area: m2(ctx, tot.area_m2) })}`;
  if (tot.hasHouseholds) return html`${ctx.t('summary.householdsOutside', { households: households(ctx, Math.round(tot.householdsOutside)) })}${beyondMark(ctx, tot.householdsEstimated)}`;
  return html`—`;
}

function householdsWithinTable(ctx: ReportContext, within: HouseholdsWithin, total: number): Html {
  const t = ctx.t;
  const rows: Html[] = [];
  const row = (label: string, n: number | undefined) => {
    if (n === undefined || !Number.isFinite(n)) return;
    rows.push(html`<tr><td>${label}</td><td class="n">${households(ctx, Math.round(n))}</td><td class="n">${pct(ctx, total > 0 ? n / total : null)}</td><td class="n">${households(ctx, Math.round(Math.max(0, total - n)))}</td></tr>`);
  };
  for (const tier of Object.keys(within).filter((k) => /^\d+$/.test(k)).sort((a, b) => Number(a) - Number(b))) {
    const cats = within[tier];
    if (typeof cats !== 'object') continue;
    for (const [cat, n] of Object.entries(cats)) row(t('summary.tierCategory', { tier: tierName(ctx, tier), category: categoryName(ctx, cat as FacilityCategory) }), n);
  }
  if (typeof within.green === 'number') row(t('summary.greenWithin', { distance: ctx.result.parameters.greenDistance_m }), within.green);
  if (typeof within.park === 'number') row(t('summary.parkWithin', { distance: ctx.result.parameters.parkDistance_m }), within.park);
  if (!rows.length) return html``;
  return html`<h3>${t('summary.withinHeading')}</h3>
<p>${t('summary.withinIntro', { households: households(ctx, total) })}</p>
<table class="within"><thead><tr><th>${t('summary.withinWhat')}</th><th class="n">${t('summary.within')}</th><th class="n">${t('summary.withinShare')}</th><th class="n">${t('summary.without')}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function estimatesNote(ctx: ReportContext): Html {
  let hh = 0, pop = 0, floor = 0, any = 0;
  for (const c of ctx.result.communities) {
    const e = estimateFlags(ctx, c);
    if (e.households) hh++;
    if (e.population) pop++;
    if (e.floorArea) floor++;
    if (e.households || e.population || e.floorArea) any++;
  }
  if (!any && !ctx.householdsBeyondEstimated) return html``;
  const parts: string[] = [];
  if (hh) parts.push(ctx.t('summary.estHouseholds', { count: num(ctx, hh) }));
  if (pop) parts.push(ctx.t('summary.estPopulation', { count: num(ctx, pop), persons: num(ctx, ctx.result.parameters.personsPerHousehold, 1) }));
  if (floor) parts.push(ctx.t('summary.estFloorArea', { count: num(ctx, floor) }));
  if (ctx.householdsBeyondEstimated) parts.push(ctx.t('summary.estBeyond'));
  return html`<div class="keep"><h3>${ctx.t('summary.estimatesHeading')} ${estimateMark(ctx)}</h3><p>${ctx.t('summary.estimatesIntro', { count: num(ctx, any) })}</p><ul>${parts.map((p) => html`<li>${p}</li>`)}</ul></div>`;
}

function warningsNote(ctx: ReportContext): Html {
  const counts = new Map<WarningCode, number>();
  for (const w of ctx.result.warnings) counts.set(w.code, (counts.get(w.code) ?? 0) + 1);
  if (!counts.size) return html``;
  return html`<h3>${ctx.t('summary.warningsHeading')}</h3><p>${ctx.t('summary.warningsIntro')}</p>
<ul>${[...counts].map(([code, n]) => html`<li>${ctx.t(`warning.${code}`)}: ${num(ctx, n)}</li>`)}</ul>`;
}

export function summarySection(ctx: ReportContext): Html {
  const t = ctx.t;
  const s = ctx.result.summary;
  const totals = ruleTotals(ctx);
  const rules = (Object.keys(ctx.preset.rules) as RuleId[]).filter((id) => (s.byRule[id] ?? 0) > 0);
  const lifeKeys = [...totals.keys()].filter((k) => k.startsWith('lifeCircle:')).sort((a, b) => {
    const [, ta, ca] = a.split(':'), [, tb, cb] = b.split(':');
    return Number(ta) - Number(tb) || (totals.get(b)!.communities - totals.get(a)!.communities) || ca.localeCompare(cb);
  });
  const within = householdsWithinOf(s);
  const cards: [string, number, string][] = [
    [t('summary.audited'), s.communities, ''],
    [t('summary.failing'), s.failing, 'fail'],
    [t('summary.passing'), s.communities - s.failing, 'pass'],
    [t('summary.households'), s.households, ''],
  ];
  return html`<section class="chapter">
<h2>${t('summary.heading')}</h2>
<div class="cards">${cards.map(([label, v, cls]) => html`<div class="card ${cls}"><div class="card-value">${num(ctx, v)}</div><div class="card-label">${label}</div></div>`)}</div>
<p>${t('summary.lead', { preset: ctx.preset.name[ctx.lang], communities: num(ctx, s.communities), failing: num(ctx, s.failing), share: pct(ctx, s.communities ? s.failing / s.communities : 0) })}</p>
${rules.length ? html`<h3>${t('summary.byRuleHeading')}</h3>
<table class="by-rule"><thead><tr><th>${t('standards.rule')}</th><th class="n">${t('summary.failingCommunities')}</th><th class="n">${t('summary.ofAudited')}</th><th>${shortfallHeading(ctx, t('summary.totalShortfall'))}</th></tr></thead>
<tbody>${rules.map((id) => html`<tr><td>${t(`rule.${id}`)}</td><td class="n">${num(ctx, s.byRule[id])}</td><td class="n">${pct(ctx, (s.byRule[id] ?? 0) / s.communities)}</td><td>${SUMMABLE.includes(id) ? shortfallCell(ctx, totals.get(id)) : t('summary.seeBelow')}</td></tr>`)}</tbody></table>
<p class="note">${t('summary.byRuleNote')}</p>` : html`<p>${t('summary.allPass')}</p>`}
${lifeKeys.length ? html`<h3>${t('summary.lifeHeading')}</h3>
<table class="by-rule"><thead><tr><th>${t('summary.withinWhat')}</th><th class="n">${t('summary.failingCommunities')}</th><th>${shortfallHeading(ctx, t('summary.outsideInFailing'))}</th></tr></thead>
<tbody>${lifeKeys.map((k) => {
    const [, tier, cat] = k.split(':');
    return html`<tr><td>${t('summary.tierCategory', { tier: tierName(ctx, tier), category: categoryName(ctx, cat as FacilityCategory) })}</td><td class="n">${num(ctx, totals.get(k)!.communities)}</td><td>${shortfallCell(ctx, totals.get(k))}</td></tr>`;
  })}</tbody></table>` : ''}
${within ? householdsWithinTable(ctx, within, s.households) : ''}
${indicatorsSection(ctx)}
${estimatesNote(ctx)}
${warningsNote(ctx)}
</section>`;
}
