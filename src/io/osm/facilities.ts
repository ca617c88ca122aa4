// Facilities from OSM nodes, closed ways and multipolygons (point = centroid), with an estimated
// floor area: the building that holds the facility (footprint × levels, shared equally by the
// facilities in it, capped at the top of the category's typical range), the building the facility itself is, the buildings standing inside a
// facility's grounds, else a per-category typical value (STANDARDS.md §2 ranges, midpoint).
import type { Facility, FacilityCategory, Position } from '../../engine/types';
import type { AreaFeature } from './areas';
import type { Building } from './buildings';
import { facilityCategory, isProposed } from './facilityCategory';
import { pointInMultiPolygon } from './geometry';
import { osmId, type OsmNode } from './model';
import { AreaIndex } from './spatialIndex';

/** Midpoints of the typical floor-area ranges in STANDARDS.md §2 (m²); no value = none given there. */
export const DEFAULT_FACILITY_FLOOR_AREA: Readonly<Partial<Record<FacilityCategory, number>>> = {
  community_service: 750, // 300–1200
  elderly_care: 475, // 200–750
  kindergarten: 2000, // 1000–3000
  health_station: 195, // 120–270
  health_center: 1850, // 1700–2000
  supermarket: 1100, // 200–2000
  activity_venue: 575, // 150–1000
  primary_school: 10000, // 5000–15000
  middle_school: 17500, // 10000–25000
  culture_center: 4500, // 3000–6000
};

/** Tops of the typical ranges in STANDARDS.md §2 (m²): a facility mapped as a point inside a larger
 * building uses only part of it, so its share of the building is capped here. */
export const TYPICAL_MAX_FLOOR_AREA: Readonly<Partial<Record<FacilityCategory, number>>> = {
  community_service: 1200,
  elderly_care: 750,
  kindergarten: 3000,
  health_station: 270,
  health_center: 2000,
  supermarket: 2000,
  activity_venue: 1000,
  primary_school: 15000,
  middle_school: 25000,
  culture_center: 6000,
};

export type FloorAreaSource = 'building' | 'own building' | 'buildings in grounds' | 'default' | 'none';

export interface FacilityBuild {
  facilities: Facility[];
  /** How each facility's floor area was found (same order as facilities). */
  floorAreaFrom: FloorAreaSource[];
  /** Buildings that hold a facility (not counted as housing when tagged building=yes). */
  facilityBuildings: Set<Building>;
  /** Areas dropped because a node of the same category inside them stands for the facility. */
  merged: number;
}

interface Candidate {
  id: string;
  name?: string;
  category: FacilityCategory;
  position: Position;
  proposed: boolean;
  area?: AreaFeature;
  /** Building this area facility itself is. */
  ownBuilding?: Building;
  /** For a node: the facility area of the same category it stands in. */
  grounds?: Candidate;
  dropped?: boolean;
}

const nameOf = (t: Record<string, string>): string | undefined => t.name ?? t['name:zh'] ?? t['name:zh-Hans'] ?? t['name:en'];

export function buildFacilities(
  nodes: OsmNode[],
  areas: AreaFeature[],
  buildings: AreaIndex<Building>,
  defaults: Readonly<Partial<Record<FacilityCategory, number | null>>>,
): FacilityBuild {
  const buildingByArea = new Map(buildings.items.map((b) => [b.area, b]));
  const nodeCands: Candidate[] = [];
  for (const n of nodes) {
    const category = facilityCategory(n.tags);
    if (category) nodeCands.push({ id: osmId('node', n.id), name: nameOf(n.tags), category, position: [n.lon, n.lat], proposed: isProposed(n.tags) });
  }
  const areaCands: Candidate[] = [];
  for (const a of areas) {
    const category = facilityCategory(a.tags);
    if (category) areaCands.push({ id: a.key, name: nameOf(a.tags), category, position: a.centroid, proposed: isProposed(a.tags), area: a, ownBuilding: buildingByArea.get(a) });
  }
  // A node inside an area of the same category is the same facility: keep the node.
  const areaIndex = new AreaIndex(areaCands.map((c) => ({ area: c.area as AreaFeature, c })));
  let merged = 0;
  for (const n of nodeCands) {
    const same = areaIndex.containing(n.position).filter((x) => x.c.category === n.category);
    if (!same.length) continue;
    same.sort((x, y) => x.area.area_m2 - y.area.area_m2);
    n.grounds = same[0].c;
    n.name ??= same[0].c.name;
    for (const s of same) if (!s.c.dropped) {
      s.c.dropped = true;
      merged++;
    }
  }
  const cands = [...nodeCands, ...areaCands.filter((c) => !c.dropped)];

  // Which building holds each node facility; buildings holding several share their floor area.
  const holder = new Map<Candidate, Building>();
  const perBuilding = new Map<Building, number>();
  const facilityBuildings = new Set<Building>();
  for (const c of cands) {
    if (c.area) {
      if (c.ownBuilding) facilityBuildings.add(c.ownBuilding);
      continue;
    }
    const b = buildings.smallestContaining(c.position);
    if (!b) continue;
    holder.set(c, b);
    perBuilding.set(b, (perBuilding.get(b) ?? 0) + 1);
    facilityBuildings.add(b);
  }
  const inGrounds = (a: AreaFeature): number => {
    let s = 0;
    for (const b of buildings.inBox(a.bbox)) {
      if (b.area !== a && pointInMultiPolygon(b.area.centroid, a.geometry)) {
        s += b.floorArea_m2;
        facilityBuildings.add(b);
      }
    }
    return s;
  };

  const facilities: Facility[] = [];
  const floorAreaFrom: FloorAreaSource[] = [];
  for (const c of cands) {
    let floorArea: number | null;
    let from: FloorAreaSource;
    const h = holder.get(c);
    if (h) {
      floorArea = Math.min(h.floorArea_m2 / (perBuilding.get(h) ?? 1), TYPICAL_MAX_FLOOR_AREA[c.category] ?? Infinity);
      from = 'building';
    } else if (c.ownBuilding) {
      floorArea = c.ownBuilding.floorArea_m2;
      from = 'own building';
    } else {
      const grounds = c.area ?? c.grounds?.area;
      const s = grounds ? inGrounds(grounds) : 0;
      if (s > 0) {
        floorArea = s;
        from = 'buildings in grounds';
      } else {
        floorArea = defaults[c.category] ?? null;
        from = floorArea === null ? 'none' : 'default';
      }
    }
    facilities.push({
      id: c.id,
      ...(c.name ? { name: c.name } : {}),
      category: c.category,
      floorArea: floorArea === null ? null : Math.round(floorArea),
      ...(floorArea === null ? {} : { floorAreaEstimated: true }),
      position: c.position,
      ...(c.proposed ? { proposed: true } : {}),
    });
    floorAreaFrom.push(from);
  }
  return { facilities, floorAreaFrom, facilityBuildings, merged };
}
