// What the app says about the coverage basis: the run's basis, households without reach (by hand).
import { describe, expect, it } from 'vitest';
import type { AuditResult, CommunityResult } from '../../../src/engine/types';
import { communityHouseholdsWithout, householdsWithout, runBasis } from '../../../src/ui/residential/coverageBasis';
import { appReducer, initialAppState } from '../../../src/ui/state/appState';

const c = (id: string, households: number | null, kg: number, basis?: CommunityResult['coverageBasis']): CommunityResult => ({
  id, name: id, setting: 'urban', households, population: null, populationEstimated: true, area_m2: 1, serviceArea_m2: 0, areaPer100Households_m2: null,
  largestStation_m2: 0, ...(basis ? { coverageBasis: basis } : {}), greenCoverage: 1, parkCoverage: 1, lifeCircles: { 5: { kindergarten: kg } }, sixOnes: {}, extra: {},
  facilityIds: [], estimates: [], status: 'pass', failures: [],
});
const result = (cs: CommunityResult[], within?: number): AuditResult => ({
  preset: 'p', parameters: {} as AuditResult['parameters'], communities: cs, warnings: [],
  summary: { communities: cs.length, failing: 0, byRule: {}, households: 3000, ...(within !== undefined ? { householdsWithin: { green: 3000, park: 3000, 5: { kindergarten: within } } } : {}) },
});

describe('coverage basis in the app', () => {
  it('the run basis: households first, fallbacks counted; results without the field read as community area', () => {
    expect(runBasis(result([c('a', 1000, 1, 'residential-households'), c('b', 1000, 1, 'community-area')]))).toEqual({ basis: 'residential-households', fallbacks: 1 });
    expect(runBasis(result([c('a', 1000, 1, 'residential-area')]))).toEqual({ basis: 'residential-area', fallbacks: 0 });
    expect(runBasis(result([c('a', 1000, 1)]))).toEqual({ basis: 'community-area', fallbacks: 0 });
  });

  it('households without a kindergarten in 5 minutes: 3000 − 2400 = 600; per community 1000 × (1 − 0.25) = 750', () => {
    expect(householdsWithout(result([c('a', 1000, 1)], 2400), '5', 'kindergarten')).toBe(600);
    expect(householdsWithout(result([c('a', 1000, 1)]), '5', 'kindergarten')).toBeNull();
    expect(householdsWithout(result([c('a', 1000, 1)], 2400), '10', 'kindergarten')).toBeNull();
    expect(communityHouseholdsWithout(c('a', 1000, 0.25), '5', 'kindergarten')).toBe(750);
    expect(communityHouseholdsWithout(c('a', null, 0.25), '5', 'kindergarten')).toBeNull();
  });

  it('the basis comparison lives in the audit slice and goes with a new result', () => {
    const s0 = initialAppState();
    const area = c('a', 1000, 0.5);
    const s1 = appReducer(s0, { type: 'basis/compared', compare: { community: 0, area } });
    expect(s1.audit.basisCompare).toEqual({ community: 0, area });
    expect(appReducer(s1, { type: 'basis/compared', compare: s1.audit.basisCompare })).toBe(s1);
    expect(appReducer(s1, { type: 'audit/finished', result: result([c('a', 1000, 1)]) }).audit.basisCompare).toBeNull();
  });
});
