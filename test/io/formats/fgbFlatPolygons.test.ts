// The flat FlatGeobuf read against the general one (readFgbLayer: the flatgeobuf library's
// GeoJSON deserialize, an object per feature and an array per vertex): the same polygons and
// rings, every coordinate the same double, the same properties, fields and declared CRS; null for
// what the flat reader leaves to the general one. Files: ogr2ogr's (indexed MultiPolygon layer with
// a CRS; a mixed Polygon/MultiPolygon layer without an index), the demo's residential layer, and
// random layers written by the library with every column type it writes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { geojson as fgb } from 'flatgeobuf';
import type { FeatureCollection, Geometry } from 'geojson';
import { readFgbLayer } from '../../../src/io/formats/fgb';
import { readFgbFlat } from '../../../src/io/formats/fgbFlatPolygons';
import { mulberry32 } from '../../../bench/lib/random';

/** readFgbLayer's features in the flat layout (plain arrays), with its properties, fields and CRS. */
async function reference(bytes: Uint8Array) {
  const raw = await readFgbLayer('t.fgb', bytes);
  const geom = [0], polys = [0], rings = [0], xy: number[] = [];
  for (const f of raw.features) {
    const g = f.geometry as Geometry;
    const ps = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const p of ps) {
      for (const ring of p) { for (const q of ring) xy.push(q[0], q[1]); rings.push(xy.length / 2); }
      polys.push(rings.length - 1);
    }
    geom.push(polys.length - 1);
  }
  return {
    layer: { length: raw.features.length, geomOffsets: geom, polygonOffsets: polys, ringOffsets: rings, xy, properties: raw.features.map((f) => f.properties), fields: raw.fields },
    declaredCrs: raw.declaredCrs,
  };
}

function flat(bytes: Uint8Array) {
  const r = readFgbFlat('t.fgb', bytes);
  if (!r) return null;
  const l = r.layer;
  return {
    layer: { length: l.length, geomOffsets: Array.from(l.geomOffsets), polygonOffsets: Array.from(l.polygonOffsets), ringOffsets: Array.from(l.ringOffsets), xy: Array.from(l.xy), properties: l.properties, fields: l.fields },
    declaredCrs: r.declaredCrs,
  };
}

const file = (rel: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(rel, import.meta.url))));
const square = (x: number, y: number, d: number, ccw = true) => {
  const r = [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
  return ccw ? r : r.reverse();
};

describe('readFgbFlat', () => {
  it("ogr2ogr's files (an indexed MultiPolygon layer in EPSG:4547; a mixed layer without index) and the demo's residential layer", async () => {
    for (const rel of ['../../fixtures/io/formats/ogr2ogr-residential-epsg4547-multipolygon.fgb', '../../fixtures/io/formats/ogr2ogr-residential-epsg4547-mixed-noindex.fgb', '../../../data/demo/residential.fgb']) {
      const bytes = file(rel);
      const got = flat(bytes);
      expect(got, rel).not.toBeNull();
      expect(got).toEqual(await reference(bytes));
    }
    expect(flat(file('../../fixtures/io/formats/ogr2ogr-residential-epsg4547-multipolygon.fgb'))!.declaredCrs!.crs).toBe('EPSG:4547');
  });

  it('random layers written by the library: holes, multipolygons, every property type it writes, nulls', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rand = mulberry32(seed);
      const features = Array.from({ length: 80 }, (_, i) => {
        const x = 104 + rand(), y = 30 + rand(), d = 0.001 + rand() * 0.01;
        const poly = rand() < 0.3 ? [square(x, y, d), square(x + d / 4, y + d / 4, d / 4, false)] : [square(x, y, d)];
        const geometry = seed % 3 === 0 || rand() < 0.3
          ? { type: 'MultiPolygon' as const, coordinates: [poly, [square(x + 2 * d, y, d)]] }
          : { type: 'Polygon' as const, coordinates: poly };
        // The library takes its columns from the first feature; later values of other types are written as those columns' types.
        return {
          type: 'Feature' as const, geometry,
          properties: { id: `B${i}`, 户数: i % 7 === 0 ? null : Math.round(rand() * 300), area: rand() * 1000, ok: rand() < 0.5, note: rand() < 0.5 ? '幸福小区' : '', meta: { k: i } },
        };
      });
      const bytes = fgb.serialize({ type: 'FeatureCollection', features } as FeatureCollection, seed % 2 ? 4326 : 0);
      const got = flat(bytes);
      expect(got).not.toBeNull();
      expect(got).toEqual(await reference(bytes));
    }
  });

  it('null for what it leaves to the general reader: points, Z values, a truncated file, bad magic, no features', async () => {
    const point = fgb.serialize({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { a: 1 }, geometry: { type: 'Point', coordinates: [104, 30] } }] });
    expect(flat(point)).toBeNull();
    const z = fgb.serialize({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { a: 1 }, geometry: { type: 'Polygon', coordinates: [square(104, 30, 1).map(([x, y]) => [x, y, 5])] } }] });
    expect(flat(z)).toBeNull();
    const good = fgb.serialize({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { a: 1 }, geometry: { type: 'Polygon', coordinates: [square(104, 30, 1)] } }] });
    expect(flat(good)).toEqual(await reference(good));
    expect(flat(good.subarray(0, good.length - 9))).toBeNull();
    await expect(readFgbLayer('t.fgb', good.subarray(0, good.length - 9))).rejects.toThrow();
    const magic = good.slice();
    magic[3] = 2;
    expect(flat(magic)).toBeNull();
    expect(flat(good.subarray(0, 12 + new DataView(good.buffer, good.byteOffset).getUint32(8, true)))).toBeNull();
  });
});
