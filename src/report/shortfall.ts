// A failure's shortfall in the units a bureau budgets in (report-cli.md §4): floor area missing in
// m² for the floor-area rules, and for the coverage rules the share outside the distance and how
// many households that is. The households are exact only on a households basis (audit-cli.md
// "Coverage basis"): otherwise the share is of area and the households are an area-proportional
// estimate (households assumed evenly spread), marked as such.
import type { CommunityResult, Failure } from '../engine/types';

export interface Shortfall {
  /** Floor area (or land for parks, sports ground) missing to meet the rule, m². */
  area_m2?: number;
  /** What the area is: floor area of community service facilities, of one station, … */
  areaKind?: 'serviceFloor' | 'stationFloor' | 'venue' | 'park' | 'sports' | 'healthFloor';
  /** Share 0..1 outside the distance (of households, residential land or community area). */
  shareOutside?: number;
  /** Households outside the distance. */
  householdsOutside?: number;
  /** householdsOutside rests on an estimate: area-proportional, or estimated households. */
  householdsEstimated?: boolean;
}

/** The coverage basis of a community result (audit-cli.md), community area when not reported. */
export function coverageBasisOf(c: CommunityResult): 'residential-households' | 'residential-area' | 'community-area' {
  const b = (c as CommunityResult & { coverageBasis?: string }).coverageBasis;
  return b === 'residential-households' || b === 'residential-area' ? b : 'community-area';
}

const COVERAGE_RULES = new Set(['greenCoverage', 'parkCoverage', 'lifeCircle', 'sixOnes']);

const positive = (v: number): number => Math.max(0, v);

/** The shortfall of one failure of community `c`; null when the rule has no budgetable shortfall
 *  (community size) or its figure cannot be computed (e.g. no households). */
export function shortfall(f: Failure, c: CommunityResult): Shortfall | null {
  const hh = c.households !== null && Number.isFinite(c.households) && c.households > 0 ? c.households : null;
  const pop = c.population !== null && Number.isFinite(c.population) && c.population > 0 ? c.population : null;
  if (COVERAGE_RULES.has(f.rule)) {
    if (f.actual === null) return null;
    const shareOutside = positive(1 - f.actual);
    const s: Shortfall = { shareOutside };
    if (hh !== null) {
      s.householdsOutside = hh * shareOutside;
      s.householdsEstimated = coverageBasisOf(c) !== 'residential-households' || c.estimates.includes('households');
    }
    return s;
  }
  switch (f.rule) {
    case 'areaPer100Households':
      // 30 m² per 100 households → 30 × households / 100 m² needed, minus what there is.
      return hh === null ? null : { area_m2: positive((f.required * hh) / 100 - c.serviceArea_m2), areaKind: 'serviceFloor' };
    case 'stationMinArea':
      return { area_m2: positive(f.required - c.largestStation_m2), areaKind: 'stationFloor' };
    case 'outdoorVenue':
      return f.actual === null ? null : { area_m2: positive(f.required - f.actual), areaKind: 'venue' };
    case 'perCapitaPark':
      return f.actual === null || pop === null ? null : { area_m2: positive((f.required - f.actual) * pop), areaKind: 'park' };
    case 'perCapitaSports':
      return f.actual === null || pop === null ? null : { area_m2: positive((f.required - f.actual) * pop), areaKind: 'sports' };
    case 'healthPer1000':
      return f.actual === null || pop === null ? null : { area_m2: positive(((f.required - f.actual) * pop) / 1000), areaKind: 'healthFloor' };
    default:
      return null;
  }
}
