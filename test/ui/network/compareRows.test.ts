import { describe, expect, it } from 'vitest';
import { compareRows } from '../../../src/ui/network/compareRows';
import { getPreset } from '../../../src/engine/presets';
import type { CommunityResult } from '../../../src/engine/types';

const result = (green: number, park: number, lc: CommunityResult['lifeCircles']): CommunityResult => ({
  id: 'A', name: 'A', setting: 'urban', households: 1, population: 3, populationEstimated: true, area_m2: 1, serviceArea_m2: 0, areaPer100Households_m2: 0,
  largestStation_m2: 0, greenCoverage: green, parkCoverage: park, lifeCircles: lc, sixOnes: {}, extra: {}, facilityIds: [], estimates: [], status: 'pass', failures: [],
});

describe('compareRows', () => {
  const preset = getPreset('national-2022')!;
  it('green, park, then tiers by distance with the preset order of categories and the thresholds', () => {
    const eu = result(0.9, 0.8, { '15': { health_center: 0.5 }, '5': { kindergarten: 0.92, elderly_care: 1 } });
    const net = result(0.6, 0.4, { '15': { health_center: 0.2 }, '5': { kindergarten: 0.61, elderly_care: 0.7 } });
    const rows = compareRows(preset, eu, net);
    // national-2022 lists elderly_care before kindergarten at tier 5; tier 15 comes last.
    expect(rows.map((r) => r.key)).toEqual(['green', 'park', '5:elderly_care', '5:kindergarten', '15:health_center']);
    expect(rows[3]).toMatchObject({ euclidean: 0.92, network: 0.61, threshold: preset.rules.lifeCircle.threshold });
    expect(rows[0]).toMatchObject({ euclidean: 0.9, network: 0.6, threshold: preset.rules.greenCoverage.threshold });
    expect(rows[1]).toMatchObject({ euclidean: 0.8, network: 0.4, threshold: preset.rules.parkCoverage.threshold });
  });
  it('without a walking result the walking figures are null', () => {
    const rows = compareRows(preset, result(1, 1, { '5': { kindergarten: 1 } }), null);
    expect(rows.map((r) => r.network)).toEqual([null, null, null]);
  });
});
