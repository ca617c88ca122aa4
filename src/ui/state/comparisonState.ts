// The comparison map's slice of the app store: whether the side-by-side comparison is open, side
// A's audit (the scenario compared with, or the base data: `scenarios.compare.otherId`), and the
// gap layer of each side; with its pure updaters. Side B is always the current scenario, whose
// audit is the store's `audit.result`. Which scenario is compared lives in the scenarios slice
// (`scenarios.compare`), shared with the delta table; this slice only holds what the map view needs.
import type { AuditResult } from '../../engine/types';
import type { Edit } from '../../planning/scenario';
import type { Gap } from '../../worker/engine.worker';

export type ComparisonSide = 'a' | 'b';

/** One side's gap layer: the uncovered parts for `key` (`tier|category`) of the audit `result`. */
export interface SideGaps {
  key: string;
  result: AuditResult;
  gaps: Gap[];
}

export interface ComparisonState {
  open: boolean;
  /** Large type for a meeting room: the maps and the indicator deltas only, read from afar. */
  large: boolean;
  /** Side A's audit: the scenario `id` (BASE_ID: the base data) with `edits`, audited on the same base as `with`. */
  other: { id: string; edits: readonly Edit[]; with: AuditResult; result: AuditResult } | null;
  gaps: { a: SideGaps | null; b: SideGaps | null };
}

export const initialComparisonState: ComparisonState = { open: false, large: false, other: null, gaps: { a: null, b: null } };

export type ComparisonAction =
  | { type: 'comparison/opened' }
  | { type: 'comparison/closed' }
  | { type: 'comparison/largeType'; on: boolean }
  /** Side A's audit for scenario `otherId` with `edits`, computed beside the current audit `with`. */
  | { type: 'comparison/audited'; otherId: string; edits: readonly Edit[]; with: AuditResult; result: AuditResult }
  /** One side's gap layer for `key` of the audit `result`. */
  | { type: 'comparison/gaps'; side: ComparisonSide; key: string; result: AuditResult; gaps: Gap[] };

export const isComparisonAction = (a: { type: string }): a is ComparisonAction => a.type.startsWith('comparison/');

/** The comparison after action `a` (the scenarios slice's part of opening is done by appReducer). */
export function comparisonReducer(s: ComparisonState, a: ComparisonAction): ComparisonState {
  switch (a.type) {
    case 'comparison/opened':
      return s.open ? s : { ...s, open: true };
    case 'comparison/closed':
      // Closing drops the computed sides: they describe scenarios that may change meanwhile.
      return s.open || s.other || s.gaps.a || s.gaps.b ? { ...initialComparisonState, large: s.large } : s;
    case 'comparison/largeType':
      return s.large === a.on ? s : { ...s, large: a.on };
    case 'comparison/audited':
      return s.open ? { ...s, other: { id: a.otherId, edits: a.edits, with: a.with, result: a.result } } : s;
    case 'comparison/gaps':
      return s.open ? { ...s, gaps: { ...s.gaps, [a.side]: { key: a.key, result: a.result, gaps: a.gaps } } } : s;
  }
}

/** Indices of the communities whose status differs between two audits of the same communities. */
export function statusChanged(a: AuditResult, b: AuditResult): number[] {
  if (a.communities.length !== b.communities.length) return [];
  const out: number[] = [];
  for (let i = 0; i < a.communities.length; i++) if (a.communities[i].status !== b.communities[i].status) out.push(i);
  return out;
}
