import { describe, expect, it } from 'vitest';
import { colorFor, metricScale } from '../../src/ui/map/metrics';
import { ABOVE, BELOW, FAIL, NODATA, PASS } from '../../src/ui/map/colors';
import { getPreset } from '../../src/engine/presets';
import type { RulePreset } from '../../src/engine/types';

const national = getPreset('national-2022') as RulePreset;

describe('metric colour scales', () => {
  it('puts the standard at the break between the below (orange) and above (purple) classes', () => {
    const s = metricScale('areaPer100Households', national); // threshold 30 m² per 100 households
    expect(s.threshold).toBe(30);
    expect(colorFor(s, 29.99)).toBe(BELOW[2]);
    expect(colorFor(s, 30)).toBe(ABOVE[0]);
    expect(colorFor(s, 10)).toBe(BELOW[0]); // < 15 = half the standard
    expect(colorFor(s, null)).toBe(NODATA);
  });
  it('colours shares against their own threshold', () => {
    const s = metricScale('greenCoverage', national); // 0.95
    expect(colorFor(s, 0.949)).toBe(BELOW[2]);
    expect(colorFor(s, 0.95)).toBe(ABOVE[1]);
  });
  it('status: fail vermillion, pass blue', () => {
    const s = metricScale('status', national);
    expect(colorFor(s, 0)).toBe(FAIL);
    expect(colorFor(s, 1)).toBe(PASS);
  });
});
