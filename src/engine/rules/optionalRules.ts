// Optional rules (off by default in national-2022; STANDARDS.md §3):
// outdoorVenue (000: 不低于1000平方米的室外活动场所), perCapitaPark (001: 人均公园绿地 16 m²),
// perCapitaSports (001: 人均体育场地 2.6 m²), healthPer1000 (001: 每千人医疗卫生 60 m²),
// communitySize (000: 1000–5000 户; 001: 1500–4000 户).
import type { RulePreset } from '../types';
import { checkMax, checkMin, type RuleFailure } from './failure';

/** Figure per person; null when the population is unknown or ≤ 0. */
export function perCapita(total_m2: number, population: number | null): number | null {
  if (population === null || !Number.isFinite(population) || population <= 0) return null;
  return total_m2 / population;
}

export function checkOutdoorVenue(venue_m2: number, rule: RulePreset['rules']['outdoorVenue']): RuleFailure | null {
  return checkMin('outdoorVenue', venue_m2, rule.minArea);
}

export function checkPerCapitaPark(m2PerPerson: number | null, rule: RulePreset['rules']['perCapitaPark']): RuleFailure | null {
  return checkMin('perCapitaPark', m2PerPerson, rule.m2PerPerson);
}

export function checkPerCapitaSports(m2PerPerson: number | null, rule: RulePreset['rules']['perCapitaSports']): RuleFailure | null {
  return checkMin('perCapitaSports', m2PerPerson, rule.m2PerPerson);
}

export function checkHealthPer1000(m2Per1000: number | null, rule: RulePreset['rules']['healthPer1000']): RuleFailure | null {
  return checkMin('healthPer1000', m2Per1000, rule.m2Per1000);
}

/** households within [min, max]; one failure naming the violated bound (null households fails min). */
export function checkCommunitySize(households: number | null, rule: RulePreset['rules']['communitySize']): RuleFailure | null {
  return checkMin('communitySize', households, rule.min) ?? checkMax('communitySize', households, rule.max);
}
