// What each city-wide indicator counts (the definitions; the documents' names, targets and
// reference values are preset data: preset.indicators). Ratios are totals over totals, never a mean
// of per-community ratios: "每百户居民拥有社区综合服务设施面积" is all the floor area over all the
// households (002, 001 专栏1, 003 give it for a whole city). A coverage rate (服务半径覆盖率) is the
// share of residents within the service radius, i.e. each community's audited share (which follows
// the audit's coverage basis: residential land when given) weighted by its households.
import type { CommunityResult, FacilityCategory, I18nText, IndicatorId, IndicatorUnit } from '../types';

/** numerator / denominator × scale is the indicator's value; null value when the denominator is 0. */
export interface Measure {
  numerator: number;
  denominator: number;
}

export interface IndicatorDefinition {
  id: IndicatorId;
  unit: IndicatorUnit;
  name: I18nText;
  definition: I18nText;
  /** Sums over a set of communities (the whole area or one street). */
  measure: (communities: readonly CommunityResult[]) => Measure;
}

const validHouseholds = (c: CommunityResult): number =>
  c.households !== null && Number.isFinite(c.households) && c.households > 0 ? c.households : 0;
const validPopulation = (c: CommunityResult): number =>
  c.population !== null && Number.isFinite(c.population) && c.population > 0 ? c.population : 0;

/** Assigned facilities of a category; results without the per-category counts fall back to what they have. */
function count(c: CommunityResult, cat: FacilityCategory): number {
  const e = c.facilitiesByCategory?.[cat];
  if (e) return e.count;
  if (c.facilitiesByCategory) return 0;
  return cat === 'community_service' && c.largestStation_m2 > 0 ? 1 : 0;
}
const floor = (c: CommunityResult, cats: FacilityCategory[]): number =>
  cats.reduce((s, cat) => s + (c.facilitiesByCategory?.[cat]?.floorArea_m2 ?? 0), 0);

/** Share of the communities (optionally of one setting) for which `has` holds. */
function communityShare(has: (c: CommunityResult) => boolean, only?: (c: CommunityResult) => boolean) {
  return (cs: readonly CommunityResult[]): Measure => {
    let numerator = 0, denominator = 0;
    for (const c of cs) {
      if (only && !only(c)) continue;
      denominator++;
      if (has(c)) numerator++;
    }
    return { numerator, denominator };
  };
}

/** Σ floor area of community service facilities ÷ Σ households (communities with households only). */
function per100(only?: (c: CommunityResult) => boolean) {
  return (cs: readonly CommunityResult[]): Measure => {
    let numerator = 0, denominator = 0;
    for (const c of cs) {
      const h = validHouseholds(c);
      if ((only && !only(c)) || h === 0) continue;
      numerator += c.serviceArea_m2;
      denominator += h;
    }
    return { numerator, denominator };
  };
}

/** The coverage basis fields of the audit-cli.md "Coverage basis" (present when the engine reports them). */
type WithBasis = CommunityResult & { coverageBasis?: string; residentialArea_m2?: number };

/**
 * Σ weight × share ÷ Σ weight. The weight is the community's residential land area when every
 * community's share is over residential area (residential land without households: the standard's
 * "land within the radius ÷ all residential land"), else its households; by community area when no
 * community has households.
 */
function coverage(share: (c: CommunityResult) => number) {
  return (cs: readonly CommunityResult[]): Measure => {
    let numerator = 0, denominator = 0;
    const byLand = cs.length > 0 && cs.every((c) => (c as WithBasis).coverageBasis === 'residential-area' && Number.isFinite((c as WithBasis).residentialArea_m2));
    if (byLand) {
      for (const c of cs) { const a = (c as WithBasis).residentialArea_m2!; numerator += a * share(c); denominator += a; }
      return { numerator, denominator };
    }
    for (const c of cs) { const h = validHouseholds(c); numerator += h * share(c); denominator += h; }
    if (denominator > 0) return { numerator, denominator };
    for (const c of cs) { numerator += c.area_m2 * share(c); denominator += c.area_m2; }
    return { numerator, denominator };
  };
}

/** Σ of a per-community area ÷ Σ population (communities with a population only). */
function perPerson(area: (c: CommunityResult) => number | undefined) {
  return (cs: readonly CommunityResult[]): Measure => {
    let numerator = 0, denominator = 0;
    for (const c of cs) {
      const p = validPopulation(c), a = area(c);
      if (p === 0 || a === undefined) continue;
      numerator += a;
      denominator += p;
    }
    return { numerator, denominator };
  };
}

const urban = (c: CommunityResult) => c.setting !== 'rural';
const rural = (c: CommunityResult) => c.setting === 'rural';
const resettlement = (c: CommunityResult) => c.resettlement === true;
const hasService = (c: CommunityResult) => count(c, 'community_service') > 0;
const hasElderly = (c: CommunityResult) => count(c, 'elderly_care') > 0;

const SERVICE_DEF = {
  zh: '配有社区综合服务设施（归属该社区的 community_service 设施至少1处）的社区数 ÷ 社区数',
  en: 'communities with at least one community service facility (community_service assigned to them) ÷ communities',
};
const PER100_DEF = {
  zh: '社区综合服务设施建筑面积合计 ÷ 户数合计 × 100（总量相除，非各社区比值的平均；缺户数的社区不计）',
  en: 'total floor area of community service facilities ÷ total households × 100 (totals, not a mean of community ratios; communities without households left out)',
};

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'serviceFacilityCoverage', unit: 'share',
    name: { zh: '城乡社区综合服务设施覆盖率', en: 'Community service facility coverage (urban and rural)' },
    definition: { zh: `全部社区：${SERVICE_DEF.zh}`, en: `All communities: ${SERVICE_DEF.en}` },
    measure: communityShare(hasService),
  },
  {
    id: 'serviceFacilityCoverageUrban', unit: 'share',
    name: { zh: '城市社区综合服务设施覆盖率', en: 'Community service facility coverage, urban' },
    definition: { zh: `城市社区：${SERVICE_DEF.zh}`, en: `Urban communities: ${SERVICE_DEF.en}` },
    measure: communityShare(hasService, urban),
  },
  {
    id: 'serviceFacilityCoverageRural', unit: 'share',
    name: { zh: '村级综合服务设施覆盖率', en: 'Community service facility coverage, rural (villages)' },
    definition: { zh: `农村社区（村）：${SERVICE_DEF.zh}`, en: `Rural communities (villages): ${SERVICE_DEF.en}` },
    measure: communityShare(hasService, rural),
  },
  {
    id: 'elderlyServiceCoverage', unit: 'share',
    name: { zh: '社区养老服务覆盖率', en: 'Community elderly-care coverage' },
    definition: {
      zh: '配有养老服务设施（归属该社区的 elderly_care 设施至少1处）的社区数 ÷ 社区数',
      en: 'communities with at least one elderly-care facility (elderly_care assigned to them) ÷ communities',
    },
    measure: communityShare(hasElderly),
  },
  {
    id: 'streetElderlyCoverage', unit: 'share',
    name: { zh: '乡镇（街道）养老服务机构覆盖率', en: 'Streets and towns with an elderly-care institution' },
    definition: {
      zh: '辖区内至少有1处养老服务设施的街道（乡镇）数 ÷ 街道（乡镇）数（按社区的街道字段；数据不区分是否“具备综合功能”，故为上限）',
      en: 'streets (towns) with at least one elderly-care facility in their communities ÷ streets (by the communities\' street field; the data does not tell which have "comprehensive functions", so an upper bound)',
    },
    measure: (cs) => {
      const streets = new Map<string, boolean>();
      for (const c of cs) {
        if (!c.street) continue;
        streets.set(c.street, (streets.get(c.street) ?? false) || hasElderly(c));
      }
      let numerator = 0;
      for (const v of streets.values()) if (v) numerator++;
      return { numerator, denominator: streets.size };
    },
  },
  {
    id: 'areaPer100Households', unit: 'm2_per_100_households',
    name: { zh: '每百户居民拥有社区综合服务设施面积', en: 'Community service floor area per 100 households' },
    definition: { zh: `全部社区：${PER100_DEF.zh}`, en: `All communities: ${PER100_DEF.en}` },
    measure: per100(),
  },
  {
    id: 'areaPer100HouseholdsUrban', unit: 'm2_per_100_households',
    name: { zh: '每百户居民拥有综合服务设施面积（城市）', en: 'Community service floor area per 100 households, urban' },
    definition: { zh: `城市社区：${PER100_DEF.zh}`, en: `Urban communities: ${PER100_DEF.en}` },
    measure: per100(urban),
  },
  {
    id: 'areaPer100HouseholdsRural', unit: 'm2_per_100_households',
    name: { zh: '每百户村民拥有综合服务设施面积（农村）', en: 'Community service floor area per 100 households, rural' },
    definition: { zh: `农村社区：${PER100_DEF.zh}`, en: `Rural communities: ${PER100_DEF.en}` },
    measure: per100(rural),
  },
  {
    id: 'parkCoverage', unit: 'share',
    name: { zh: '公园绿地服务半径覆盖率', en: 'Park service-radius coverage' },
    definition: {
      zh: '各社区在公园服务半径内的份额按户数加权：（户数 × 份额）之和 ÷ 户数之和，份额按审计的覆盖口径计（给出居住用地时为居住用地），即服务半径内居民占全部居民的比例；各社区均按居住用地面积计时，按居住用地面积加权，即服务半径内居住用地 ÷ 全部居住用地；全部社区无户数时按社区面积加权',
      en: "each community's share within the park radius weighted by its households: sum of (households × share) ÷ sum of households, the share following the audit's coverage basis (residential land when given): the share of residents within the radius. When every share is over residential land area, weighted by that area: residential land within the radius ÷ all residential land. By community area when no community has households",
    },
    measure: coverage((c) => c.parkCoverage),
  },
  {
    id: 'greenCoverage', unit: 'share',
    name: { zh: '绿地服务半径覆盖率（300米见绿）', en: 'Green space service-radius coverage (green within 300 m)' },
    definition: {
      zh: '各社区在绿地服务半径内的份额按户数加权：（户数 × 份额）之和 ÷ 户数之和（口径同公园绿地服务半径覆盖率）',
      en: "each community's share within the green-space radius weighted by its households: sum of (households × share) ÷ sum of households (as the park coverage)",
    },
    measure: coverage((c) => c.greenCoverage),
  },
  {
    id: 'parkPerCapita', unit: 'm2_per_person',
    name: { zh: '人均公园绿地面积', en: 'Park green space per person' },
    definition: {
      zh: '公园绿地面积合计 ÷ 常住人口合计。每处公园只计一次，计入其中心所在（否则最近）的社区，分街道时随该社区；距所有社区5公里以上的公园不计；缺人口时按户数 × 户均人口',
      en: 'total park area ÷ total population. Each park counts once, with the community holding its centre (else the nearest one), and with that community\'s street; parks over 5 km from every community are left out; households × persons per household where population is missing',
    },
    measure: perPerson((c) => c.parkArea_m2),
  },
  {
    id: 'healthPer1000', unit: 'm2_per_1000_persons',
    name: { zh: '每千人卫生服务设施建筑面积', en: 'Health facility floor area per 1000 residents' },
    definition: {
      zh: '社区卫生服务站、中心建筑面积合计 ÷ 常住人口合计 × 1000',
      en: 'total floor area of health stations and centres ÷ total population × 1000',
    },
    measure: perPerson((c) => (c.facilitiesByCategory ? floor(c, ['health_station', 'health_center']) : undefined)),
  },
  {
    id: 'resettlementServiceCoverage', unit: 'share',
    name: { zh: '安置区社区综合服务设施覆盖率（全覆盖）', en: 'Resettlement communities with a community service facility ("full coverage")' },
    definition: {
      zh: `易地扶贫搬迁安置社区：${SERVICE_DEF.zh}（数据标注安置区时计算）`,
      en: `Relocation-resettlement communities: ${SERVICE_DEF.en} (computed when the data marks them)`,
    },
    measure: communityShare(hasService, resettlement),
  },
  {
    id: 'resettlementCompliance', unit: 'share',
    name: { zh: '安置区社区达标率（全达标）', en: 'Resettlement communities meeting every rule ("all up to standard")' },
    definition: {
      zh: '易地扶贫搬迁安置社区中通过预设全部规则（含预设未启用的可选规则）的社区数 ÷ 安置社区数',
      en: "relocation-resettlement communities passing every rule of the preset (its optional rules included) ÷ resettlement communities",
    },
    measure: communityShare((c) => c.status === 'pass', resettlement),
  },
];

/** The scale a unit puts on numerator / denominator. */
export function unitScale(unit: IndicatorUnit): number {
  return unit === 'm2_per_100_households' ? 100 : unit === 'm2_per_1000_persons' ? 1000 : 1;
}

export function indicatorDefinition(id: IndicatorId): IndicatorDefinition {
  const d = INDICATORS.find((x) => x.id === id);
  if (!d) throw new Error(`unknown indicator ${id}`);
  return d;
}
