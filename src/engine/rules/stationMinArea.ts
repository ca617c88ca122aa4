// Largest single community_service facility ≥ the urban / rural minimum (STANDARDS.md §3;
// 000/004: 社区服务站面积不应少于300平方米; 002: 农村社区综合服务设施单体面积不低于200平方米).
import type { RulePreset, Setting } from '../types';
import { checkMin, type RuleFailure } from './failure';

export function largestStation(floorAreas: number[]): number {
  let m = 0;
  for (const a of floorAreas) if (a > m) m = a;
  return m;
}

export function checkStationMinArea(largest_m2: number, setting: Setting, rule: RulePreset['rules']['stationMinArea']): RuleFailure | null {
  return checkMin('stationMinArea', largest_m2, setting === 'rural' ? rule.rural : rule.urban);
}
