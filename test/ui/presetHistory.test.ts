import { describe, expect, it } from 'vitest';
import { applyWalkingSpeed, getIn, setIn } from '../../src/ui/state/presetHistory';
import { getPreset } from '../../src/engine/presets';
import type { RulePreset } from '../../src/engine/types';

const national = getPreset('national-2022') as RulePreset;

describe('preset edits', () => {
  it('sets a nested threshold without touching the original', () => {
    const next = setIn(national, ['rules', 'areaPer100Households', 'threshold'], 40);
    expect(next.rules.areaPer100Households.threshold).toBe(40);
    expect(national.rules.areaPer100Households.threshold).toBe(30);
    expect(next.rules.stationMinArea).toBe(national.rules.stationMinArea); // untouched branches are shared
    expect(getIn(next, ['rules', 'areaPer100Households', 'threshold'])).toBe(40);
  });

  it('derives tier distances from walking speed × minutes', () => {
    // 75 m/min (4.5 km/h): 5 min → 375 m, 10 min → 750 m, 15 min → 1125 m
    const p = applyWalkingSpeed(national, 75);
    expect(p.walkingSpeed_m_per_min).toBe(75);
    expect(Object.fromEntries(Object.entries(p.tiers).map(([k, t]) => [k, t.distance_m]))).toEqual({ '5': 375, '10': 750, '15': 1125 });
  });
});
