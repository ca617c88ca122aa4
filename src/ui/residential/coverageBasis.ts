// What the app says about the coverage basis of an audit (audit-cli.md "Coverage basis"): the
// run's basis (the one most communities use, and how many fell back to their area), households
// without reach for a tier and category (summary.householdsWithin), and per community.
import type { AuditResult, CommunityResult, CoverageBasis, FacilityCategory } from '../../engine/types';

export interface RunBasis {
  basis: CoverageBasis;
  /** Communities on the community-area basis although the run has residential land (no land in them). */
  fallbacks: number;
}

export const basisOf = (c: CommunityResult): CoverageBasis => c.coverageBasis ?? 'community-area';

/** The residential basis when any community uses one (households before area), else community area. */
export function runBasis(result: AuditResult): RunBasis {
  let hh = 0, area = 0, community = 0;
  for (const c of result.communities) {
    const b = basisOf(c);
    if (b === 'residential-households') hh++;
    else if (b === 'residential-area') area++;
    else community++;
  }
  const basis: CoverageBasis = hh ? 'residential-households' : area ? 'residential-area' : 'community-area';
  return { basis, fallbacks: basis === 'community-area' ? 0 : community };
}

/** Households with no facility of `category` within the tier: Σ households − householdsWithin; null without it. */
export function householdsWithout(result: AuditResult, tier: string, category: FacilityCategory): number | null {
  const within = result.summary.householdsWithin;
  const row = within?.[tier];
  if (!within || typeof row !== 'object' || row[category] === undefined) return null;
  return Math.max(0, result.summary.households - (row[category] ?? 0));
}

/** One community's households without reach for the tier and category: households × (1 − share). */
export function communityHouseholdsWithout(c: CommunityResult, tier: string, category: FacilityCategory): number | null {
  const share = c.lifeCircles[tier]?.[category];
  if (share === undefined || c.households === null || !Number.isFinite(c.households)) return null;
  return Math.round(c.households * (1 - share));
}
