// The comparison's indicator rows on the hand-counted town (test/engine/indicators/town.ts): a
// community service facility of 400 m² added in C (the one community without one) moves the
// service-facility share 4/5 → 5/5 and the floor area per 100 households (600 + 200 + 400) /
// 4000 × 100 = 30 → (1200 + 400) / 4000 × 100 = 40; nothing else moves.
import { describe, expect, it } from 'vitest';
import { auditDataset } from '../../../src/engine/audit';
import { defaultPreset } from '../../../src/engine/presets';
import { compareIndicators } from '../../../src/ui/compare/indicatorComparison';
import { facility } from '../../engine/helpers';
import { town } from '../../engine/indicators/town';

describe('comparison: city-wide indicators of A and B', () => {
  const preset = defaultPreset();
  const data = town();
  const a = auditDataset(data, preset);
  const b = auditDataset({ ...data, facilities: [...data.facilities, facility('S-C', 'community_service', 6600, 600, { floorArea: 400 })] }, preset);
  const rows = compareIndicators(a, b, preset);
  const row = (id: string) => rows.find((r) => r.id === id)!;

  it('gives before, after, change and direction worked out by hand', () => {
    expect(row('serviceFacilityCoverage')).toMatchObject({ before: 0.8, after: 1, direction: 'up', better: true });
    expect(row('serviceFacilityCoverage').change).toBeCloseTo(0.2, 12);
    const per100 = row('areaPer100Households');
    expect(per100.before).toBeCloseTo(30, 9);
    expect(per100.after).toBeCloseTo(40, 9);
    expect(per100.change).toBeCloseTo(10, 9);
    expect(per100).toMatchObject({ direction: 'up', better: true, metBefore: true, metAfter: true });
    // Rural only (C and D): 400 / 1000 × 100 = 40 → 800 / 1000 × 100 = 80.
    expect(row('areaPer100HouseholdsRural').change).toBeCloseTo(40, 9);
  });

  it('unchanged indicators read "same", with no better or worse', () => {
    for (const id of ['elderlyServiceCoverage', 'parkCoverage', 'greenCoverage']) expect(row(id)).toMatchObject({ direction: 'same', better: null });
  });

  it('the same indicators as the indicators panel, in its order; the reverse comparison goes down and is worse', () => {
    expect(rows.length).toBeGreaterThan(8);
    const back = compareIndicators(b, a, preset);
    expect(back.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(back.find((r) => r.id === 'areaPer100Households')).toMatchObject({ direction: 'down', better: false });
  });
});
