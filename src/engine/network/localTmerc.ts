// Fallback local projection for the network command and tests: a transverse Mercator on the
// WGS84 ellipsoid centred on the data (proj4), the same definition geo/localProjection.ts uses.
// Scale error grows with the square of the distance from the centre: ~1.2e-5 at 30 km.
import proj4 from 'proj4';
import type { Position } from '../types';
import type { XY } from '../reach/reachProvider';
import type { MetricProjection } from './graph';

export function createLocalTmerc(lon0: number, lat0: number): MetricProjection {
  const conv = proj4('EPSG:4326', `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`);
  return {
    forward: (p: Position) => conv.forward([p[0], p[1]]) as XY,
    inverse: (xy: XY) => conv.inverse([xy[0], xy[1]]) as Position,
  };
}
