// Which communities a moved facility can change (the incremental what-if): those within the
// facility category's reach of its old or new position (communitiesWithin: straight-line distance
// bounds walking distance, which is never shorter), plus the communities it was and is assigned to
// (floor-area rules). A category's reach is the largest tier distance at which the preset asks
// for it (requiredByTier, and the "6个1" tier when one of its groups lists it); a category that no
// distance rule asks for reaches no other community.
import { communitiesWithin, type AuditContext } from '../../engine/audit';
import type { FacilityCategory, Position, RulePreset } from '../../engine/types';

/** Largest distance (metres, from ctx.tierDistances) at which any rule of the preset looks for `category`; 0 for none. */
export function categoryReach(preset: RulePreset, tierDistances: Record<string, number>, category: FacilityCategory): number {
  let d = 0;
  for (const [tier, cats] of Object.entries(preset.requiredByTier)) {
    if (cats.includes(category)) d = Math.max(d, tierDistances[tier] ?? 0);
  }
  const six = preset.rules.sixOnes;
  if (six.groups.some((g) => g.categories.includes(category))) d = Math.max(d, tierDistances[six.tier] ?? 0);
  return d;
}

/**
 * Community indices (ascending) whose results a move of facility `index` from `from` to `to` can
 * change. `before`/`after` are the contexts before and after the move (for the assignments).
 */
export function affectedCommunities(before: AuditContext, after: AuditContext, index: number, from: Position, to: Position): number[] {
  const out = new Set<number>();
  const f = after.facilities[index];
  const wasIn = before.facilities[index]?.community ?? -1;
  const isIn = f?.community ?? -1;
  if (wasIn >= 0) out.add(wasIn);
  if (isIn >= 0) out.add(isIn);
  if (f?.category) {
    const d = categoryReach(after.preset, after.tierDistances, f.category);
    if (d > 0) for (const p of [from, to]) for (const i of communitiesWithin(after, p, d)) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}
