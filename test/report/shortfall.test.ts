// Shortfalls in budget units, against hand calculations.
import { describe, expect, it } from 'vitest';
import type { CommunityResult, Failure } from '../../src/engine/types';
import { shortfall } from '../../src/report/shortfall';
import { worstGap } from '../../src/report/gaps';
import { rankFailing } from '../../src/report/gapList';

function community(over: Partial<CommunityResult> = {}): CommunityResult {
  return {
    id: 'C1', name: 'x', setting: 'urban', households: 1800, population: 5400, populationEstimated: true, area_m2: 1e5,
    serviceArea_m2: 350, areaPer100Households_m2: 19.444, largestStation_m2: 350, greenCoverage: 1, parkCoverage: 1,
    lifeCircles: {}, sixOnes: {}, extra: {}, facilityIds: [], estimates: [], status: 'fail', failures: [], ...over,
  };
}
const f = (over: Partial<Failure>): Failure => ({ rule: 'areaPer100Households', actual: 0, required: 30, bound: 'min', source: { zh: '依据', en: 'source' }, ...over });

describe('shortfall', () => {
  it('floor area per 100 households: 30 m² × 1800 / 100 = 540 m² needed, 350 there → 190 m² missing', () => {
    expect(shortfall(f({ actual: 19.444 }), community())).toEqual({ area_m2: 190, areaKind: 'serviceFloor' });
  });
  it('no households → no floor-area figure', () => {
    expect(shortfall(f({ actual: null }), community({ households: null }))).toBeNull();
  });
  it('station: 300 m² required, largest 150 → 150 m²; none → a whole station', () => {
    expect(shortfall(f({ rule: 'stationMinArea', required: 300 }), community({ largestStation_m2: 150 }))?.area_m2).toBe(150);
    expect(shortfall(f({ rule: 'stationMinArea', required: 300 }), community({ largestStation_m2: 0 }))?.area_m2).toBe(300);
  });
  it('coverage: 40 % within → 60 % beyond, 0.6 × 2500 = 1500 households, an estimate on the community-area basis', () => {
    const s = shortfall(f({ rule: 'lifeCircle', actual: 0.4, required: 0.9, tier: '5', category: 'kindergarten' }), community({ households: 2500 }))!;
    expect(s.shareOutside).toBeCloseTo(0.6, 12);
    expect(s.householdsOutside).toBeCloseTo(1500, 9);
    expect(s.householdsEstimated).toBe(true);
  });
  it('coverage on the residential households basis: the households are exact', () => {
    const c = { ...community({ households: 2500 }), coverageBasis: 'residential-households' } as CommunityResult;
    expect(shortfall(f({ rule: 'parkCoverage', actual: 0.8, required: 0.95 }), c)!.householdsEstimated).toBe(false);
  });
  it('per-capita rules: (16 − 10) m²/person × 5400 persons = 32,400 m²; health (60 − 20) × 5400 / 1000 = 216 m²', () => {
    expect(shortfall(f({ rule: 'perCapitaPark', actual: 10, required: 16 }), community())?.area_m2).toBeCloseTo(32400, 9);
    expect(shortfall(f({ rule: 'healthPer1000', actual: 20, required: 60 }), community())?.area_m2).toBeCloseTo(216, 9);
  });
  it('community size has no budgetable shortfall', () => {
    expect(shortfall(f({ rule: 'communitySize', actual: 6000, required: 5000, bound: 'max' }), community())).toBeNull();
  });
});

describe('the mapped gap', () => {
  it('is the lowest life-circle share below 1; ties go to the nearer tier', () => {
    const c = community({ lifeCircles: { '15': { health_center: 0.3 }, '5': { kindergarten: 0.3, elderly_care: 0.8 }, '10': { supermarket: 1 } } });
    expect(worstGap(c)).toEqual({ tier: '5', category: 'kindergarten', share: 0.3 });
    expect(worstGap(community({ lifeCircles: { '5': { kindergarten: 1 } } }))).toBeNull();
  });
  it('with full life circles, the failing green or park coverage (the lower one)', () => {
    const full = { '5': { kindergarten: 1 } };
    const fails = (rule: Failure['rule']) => f({ rule, required: 0.95 });
    expect(worstGap(community({ lifeCircles: full, parkCoverage: 0.7, greenCoverage: 0.9, failures: [fails('parkCoverage'), fails('greenCoverage')] }))).toEqual({ green: 'park', share: 0.7 });
    expect(worstGap(community({ lifeCircles: full, parkCoverage: 0.97, greenCoverage: 0.9, failures: [fails('greenCoverage')] }))).toEqual({ green: 'green', share: 0.9 });
    // A coverage below 1 that passes its rule is not mapped.
    expect(worstGap(community({ lifeCircles: full, parkCoverage: 0.97, greenCoverage: 0.99 }))).toBeNull();
  });
});

describe('gap list ranking', () => {
  it('more failed rules first, then more failures, then more households, then id', () => {
    const lc = (n: number) => Array.from({ length: n }, () => f({ rule: 'lifeCircle' }));
    const results = [
      community({ id: 'A', status: 'pass' }),
      community({ id: 'B', failures: lc(3), households: 100 }),
      community({ id: 'C', failures: [f({}), ...lc(1)], households: 100 }),
      community({ id: 'D', failures: lc(3), households: 900 }),
      community({ id: 'E', failures: lc(1), households: 900 }),
      community({ id: 'F', failures: lc(1), households: 900 }),
    ];
    expect(rankFailing(results).map((i) => results[i].id)).toEqual(['C', 'D', 'B', 'E', 'F']);
  });
});
