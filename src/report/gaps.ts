// The gap each community page maps: the uncovered part of the community for its worst life-circle
// figure (the lowest share of any required category at any tier; ties go to the nearer tier, then
// the preset's category order). Computed from the prepared audit with the engine's uncoveredPart,
// so the app's worker and the command line give the renderer the same plain data.
import { uncoveredPart, type AuditContext } from '../engine/audit';
import type { AuditResult, CommunityResult, FacilityCategory, MultiPolygonCoords } from '../engine/types';
import { SHARE_EPSILON } from '../engine/rules/failure';

export type ReportPages = 'failing' | 'all' | 'none';

export interface LifeCircleGap {
  tier: string;
  category: FacilityCategory;
  /** Share 0..1 within reach. */
  share: number;
}

export interface CommunityGap extends LifeCircleGap {
  /** The part of the community not within reach, lon/lat. */
  uncovered: MultiPolygonCoords;
}

/** Lowest life-circle share below 1 (null when every required category reaches all of it). */
export function worstLifeCircleGap(c: CommunityResult): LifeCircleGap | null {
  let worst: LifeCircleGap | null = null;
  const tiers = Object.keys(c.lifeCircles).sort((a, b) => Number(a) - Number(b));
  for (const tier of tiers)
    for (const [category, share] of Object.entries(c.lifeCircles[tier]) as [FacilityCategory, number][]) {
      if (share >= 1 - SHARE_EPSILON) continue;
      if (!worst || share < worst.share - SHARE_EPSILON) worst = { tier, category, share };
    }
  return worst;
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
    const g = worstLifeCircleGap(c);
    if (g) gaps[c.id] = { ...g, uncovered: uncoveredPart(ctx, i, g.tier, g.category) };
  }
  return gaps;
}
