// A dense street lattice for the walking-network benchmarks: a square of side ~6.5 km (42 km²)
// cut into 18 m blocks, every block side a separate two-point line (~260k edges; about 15k of
// them lie within 1,000 m of a facility), and facilities (kindergartens) at seeded random
// positions inside it. The hardest case for area building: at 18 m every point of a band is
// within 9 m of a road, so each band is one large piece whose fringe is cut into hundreds of
// blocks by the unreached roads around it.
import type { XY } from '../../src/engine/reach/reachProvider';
import { mulberry32 } from './random';

export interface DenseLatticeOptions {
  /** Side of the square, metres. Default 6,480 (360 blocks, 42 km²). */
  side_m?: number;
  /** Block size, metres. Default 18. */
  block_m?: number;
  /** How many facilities. Default 200. */
  facilities?: number;
  seed?: number;
}

export interface DenseLattice {
  /** Road lines in local metres, origin at the lattice centre. */
  lines: XY[][];
  facilities: { id: string; xy: XY }[];
  side_m: number;
  block_m: number;
}

export function denseLattice(opts: DenseLatticeOptions = {}): DenseLattice {
  const block = opts.block_m ?? 18;
  const n = Math.round((opts.side_m ?? 6480) / block);
  const side = n * block;
  const half = side / 2;
  const lines: XY[][] = [];
  for (let i = 0; i <= n; i++)
    for (let j = 0; j < n; j++) {
      lines.push([[i * block - half, j * block - half], [i * block - half, (j + 1) * block - half]]);
      lines.push([[j * block - half, i * block - half], [(j + 1) * block - half, i * block - half]]);
    }
  const rand = mulberry32(opts.seed ?? 7);
  // Facilities inside blocks (off the roads, as buildings are), away from the lattice border.
  const facilities = Array.from({ length: opts.facilities ?? 200 }, (_, k) => ({
    id: `k${k}`,
    xy: [(rand() - 0.5) * side * 0.9, (rand() - 0.5) * side * 0.9] as XY,
  }));
  return { lines, facilities, side_m: side, block_m: block };
}

/**
 * The lattice as GeoJSON in CGCS2000 / 3-degree Gauss-Krüger CM 114°E (EPSG:4547, metres, named
 * by the legacy "crs" member that GDAL/QGIS and our reader both honour), centred near 23°N: the
 * same files for `service-areas` and for QGIS.
 */
export function latticeGeoJSON(l: DenseLattice): { roads: string; facilities: string } {
  const crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } };
  const E = 500_000;
  const N = 2_545_000;
  const at = ([x, y]: XY) => [E + x, N + y];
  const roads = {
    type: 'FeatureCollection',
    crs,
    features: l.lines.map((line, i) => ({ type: 'Feature', properties: { id: `r${i}` }, geometry: { type: 'LineString', coordinates: line.map(at) } })),
  };
  const facilities = {
    type: 'FeatureCollection',
    crs,
    features: l.facilities.map((f) => ({ type: 'Feature', properties: { id: f.id, name: f.id, category: 'kindergarten' }, geometry: { type: 'Point', coordinates: at(f.xy) } })),
  };
  return { roads: JSON.stringify(roads), facilities: JSON.stringify(facilities) };
}
