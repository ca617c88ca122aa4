// The gap map's choices and count. A tier offers only the categories the preset requires within
// it (requiredByTier; other categories have no share in the audit), and "N communities with gaps"
// counts the communities whose share is below the preset's life-circle threshold, as the audit's
// lifeCircle rule does (engine/rules/lifeCircles.ts), not every community short of 100 %.
import type { AuditResult, FacilityCategory, RulePreset } from '../../engine/types';
import { SHARE_EPSILON } from '../../engine/rules/failure';

/** Tiers that require at least one category, nearest first. */
export function gapTiers(preset: RulePreset): string[] {
  return Object.keys(preset.tiers)
    .filter((k) => (preset.requiredByTier[k] ?? []).length > 0)
    .sort((a, b) => preset.tiers[a].minutes - preset.tiers[b].minutes);
}

export function tierCategories(preset: RulePreset, tier: string): FacilityCategory[] {
  return [...(preset.requiredByTier[tier] ?? [])];
}

/** The choice itself when the preset has it, else the nearest valid one (first tier, first category). */
export function validGapChoice(preset: RulePreset, tier: string, category: FacilityCategory): { tier: string; category: FacilityCategory } {
  const tiers = gapTiers(preset);
  const t = tiers.includes(tier) ? tier : tiers[0] ?? tier;
  const cats = tierCategories(preset, t);
  return { tier: t, category: cats.includes(category) ? category : cats[0] ?? category };
}

/** Communities with any uncovered part (share < 100 %): the ones whose gaps the map draws. */
export function uncoveredCommunities(result: AuditResult, tier: string, category: FacilityCategory): number[] {
  const out: number[] = [];
  result.communities.forEach((r, i) => {
    const share = r.lifeCircles[tier]?.[category];
    if (share !== undefined && share < 1) out.push(i);
  });
  return out;
}

/** Communities below the preset's life-circle threshold for this tier and category. */
export function communitiesBelowThreshold(result: AuditResult, preset: RulePreset, tier: string, category: FacilityCategory): number {
  const threshold = preset.rules.lifeCircle.threshold;
  let n = 0;
  for (const r of result.communities) {
    const share = r.lifeCircles[tier]?.[category];
    if (share !== undefined && share + SHARE_EPSILON < threshold) n++;
  }
  return n;
}
