// Test helpers for the engine: geometry built from metres with proj4 directly (independent of the
// engine's own projection), and fixture loading (one FeatureCollection per case, each feature with
// a `layer` property, read through io/canonical.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import proj4 from 'proj4';
import type { Feature, FeatureCollection } from 'geojson';
import { communitiesFromGeoJSON, facilitiesFromGeoJSON, greenFromGeoJSON } from '../../src/io/canonical';
import type { Community, Dataset, Facility, FacilityCategory, GreenSpace, Position, ResidentialLand, ResidentialLayerFlat, Ring } from '../../src/engine/types';

/** Test plane: transverse Mercator centred on 114°E 23°N (metres). */
export const TEST_CENTER: Position = [114, 23];
const DEF = '+proj=tmerc +lat_0=23 +lon_0=114 +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs';
const conv = proj4('EPSG:4326', DEF);

/** Metres in the test plane → [lon, lat]. */
export const ll = (x: number, y: number): Position => conv.inverse([x, y]) as Position;
/** [lon, lat] → metres in the test plane. */
export const xy = (p: Position): [number, number] => conv.forward([p[0], p[1]]) as [number, number];

/** Closed lon/lat ring from metric vertices. */
export const ring = (pts: [number, number][]): Ring => [...pts, pts[0]].map(([x, y]) => ll(x, y));
/** Axis-aligned rectangle ring (counter-clockwise) from metres. */
export const rect = (x0: number, y0: number, x1: number, y1: number): Ring => ring([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]);

export function community(id: string, polygons: Ring[][], extra: Partial<Community> = {}): Community {
  return { id, name: id, households: 1000, setting: 'urban', geometry: polygons, ...extra };
}

export function facility(id: string, category: FacilityCategory, x: number, y: number, extra: Partial<Facility> = {}): Facility {
  return { id, category, floorArea: 100, position: ll(x, y), ...extra };
}

export function green(id: string, polygons: Ring[][], kind: 'park' | 'green' = 'green'): GreenSpace {
  return { id, kind, geometry: polygons };
}

export const FIXTURES = fileURLToPath(new URL('../fixtures/engine', import.meta.url));

/** Loads test/fixtures/engine/<name>.geojson into a Dataset. */
export function loadFixture(name: string): Dataset {
  const fc = JSON.parse(readFileSync(join(FIXTURES, `${name}.geojson`), 'utf8')) as FeatureCollection;
  const layer = (l: string): FeatureCollection => ({ type: 'FeatureCollection', features: fc.features.filter((f: Feature) => f.properties?.layer === l) });
  return { communities: communitiesFromGeoJSON(layer('community')), facilities: facilitiesFromGeoJSON(layer('facility')), green: greenFromGeoJSON(layer('green')) };
}

/** Dataset → one fixture FeatureCollection (used by the fixture builder). */
export function datasetToFixture(data: Dataset, description: string): FeatureCollection & { description: string } {
  const features: Feature[] = [];
  for (const c of data.communities) {
    features.push({ type: 'Feature', properties: { layer: 'community', id: c.id, name: c.name, households: c.households, setting: c.setting, ...(c.population != null ? { population: c.population } : {}), ...(c.resettlement ? { resettlement: true } : {}) }, geometry: { type: 'MultiPolygon', coordinates: c.geometry } });
  }
  for (const f of data.facilities) {
    features.push({ type: 'Feature', properties: { layer: 'facility', id: f.id, category: f.category, area: f.floorArea, ...(f.communityId ? { community: f.communityId } : {}) }, geometry: { type: 'Point', coordinates: f.position } });
  }
  for (const g of data.green) {
    features.push({ type: 'Feature', properties: { layer: 'green', id: g.id, kind: g.kind }, geometry: { type: 'MultiPolygon', coordinates: g.geometry } });
  }
  return { type: 'FeatureCollection', description, features };
}

/** The layer in the flat layout, walked from the objects (households: NaN when not a number). */
export function flatOf(land: ResidentialLand[]): ResidentialLayerFlat {
  const geom = [0], polys = [0], rings = [0], xy: number[] = [];
  for (const r of land) {
    for (const poly of r.geometry) {
      for (const rg of poly) {
        for (const p of rg) xy.push(p[0], p[1]);
        rings.push(xy.length / 2);
      }
      polys.push(rings.length - 1);
    }
    geom.push(polys.length - 1);
  }
  const estimated = land.some((r) => r.householdsEstimated);
  return {
    length: land.length,
    ids: land.map((r) => r.id),
    households: Float64Array.from(land.map((r) => (typeof r.households === 'number' ? r.households : NaN))),
    ...(estimated ? { householdsEstimated: Uint8Array.from(land.map((r) => (r.householdsEstimated ? 1 : 0))) } : {}),
    geomOffsets: Uint32Array.from(geom), polygonOffsets: Uint32Array.from(polys), ringOffsets: Uint32Array.from(rings), xy: Float64Array.from(xy),
  };
}
