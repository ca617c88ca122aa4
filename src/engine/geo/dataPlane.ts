// The plane the data is drawn in: longitude and latitude scaled to metres at one centre
// (equirectangular). Polygon edges are straight lines between their lon/lat vertices (RFC 7946
// §3.1.1), and an affine map keeps them straight, so "which side of an edge, and how far" is
// decided here as the file states it. A transverse Mercator bends those edges (a 20 km parallel at
// 23°N bows by 3 m), which is right for areas and distances but not for topology. Distances here
// are metres to within Δφ·tanφ (0.5 % 50 km north or south of the centre at 30°N): enough for a
// centimetre tolerance.
import type { Position } from '../types';
import type { XY } from '../reach/reachProvider';

const A = 6378137;
const E2 = 0.00669437999014;
const RAD = Math.PI / 180;

export interface DataPlane {
  readonly center: Position;
  forward(p: Position): XY;
}

export function createDataPlane(center: Position): DataPlane {
  const [lon0, lat0] = center;
  const s = Math.sin(lat0 * RAD);
  const w = 1 - E2 * s * s;
  const kx = RAD * (A / Math.sqrt(w)) * Math.cos(lat0 * RAD); // prime vertical radius × cos φ
  const ky = RAD * ((A * (1 - E2)) / (w * Math.sqrt(w))); // meridian radius
  return { center: [lon0, lat0], forward: (p) => [(p[0] - lon0) * kx, (p[1] - lat0) * ky] };
}
