// City-wide indicators on a five-community town whose figures are worked out by hand (town.ts: each
// community a 1 km square, 3 km apart, so no facility or park reaches a neighbour).
import { describe, expect, it } from 'vitest';
import { auditDataset } from '../../../src/engine/audit';
import { defaultPreset, getPreset } from '../../../src/engine/presets';
import { computeIndicators, meetsTarget } from '../../../src/engine/indicators/computeIndicators';
import { indicatorDeltas } from '../../../src/engine/indicators/indicatorDeltas';
import type { IndicatorId, IndicatorResult } from '../../../src/engine/types';
import { town } from './town';

const byId = (list: IndicatorResult[]) => Object.fromEntries(list.map((x) => [x.id, x])) as Record<IndicatorId, IndicatorResult>;

describe('city-wide indicators (national-2022)', () => {
  const preset = defaultPreset();
  const result = auditDataset(town(), preset);
  const ind = result.summary.indicators!;
  const a = byId(ind.area);

  it('reports them in summary.indicators', () => {
    expect(ind.area.length).toBeGreaterThan(10);
    expect(result.communities.find((c) => c.id === 'D')!.resettlement).toBe(true);
    expect(result.communities[0].facilitiesByCategory).toEqual({
      community_service: { count: 1, floorArea_m2: 600 }, elderly_care: { count: 1, floorArea_m2: 300 }, health_station: { count: 1, floorArea_m2: 200 },
    });
    expect(result.communities.map((c) => Math.round(c.parkArea_m2!))).toEqual([500_000, 300_000, 0, 0, 0]);
  });

  it('shares of communities with a service facility, urban and rural apart', () => {
    expect(a.serviceFacilityCoverage).toMatchObject({ numerator: 4, denominator: 5, value: 0.8 });
    expect(a.serviceFacilityCoverageUrban).toMatchObject({ numerator: 3, denominator: 3, value: 1 });
    expect(a.serviceFacilityCoverageRural).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it('elderly care: communities and streets', () => {
    expect(a.elderlyServiceCoverage).toMatchObject({ numerator: 2, denominator: 5, value: 0.4 });
    // 东街 has A's, 西街 C's; E has no street and is left out.
    expect(a.streetElderlyCoverage).toMatchObject({ numerator: 2, denominator: 2, value: 1 });
  });

  it('floor area per 100 households is total over total, not a mean of ratios', () => {
    // (600 + 200 + 0 + 400) / (2000 + 1000 + 500 + 500) × 100 = 30; the mean of the ratios
    // 30, 20, 0, 80 would be 32.5. E (no households) counts in neither sum.
    expect(a.areaPer100Households.value).toBeCloseTo(30, 9);
    expect(a.areaPer100Households).toMatchObject({ numerator: 1200, denominator: 4000, target: { value: 30, bound: 'min' }, met: true });
    expect(a.areaPer100HouseholdsUrban.value).toBeCloseTo((800 / 3000) * 100, 9);
    expect(a.areaPer100HouseholdsRural.value).toBeCloseTo(40, 9);
  });

  it('park and green coverage weighted by households', () => {
    // (2000 × 1 + 1000 × 0.5 + 500 × 0 + 500 × 0) / 4000 = 0.625; target "超过95%" not met.
    expect(a.parkCoverage.value).toBeCloseTo(0.625, 3);
    expect(a.parkCoverage.target).toEqual({ value: 0.95, bound: 'min', exclusive: true });
    expect(a.parkCoverage.met).toBe(false);
    // (2000 × 0.8 + 1000 × 0.3) / 4000 = 0.475
    expect(a.greenCoverage.value).toBeCloseTo(0.475, 3);
    expect(a.greenCoverage.target).toBeNull();
    expect(a.greenCoverage.met).toBeNull();
  });

  it('park area and health floor area per person', () => {
    // (500,000 m² of P1 + 300,000 m² of P2; P3 too far) / (6000 + 3000 + 1500 + 1500) people
    expect(a.parkPerCapita.value).toBeCloseTo(800_000 / 12_000, 1);
    expect(a.healthPer1000.value).toBeCloseTo((200 / 12_000) * 1000, 9);
  });

  it('resettlement communities: full coverage yes, all rules met no', () => {
    expect(a.resettlementServiceCoverage).toMatchObject({ numerator: 1, denominator: 1, value: 1, met: true });
    expect(a.resettlementCompliance).toMatchObject({ numerator: 0, denominator: 1, value: 0, met: false });
  });

  it('names the document and clause of each target, and says when there is none', () => {
    expect(a.areaPer100Households.source.zh).toBe('城乡社区服务能力提升行动方案（节选，未载明发文城市），（五）城乡社区服务效能提升行动');
    expect(a.parkCoverage.source.zh).toContain('《眉山市“十四五”城乡社区发展治理规划》');
    expect(a.parkCoverage.source.zh).toContain('沿用');
    expect(a.elderlyServiceCoverage.source.en).toBe("not stated by this preset's documents");
    expect(a.areaPer100Households.definition.zh).toContain('非各社区比值的平均');
  });

  it('per street, sorted, communities without a street last', () => {
    expect(ind.streets.map((s) => [s.street, s.communities, s.households])).toEqual([['东街', 2, 3000], ['西街', 2, 1000], ['', 1, 0]]);
    const [east, west, none] = ind.streets;
    expect(east.values.serviceFacilityCoverage!.value).toBe(1);
    expect(east.values.elderlyServiceCoverage!.value).toBe(0.5);
    expect(east.values.areaPer100Households!.value).toBeCloseTo((800 / 3000) * 100, 9);
    expect(east.values.areaPer100Households!.met).toBe(false);
    expect(east.values.parkCoverage!.value).toBeCloseTo(2500 / 3000, 3);
    expect(west.values.serviceFacilityCoverage!.value).toBe(0.5);
    expect(west.values.areaPer100Households!.value).toBeCloseTo(40, 9);
    expect(west.values.resettlementCompliance!.value).toBe(0);
    expect(east.values.resettlementCompliance!.value).toBeNull();
    // E alone: no households, so no per-100 figure.
    expect(none.values.areaPer100Households!.value).toBeNull();
    expect(none.values.serviceFacilityCoverage!.value).toBe(1);
  });
});

describe('targets and reference values of other presets', () => {
  it('Meishan: elderly-care coverage ≥ 90 % with the 84.49 % of 2020 as reference', () => {
    const preset = getPreset('meishan-2025')!;
    const a = byId(computeIndicators(auditDataset(town(), preset).communities, preset).area);
    expect(a.elderlyServiceCoverage.name.zh).toBe('社区养老服务覆盖率');
    expect(a.elderlyServiceCoverage.target).toEqual({ value: 0.9, bound: 'min' });
    expect(a.elderlyServiceCoverage.reference).toEqual({ value: 0.8449, year: 2020 });
    expect(a.elderlyServiceCoverage.met).toBe(false);
    expect(a.streetElderlyCoverage.met).toBe(true);
    expect(a.areaPer100Households.met).toBe(false); // 30 < 40
    expect(a.elderlyServiceCoverage.source.zh).toContain('目标：');
    expect(a.elderlyServiceCoverage.source.zh).toContain('现状：');
    expect(a.elderlyServiceCoverage.sentences.map((x) => [x.label?.zh, x.text.zh])).toEqual([
      ['目标', '社区养老服务覆盖率达90%以上'], ['现状', '配备社区养老服务功能设施282个，占比84.49%'],
    ]);
    expect(a.greenCoverage.sentences).toEqual([]);
    // A target edited away from the document no longer quotes it.
    const edited = getPreset('meishan-2025')!;
    edited.indicators!.elderlyServiceCoverage!.target!.value = 0.95;
    const e = byId(computeIndicators(auditDataset(town(), edited).communities, edited).area).elderlyServiceCoverage;
    expect(e.sentences.map((x) => x.label?.zh)).toEqual(['现状']);
    expect(e.source.zh).toContain('用户设定值');
  });
  it('Chongqing: 98.8 % is a reference, not a target', () => {
    const preset = getPreset('chongqing-2020')!;
    const a = byId(computeIndicators(auditDataset(town(), preset).communities, preset).area);
    expect(a.serviceFacilityCoverageUrban.reference).toEqual({ value: 0.988, year: 2020 });
    expect(a.serviceFacilityCoverageUrban.target).toBeNull();
    expect(a.serviceFacilityCoverageUrban.met).toBeNull();
    expect(a.serviceFacilityCoverageRural.target).toEqual({ value: 0.7, bound: 'min' });
    expect(a.serviceFacilityCoverageRural.met).toBe(false); // 50 % of villages
  });
});

describe('meetsTarget', () => {
  it('"超过" is exclusive, "达到" inclusive, max bounds', () => {
    expect(meetsTarget(0.95, { value: 0.95, bound: 'min', exclusive: true })).toBe(false);
    expect(meetsTarget(0.951, { value: 0.95, bound: 'min', exclusive: true })).toBe(true);
    expect(meetsTarget(0.95, { value: 0.95, bound: 'min' })).toBe(true);
    expect(meetsTarget(0.1 + 0.2, { value: 0.3, bound: 'max' })).toBe(true);
    expect(meetsTarget(null, { value: 1, bound: 'min' })).toBeNull();
    expect(meetsTarget(1, null)).toBeNull();
  });
});

describe('indicatorDeltas', () => {
  it('before → after per indicator, met before and after', () => {
    const preset = getPreset('meishan-2025')!;
    const data = town();
    const before = auditDataset(data, preset).summary.indicators!.area;
    // An elderly-care station in B and one in D: 4 of 5 communities.
    data.facilities.push({ id: 'E-B', category: 'elderly_care', floorArea: 200, position: data.facilities[3].position });
    data.facilities.push({ id: 'E-D', category: 'elderly_care', floorArea: 200, position: data.facilities[5].position });
    const after = auditDataset(data, preset).summary.indicators!.area;
    const d = indicatorDeltas(before, after).find((x) => x.id === 'elderlyServiceCoverage')!;
    expect(d).toMatchObject({ before: 0.4, after: 0.8, metBefore: false, metAfter: false });
    expect(d.change).toBeCloseTo(0.4, 12);
    expect(indicatorDeltas(before, after).find((x) => x.id === 'serviceFacilityCoverage')!.change).toBe(0);
  });
});

describe('coverage rates follow the audit\'s coverage basis', () => {
  it('over residential land when every community is measured on it: covered land ÷ all residential land', () => {
    const preset = defaultPreset();
    const cs = auditDataset(town(), preset).communities.slice(0, 2);
    // A: 100,000 m² of residential land, all covered; B: 300,000 m², half covered (households 2000 / 1000).
    const withLand = [
      { ...cs[0], parkCoverage: 1, coverageBasis: 'residential-area' as const, residentialArea_m2: 100_000 },
      { ...cs[1], parkCoverage: 0.5, coverageBasis: 'residential-area' as const, residentialArea_m2: 300_000 },
    ];
    const land = byId(computeIndicators(withLand, preset).area).parkCoverage;
    expect(land.value).toBeCloseTo(250_000 / 400_000, 12); // not the households' 2500 / 3000
    // One community on another basis: back to households.
    const mixed = [withLand[0], { ...withLand[1], coverageBasis: 'community-area' as const }];
    expect(byId(computeIndicators(mixed, preset).area).parkCoverage.value).toBeCloseTo(2500 / 3000, 12);
  });
});
