// Plausibility limits: figures no real community has, and sizes the tool cannot compute correctly.
// What is beyond any real community is a warning (the audit still runs, the figure is flagged);
// what a local projection cannot measure (a polygon spanning the globe, a circle of 20,000 km) is
// refused. The limits are the tool's own, chosen well beyond the largest real cases:
// - area: China's largest administrative villages (pastoral Tibet, Xinjiang) cover a few thousand
//   km²; urban communities (社区) are well under 10 km² (GB 50180-2018 sizes a 15-minute life circle
//   at 1,000 m walking, i.e. about 3 km²).
// - households: a 15-minute life circle serves 50,000–100,000 residents, 17,000–32,000 households
//   (GB 50180-2018, table 3.0.4); no single community reaches 100,000 households.
// - density: the densest housing estates (Hong Kong, Chongqing) hold about 40,000 households per
//   km² of their land; 100,000 per km² is beyond any real community.
// - distance: a life circle is a 5/10/15-minute walk (300–1,000 m, GB 50180-2018 §3.0.4); beyond
//   5 km the result is no longer a life circle, beyond 100 km a local transverse Mercator (and one
//   lon/lat polygon) no longer measures it correctly.
import type { Position } from './types';

/** Above this, a community's area (km²) is larger than any real one. */
export const MAX_COMMUNITY_AREA_KM2 = 5000;
/** Above this lon/lat extent (degrees, about 220 km of latitude), a polygon is refused. */
export const MAX_POLYGON_EXTENT_DEG = 2;
/** Above this, a community's households are beyond any real one. */
export const MAX_COMMUNITY_HOUSEHOLDS = 100_000;
/** Above this, households per km² are beyond any real community. */
export const MAX_HOUSEHOLDS_PER_KM2 = 100_000;
/** Above this (m), a distance is beyond the tool's purpose (a warning). */
export const MAX_PURPOSE_DISTANCE_M = 5_000;
/** Above this (m), a distance cannot be computed correctly (refused). */
export const MAX_COMPUTABLE_DISTANCE_M = 100_000;

export interface Plausibility {
  severity: 'warning' | 'error';
  message: string;
}

/** A polygon's lon/lat extent; refused when it spans more than a local projection can measure. */
export function polygonExtentProblem(polygons: Position[][][]): Plausibility | undefined {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const poly of polygons) for (const ring of poly) for (const p of ring) {
    if (p[0] < minX) minX = p[0];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  }
  const dx = maxX - minX, dy = maxY - minY;
  if (!(dx > MAX_POLYGON_EXTENT_DEG || dy > MAX_POLYGON_EXTENT_DEG)) return undefined;
  return {
    severity: 'error',
    message: `the polygon spans ${dx.toFixed(1)}° of longitude × ${dy.toFixed(1)}° of latitude: larger than any real community and beyond what a local projection measures correctly (at most ${MAX_POLYGON_EXTENT_DEG}°); refused`,
  };
}

/** A community's area (m²) beyond any real one. */
export function communityAreaProblem(area_m2: number): Plausibility | undefined {
  const km2 = area_m2 / 1e6;
  if (!(km2 > MAX_COMMUNITY_AREA_KM2)) return undefined;
  return { severity: 'warning', message: `area ${km2.toFixed(0)} km² is larger than any real community (at most ${MAX_COMMUNITY_AREA_KM2} km²); check the polygon and its CRS` };
}

/** Households, and households per km², beyond any real community. */
export function householdsProblem(households: number | null, area_m2: number): Plausibility | undefined {
  if (households === null || !Number.isFinite(households)) return undefined;
  if (households > MAX_COMMUNITY_HOUSEHOLDS)
    return { severity: 'warning', message: `households ${households} is beyond any real community (at most ${MAX_COMMUNITY_HOUSEHOLDS.toLocaleString('en')}); check the field and its unit` };
  const km2 = area_m2 / 1e6;
  if (km2 > 0 && households / km2 > MAX_HOUSEHOLDS_PER_KM2)
    return { severity: 'warning', message: `${Math.round(households / km2)} households per km² (${households} on ${km2.toFixed(3)} km²) is denser than any real community (at most ${MAX_HOUSEHOLDS_PER_KM2.toLocaleString('en')}); check households and the polygon` };
  return undefined;
}

/** A service distance (m): refused when it cannot be computed correctly, warned beyond the tool's purpose. */
export function distanceProblem(distance_m: number): Plausibility | undefined {
  if (distance_m > MAX_COMPUTABLE_DISTANCE_M)
    return { severity: 'error', message: `${distance_m} m cannot be computed correctly (circles and bands are measured in a local projection; at most ${MAX_COMPUTABLE_DISTANCE_M.toLocaleString('en')} m)` };
  if (distance_m > MAX_PURPOSE_DISTANCE_M)
    return { severity: 'warning', message: `${distance_m} m is beyond a life circle (a 5/10/15-minute walk is 300–1,000 m; this tool's purpose ends at ${MAX_PURPOSE_DISTANCE_M.toLocaleString('en')} m)` };
  return undefined;
}
