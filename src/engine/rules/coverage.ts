// Green / park coverage: share of the community's area within d of green space ≥ threshold
// (STANDARDS.md §3; 001: 300米见绿、500米见园, 公园绿地服务半径覆盖率超过95%). Green coverage counts every
// green polygon (parks are green space too); park coverage counts `park` polygons only.
import type { RulePreset } from '../types';
import { SHARE_EPSILON, type RuleFailure } from './failure';

function checkShare(rule: 'greenCoverage' | 'parkCoverage', share: number, threshold: number): RuleFailure | null {
  return share + SHARE_EPSILON >= threshold ? null : { rule, actual: share, required: threshold, bound: 'min' };
}

export function checkGreenCoverage(share: number, rule: RulePreset['rules']['greenCoverage']): RuleFailure | null {
  return checkShare('greenCoverage', share, rule.threshold);
}

export function checkParkCoverage(share: number, rule: RulePreset['rules']['parkCoverage']): RuleFailure | null {
  return checkShare('parkCoverage', share, rule.threshold);
}
