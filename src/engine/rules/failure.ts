// Builds failure records (types.ts Failure, without the citation: the audit attaches the preset's
// citation of the rule, citation.ts) for "actual ≥ required" and "actual ≤ required" checks.
import type { Failure, RuleId } from '../types';

/** A failure as a rule reports it; the audit adds `source`. */
export type RuleFailure = Omit<Failure, 'source'>;

/** A failure when actual is null (cannot be computed) or below `required`; else null. */
export function checkMin(rule: RuleId, actual: number | null, required: number, extra?: Partial<RuleFailure>): RuleFailure | null {
  if (actual !== null && Number.isFinite(actual) && actual >= required) return null;
  return { rule, actual, required, bound: 'min', ...extra };
}

/** A failure when actual is null or above `required`; else null. */
export function checkMax(rule: RuleId, actual: number | null, required: number, extra?: Partial<RuleFailure>): RuleFailure | null {
  if (actual !== null && Number.isFinite(actual) && actual <= required) return null;
  return { rule, actual, required, bound: 'max', ...extra };
}

/** Comparisons of shares tolerate float noise of clipping (1e-9). */
export const SHARE_EPSILON = 1e-9;
