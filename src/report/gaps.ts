// The gap each community page maps: the uncovered part of the community for its worst life-circle
// figure (the lowest share of any required category at any tier; ties go to the nearer tier, then
// the preset's category order); for a community whose life circles all reach everywhere, the
// green or park coverage it fails (the lower one). Computed from the prepared audit with the
// engine's uncoveredPart, so the app's worker and the command line give the renderer the same
// plain data.
import { uncoveredPart, type AuditContext } from '../engine/audit';
import type { AuditResult, CommunityResult, FacilityCategory, MultiPolygonCoords } from '../engine/types';
import { SHARE_EPSILON } from '../engine/rules/failure';

export type ReportPages = 'failing' | 'all' | 'none';

/** What a mapped gap is the gap of: a category at a tier, or green space / parks. */
export type GapTarget = { tier: string; category: FacilityCategory } | { green: 'green' | 'park' };

export type WorstGap = GapTarget & {
  /** Share 0..1 within reach. */
  share: number;
};

export type CommunityGap = WorstGap & {
  /** The part of the community not within reach, lon/lat. */
  uncovered: MultiPolygonCoords;
};

/** The gap to map for a community (null when nothing is short of full reach). */
export function worstGap(c: CommunityResult): WorstGap | null {
  let worst: WorstGap | null = null;
  const tiers = Object.keys(c.lifeCircles).sort((a, b) => Number(a) - Number(b));
  for (const tier of tiers)
    for (const [category, share] of Object.entries(c.lifeCircles[tier]) as [FacilityCategory, number][]) {
      if (share >= 1 - SHARE_EPSILON) continue;
      if (!worst || share < worst.share - SHARE_EPSILON) worst = { tier, category, share };
    }
  if (worst) return worst;
  const failing = (['park', 'green'] as const)
    .filter((g) => c.failures.some((f) => f.rule === (g === 'park' ? 'parkCoverage' : 'greenCoverage')))
    .map((g) => ({ green: g, share: g === 'park' ? c.parkCoverage : c.greenCoverage }))
    .sort((a, b) => a.share - b.share);
  return failing[0] ?? null;
}

/** Indices of the communities that get a page of their own. */
export function pageIndices(result: AuditResult, pages: ReportPages): number[] {
  if (pages === 'none') return [];
  const out: number[] = [];
  result.communities.forEach((c, i) => { if (pages === 'all' || c.status === 'fail') out.push(i); });
  return out;
}

/** The mapped gap of every community that gets a page, by community id (`result` from `ctx`). */
export function reportGaps(ctx: AuditContext, result: AuditResult, pages: ReportPages): Record<string, CommunityGap> {
  const gaps: Record<string, CommunityGap> = {};
  for (const i of pageIndices(result, pages)) {
    const c = result.communities[i];
    const g = worstGap(c);
    if (!g) continue;
    const uncovered = 'green' in g ? uncoveredPart(ctx, i, { green: g.green }) : uncoveredPart(ctx, i, g.tier, g.category);
    gaps[c.id] = { ...g, uncovered };
  }
  return gaps;
}
