// Community service floor area per 100 households ≥ threshold (STANDARDS.md §3; 002: 每百户不低于30平方米;
// 000/004: 20 m²; 001: 40 m²). Rural communities use ruralThreshold when the preset gives one.
import type { RulePreset, Setting } from '../types';
import { checkMin, type RuleFailure } from './failure';

/** serviceArea / households × 100; null when households is missing or ≤ 0 (the rule then fails). */
export function areaPer100Households(serviceArea_m2: number, households: number | null): number | null {
  if (households === null || !Number.isFinite(households) || households <= 0) return null;
  return (serviceArea_m2 / households) * 100;
}

export function checkAreaPer100Households(value: number | null, setting: Setting, rule: RulePreset['rules']['areaPer100Households']): RuleFailure | null {
  const required = setting === 'rural' && rule.ruralThreshold !== undefined ? rule.ruralThreshold : rule.threshold;
  return checkMin('areaPer100Households', value, required);
}
