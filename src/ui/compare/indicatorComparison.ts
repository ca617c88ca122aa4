// The city-wide indicators of the two sides of a comparison, side by side: each indicator the
// indicators panel shows (text/indicatorText.ts shownIndicators, on either side) with its value
// in A and in B, the change (engine/indicators/indicatorDeltas.ts) and its direction, and whether
// the change is towards the document's target (above a minimum, below a maximum; higher is better
// where no target is set: every indicator counts coverage or provision). Pure.
import type { AuditResult, IndicatorResult, RulePreset } from '../../engine/types';
import { computeIndicators } from '../../engine/indicators/computeIndicators';
import { indicatorDeltas, type IndicatorDelta } from '../../engine/indicators/indicatorDeltas';
import { shownIndicators } from '../../text/indicatorText';

export interface IndicatorComparisonRow extends IndicatorDelta {
  indicator: IndicatorResult;
  direction: 'up' | 'down' | 'same' | null;
  /** The change moves towards the target (or up, without one); null when unchanged or unknown. */
  better: boolean | null;
}

/** Changes below this are the floating-point noise of totals over totals. */
const SAME = 1e-12;

export function compareIndicators(a: AuditResult, b: AuditResult, preset: RulePreset): IndicatorComparisonRow[] {
  const before = computeIndicators(a.communities, preset).area;
  const after = computeIndicators(b.communities, preset).area;
  const shown = new Set([...shownIndicators(before), ...shownIndicators(after)].map((x) => x.id));
  const byId = new Map(before.map((x) => [x.id, x]));
  return indicatorDeltas(before.filter((x) => shown.has(x.id)), after).map((d) => {
    const direction = d.change === null ? null : Math.abs(d.change) < SAME ? 'same' : d.change > 0 ? 'up' : 'down';
    const indicator = byId.get(d.id)!;
    const lowerIsBetter = indicator.target?.bound === 'max';
    const better = direction === 'up' ? !lowerIsBetter : direction === 'down' ? lowerIsBetter : null;
    return { ...d, indicator, direction, better };
  });
}
