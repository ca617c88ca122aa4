import { describe, expect, it } from 'vitest';
import { auditDataset } from '../../src/engine/audit';
import { defaultPreset, getPreset, listPresets, validatePreset } from '../../src/engine/presets';
import type { Dataset, FacilityCategory } from '../../src/engine/types';
import { community, facility, green, rect } from './helpers';

// Figures from STANDARDS.md §3 and the seeds, written out by hand.
const EXPECTED: Record<string, { per100: number; urban: number; rural: number; tiers: Record<string, number> }> = {
  'national-2022': { per100: 30, urban: 300, rural: 200, tiers: { '5': 300, '10': 500, '15': 1000 } },
  'yanan-2016': { per100: 20, urban: 300, rural: 200, tiers: { '5': 300, '10': 500, '15': 1000 } },
  'nanjing-2010': { per100: 20, urban: 300, rural: 600, tiers: { '5': 300, '10': 500, '15': 1000 } },
  'meishan-2025': { per100: 40, urban: 500, rural: 300, tiers: { '5': 300, '10': 500, '15': 1000 } },
  'chongqing-2020': { per100: 30, urban: 300, rural: 200, tiers: { '10': 500, '20': 1500 } },
  'action-plan-002': { per100: 30, urban: 300, rural: 200, tiers: { '5': 300, '10': 500, '15': 1000 } },
};

/** A 200 m square with every category at its centre and a park over it: only floor areas decide. */
function complete(serviceArea: number, households: number): Dataset {
  const cats: FacilityCategory[] = ['elderly_care', 'kindergarten', 'health_station', 'health_center', 'supermarket', 'activity_venue',
    'primary_school', 'middle_school', 'culture_center', 'sports_venue'];
  return {
    communities: [community('C', [[rect(-100, -100, 100, 100)]], { households })],
    facilities: [facility('S', 'community_service', 0, 0, { floorArea: serviceArea }), ...cats.map((c) => facility(c, c, 0, 0, { floorArea: c === 'health_center' ? 1700 : 120 }))],
    green: [green('P', [[rect(-120, -120, 120, 120)]], 'park')],
  };
}

describe('built-in presets', () => {
  it('ship the six presets with their seeds’ figures', () => {
    expect(listPresets().map((p) => p.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [id, e] of Object.entries(EXPECTED)) {
      const p = getPreset(id)!;
      expect(p.schemaVersion).toBe(1);
      expect(p.source.length).toBeGreaterThan(3);
      expect([p.rules.areaPer100Households.threshold, p.rules.stationMinArea.urban, p.rules.stationMinArea.rural]).toEqual([e.per100, e.urban, e.rural]);
      expect(Object.fromEntries(Object.entries(p.tiers).map(([k, t]) => [k, t.distance_m]))).toEqual(e.tiers);
      for (const r of Object.values(p.rules)) expect(r.source.length).toBeGreaterThan(3);
    }
    expect(defaultPreset().id).toBe('national-2022');
  });

  it('each preset passes at its area threshold and fails just below', () => {
    for (const [id, e] of Object.entries(EXPECTED)) {
      const p = getPreset(id)!;
      // households 2000: threshold × 20 m² gives exactly the threshold per 100 households.
      const at = auditDataset(complete(Math.max(e.per100 * 20, e.urban), 2000), p).communities[0];
      expect(at.failures.filter((f) => f.rule === 'areaPer100Households'), id).toEqual([]);
      const below = auditDataset(complete(e.per100 * 20 - 1, 2000), p).communities[0];
      expect(below.failures.find((f) => f.rule === 'areaPer100Households'), id).toMatchObject({ required: e.per100 });
    }
  });

  it('a community designed to pass national fails meishan (40 m², 500 m² station, 1500–4000 households)', () => {
    // 350 m² for 1000 households = 35 m²/100 households: ≥ 30, < 40; station 350: ≥ 300, < 500; 1000 < 1500 households.
    const data = complete(350, 1000);
    const national = auditDataset(data, getPreset('national-2022')!).communities[0];
    expect(national.failures).toEqual([]);
    expect(national.status).toBe('pass');
    const meishan = auditDataset(data, getPreset('meishan-2025')!).communities[0];
    expect(meishan.status).toBe('fail');
    expect(meishan.failures.map((f) => f.rule).sort()).toEqual(['areaPer100Households', 'communitySize', 'stationMinArea']);
  });

  it('chongqing uses 10/20-minute circles', () => {
    const r = auditDataset(complete(400, 1000), getPreset('chongqing-2020')!);
    expect(Object.keys(r.communities[0].lifeCircles)).toEqual(['10', '20']);
    expect(r.parameters.tiers).toEqual({ '10': 500, '20': 1500 });
  });

  it('the detour factor shortens straight-line tiers', () => {
    const p = defaultPreset();
    p.detourFactor = 1.25;
    expect(auditDataset(complete(400, 1000), p).parameters.tiers).toEqual({ '5': 240, '10': 400, '15': 800 });
  });
});

describe('validatePreset', () => {
  it('accepts the built-ins and a preset without schemaVersion (read as 1)', () => {
    for (const p of listPresets()) expect(validatePreset(p)).toEqual({ preset: p });
    const { schemaVersion: _v, ...noVersion } = defaultPreset();
    expect('preset' in validatePreset(noVersion)).toBe(true);
  });

  it('names the field paths at fault', () => {
    // Deliberately malformed edits of a plain JSON object.
    const p = JSON.parse(JSON.stringify(defaultPreset())) as { rules: Record<string, Record<string, unknown>>; requiredByTier: Record<string, string[]>; name: Record<string, string> };
    p.rules.areaPer100Households.threshold = '30';
    p.rules.greenCoverage.threshold = 1.5;
    p.requiredByTier['7'] = ['kindergarten', 'bakery'];
    p.rules.sixOnes.tier = '99';
    delete p.name.en;
    p.rules.communitySize.min = 9000;
    const r = validatePreset(p);
    expect('errors' in r).toBe(true);
    const errors = (r as { errors: string[] }).errors;
    expect(errors).toEqual(expect.arrayContaining([
      'preset.rules.areaPer100Households.threshold: must be a number',
      'preset.rules.greenCoverage.threshold: must be ≤ 1 (is 1.5)',
      'preset.requiredByTier.7: no tier "7" in preset.tiers',
      'preset.requiredByTier.7[1]: unknown facility category "bakery"',
      'preset.name.en: must be a non-empty string',
      'preset.rules.communitySize: min (9000) is larger than max (5000)',
    ]));
    expect(errors.some((e) => e.startsWith('preset.rules.sixOnes.tier'))).toBe(true);
  });

  it('refuses other schema versions and non-objects', () => {
    expect(validatePreset({ ...defaultPreset(), schemaVersion: 2 })).toEqual({ errors: [expect.stringMatching(/^preset.schemaVersion: 2 is not supported/)] });
    expect(validatePreset(null)).toEqual({ errors: ['preset: must be an object'] });
  });
});
