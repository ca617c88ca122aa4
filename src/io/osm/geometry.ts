// Small planar geometry for OSM features of building-to-district size: areas and centroids in a
// local equirectangular projection around the feature (metres; error < 0.1% over a few km),
// point-in-polygon in degrees (even-odd rule), bounding boxes.
import type { MultiPolygonCoords, Position, Ring } from '../../engine/types';

/** Mean Earth radius (IUGG), the same sphere Turf's area uses. */
const R = 6371008.8;
const RAD = Math.PI / 180;

export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** Signed shoelace area of a ring (first = last or not) in m², projected around (lon0, lat0). */
function signedRingArea(ring: Ring, lon0: number, lat0: number): number {
  const kx = R * RAD * Math.cos(lat0 * RAD);
  const ky = R * RAD;
  let s = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const xi = (ring[i][0] - lon0) * kx;
    const yi = (ring[i][1] - lat0) * ky;
    const xj = (ring[j][0] - lon0) * kx;
    const yj = (ring[j][1] - lat0) * ky;
    s += xj * yi - xi * yj;
  }
  return s / 2;
}

export function ringArea_m2(ring: Ring): number {
  if (ring.length < 3) return 0;
  return Math.abs(signedRingArea(ring, ring[0][0], ring[0][1]));
}

/** Area of a multipolygon in m²: outer rings minus their holes. */
export function multiPolygonArea_m2(mp: MultiPolygonCoords): number {
  let a = 0;
  for (const poly of mp) {
    if (!poly.length) continue;
    a += ringArea_m2(poly[0]);
    for (let h = 1; h < poly.length; h++) a -= ringArea_m2(poly[h]);
  }
  return Math.max(0, a);
}

/** Area-weighted centroid of a ring (vertex mean when degenerate). */
export function ringCentroid(ring: Ring): Position {
  const lon0 = ring[0][0];
  const lat0 = ring[0][1];
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const xi = ring[i][0] - lon0;
    const yi = ring[i][1] - lat0;
    const xj = ring[j][0] - lon0;
    const yj = ring[j][1] - lat0;
    const f = xj * yi - xi * yj;
    a += f;
    cx += (xi + xj) * f;
    cy += (yi + yj) * f;
  }
  if (Math.abs(a) < 1e-18) {
    let sx = 0;
    let sy = 0;
    for (const p of ring) {
      sx += p[0];
      sy += p[1];
    }
    return [sx / ring.length, sy / ring.length];
  }
  // Equal scaling of x (cos lat0) cancels out in the centroid, so degrees are fine here.
  return [lon0 + cx / (3 * a), lat0 + cy / (3 * a)];
}

/** Centroid of a multipolygon: area-weighted over its outer rings. */
export function multiPolygonCentroid(mp: MultiPolygonCoords): Position {
  let w = 0;
  let x = 0;
  let y = 0;
  for (const poly of mp) {
    if (!poly.length) continue;
    const a = ringArea_m2(poly[0]);
    const c = ringCentroid(poly[0]);
    w += a;
    x += c[0] * a;
    y += c[1] * a;
  }
  if (w > 0) return [x / w, y / w];
  return ringCentroid(mp[0][0]);
}

export function pointInRing(p: Position, ring: Ring): boolean {
  const [x, y] = p;
  let inside = false;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInMultiPolygon(p: Position, mp: MultiPolygonCoords): boolean {
  for (const poly of mp) {
    if (!poly.length || !pointInRing(p, poly[0])) continue;
    let inHole = false;
    for (let h = 1; h < poly.length && !inHole; h++) inHole = pointInRing(p, poly[h]);
    if (!inHole) return true;
  }
  return false;
}

export function bboxOf(mp: MultiPolygonCoords): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of mp) {
    if (!poly.length) continue;
    for (const [x, y] of poly[0]) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Great-circle length of a line in metres (haversine on the same sphere). */
export function lineLength_m(coords: Position[]): number {
  let s = 0;
  for (let i = 1; i < coords.length; i++) {
    const [lon1, lat1] = coords[i - 1];
    const [lon2, lat2] = coords[i];
    const dLat = (lat2 - lat1) * RAD;
    const dLon = (lon2 - lon1) * RAD;
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
    s += 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
  }
  return s;
}
