// From the parsed OSM model to engine layers: communities (with estimated households),
// facilities (with estimated floor areas), green space, the walking network, and notes saying
// what was estimated with which parameters.
import type { FacilityCategory, GreenSpace, RoadLine } from '../../engine/types';
import { collectAreas, type AreaFeature } from './areas';
import { DEFAULT_LEVELS, isBuilding, isHousingType, isPlainBuilding, makeBuilding, type Building } from './buildings';
import { buildCommunities, isAdminArea, isResidentialLanduse } from './communities';
import { DEFAULT_FACILITY_FLOOR_AREA, buildFacilities, type FloorAreaSource } from './facilities';
import { facilityCategory } from './facilityCategory';
import { buildGreen, greenKind } from './green';
import type { OsmModel, Tags } from './model';
import { buildRoads } from './roads';
import { buildResidential } from './residential';
import { AreaIndex } from './spatialIndex';
import type { OsmLayers } from './index';

export const DEFAULT_FLOOR_AREA_PER_DWELLING_M2 = 90;
export const DEFAULT_ADMIN_LEVEL = 10;

export interface OsmLayerOptions {
  /** Floor area per dwelling (m²) used to estimate households from residential buildings. Default 90. */
  floorAreaPerDwelling_m2?: number;
  /** Levels assumed per `building` value when a building has no building:levels/height (merged over DEFAULT_LEVELS). */
  defaultLevels?: Partial<Record<string, number>>;
  /** Communities from `landuse=residential` compounds (default) or administrative boundaries. */
  communitiesFrom?: 'landuse' | 'admin';
  /** admin_level of the boundaries used when communitiesFrom = 'admin' (default 10, 社区/村 in China). */
  adminLevel?: number;
  /** Floor area per category when no building holds a facility (merged over DEFAULT_FACILITY_FLOOR_AREA; null = leave missing). */
  defaultFloorArea?: Partial<Record<FacilityCategory, number | null>>;
  /** Build only these layers (default: all). E.g. ['roads'] for a walking network skips all area work. */
  layers?: OsmLayerName[];
  /** Language of generated text such as the names of unnamed compounds (default Chinese). */
  lang?: 'zh' | 'en';
}

export type OsmLayerName = 'communities' | 'facilities' | 'green' | 'roads' | 'residential';
const ALL_LAYERS: OsmLayerName[] = ['communities', 'facilities', 'green', 'roads', 'residential'];

export interface OsmStats {
  nodes: number;
  ways: number;
  relations: number;
  buildings: number;
  /** Buildings counted as housing in some community. */
  housingBuildings: number;
  /** Areal features dropped because nodes or member ways lie outside the file. */
  incompleteAreas: number;
  /** Walkable ways used / clipped at the extract edge. */
  walkableWays: number;
  clippedWays: number;
}

/** The layers of an OSM file: the same shape readOsm returns (index.ts OsmLayers). */
export type BuiltLayers = OsmLayers;

const AREA_KEYS = ['building', 'landuse', 'leisure', 'natural', 'boundary'];

export function buildOsmLayers(model: OsmModel, fileName: string, options: OsmLayerOptions = {}): BuiltLayers {
  const perDwelling = options.floorAreaPerDwelling_m2 ?? DEFAULT_FLOOR_AREA_PER_DWELLING_M2;
  if (!(perDwelling > 0)) throw new Error(`${fileName}: floor area per dwelling must be > 0 m² (got ${perDwelling})`);
  const levels: Record<string, number> = { ...DEFAULT_LEVELS };
  for (const [k, v] of Object.entries(options.defaultLevels ?? {})) if (v !== undefined) levels[k] = v;
  const floorDefaults: Partial<Record<FacilityCategory, number | null>> = { ...DEFAULT_FACILITY_FLOOR_AREA, ...options.defaultFloorArea };
  const from = options.communitiesFrom ?? 'landuse';
  const adminLevel = options.adminLevel ?? DEFAULT_ADMIN_LEVEL;

  const want = new Set(options.layers ?? ALL_LAYERS);
  const needAreas = want.has('communities') || want.has('facilities') || want.has('green') || want.has('residential');

  const wanted = (t: Tags): boolean => AREA_KEYS.some((k) => t[k] !== undefined) || facilityCategory(t) !== null;
  const { areas, incomplete } = needAreas ? collectAreas(model, wanted) : { areas: [], incomplete: [] };

  const buildingAreas = areas.filter((a) => isBuilding(a.tags));
  const residentialAreas = areas.filter(isResidentialLanduse);
  const residentialIndex = new AreaIndex(residentialAreas.map((area) => ({ area })));
  const housingMemo = new Map<AreaFeature, boolean>();
  const housingCandidate = (a: AreaFeature): boolean => {
    let h = housingMemo.get(a);
    if (h === undefined) {
      h = isHousingType(a.tags) || (isPlainBuilding(a.tags) && residentialIndex.containing(a.centroid).length > 0);
      housingMemo.set(a, h);
    }
    return h;
  };
  // Facilities first, with building=yes at the default levels of non-housing buildings; then the
  // buildings left as housing, with housing default levels.
  const buildings: Building[] = buildingAreas.map((a) => makeBuilding(a, levels, false));
  const buildingIndex = new AreaIndex(buildings);
  // Communities need the facilities too: a building=yes holding one is not housing.
  const fac = needAreas && (want.has('facilities') || want.has('communities') || want.has('residential'))
    ? buildFacilities(model.taggedNodes, areas, buildingIndex, floorDefaults)
    : { facilities: [], floorAreaFrom: [], facilityBuildings: new Set<Building>(), merged: 0 };
  const housing = buildings
    .filter((b) => housingCandidate(b.area) && !(b.type === 'yes' && fac.facilityBuildings.has(b)))
    .map((b) => makeBuilding(b.area, levels, true));

  const communityAreas = !want.has('communities') ? [] : from === 'admin' ? areas.filter((a) => isAdminArea(a, adminLevel)) : residentialAreas;
  const com = buildCommunities(communityAreas, housing, perDwelling, { from, lang: options.lang });
  const res = want.has('residential') ? buildResidential(residentialAreas, housing, perDwelling) : null;
  const green = want.has('green') ? buildGreen(areas.filter((a) => greenKind(a.tags) !== null)) : [];
  const roads = want.has('roads') ? buildRoads(model) : { roads: [], ways: 0, clipped: 0, excluded: { 'not walkable': 0, 'foot=no': 0, access: 0 } };

  const stats: OsmStats = {
    nodes: model.nodeCount,
    ways: model.ways.length,
    relations: model.relations.length,
    buildings: buildings.length,
    housingBuildings: com.buildingCounts.reduce((s, n) => s + n, 0),
    incompleteAreas: incomplete.length,
    walkableWays: roads.ways,
    clippedWays: roads.clipped,
  };
  const notes = makeNotes({ want, fileName, from, adminLevel, perDwelling, levels, floorDefaults, stats, com, fac, green, roads: roads.roads, roadBuild: roads, buildings, res });
  return { communities: com.communities, facilities: want.has('facilities') ? fac.facilities : [], green, roads: roads.roads, residential: res?.residential ?? [], notes, stats };
}

function makeNotes(x: {
  want: Set<OsmLayerName>;
  fileName: string;
  from: 'landuse' | 'admin';
  adminLevel: number;
  perDwelling: number;
  levels: Record<string, number>;
  floorDefaults: Partial<Record<FacilityCategory, number | null>>;
  stats: OsmStats;
  com: ReturnType<typeof buildCommunities>;
  fac: ReturnType<typeof buildFacilities>;
  green: GreenSpace[];
  roads: RoadLine[];
  roadBuild: ReturnType<typeof buildRoads>;
  buildings: Building[];
  res: ReturnType<typeof buildResidential> | null;
}): string[] {
  const { stats, com, fac, want } = x;
  const notes: string[] = [];
  notes.push(
    `${x.fileName}: OpenStreetMap 数据 ${stats.nodes} 个节点、${stats.ways} 条路径、${stats.relations} 个关系 / ${stats.nodes} nodes, ${stats.ways} ways, ${stats.relations} relations.`,
  );
  if (want.has('communities')) {
    const estimated = com.communities.filter((c) => c.estimated?.households).length;
    const noHousing = com.communities.length - estimated;
    const src = x.from === 'admin' ? `boundary=administrative, admin_level=${x.adminLevel}` : 'landuse=residential';
    notes.push(
      `社区 ${com.communities.length} 个（来自 ${src}）；户数为估算值：住宅建筑基底面积 × 层数 ÷ 每户建筑面积 ${x.perDwelling} m²，共计入 ${stats.housingBuildings} 栋住宅建筑。` +
        ` / ${com.communities.length} communities from ${src}; households are ESTIMATES: housing footprint × levels ÷ ${x.perDwelling} m² per dwelling, from ${stats.housingBuildings} housing buildings (assigned by centroid).`,
    );
    if (noHousing) {
      notes.push(`${noHousing} 个社区内没有住宅建筑，户数缺失，需补充。 / ${noHousing} communities hold no mapped housing: households left missing, fill them in.`);
    }
  }
  if (x.res) {
    const r = x.res;
    notes.push(
      `居住用地 ${r.residential.length} 处：landuse=residential ${r.compoundsWithHousing + r.compoundsWithoutHousing} 处（${r.compoundsWithoutHousing} 处内无住宅建筑、无户数），小区外住宅建筑 ${r.buildingsAlone} 栋；户数为估算值：住宅建筑基底面积 × 层数 ÷ 每户建筑面积 ${x.perDwelling} m²。` +
        ` / Residential land: ${r.residential.length} features: ${r.compoundsWithHousing + r.compoundsWithoutHousing} landuse=residential (${r.compoundsWithoutHousing} without mapped housing, so without households) and ${r.buildingsAlone} housing buildings outside them; households are ESTIMATES: housing footprint × levels ÷ ${x.perDwelling} m² per dwelling.`,
    );
  }
  if (want.has('communities') || want.has('facilities') || want.has('residential')) {
    const withLevels = x.buildings.filter((b) => b.levelsFrom === 'building:levels').length;
    const withHeight = x.buildings.filter((b) => b.levelsFrom === 'height').length;
    const lv = Object.entries(x.levels).map(([k, v]) => `${k} ${v}`).join(', ');
    notes.push(
      `建筑 ${stats.buildings} 栋，其中 ${withLevels} 栋有 building:levels，${withHeight} 栋按高度 ÷ 3 m 推算层数，其余按类型默认层数（${lv}）。` +
        ` / ${stats.buildings} buildings: ${withLevels} with building:levels, ${withHeight} with levels from height ÷ 3 m, the rest use default levels by type (${lv}).`,
    );
  }
  if (want.has('facilities')) {
    const bySrc = (s: FloorAreaSource) => fac.floorAreaFrom.filter((f) => f === s).length;
    const defaultsText = Object.entries(x.floorDefaults).filter(([, v]) => v != null).map(([k, v]) => `${k} ${v}`).join(', ');
    notes.push(
      `设施 ${fac.facilities.length} 处；建筑面积均为估算：${bySrc('building')} 处取所在建筑（基底 × 层数，同楼设施均分，不超过典型面积上限），${bySrc('own building')} 处取自身建筑，${bySrc('buildings in grounds')} 处取用地内建筑，${bySrc('default')} 处用类型默认值，${bySrc('none')} 处无面积。` +
        ` / ${fac.facilities.length} facilities; floor areas are ESTIMATES: ${bySrc('building')} from the building holding them (footprint × levels, shared equally, capped at the top of the typical range), ${bySrc('own building')} from their own building, ${bySrc('buildings in grounds')} from the buildings in their grounds, ${bySrc('default')} from category defaults (${defaultsText} m²), ${bySrc('none')} without area.`,
    );
    const proposed = fac.facilities.filter((f) => f.proposed).length;
    if (proposed) notes.push(`${proposed} 处设施为规划/在建（proposed）。 / ${proposed} facilities are planned or under construction (marked proposed).`);
  }
  if (want.has('green')) {
    const parks = x.green.filter((g) => g.kind === 'park').length;
    notes.push(`绿地：公园 ${parks} 处，其他绿地 ${x.green.length - parks} 处。 / Green: ${parks} parks, ${x.green.length - parks} other green areas.`);
  }
  if (want.has('roads')) {
    const rb = x.roadBuild;
    notes.push(
      `步行网络：${rb.ways} 条可步行道路拆分为 ${x.roads.length} 段（在共享节点处断开）；排除不可步行 ${rb.excluded['not walkable']} 条、foot=no ${rb.excluded['foot=no']} 条、禁止通行（access=private/no 且无 foot=yes）${rb.excluded.access} 条；${rb.clipped} 条被数据范围截断。` +
        ` / Walking network: ${rb.ways} walkable ways split into ${x.roads.length} lines at shared nodes; left out ${rb.excluded['not walkable']} non-walkable, ${rb.excluded['foot=no']} foot=no, ${rb.excluded.access} access=private/no without foot permission; ${rb.clipped} clipped at the extract edge.`,
    );
  }
  if (stats.incompleteAreas) {
    notes.push(`${stats.incompleteAreas} 个面要素因节点或成员不全而略去。 / ${stats.incompleteAreas} areal features skipped: nodes or member ways outside the file.`);
  }
  return notes;
}
