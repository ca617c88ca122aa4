// Canonical layer schema: GeoJSON features whose properties already use the engine's English
// field names (id, name, households, population, setting, street, category, area, community,
// kind). This is what the demo district and our own exports use. Files with other field names
// (Chinese headers, bureau schemas) go through fieldMapping first, which produces this schema.
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, LineString, MultiLineString } from 'geojson';
import type { Community, Facility, GreenSpace, MultiPolygonCoords, Position, ResidentialLand, RoadLine, FacilityCategory } from '../engine/types';
import { FACILITY_CATEGORIES } from '../engine/types';

export function toMultiPolygon(g: Geometry | null): MultiPolygonCoords | null {
  if (!g) return null;
  if (g.type === 'Polygon') return [(g as Polygon).coordinates as MultiPolygonCoords[number]];
  if (g.type === 'MultiPolygon') return (g as MultiPolygon).coordinates as MultiPolygonCoords;
  return null;
}

const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));
const num = (v: unknown): number | null => {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
};

export function communitiesFromGeoJSON(fc: FeatureCollection): Community[] {
  return fc.features.map((f, i) => {
    const p = f.properties ?? {};
    return {
      id: str(p.id) ?? String(i),
      name: str(p.name) ?? str(p.id) ?? String(i),
      households: num(p.households),
      population: num(p.population),
      setting: p.setting === 'rural' ? 'rural' : 'urban',
      resettlement: p.resettlement === true || p.resettlement === 'true' || p.resettlement === 1,
      street: str(p.street),
      geometry: toMultiPolygon(f.geometry) ?? [],
      ...(p.householdsEstimated ? { estimated: { households: true } } : {}),
    } satisfies Community;
  });
}

export function facilitiesFromGeoJSON(fc: FeatureCollection): Facility[] {
  return fc.features.map((f, i) => {
    const p = f.properties ?? {};
    const g = f.geometry;
    const position = (g && g.type === 'Point' ? g.coordinates.slice(0, 2) : [NaN, NaN]) as Position;
    return {
      id: str(p.id) ?? String(i),
      name: str(p.name),
      category: String(p.category) as FacilityCategory,
      floorArea: num(p.area),
      floorAreaEstimated: p.areaEstimated === true || undefined,
      communityId: str(p.community),
      position,
      proposed: p.proposed === true || undefined,
    } satisfies Facility;
  });
}

export function greenFromGeoJSON(fc: FeatureCollection): GreenSpace[] {
  return fc.features.map((f, i) => {
    const p = f.properties ?? {};
    return {
      id: str(p.id) ?? String(i),
      name: str(p.name),
      kind: p.kind === 'park' ? 'park' : 'green',
      geometry: toMultiPolygon(f.geometry) ?? [],
    } satisfies GreenSpace;
  });
}

export function roadsFromGeoJSON(fc: FeatureCollection): RoadLine[] {
  const out: RoadLine[] = [];
  fc.features.forEach((f, i) => {
    const p = f.properties ?? {};
    const id = str(p.id) ?? String(i);
    const g = f.geometry;
    if (!g) return;
    if (g.type === 'LineString') out.push({ id, kind: str(p.kind), name: str(p.name), coordinates: (g as LineString).coordinates as Position[] });
    else if (g.type === 'MultiLineString')
      (g as MultiLineString).coordinates.forEach((c, k) => out.push({ id: `${id}.${k}`, kind: str(p.kind), name: str(p.name), coordinates: c as Position[] }));
  });
  return out;
}

export const isFacilityCategory = (v: unknown): v is FacilityCategory =>
  typeof v === 'string' && (FACILITY_CATEGORIES as readonly string[]).includes(v);

const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

export function communitiesToGeoJSON(cs: Community[]): FeatureCollection {
  return fc(cs.map((c) => ({
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates: c.geometry },
    properties: { id: c.id, name: c.name, households: c.households, population: c.population ?? null, setting: c.setting, street: c.street ?? null, resettlement: !!c.resettlement },
  })));
}

export function facilitiesToGeoJSON(fs: Facility[]): FeatureCollection {
  return fc(fs.map((f) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: f.position },
    properties: { id: f.id, name: f.name ?? null, category: f.category, area: f.floorArea, community: f.communityId ?? null },
  })));
}

export function greenToGeoJSON(gs: GreenSpace[]): FeatureCollection {
  return fc(gs.map((g) => ({
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates: g.geometry },
    properties: { id: g.id, name: g.name ?? null, kind: g.kind },
  })));
}

export function roadsToGeoJSON(rs: RoadLine[]): FeatureCollection {
  return fc(rs.map((r) => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: r.coordinates },
    properties: { id: r.id, kind: r.kind ?? null, name: r.name ?? null },
  })));
}

/** Residential land: id, name, households (null when unknown), the community it was drawn for. */
export function residentialToGeoJSON(rs: (ResidentialLand & { community?: string })[]): FeatureCollection {
  return fc(rs.map((r) => ({
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates: r.geometry },
    properties: { id: r.id, name: r.name ?? null, households: r.households ?? null, community: r.community ?? null },
  })));
}

export function residentialFromGeoJSON(collection: FeatureCollection): ResidentialLand[] {
  const out: ResidentialLand[] = [];
  collection.features.forEach((f, i) => {
    const geometry = toMultiPolygon(f.geometry);
    if (!geometry) return;
    const p = f.properties ?? {};
    const h = p.households;
    out.push({ id: String(p.id ?? i), ...(p.name ? { name: String(p.name) } : {}), ...(typeof h === 'number' && Number.isFinite(h) ? { households: h } : {}), geometry });
  });
  return out;
}
