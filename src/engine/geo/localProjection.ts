// One local transverse Mercator on the WGS84 ellipsoid centred on the dataset (proj4), so that
// distances and areas are true metres (audit-cli.md: "true metres ... or an equivalent local
// projection"). Scale error of a tmerc grows with the square of the distance x from the central
// meridian: k − 1 ≈ x² / (2R²) — 3e-6 at 10 km, 1.2e-5 at 22 km, 5e-5 at 45 km (areas twice that),
// i.e. negligible within a city. CGCS2000 and WGS84 ellipsoids differ by < 0.1 mm (STANDARDS.md §4).
import proj4 from 'proj4';
import type { Position } from '../types';
import type { XY } from '../reach/reachProvider';

export interface LocalProjection {
  /** Centre [lon, lat] in degrees: the origin (0, 0) of the metric plane. */
  readonly center: Position;
  /** The proj4 definition string. */
  readonly definition: string;
  forward(p: Position): XY;
  inverse(xy: XY): Position;
}

export function createLocalProjection(center: Position): LocalProjection {
  const [lon0, lat0] = center;
  if (!Number.isFinite(lon0) || !Number.isFinite(lat0) || Math.abs(lat0) > 85 || Math.abs(lon0) > 180) {
    throw new Error(`local projection: invalid centre [${lon0}, ${lat0}]`);
  }
  const definition = `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`;
  const conv = proj4('EPSG:4326', definition);
  return {
    center: [lon0, lat0],
    definition,
    forward: (p: Position) => conv.forward([p[0], p[1]]) as XY,
    inverse: (xy: XY) => conv.inverse([xy[0], xy[1]]) as Position,
  };
}

/** Centre of the lon/lat bounding box of the given positions (fallback [0, 0] when empty). */
export function centerOf(positions: Iterable<Position>): Position {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of positions) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  if (minX === Infinity) return [0, 0];
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}
