// "6个1" (001: 养老服务、托育/幼儿园、综合超市、卫生服务、公共活动场所、开放公共绿地各1个): each group is satisfied when
// any of its categories (or open green space, for the green group) reaches ≥ threshold of the
// community's area within the preset's tier (10-minute by default).
import type { RulePreset } from '../types';
import { SHARE_EPSILON, type RuleFailure } from './failure';

export function checkSixOnes(groupShares: Record<string, number>, rule: RulePreset['rules']['sixOnes']): { satisfied: Record<string, boolean>; failures: RuleFailure[] } {
  const satisfied: Record<string, boolean> = {};
  const failures: RuleFailure[] = [];
  for (const g of rule.groups) {
    const share = groupShares[g.key] ?? 0;
    const ok = share + SHARE_EPSILON >= rule.threshold;
    satisfied[g.key] = ok;
    if (!ok) failures.push({ rule: 'sixOnes', actual: share, required: rule.threshold, bound: 'min', tier: rule.tier, group: g.key });
  }
  return { satisfied, failures };
}
