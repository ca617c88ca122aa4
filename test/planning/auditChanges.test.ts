// The changes between two audits, checked against figures worked out by hand.
import { describe, expect, it } from 'vitest';
import { auditChanges, statusChanges } from '../../src/planning/auditChanges';
import type { AuditResult, CommunityResult } from '../../src/engine/types';

const row = (id: string, households: number | null, status: 'pass' | 'fail', kg: number, extra: Partial<CommunityResult> = {}): CommunityResult => ({
  id, name: id + '社区', setting: 'urban', households, population: null, populationEstimated: true, area_m2: 1e4, serviceArea_m2: 0,
  areaPer100Households_m2: 0, largestStation_m2: 0, greenCoverage: 1, parkCoverage: 1, lifeCircles: { '15min': { kindergarten: kg } }, sixOnes: {}, extra: {},
  facilityIds: [], estimates: [], status, failures: status === 'fail' ? [{ rule: 'lifeCircles' } as never] : [], ...extra,
});

function audit(rows: CommunityResult[]): AuditResult {
  return {
    preset: 'p', parameters: { mode: 'euclidean', tiers: {}, greenDistance_m: 300, parkDistance_m: 500, personsPerHousehold: 3.1, detourFactor: 1, lifeCircleThreshold: 0.9 },
    communities: rows, summary: { communities: rows.length, failing: rows.filter((r) => r.status === 'fail').length, byRule: {}, households: 0 }, warnings: [],
  };
}

describe('auditChanges', () => {
  const before = audit([row('A', 100, 'fail', 0.5), row('B', 200, 'pass', 1), row('C', 50, 'fail', 0)]);
  const after = audit([row('A', 100, 'pass', 0.9), row('B', 200, 'pass', 0.75, { serviceArea_m2: 300 }), row('C', 50, 'fail', 0)]);

  it('lists the communities that changed, their status and each figure before and after', () => {
    const c = auditChanges(before, after);
    expect(c.failingBefore).toBe(2);
    expect(c.failingAfter).toBe(1);
    expect(c.communities.map((x) => x.id)).toEqual(['A', 'B']);
    expect(statusChanges(c).map((x) => [x.id, x.statusBefore, x.statusAfter])).toEqual([['A', 'fail', 'pass']]);
    const b = c.communities[1];
    expect(b.figures).toEqual([
      { key: 'serviceArea_m2', before: 0, after: 300 },
      { key: 'lifeCircles.15min.kindergarten', before: 1, after: 0.75 },
    ]);
  });

  it('households newly within reach: Σ households × Δshare (100 × 0.4 − 200 × 0.25 = −10)', () => {
    const c = auditChanges(before, after);
    expect(c.householdsWithin).toHaveLength(1);
    expect(c.householdsWithin[0].tier).toBe('15min');
    expect(c.householdsWithin[0].category).toBe('kindergarten');
    expect(c.householdsWithin[0].households).toBeCloseTo(-10, 9);
    // Only A compared: +40.
    expect(auditChanges(before, after, [0]).householdsWithin[0].households).toBeCloseTo(40, 9);
  });

  it('a category absent before counts as share 0; missing households count as 0', () => {
    const a = audit([row('A', null, 'fail', 0.2)]);
    const b = audit([{ ...row('A', null, 'fail', 0.2), lifeCircles: { '15min': { kindergarten: 0.2, primary_school: 1 } } }]);
    const c = auditChanges(a, b);
    expect(c.communities[0].figures).toEqual([{ key: 'lifeCircles.15min.primary_school', before: 0, after: 1 }]);
    expect(c.householdsWithin).toEqual([]);
  });

  it('refuses audits of different communities, naming them', () => {
    expect(() => auditChanges(before, audit([row('X', 1, 'pass', 1), row('B', 1, 'pass', 1), row('C', 1, 'pass', 1)]))).toThrow(/index 0 holds A before and X after/);
    expect(() => auditChanges(before, audit([row('A', 1, 'pass', 1)]))).toThrow(/3 and 1 communities/);
  });
});
