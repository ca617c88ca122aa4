// Change of each city-wide indicator between two audits (a base and a scenario, or before and
// after an edit): "社区养老服务覆盖率 84 % → 92 %". Pure; the comparison view renders it.
import type { IndicatorId, IndicatorResult, IndicatorUnit } from '../types';

export interface IndicatorDelta {
  id: IndicatorId;
  unit: IndicatorUnit;
  before: number | null;
  after: number | null;
  /** after − before; null when either is null. */
  change: number | null;
  metBefore: boolean | null;
  metAfter: boolean | null;
}

/** Deltas for the indicators present in both lists, in the order of `a`; unchanged ones included. */
export function indicatorDeltas(a: readonly IndicatorResult[], b: readonly IndicatorResult[]): IndicatorDelta[] {
  const after = new Map(b.map((x) => [x.id, x]));
  const out: IndicatorDelta[] = [];
  for (const x of a) {
    const y = after.get(x.id);
    if (!y) continue;
    out.push({
      id: x.id,
      unit: x.unit,
      before: x.value,
      after: y.value,
      change: x.value === null || y.value === null ? null : y.value - x.value,
      metBefore: x.met,
      metAfter: y.met,
    });
  }
  return out;
}
