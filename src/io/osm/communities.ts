// Communities (小区 / 社区) from OSM, with households estimated from the housing inside:
// Σ(footprint m² × levels) ÷ floor area per dwelling, each building counted in the smallest
// community holding its centroid. Source of the method: shared/data/real/README.md ("households
// from residential building footprint × levels ÷ floor area per dwelling").
import type { Community } from '../../engine/types';
import type { AreaFeature } from './areas';
import type { Building } from './buildings';
import { AreaIndex } from './spatialIndex';

export interface CommunityBuild {
  communities: Community[];
  /** Housing buildings counted per community (same order). */
  buildingCounts: number[];
  /** Housing floor area per community, m² (same order). */
  floorAreas_m2: number[];
}

export function isResidentialLanduse(a: AreaFeature): boolean {
  return a.tags.landuse === 'residential';
}

export function isAdminArea(a: AreaFeature, adminLevel: number): boolean {
  return a.tags.boundary === 'administrative' && a.tags.admin_level === String(adminLevel);
}

export function buildCommunities(areas: AreaFeature[], housing: Building[], floorAreaPerDwelling_m2: number): CommunityBuild {
  const index = new AreaIndex(areas.map((area, i) => ({ area, i })));
  const floor = new Array<number>(areas.length).fill(0);
  const counts = new Array<number>(areas.length).fill(0);
  for (const b of housing) {
    const c = index.smallestContaining(b.area.centroid);
    if (!c) continue;
    floor[c.i] += b.floorArea_m2;
    counts[c.i]++;
  }
  const communities = areas.map((a, i): Community => ({
    id: a.key,
    name: a.tags.name ?? a.tags['name:zh'] ?? a.tags['name:zh-Hans'] ?? a.tags['name:en'] ?? a.key,
    households: counts[i] ? Math.max(1, Math.round(floor[i] / floorAreaPerDwelling_m2)) : null,
    setting: 'urban',
    geometry: a.geometry,
    ...(counts[i] ? { estimated: { households: true } } : {}),
  }));
  return { communities, buildingCounts: counts, floorAreas_m2: floor };
}
