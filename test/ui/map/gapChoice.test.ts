// The gap map offers a tier's own categories and counts communities below the preset's threshold.
import { describe, expect, it } from 'vitest';
import { communitiesBelowThreshold, gapTiers, tierCategories, uncoveredCommunities, validGapChoice } from '../../../src/ui/map/gapChoice';
import { getPreset } from '../../../src/engine/presets';
import type { AuditResult, CommunityResult, RulePreset } from '../../../src/engine/types';

const national = getPreset('national-2022') as RulePreset; // threshold 0.9; 10 min: supermarket, primary_school
const chongqing = getPreset('chongqing-2020') as RulePreset; // tiers 10 and 20 only

const row = (share: number): CommunityResult => ({ lifeCircles: { '5': { kindergarten: share } } } as Partial<CommunityResult> as CommunityResult);
const result = { communities: [1, 0.95, 0.9, 0.899, 0.5, 0].map(row) } as Partial<AuditResult> as AuditResult;

describe('gap map choices', () => {
  it('offers only the categories the chosen tier requires', () => {
    expect(tierCategories(national, '10')).toEqual(['supermarket', 'primary_school']);
    expect(tierCategories(national, '5')).not.toContain('supermarket');
    expect(gapTiers(national)).toEqual(['5', '10', '15']);
    expect(gapTiers(chongqing)).toEqual(['10', '20']);
  });

  it('moves a choice the preset lacks to one it has', () => {
    expect(validGapChoice(national, '10', 'kindergarten')).toEqual({ tier: '10', category: 'supermarket' });
    expect(validGapChoice(national, '5', 'kindergarten')).toEqual({ tier: '5', category: 'kindergarten' });
    expect(validGapChoice(chongqing, '5', 'kindergarten')).toEqual({ tier: '10', category: 'kindergarten' });
  });

  it('counts communities below the threshold (90 %), not every one short of 100 %', () => {
    // Shares 1, 0.95, 0.9, 0.899, 0.5, 0: below 0.9 are 0.899, 0.5 and 0.
    expect(communitiesBelowThreshold(result, national, '5', 'kindergarten')).toBe(3);
    expect(uncoveredCommunities(result, '5', 'kindergarten')).toEqual([1, 2, 3, 4, 5]);
    expect(communitiesBelowThreshold(result, { ...national, rules: { ...national.rules, lifeCircle: { ...national.rules.lifeCircle, threshold: 1 } } }, '5', 'kindergarten')).toBe(5);
    // A category the tier does not require has no share: no gaps, no count.
    expect(uncoveredCommunities(result, '5', 'supermarket')).toEqual([]);
  });
});
