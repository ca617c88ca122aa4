// Life circles: for every tier, each required category must reach ≥ threshold of the community's
// area within the tier distance (STANDARDS.md §1; 001: 15分钟街区级—10分钟社区级—5分钟小区级; GB 50180-2018
// distances). Straight-line mode divides tier distances by the preset's detour factor.
import type { DistanceMode, FacilityCategory, RulePreset } from '../types';
import { SHARE_EPSILON, type RuleFailure } from './failure';

/** Effective distance (m) per tier key for the mode. */
export function tierDistances(preset: RulePreset, mode: DistanceMode): Record<string, number> {
  const out: Record<string, number> = {};
  const f = mode === 'euclidean' && preset.detourFactor > 0 ? preset.detourFactor : 1;
  for (const [k, t] of Object.entries(preset.tiers)) out[k] = t.distance_m / f;
  return out;
}

export function checkLifeCircles(
  shares: Record<string, Partial<Record<FacilityCategory, number>>>,
  rule: RulePreset['rules']['lifeCircle'],
): RuleFailure[] {
  const out: RuleFailure[] = [];
  // for…in visits own keys in Object.entries' order, without an array of pairs per row.
  for (const tier in shares) {
    const cats = shares[tier];
    for (const key in cats) {
      const category = key as FacilityCategory, share = cats[category] as number;
      if (share + SHARE_EPSILON < rule.threshold) out.push({ rule: 'lifeCircle', actual: share, required: rule.threshold, bound: 'min', tier, category });
    }
  }
  return out;
}
