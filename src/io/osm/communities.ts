// Communities (小区 / 社区) from OSM, unnamed ones named for what they are plus a short ref, with
// households estimated from the housing inside:
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

/** What an unnamed area is called, by where the communities come from (layers.ts communitiesFrom). */
const UNNAMED = {
  landuse: { zh: '未命名小区', en: 'Unnamed compound' },
  admin: { zh: '未命名社区', en: 'Unnamed community' },
} as const;

/**
 * Short refs for OSM keys ("osm:way/609225889" → "5889"): the last four digits of the id, more
 * where two would read alike, the type and full id where the numbers are equal. Unique among `keys`.
 */
export function shortRefs(keys: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const items = keys.map((key) => ({ key, num: /\/(\d+)/.exec(key)?.[1] ?? key }));
  const assign = (group: typeof items, digits: number) => {
    const byRef = new Map<string, typeof items>();
    for (const it of group) {
      const ref = it.num.slice(-digits);
      const g = byRef.get(ref);
      if (g) g.push(it); else byRef.set(ref, [it]);
    }
    for (const [ref, g] of byRef) {
      if (g.length === 1) out.set(g[0].key, ref);
      else if (g.every((it) => it.num.length <= digits)) for (const it of g) out.set(it.key, it.key.replace(/^osm:/, ''));
      else assign(g, digits + 1);
    }
  };
  assign(items, 4);
  return out;
}

export interface CommunityNaming {
  /** Where the areas come from: residential compounds (小区) or administrative communities (社区). */
  from: 'landuse' | 'admin';
  /** Language of the names given to unnamed areas (default Chinese). */
  lang?: 'zh' | 'en';
}

export function buildCommunities(areas: AreaFeature[], housing: Building[], floorAreaPerDwelling_m2: number, naming: CommunityNaming = { from: 'landuse' }): CommunityBuild {
  const index = new AreaIndex(areas.map((area, i) => ({ area, i })));
  const floor = new Array<number>(areas.length).fill(0);
  const counts = new Array<number>(areas.length).fill(0);
  for (const b of housing) {
    const c = index.smallestContaining(b.area.centroid);
    if (!c) continue;
    floor[c.i] += b.floorArea_m2;
    counts[c.i]++;
  }
  const nameOf = (a: AreaFeature) => a.tags.name ?? a.tags['name:zh'] ?? a.tags['name:zh-Hans'] ?? a.tags['name:en'];
  // Unnamed areas read as "未命名小区 #5889": what they are and a short ref; the OSM id stays the id.
  const refs = shortRefs(areas.filter((a) => !nameOf(a)).map((a) => a.key));
  const unnamed = UNNAMED[naming.from][naming.lang ?? 'zh'];
  const communities = areas.map((a, i): Community => ({
    id: a.key,
    name: nameOf(a) ?? `${unnamed} #${refs.get(a.key)}`,
    households: counts[i] ? Math.max(1, Math.round(floor[i] / floorAreaPerDwelling_m2)) : null,
    setting: 'urban',
    geometry: a.geometry,
    ...(counts[i] ? { estimated: { households: true } } : {}),
  }));
  return { communities, buildingCounts: counts, floorAreas_m2: floor };
}
