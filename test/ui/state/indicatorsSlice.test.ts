// The city-wide indicators slice of the app store: the panel's view choices, and the figures
// derived from the shown result under the active preset (recomputed when either changes).
import { describe, expect, it } from 'vitest';
import { appReducer, initialAppState, selectCityIndicators, type Action, type AppState } from '../../../src/ui/state/appState';
import { emptyLayers, newProject } from '../../../src/planning/project';
import type { AuditResult, CommunityResult } from '../../../src/engine/types';

const row = (id: string, street: string, service: boolean, elderly: boolean): CommunityResult => ({
  id, name: id, setting: 'urban', street, households: 100, population: 300, populationEstimated: true, area_m2: 1e4,
  serviceArea_m2: service ? 40 : 0, areaPer100Households_m2: service ? 40 : 0, largestStation_m2: service ? 40 : 0, greenCoverage: 1, parkCoverage: 1,
  lifeCircles: {}, sixOnes: {}, extra: {}, facilityIds: [], estimates: [], status: 'pass', failures: [],
  facilitiesByCategory: { ...(service ? { community_service: { count: 1, floorArea_m2: 40 } } : {}), ...(elderly ? { elderly_care: { count: 1, floorArea_m2: 200 } } : {}) },
});

// 3 communities: 2 with a service facility, 1 with elderly care; streets 甲 (A, B) and 乙 (C).
const result: AuditResult = {
  preset: 'national-2022',
  parameters: { mode: 'euclidean', tiers: {}, greenDistance_m: 300, parkDistance_m: 500, personsPerHousehold: 3, detourFactor: 1, lifeCircleThreshold: 0.9 },
  communities: [row('A', '甲', true, false), row('B', '甲', false, true), row('C', '乙', true, false)],
  summary: { communities: 3, failing: 0, byRule: {}, households: 300 },
  warnings: [],
};

const run = (actions: Action[], from: AppState = initialAppState()) => actions.reduce(appReducer, from);
const loaded = () => run([
  { type: 'project/loaded', project: newProject({ source: 'demo', name: { zh: '示范区', en: 'Demo' } }, emptyLayers(), 'meishan-2025') },
  { type: 'audit/finished', result },
]);

describe('indicators slice', () => {
  it('opens and folds, and picks the indicator of the street breakdown', () => {
    const s = loaded();
    expect(s.indicators).toEqual({ open: true, indicator: 'serviceFacilityCoverage' });
    expect(run([{ type: 'indicators/toggled' }], s).indicators.open).toBe(false);
    const picked = run([{ type: 'indicators/picked', indicator: 'elderlyServiceCoverage' }], s);
    expect(picked.indicators.indicator).toBe('elderlyServiceCoverage');
    expect(appReducer(picked, { type: 'indicators/picked', indicator: 'elderlyServiceCoverage' })).toBe(picked);
  });

  it('derives the figures with the active preset\'s targets, the same object until result or preset change', () => {
    const s = loaded();
    const ind = selectCityIndicators(s)!;
    const by = Object.fromEntries(ind.area.map((x) => [x.id, x]));
    expect(by.serviceFacilityCoverage.value).toBeCloseTo(2 / 3, 12);
    expect(by.elderlyServiceCoverage.value).toBeCloseTo(1 / 3, 12);
    expect(by.elderlyServiceCoverage.target?.value).toBe(0.9); // meishan-2025
    expect(by.areaPer100Households.value).toBeCloseTo((80 / 300) * 100, 12);
    expect(ind.streets.map((x) => [x.street, x.values.serviceFacilityCoverage?.value])).toEqual([['甲', 0.5], ['乙', 1]]);
    expect(selectCityIndicators(run([{ type: 'indicators/toggled' }], s))).toBe(ind);
    const national = run([{ type: 'preset/picked', id: 'national-2022' }], s);
    expect(selectCityIndicators(national)!.area.find((x) => x.id === 'elderlyServiceCoverage')!.target).toBeNull();
    expect(selectCityIndicators(initialAppState())).toBeNull();
  });
});
