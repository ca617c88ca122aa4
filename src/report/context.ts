// What every section of the report reads: the audit, the data, the preset, the language and the
// formatting of figures in it (shares truncated as in the app: a failing 94.96 % never reads 95 %).
import type { AuditResult, CommunityResult, Dataset, FacilityCategory, I18nText, RulePreset } from '../engine/types';
import type { LocalProjection } from '../engine/geo/localProjection';
import { datasetProjection } from '../engine/audit';
import { formatNumber, formatSharePercent, type Locale } from '../text/format';
import type { Translate } from '../text/ruleText';
import type { CommunityGap, ReportPages } from './gaps';
import type { EmbeddedFont } from './fonts';
import { html, type Html } from './html';
import { reportTranslator } from './translate';
import { coverageBasisOf } from './shortfall';

export interface ReportInput {
  result: AuditResult;
  dataset: Dataset;
  preset: RulePreset;
  /** The mapped gap of each community that gets a page, by id (gaps.ts reportGaps). */
  gaps?: Record<string, CommunityGap>;
}

/** One input layer as the appendix lists it. */
export interface ReportLayer {
  kind: string;
  files: string[];
  format: string;
  features: number;
  /** How the coordinates were read, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E (EPSG:4547, from the .prj)". */
  crs: string;
}

export interface ReportOptions {
  /** Chinese (default) or English. */
  lang?: Locale;
  /** The whole title; default: the place name, then 社区公共服务设施体检报告. */
  title?: string;
  /** The place the data covers (e.g. a district), in both languages or one string. */
  place?: string | I18nText;
  /** Which communities get a page of their own (default failing). */
  pages?: ReportPages;
  /** The report's date, YYYY-MM-DD (default today). */
  date?: string;
  /** Data sources named under the maps, e.g. a bureau's layer or "© OpenStreetMap contributors". */
  attribution?: string[];
  /** The input layers, listed in the appendix. */
  layers?: ReportLayer[];
  /** Fonts to embed, or a function choosing them for the code points the document uses. */
  fonts?: readonly EmbeddedFont[] | ((codePoints: Set<number>) => readonly EmbeddedFont[]);
}

export interface ReportContext {
  lang: Locale;
  t: Translate;
  input: ReportInput;
  result: AuditResult;
  preset: RulePreset;
  pages: ReportPages;
  date: string;
  title: string;
  place: string | null;
  attribution: string[];
  layers: ReportLayer[];
  projection: LocalProjection;
  facilityById: Map<string, Dataset['facilities'][number]>;
  /** Every "households beyond the distance" of the run is an estimate (no community is on the
   *  residential-households basis): said once in the column headers instead of in every cell. */
  householdsBeyondEstimated: boolean;
}

export function createContext(input: ReportInput, options: ReportOptions): ReportContext {
  const lang = options.lang ?? 'zh';
  const t = reportTranslator(lang);
  const place = options.place === undefined ? null : typeof options.place === 'string' ? options.place : options.place[lang] || options.place.zh;
  const title = options.title?.trim() || (place ? t('cover.titleWithPlace', { place }) : t('cover.title'));
  return {
    lang,
    t,
    input,
    result: input.result,
    preset: input.preset,
    pages: options.pages ?? 'failing',
    date: options.date ?? new Date().toISOString().slice(0, 10),
    title,
    place,
    attribution: options.attribution ?? [],
    layers: options.layers ?? [],
    projection: datasetProjection(input.dataset),
    facilityById: new Map(input.dataset.facilities.map((f) => [f.id, f])),
    householdsBeyondEstimated: input.result.communities.every((c) => coverageBasisOf(c) !== 'residential-households' || c.estimates.includes('households')),
  };
}

// ---------------------------------------------------------------------------------------------
// Figures as text

export const num = (ctx: ReportContext, v: number | null | undefined, digits = 0): string => formatNumber(v, ctx.lang, digits);
/** A threshold or figure as given: no decimals for whole numbers, else up to `digits`. */
export const figure = (ctx: ReportContext, v: number, digits = 1): string => num(ctx, v, Number.isInteger(v) ? 0 : digits);
export const pct = (ctx: ReportContext, share: number | null | undefined): string =>
  share === null || share === undefined || !Number.isFinite(share) ? '—' : ctx.t('unit.percent', { value: formatSharePercent(share) });
/** A threshold share as a percentage as given: 0.9 → "90%", 0.955 → "95.5%". */
export const thresholdPct = (ctx: ReportContext, share: number): string => {
  const v = Math.round(share * 1000) / 10;
  return ctx.t('unit.percent', { value: num(ctx, v, Number.isInteger(v) ? 0 : 1) });
};
/** The share beyond reach as the complement of the covered share as shown (truncated), so that the
 *  two always add up to 100 % on the page (and the gap is never understated). */
export const pctOutside = (ctx: ReportContext, covered: number | null | undefined): string => {
  if (covered === null || covered === undefined || !Number.isFinite(covered)) return '—';
  const shown = formatSharePercent(covered);
  const outside = shown === '100' ? 0 : 100 - Number(shown);
  return ctx.t('unit.percent', { value: outside === 0 ? '0' : outside.toFixed(1) });
};
export const m2 = (ctx: ReportContext, v: number | null | undefined, digits = 0): string => ctx.t('unit.m2', { value: num(ctx, v, digits) });
export const households = (ctx: ReportContext, v: number | null | undefined): string => ctx.t('unit.households', { value: num(ctx, v) });
export const metres = (ctx: ReportContext, v: number): string =>
  v >= 1000 && v % 100 === 0 ? ctx.t('unit.km', { value: num(ctx, v / 1000, v % 1000 === 0 ? 0 : 1) }) : ctx.t('unit.m', { value: num(ctx, v) });

export const categoryName = (ctx: ReportContext, c: FacilityCategory | 'green' | 'park'): string => ctx.t(`category.${c}`);
export const tierName = (ctx: ReportContext, tier: string): string =>
  ctx.t('tier.label', { minutes: ctx.preset.tiers[tier]?.minutes ?? tier });
export const tierDistance = (ctx: ReportContext, tier: string): number | undefined => ctx.result.parameters.tiers[tier];

/** The 估算 mark after a figure that rests on an estimate. */
export const estimateMark = (ctx: ReportContext): Html => html`<span class="est">${ctx.t('common.estimate')}</span>`;

/** The mark after a number of households beyond a distance: in the cell only when the run mixes
 *  exact and estimated ones (otherwise the column header says it, see shortfallHeading). */
export const beyondMark = (ctx: ReportContext, estimated: boolean | undefined): Html | '' =>
  estimated && !ctx.householdsBeyondEstimated ? estimateMark(ctx) : '';

/** A shortfall column's heading, with the estimate mark when all its households are estimates. */
export const shortfallHeading = (ctx: ReportContext, label: string): Html =>
  html`${label}${ctx.householdsBeyondEstimated ? html`<span class="est">${ctx.t('common.householdsEstimated')}</span>` : ''}`;

/** What a community's figures rest on that is estimated. */
export interface EstimateFlags {
  households: boolean;
  population: boolean;
  /** Facility floor areas that are preset defaults or estimates (community service ones). */
  serviceFloorArea: boolean;
  /** Any facility floor area estimated. */
  floorArea: boolean;
}

export function estimateFlags(ctx: ReportContext, c: CommunityResult): EstimateFlags {
  const floorIds = c.estimates.filter((e) => e.startsWith('floorArea:')).map((e) => e.slice('floorArea:'.length).split(' ')[0]);
  const service = floorIds.some((id) => ctx.facilityById.get(id)?.category === 'community_service');
  return {
    households: c.estimates.includes('households'),
    population: c.populationEstimated || c.estimates.includes('population'),
    serviceFloorArea: service,
    floorArea: floorIds.length > 0,
  };
}
