// The demo district (示范区, synthetic): layout → land use → communities → facilities → network,
// all from one seed, converted to WGS84 engine types and FlatGeobuf files. Pure apart from the
// caller writing the returned bytes, so tests can generate in memory.
import type { Community, Dataset, Facility, FacilityCategory, GreenSpace, MultiPolygonCoords, ResidentialLand, RoadLine } from '../../src/engine/types';
import { FACILITY_CATEGORIES } from '../../src/engine/types';
import { communitiesToGeoJSON, facilitiesToGeoJSON, greenToGeoJSON, residentialToGeoJSON, roadsToGeoJSON } from '../../src/io/canonical';
import { writeFlatGeobuf } from '../../src/io/flatgeobuf';
import type { FeatureCollection } from 'geojson';
import type { XY } from './geometry';
import { polylineLength, signedArea } from './geometry';
import { buildLayout, OUTLINE } from './layout';
import { planLandUse, NO_GREEN_AREAS, NO_PARK_AREAS } from './landUse';
import { outline, planCommunities } from './communities';
import type { Block } from './landUse';
import { planFacilities } from './facilities';
import { planResidential } from './residential';
import { addDeadEnds, addInsetPaths, buildNetwork } from './network';
import { createRng } from './prng';
import { closedRing, DEMO_CENTRE, LOCAL_CRS, toLonLat } from './project';

export const DEFAULT_SEED = 2026;

export interface WaterBody {
  id: string;
  name: string;
  kind: 'river' | 'lake';
  geometry: MultiPolygonCoords;
}

export interface DemoMeta {
  name: { zh: string; en: string };
  synthetic: true;
  note: string;
  seed: number;
  crs: string;
  localProjection: string;
  centre: [number, number];
  bbox: [number, number, number, number];
  counts: {
    communities: number;
    ruralCommunities: number;
    households: number;
    facilities: number;
    facilitiesByCategory: Record<FacilityCategory, number>;
    greenAreas: number;
    green_m2: number;
    park_m2: number;
    district_m2: number;
    water_m2: number;
    roads: number;
    network_m: number;
    bridges: number;
    /** Line ends that touch no other line: compound lanes + entrance paths to pocket green. */
    deadEnds: number;
    compoundLanes: number;
    greenEntrances: number;
    communitiesWithHoles: number;
    communitiesWithTwoParts: number;
    /** Residential parcels (urban blocks and village hamlets) and their area. */
    residentialParcels: number;
    residential_m2: number;
  };
  /** What the generator built in on purpose, so a failing audit can be read against it. */
  design: {
    defects: Record<string, string>;
    noParkAreas: { centre: [number, number]; radius_m: number }[];
    noGreenAreas: { centre: [number, number]; radius_m: number }[];
    resettlement: string[];
    /** The community whose residential parcels are missing from the layer (audit falls back, warns). */
    noResidentialLand: string;
    /** Communities with one block left to a school or commercial use (no residential parcel). */
    otherUse: string[];
  };
}

export interface DemoDistrict {
  dataset: Required<Omit<Dataset, 'residentialLayer'>>;
  water: WaterBody[];
  meta: DemoMeta;
}

export function generateDemo(seed = DEFAULT_SEED): DemoDistrict {
  const rng = createRng(seed);
  const layout = buildLayout(rng.fork('layout'));
  const land = planLandUse(layout, rng.fork('land'));
  const deadEnds = addDeadEnds(layout.sub, land, rng.fork('deadEnds'), 6);
  const entrances: ReturnType<typeof addInsetPaths> = [];
  const plans = planCommunities(layout.sub, land, rng.fork('communities'), () => entrances.push(...addInsetPaths(layout.sub, land)));
  const fac = planFacilities(plans, land, rng.fork('facilities'));
  const roadsPlan = buildNetwork(layout.sub, layout, [...deadEnds, ...entrances]);
  const seats = plans.map((p) => fac.facilities.find((f) => f.community === p.index && f.category === 'community_service')?.xy);
  const res = planResidential(plans, land.blocks, rng.fork('residential'), seats);
  const { sub } = layout;

  const mp = (polygons: XY[][][]): MultiPolygonCoords => polygons.map((rings) => rings.map(closedRing));
  const communities: Community[] = plans.map((p) => ({
    id: p.id, name: p.name, households: p.households, population: null, setting: p.setting,
    resettlement: p.resettlement, street: p.street, geometry: mp(p.polygons),
  }));
  const residential: (ResidentialLand & { community: string })[] = res.parcels.map((r) => ({ id: r.id, name: r.name, households: r.households, community: r.community, geometry: r.geometry }));
  const facilities: Facility[] = fac.facilities.map((f) => ({ id: f.id, name: f.name, category: f.category, floorArea: f.floorArea, position: toLonLat(f.xy) }));

  const green: GreenSpace[] = [];
  let parkM2 = 0, greenM2 = 0;
  const addGreen = (name: string, kind: 'park' | 'green', polygons: XY[][][]): void => {
    const a = polygons.flat().reduce((s, r) => s + signedArea(r), 0); // holes are clockwise
    if (kind === 'park') parkM2 += a;
    greenM2 += a;
    green.push({ id: `G${String(green.length + 1).padStart(3, '0')}`, name, kind, geometry: mp(polygons) });
  };
  const greenGroups = new Map<number, Block[]>();
  for (const b of land.blocks) {
    if (b.use === 'residential') continue;
    const key = b.group ?? b.index;
    (greenGroups.get(key) ?? greenGroups.set(key, []).get(key)!).push(b);
  }
  for (const group of greenGroups.values()) {
    const lakes = land.lakes.filter((l) => group.some((b) => b.index === l.park)).map((l) => l.ring.slice().reverse());
    const polygons = outline(sub, group);
    polygons[0].push(...lakes);
    addGreen(group[0].name ?? (group[0].use === 'park' ? '公园' : '绿地'), group[0].use as 'park' | 'green', polygons);
  }
  for (const belt of land.riverBelts) addGreen(belt.name, belt.kind, [[sub.ringXY(belt.face)]]);
  for (const b of land.blocks) for (const i of b.insets) addGreen(i.name, i.kind, [[i.ring.slice().reverse()]]);

  const waterRing = sub.ringXY(layout.water);
  const water: WaterBody[] = [
    { id: 'W1', name: '清溪河', kind: 'river', geometry: [[closedRing(waterRing)]] },
    ...land.lakes.map((l, i) => ({ id: `W${i + 2}`, name: l.name, kind: 'lake' as const, geometry: [[closedRing(l.ring)]] })),
  ];
  const roads: RoadLine[] = roadsPlan.map((r) => ({ id: r.id, kind: r.kind, name: r.name ?? undefined, coordinates: r.coords.map(toLonLat) }));

  const byCat = Object.fromEntries(FACILITY_CATEGORIES.map((c) => [c, 0])) as Record<FacilityCategory, number>;
  for (const f of facilities) byCat[f.category]++;
  // Straight edges in the local projection bow slightly in lon/lat: take the bbox of all output.
  const lons: number[] = [], lats: number[] = [];
  for (const c of communities) for (const poly of c.geometry) for (const r of poly) for (const p of r) { lons.push(p[0]); lats.push(p[1]); }
  for (const w of [...water, ...green]) for (const poly of w.geometry) for (const r of poly) for (const p of r) { lons.push(p[0]); lats.push(p[1]); }
  for (const r of roads) for (const p of r.coordinates) { lons.push(p[0]); lats.push(p[1]); }
  const defects: Record<string, string> = {};
  for (const [ci, d] of [...fac.defects].sort((a, b) => a[0] - b[0])) defects[plans[ci].id] = d;
  const meta: DemoMeta = {
    name: { zh: '示范区（虚构）', en: 'Demo District (synthetic)' },
    synthetic: true,
    note: 'Generated by scripts/generateDemo.ts: a made-up district for trying LifeCircle. Names, households and facilities are invented; no real place is depicted.',
    seed,
    crs: 'EPSG:4326',
    localProjection: LOCAL_CRS,
    centre: DEMO_CENTRE,
    bbox: [lons.reduce((a, b) => Math.min(a, b)), lats.reduce((a, b) => Math.min(a, b)), lons.reduce((a, b) => Math.max(a, b)), lats.reduce((a, b) => Math.max(a, b))],
    counts: {
      communities: communities.length,
      ruralCommunities: communities.filter((c) => c.setting === 'rural').length,
      households: communities.reduce((s, c) => s + (c.households ?? 0), 0),
      facilities: facilities.length,
      facilitiesByCategory: byCat,
      greenAreas: green.length,
      green_m2: Math.round(greenM2),
      park_m2: Math.round(parkM2),
      district_m2: Math.round(signedArea(OUTLINE)),
      water_m2: Math.round(signedArea(waterRing) + land.lakes.reduce((s, l) => s + signedArea(l.ring), 0)),
      roads: roads.length,
      network_m: Math.round(roadsPlan.reduce((s, r) => s + polylineLength(r.coords), 0)),
      bridges: layout.bridges.length,
      deadEnds: deadEnds.length + entrances.length,
      compoundLanes: deadEnds.length,
      greenEntrances: entrances.length,
      communitiesWithHoles: plans.filter((p) => p.polygons.some((poly) => poly.length > 1)).length,
      communitiesWithTwoParts: plans.filter((p) => p.polygons.length > 1).length,
      residentialParcels: res.parcels.length,
      residential_m2: Math.round(res.parcels.reduce((s, r) => s + r.area_m2, 0)),
    },
    design: {
      defects,
      noParkAreas: NO_PARK_AREAS.map((a) => ({ centre: toLonLat(a.centre), radius_m: a.r })),
      noGreenAreas: NO_GREEN_AREAS.map((a) => ({ centre: toLonLat(a.centre), radius_m: a.r })),
      resettlement: plans.filter((p) => p.resettlement).map((p) => p.id),
      noResidentialLand: res.noResidentialLand,
      otherUse: res.otherUse,
    },
  };
  return { dataset: { communities, facilities, green, roads, residential }, water, meta };
}

export function waterToGeoJSON(ws: WaterBody[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: ws.map((w) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: w.geometry }, properties: { id: w.id, name: w.name, kind: w.kind } })),
  };
}

/** The output files: FlatGeobuf layers with canonical property names, and meta.json. */
export function demoFiles(d: DemoDistrict): Record<string, Uint8Array> {
  const enc = new TextEncoder();
  return {
    'communities.fgb': writeFlatGeobuf(communitiesToGeoJSON(d.dataset.communities)),
    'facilities.fgb': writeFlatGeobuf(facilitiesToGeoJSON(d.dataset.facilities)),
    'green.fgb': writeFlatGeobuf(greenToGeoJSON(d.dataset.green)),
    'roads.fgb': writeFlatGeobuf(roadsToGeoJSON(d.dataset.roads)),
    'water.fgb': writeFlatGeobuf(waterToGeoJSON(d.water)),
    'residential.fgb': writeFlatGeobuf(residentialToGeoJSON(d.dataset.residential)),
    'meta.json': enc.encode(JSON.stringify(d.meta, null, 2) + '\n'),
  };
}
