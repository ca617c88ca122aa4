// Building footprints from a GeoJSON file, and from the real OpenStreetMap layers through ogr2ogr
// (an independent reader), in local metres: what the footprint benches measure.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { root } from './baseline';

export type XY = [number, number];

/** The polygons of a GeoJSON file in local metres (equirectangular about the first vertex), closing vertices dropped. */
export function polygonsOf(file: string, limit: number): XY[][][] {
  const fc = JSON.parse(readFileSync(file, 'utf8')) as { features: { geometry: { type: string; coordinates: unknown } | null }[] };
  const out: XY[][][] = [];
  let kx = NaN, lon0 = 0, lat0 = 0;
  const ky = 110_540;
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g || out.length >= limit) continue;
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []) as number[][][][];
    for (const p of polys) {
      if (Number.isNaN(kx)) { [lon0, lat0] = p[0][0]; kx = 111_320 * Math.cos((lat0 * Math.PI) / 180); }
      out.push(p.map((r) => r.slice(0, -1).map(([x, y]) => [(x - lon0) * kx, (y - lat0) * ky] as XY)));
    }
  }
  return out;
}

/** The buildings of an OSM file as GeoJSON (ogr2ogr), or null without ogr2ogr. */
export function osmBuildings(file: string): string | null {
  const out = join(tmpdir(), `lc-overlap-${file.split('/').slice(-2, -1)[0]}.geojson`);
  try {
    if (!existsSync(out)) execFileSync('ogr2ogr', ['-f', 'GeoJSON', out, file, 'multipolygons', '-where', 'building IS NOT NULL'], { stdio: 'ignore' });
    return out;
  } catch {
    return null;
  }
}

/** The real layers with buildings (name, file under ../shared/data/real), or null when that folder is absent. */
export function realBuildingLayers(): { name: string; file: string }[] | null {
  const real = join(root, '..', 'shared', 'data', 'real');
  if (!existsSync(real)) return null;
  return [['Monaco (OSM)', 'monaco/monaco.osm.pbf'], ['Nanjing Xuanwu (OSM)', 'nanjing-xuanwu/xuanwu.osm'], ['Beijing Haidian (OSM)', 'beijing-haidian/haidian.osm']].map(([name, file]) => ({ name, file: join(real, file) }));
}
