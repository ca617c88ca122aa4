import { describe, expect, it } from 'vitest';
import { auditDataset } from '../../src/engine/audit';
import { defaultPreset, getPreset } from '../../src/engine/presets';
import type { Community, Dataset, Facility, RulePreset } from '../../src/engine/types';
import { areaPer100Households } from '../../src/engine/rules/areaPer100Households';
import { checkCommunitySize } from '../../src/engine/rules/optionalRules';
import { community, facility, green, rect } from './helpers';

/** One 200 m square community at the origin with the given facilities (all at its centre unless placed). */
function one(extra: Partial<Community>, facilities: Facility[], withGreen = false): Dataset {
  return {
    communities: [community('C', [[rect(-100, -100, 100, 100)]], extra)],
    facilities,
    green: withGreen ? [green('P', [[rect(-50, -50, 50, 50)]], 'park')] : [],
  };
}
const rulesOf = (d: Dataset, p: RulePreset = defaultPreset()) => auditDataset(d, p).communities[0].failures.map((f) => f.rule);

describe('areaPer100Households and stationMinArea', () => {
  it('rural communities use the rural station threshold (national: 200 rural, 300 urban)', () => {
    // 250 m² for 800 households: 250 / 800 × 100 = 31.25 m² ≥ 30.
    const station = [facility('S', 'community_service', 0, 0, { floorArea: 250 })];
    const rural = auditDataset(one({ households: 800, setting: 'rural' }, station), defaultPreset()).communities[0];
    expect(rural.areaPer100Households_m2).toBeCloseTo(31.25, 9);
    expect(rural.failures.filter((f) => f.rule === 'stationMinArea')).toEqual([]);
    const urban = auditDataset(one({ households: 800, setting: 'urban' }, station), defaultPreset()).communities[0];
    expect(urban.failures.find((f) => f.rule === 'stationMinArea')).toMatchObject({ actual: 250, required: 300, bound: 'min' });
    // Nanjing 2010: village committees ≥ 600 m².
    const nj = auditDataset(one({ households: 800, setting: 'rural' }, station), getPreset('nanjing-2010')!).communities[0];
    expect(nj.failures.find((f) => f.rule === 'stationMinArea')).toMatchObject({ actual: 250, required: 600 });
  });

  it('missing or zero households: figure null and the rule fails with actual null', () => {
    expect(areaPer100Households(500, null)).toBeNull();
    expect(areaPer100Households(500, 0)).toBeNull();
    const r = auditDataset(one({ households: null }, [facility('S', 'community_service', 0, 0, { floorArea: 500 })]), defaultPreset());
    const c = r.communities[0];
    expect(c.areaPer100Households_m2).toBeNull();
    expect(c.failures.find((f) => f.rule === 'areaPer100Households')).toMatchObject({ actual: null, required: 30 });
    expect(r.warnings.map((w) => w.code)).toContain('missing_households');
    expect(c.population).toBeNull();
  });

  it('only community_service counts toward the service area; the largest single station is reported', () => {
    const c = auditDataset(one({ households: 2000 }, [
      facility('S1', 'community_service', 0, 0, { floorArea: 400 }),
      facility('S2', 'community_service', 10, 0, { floorArea: 320 }),
      facility('E', 'elderly_care', 0, 10, { floorArea: 5000 }),
    ]), defaultPreset()).communities[0];
    expect(c.serviceArea_m2).toBe(720);
    expect(c.areaPer100Households_m2).toBeCloseTo(36, 9);
    expect(c.largestStation_m2).toBe(400);
  });
});

describe('"6个1"', () => {
  it('each group needs one of its categories (or green) within the 10-minute tier', () => {
    const all = [
      facility('E', 'elderly_care', 0, 0), facility('K', 'kindergarten', 0, 0), facility('H', 'health_center', 0, 0),
      facility('A', 'activity_venue', 0, 0),
    ];
    const c = auditDataset(one({}, all, true), defaultPreset()).communities[0];
    // Health is met by a health centre alone; no supermarket anywhere.
    expect(c.sixOnes).toEqual({ elderly: true, childcare: true, supermarket: false, health: true, activity: true, green: true });
    expect(c.failures.filter((f) => f.rule === 'sixOnes')).toEqual([expect.objectContaining({ group: 'supermarket', tier: '10', actual: 0, required: 0.9 })]);
  });
});

describe('"6个1" beyond the 5-minute tier', () => {
  it('a group reached at 500 m but not at 300 m is satisfied (the 5-minute share is only a lower bound)', () => {
    // Elderly care 400 m east of the centre of the 200 m square: nearest edge 300 m… farthest corner
    // √(500² + 100²) = 509.9 m > 500. So: 5-minute share 0 (only the edge point at exactly 300 m), 10-minute
    // share = part of the square within 500 m of (400, 0) — all but two slivers at the far corners.
    const c = auditDataset(one({}, [facility('E', 'elderly_care', 400, 0)]), defaultPreset()).communities[0];
    expect(c.lifeCircles['5'].elderly_care).toBeLessThan(1e-6);
    expect(c.sixOnes.elderly).toBe(true);
  });
});

describe('optional rules and resettlement communities', () => {
  it('resettlement communities must meet every rule, including optional ones the preset leaves off', () => {
    // 800 households < 1000 (communitySize); no activity venue (outdoorVenue 0 < 1000).
    const d = one({ households: 800 }, [facility('S', 'community_service', 0, 0, { floorArea: 300 })]);
    expect(rulesOf(d)).not.toContain('communitySize');
    const res = rulesOf({ ...d, communities: [{ ...d.communities[0], resettlement: true }] });
    expect(res).toEqual(expect.arrayContaining(['communitySize', 'outdoorVenue', 'perCapitaPark', 'perCapitaSports', 'healthPer1000']));
  });

  it('per-capita figures use population, else households × persons per household', () => {
    const p = defaultPreset();
    for (const k of ['perCapitaPark', 'perCapitaSports', 'healthPer1000', 'outdoorVenue'] as const) p.rules[k].enabled = true;
    // Park 100 × 100 m inside the community: 10,000 m² / (1000 × 3.0) = 3.333 m²/person < 16.
    // Health 120 + 1700 = 1820 m² / 3000 × 1000 = 606.7 m² per 1000 ≥ 60. Sports 600 / 3000 = 0.2 < 2.6.
    // Activity venue 1200 ≥ 1000.
    const c = auditDataset(one({ households: 1000 }, [
      facility('H1', 'health_station', 0, 0, { floorArea: 120 }), facility('H2', 'health_center', 0, 0, { floorArea: 1700 }),
      facility('SP', 'sports_venue', 0, 0, { floorArea: 600 }), facility('AV', 'activity_venue', 0, 0, { floorArea: 1200 }),
    ], true), p).communities[0];
    expect(c.population).toBe(3000);
    expect(c.populationEstimated).toBe(true);
    expect(c.extra.parkPerCapita_m2).toBeCloseTo(10000 / 3000, 3);
    expect(c.extra.healthPer1000_m2).toBeCloseTo(1820 / 3, 6);
    expect(c.extra.sportsPerCapita_m2).toBeCloseTo(0.2, 9);
    expect(c.extra.outdoorVenue_m2).toBe(1200);
    const failed = c.failures.map((f) => f.rule);
    expect(failed).toEqual(expect.arrayContaining(['perCapitaPark', 'perCapitaSports']));
    expect(failed).not.toContain('healthPer1000');
    expect(failed).not.toContain('outdoorVenue');
  });

  it('communitySize names the violated bound', () => {
    const rule = { enabled: true, min: 1000, max: 5000, source: 's' };
    expect(checkCommunitySize(999, rule)).toMatchObject({ bound: 'min', required: 1000 });
    expect(checkCommunitySize(5001, rule)).toMatchObject({ bound: 'max', required: 5000 });
    expect(checkCommunitySize(3000, rule)).toBeNull();
  });
});
