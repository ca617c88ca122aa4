// Builds Failure records (types.ts) for "actual ≥ required" and "actual ≤ required" checks.
import type { Failure, RuleId } from '../types';

/** A failure when actual is null (cannot be computed) or below `required`; else null. */
export function checkMin(rule: RuleId, actual: number | null, required: number, source: string, extra?: Partial<Failure>): Failure | null {
  if (actual !== null && Number.isFinite(actual) && actual >= required) return null;
  return { rule, actual, required, bound: 'min', source, ...extra };
}

/** A failure when actual is null or above `required`; else null. */
export function checkMax(rule: RuleId, actual: number | null, required: number, source: string, extra?: Partial<Failure>): Failure | null {
  if (actual !== null && Number.isFinite(actual) && actual <= required) return null;
  return { rule, actual, required, bound: 'max', source, ...extra };
}

/** Comparisons of shares tolerate float noise of clipping (1e-9). */
export const SHARE_EPSILON = 1e-9;
