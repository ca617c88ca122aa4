// Naive Turf baseline for the audit benchmark: per rule, turf.buffer every source, turf.union them,
// then turf.intersect + turf.area per community (the approach STACK-NOTES warns against).
// Time-boxed: throws 'timeout' once the budget is spent, checked between operations.
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Dataset, FacilityCategory, RulePreset } from '../../src/engine/types';

export class BaselineTimeout extends Error {}

export function turfBaselineAudit(data: Dataset, preset: RulePreset, budget_ms: number): { shares: number } {
  const t0 = performance.now();
  const check = () => { if (performance.now() - t0 > budget_ms) throw new BaselineTimeout('timeout'); };
  const communities = data.communities.map((c) => turf.multiPolygon(c.geometry));
  const areas = communities.map((c) => turf.area(c));
  let shares = 0;
  const coverage = (cover: Feature<Polygon | MultiPolygon> | null) => {
    for (let i = 0; i < communities.length; i++) {
      check();
      if (!cover) continue;
      const inter = turf.intersect(turf.featureCollection([communities[i], cover]));
      shares += inter ? turf.area(inter) / areas[i] : 0;
    }
  };
  const unionAll = (features: Feature<Polygon | MultiPolygon>[]) => {
    if (!features.length) return null;
    if (features.length === 1) return features[0];
    check();
    return turf.union(turf.featureCollection(features)) as Feature<Polygon | MultiPolygon> | null;
  };
  // Facility rules: one buffered union per (tier, category).
  for (const [tier, cats] of Object.entries(preset.requiredByTier)) {
    const d = preset.tiers[tier].distance_m / preset.detourFactor;
    for (const cat of cats as FacilityCategory[]) {
      const buffers: Feature<Polygon | MultiPolygon>[] = [];
      for (const f of data.facilities) {
        if (f.category !== cat) continue;
        check();
        const b = turf.buffer(turf.point(f.position), d / 1000, { units: 'kilometers' });
        if (b) buffers.push(b);
      }
      coverage(unionAll(buffers));
    }
  }
  // Green and park coverage.
  for (const [kind, d] of [['green', preset.rules.greenCoverage.distance_m], ['park', preset.rules.parkCoverage.distance_m]] as const) {
    const buffers: Feature<Polygon | MultiPolygon>[] = [];
    for (const g of data.green) {
      if (kind === 'park' && g.kind !== 'park') continue;
      check();
      const b = turf.buffer(turf.multiPolygon(g.geometry), d / 1000, { units: 'kilometers' });
      if (b) buffers.push(b as Feature<Polygon | MultiPolygon>);
    }
    coverage(unionAll(buffers));
  }
  return { shares };
}
