// What the community fill colour shows: status, or one metric in real units with the standard
// as the midpoint of a diverging scale (below the standard = orange, at/above = purple).
import type { CommunityResult, FacilityCategory, RulePreset } from '../../engine/types';
import { ABOVE, BELOW, FAIL, NODATA, PASS, type RGBA } from './colors';

export type MetricKey = 'status' | 'areaPer100Households' | 'largestStation' | 'greenCoverage' | 'parkCoverage' | 'lifeCircle' | 'failures';
export const METRIC_KEYS: MetricKey[] = ['status', 'areaPer100Households', 'largestStation', 'greenCoverage', 'parkCoverage', 'lifeCircle', 'failures'];

export type MetricUnit = 'm2per100' | 'm2' | 'percent' | 'count' | 'status';

export interface MetricScale {
  unit: MetricUnit;
  /** The standard (pass at or above), when the metric has one. */
  threshold: number | null;
  /** Class breaks (ascending) in the metric's own unit (shares 0..1); colours has breaks+1 entries. */
  breaks: number[];
  colors: RGBA[];
  /** Higher is better (all but failures). */
  higherIsBetter: boolean;
}

export function metricValue(r: CommunityResult, key: MetricKey, tier: string, category: FacilityCategory): number | null {
  switch (key) {
    case 'status': return r.status === 'fail' ? 0 : 1;
    case 'areaPer100Households': return r.areaPer100Households_m2;
    case 'largestStation': return r.largestStation_m2;
    case 'greenCoverage': return r.greenCoverage;
    case 'parkCoverage': return r.parkCoverage;
    case 'lifeCircle': return r.lifeCircles[tier]?.[category] ?? null;
    case 'failures': return r.failures.length;
  }
}

export function metricScale(key: MetricKey, preset: RulePreset): MetricScale {
  const diverging = (t: number, unit: MetricUnit): MetricScale => ({
    unit,
    threshold: t,
    breaks: [t * 0.5, t * 0.8, t, t * 1.25, t * 1.6],
    colors: [...BELOW, ...ABOVE],
    higherIsBetter: true,
  });
  switch (key) {
    case 'status': return { unit: 'status', threshold: null, breaks: [0.5], colors: [FAIL, PASS], higherIsBetter: true };
    case 'areaPer100Households': return diverging(preset.rules.areaPer100Households.threshold, 'm2per100');
    case 'largestStation': return diverging(preset.rules.stationMinArea.urban, 'm2');
    case 'greenCoverage': return shareScale(preset.rules.greenCoverage.threshold);
    case 'parkCoverage': return shareScale(preset.rules.parkCoverage.threshold);
    case 'lifeCircle': return shareScale(preset.rules.lifeCircle.threshold);
    case 'failures': return { unit: 'count', threshold: null, breaks: [1, 2, 3], colors: [ABOVE[1], BELOW[2], BELOW[1], BELOW[0]], higherIsBetter: false };
  }
}

function shareScale(t: number): MetricScale {
  // Shares cap at 1: classes below the standard, then one class for "meets it".
  return { unit: 'percent', threshold: t, breaks: [t * 0.5, t * 0.8, t], colors: [...BELOW, ABOVE[1]], higherIsBetter: true };
}

export function colorFor(scale: MetricScale, v: number | null): RGBA {
  if (v === null || !Number.isFinite(v)) return NODATA;
  let i = 0;
  while (i < scale.breaks.length && v >= scale.breaks[i]) i++;
  return scale.colors[i];
}
