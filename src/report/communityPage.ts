// One community's page (report-cli.md §5): its map, and every figure against the standard that
// applies to it (urban or rural) — floor areas, green and park coverage, each life-circle share,
// "6个1", the optional rules — with the verdict and, where it fails, the shortfall; then the
// estimates its figures rest on. The failures are not listed again: each is a row of these tables.
import type { CommunityResult, FacilityCategory, Failure, RuleId } from '../engine/types';
import { RULE_UNITS, formatValue } from '../text/ruleText';
import { categoryName, estimateFlags, estimateMark, pct, shortfallHeading, thresholdPct, tierName, type ReportContext } from './context';
import { ruleStandard } from './cover';
import { actualEstimated, communityMeta, shortfallText } from './gapList';
import type { CommunityGap } from './gaps';
import { communityMap } from './maps';
import { html, type Html } from './html';

type Verdict = 'pass' | 'fail' | 'off';

/** The rule's failure for this community (matching tier/category/group), if it fails. */
function failureOf(ctx: ReportContext, index: number, rule: RuleId, match: (f: Failure) => boolean = () => true): Failure | undefined {
  return ctx.result.communities[index].failures.find((f) => f.rule === rule && match(f));
}

/** Resettlement communities are checked against every rule (002 "全覆盖、全达标"), as in the engine. */
function verdict(ctx: ReportContext, index: number, rule: RuleId, failure: Failure | undefined): Verdict {
  const on = ctx.preset.rules[rule].enabled || ctx.input.dataset.communities[index]?.resettlement === true;
  return !on ? 'off' : failure ? 'fail' : 'pass';
}

/** The standard that applies to this community, in the rule's unit: "≥ 300 m²" (urban), "≥ 95%". */
function standardFor(ctx: ReportContext, rule: RuleId, c: CommunityResult): string {
  const r = ctx.preset.rules;
  const rural = c.setting === 'rural';
  const u = RULE_UNITS[rule];
  const atLeast = (v: number) => ctx.t('standard.atLeast', { value: u.unit === 'percent' ? thresholdPct(ctx, v) : formatValue(ctx.t, ctx.lang, u.unit, v, u.digits) });
  switch (rule) {
    case 'areaPer100Households': return atLeast(rural ? r.areaPer100Households.ruralThreshold ?? r.areaPer100Households.threshold : r.areaPer100Households.threshold);
    case 'stationMinArea': return atLeast(rural ? r.stationMinArea.rural : r.stationMinArea.urban);
    case 'greenCoverage': return atLeast(r.greenCoverage.threshold);
    case 'parkCoverage': return atLeast(r.parkCoverage.threshold);
    case 'outdoorVenue': return atLeast(r.outdoorVenue.minArea);
    case 'perCapitaPark': return atLeast(r.perCapitaPark.m2PerPerson);
    case 'perCapitaSports': return atLeast(r.perCapitaSports.m2PerPerson);
    case 'healthPer1000': return atLeast(r.healthPer1000.m2Per1000);
    case 'communitySize': return ruleStandard(ctx, 'communitySize');
    default: return atLeast(r.lifeCircle.threshold);
  }
}

function value(ctx: ReportContext, rule: RuleId, v: number | null | undefined): string {
  const u = RULE_UNITS[rule];
  return formatValue(ctx.t, ctx.lang, u.unit, v ?? null, u.digits);
}

export function communityPage(ctx: ReportContext, index: number, gap: CommunityGap | undefined): Html {
  const c = ctx.result.communities[index];
  const t = ctx.t;
  const e = estimateFlags(ctx, c);
  const verdictCell = (v: Verdict) => html`<td class="verdict ${v}">${t(`page.verdict.${v}`)}</td>`;
  const gapCell = (f: Failure | undefined) => html`<td class="gapcell">${f ? shortfallText(ctx, f, c) : ''}</td>`;

  const rows: Html[] = [];
  const row = (rule: RuleId, v: number | null | undefined) => {
    const f = failureOf(ctx, index, rule);
    const vd = verdict(ctx, index, rule, f);
    if (vd === 'off' && !['areaPer100Households', 'stationMinArea', 'greenCoverage', 'parkCoverage'].includes(rule)) return;
    rows.push(html`<tr><td>${t(`rule.${rule}`)}</td><td class="n">${value(ctx, rule, v)}${actualEstimated(rule, e) ? estimateMark(ctx) : ''}</td><td class="n">${standardFor(ctx, rule, c)}</td>${verdictCell(vd)}${gapCell(f)}</tr>`);
  };
  row('areaPer100Households', c.areaPer100Households_m2);
  row('stationMinArea', c.largestStation_m2);
  row('greenCoverage', c.greenCoverage);
  row('parkCoverage', c.parkCoverage);
  row('outdoorVenue', c.extra.outdoorVenue_m2);
  row('perCapitaPark', c.extra.parkPerCapita_m2);
  row('perCapitaSports', c.extra.sportsPerCapita_m2);
  row('healthPer1000', c.extra.healthPer1000_m2);
  row('communitySize', c.households);

  const tiers = Object.keys(c.lifeCircles).sort((a, b) => Number(a) - Number(b));
  const lifeRows = tiers.flatMap((tier) => (Object.entries(c.lifeCircles[tier]) as [FacilityCategory, number][]).map(([cat, share]) => {
    const f = failureOf(ctx, index, 'lifeCircle', (x) => x.tier === tier && x.category === cat);
    const mapped = gap && 'tier' in gap && gap.tier === tier && gap.category === cat;
    return html`<tr${mapped ? html` class="mapped"` : ''}><td>${tierName(ctx, tier)}</td><td>${categoryName(ctx, cat)}${mapped ? html`<span class="tag">${t('page.mapped')}</span>` : ''}</td><td class="n">${pct(ctx, share)}</td>${verdictCell(verdict(ctx, index, 'lifeCircle', f))}${gapCell(f)}</tr>`;
  }));
  const six = ctx.preset.rules.sixOnes;
  const groups = six.groups.filter((g) => c.sixOnes[g.key] !== undefined);
  // "6个1" as one line of marks: the shortfalls of failing groups are in the gap list.
  const sixMarks = groups.map((g) => {
    const f = failureOf(ctx, index, 'sixOnes', (x) => x.group === g.key);
    return html`<li class="${f ? 'fail' : 'pass'}">${g.label[ctx.lang]}<b>${t(`page.verdict.${f ? 'fail' : 'pass'}`)}${f ? html` ${pct(ctx, f.actual)}` : ''}</b></li>`;
  });

  // Population and households estimates are marked in the line above the tables; the note names
  // what is not visible elsewhere (facilities whose floor area is a default or an estimate).
  const notes = c.estimates.filter((x) => x.startsWith('floorArea:'));
  const mapHeight = mapHeightFor(rows.length, lifeRows.length, sixMarks.length > 0, notes.length > 0, ctx.lang);

  return html`<section class="community-page">
<h2 class="community-name">${c.name}${c.name === c.id ? '' : html`<span class="id">${c.id}</span>`}<span class="badge ${c.status}">${c.status === 'fail' ? t('page.failing', { count: c.failures.length }) : t('page.passing')}</span></h2>
${communityMap(ctx, index, gap, mapHeight)}
${communityMeta(ctx, c)}
<div class="keep">
<table class="figures"><thead><tr><th class="c-figure">${t('page.figures')}</th><th class="n c-value">${t('page.value')}</th><th class="n c-standard">${t('standards.standard')}</th><th class="verdict">${t('page.verdictHeading')}</th><th>${shortfallHeading(ctx, t('gaps.shortfall'))}</th></tr></thead><tbody>${rows}</tbody></table>
</div>
${lifeRows.length ? html`<div class="keep">
<table class="figures"><thead><tr><th class="c-tier">${t('page.lifeCircles')}</th><th class="c-category">${t('page.category')}</th><th class="n c-share">${t('page.coverageStandard', { share: thresholdPct(ctx, ctx.preset.rules.lifeCircle.threshold) })}</th><th class="verdict">${t('page.verdictHeading')}</th><th>${shortfallHeading(ctx, t('gaps.shortfall'))}</th></tr></thead><tbody>${lifeRows}</tbody></table></div>` : ''}
${sixMarks.length ? html`<div class="keep six-ones"><div class="six-title">${t('page.sixOnes', { tier: tierName(ctx, six.tier), share: thresholdPct(ctx, six.threshold) })}</div><ul>${sixMarks}</ul></div>` : ''}
${notes.length ? html`<p class="note">${estimateMark(ctx)} ${floorEstimatesText(ctx, notes)}</p>` : ''}
</section>`;
}

/** Heights on the printed page, mm (measured in Chromium with the embedded font: a table row 5.7,
 *  a header 6, the "6个1" block 18, a note line 4.4, heading, meta line, legend and caption 37).
 *  English wraps more (longer rule names, legend and caption lines): 14 mm more. */
const PAGE_MM = 264, ROW_MM = 5.7, TABLE_MM = 6 + 2, SIX_MM = 20, NOTE_MM = 10, FIXED_MM = 37 + 6, ENGLISH_MM = 14;
const UNITS_PER_MM = 1000 / 180;

/** The map's height (drawing units, 1000 wide = 180 mm) that leaves room for the tables below it,
 *  so that a community fits on one page; at least 50 mm, at most 100 mm. */
export function mapHeightFor(keyRows: number, lifeRows: number, six: boolean, note: boolean, lang: 'zh' | 'en' = 'zh'): number {
  const tables = TABLE_MM + keyRows * ROW_MM + (lifeRows ? TABLE_MM + lifeRows * ROW_MM : 0) + (six ? SIX_MM : 0) + (note ? NOTE_MM : 0);
  const mm = Math.min(100, Math.max(50, PAGE_MM - FIXED_MM - (lang === 'en' ? ENGLISH_MM : 0) - tables));
  return Math.round(mm * UNITS_PER_MM);
}

/** The floor-area estimates in one line: each facility named when there are a few, else counted
 *  (a long list would push the page onto a second sheet). */
function floorEstimatesText(ctx: ReportContext, entries: string[]): string {
  if (entries.length <= 3) return ctx.t('page.estimates', { list: entries.map((x) => estimateText(ctx, x)).join(ctx.t('common.listSeparator')) });
  const defaults = entries.filter((x) => x.includes('(preset default')).length;
  return ctx.t('page.estimatesCounted', { defaults, estimated: entries.length - defaults });
}

/** A floor-area entry of CommunityResult.estimates in words. */
function estimateText(ctx: ReportContext, entry: string): string {
  const m = /^floorArea:(\S+)(?: \(preset default ([\d.]+) m²\))?$/.exec(entry);
  if (m) {
    const f = ctx.facilityById.get(m[1]);
    const name = f?.name || m[1];
    return m[2] ? ctx.t('page.estFloorDefault', { name, area: m[2] }) : ctx.t('page.estFloor', { name });
  }
  return entry;
}
