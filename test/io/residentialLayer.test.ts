// The residential layer kind (audit-cli.md "Coverage basis"): polygons with optional households,
// read through the same readLayer as every layer, from GeoJSON, FlatGeobuf and OSM.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { readLayer } from '../../src/io/import/readLayer';
import { writeFlatGeobuf } from '../../src/io/flatgeobuf';

const enc = (s: string) => new TextEncoder().encode(s);
const square = (x: number, y: number) => [[[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]]];
const fc: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { 编码: 'R1', 小区名称: '锦苑', 户数: '1,200户' }, geometry: { type: 'Polygon', coordinates: square(104.06, 30.66) } },
    { type: 'Feature', properties: { 编码: 'R2', 小区名称: '桂花', 户数: null }, geometry: { type: 'Polygon', coordinates: square(104.07, 30.66) } },
  ],
};

describe('residential layer import', () => {
  it('GeoJSON: Chinese field names detected, households parsed, a blank households is a warning', async () => {
    const l = await readLayer([{ name: 'res.geojson', bytes: enc(JSON.stringify(fc)) }], 'residential');
    expect(l.fieldMap).toMatchObject({ id: '编码', name: '小区名称', households: '户数' });
    expect(l.features.map((f) => [f.id, f.name, f.households ?? null])).toEqual([['R1', '锦苑', 1200], ['R2', '桂花', null]]);
    expect(l.problems.map((p) => [p.feature, p.field, p.severity])).toEqual([['1 (id R2)', '户数', 'warning']]);
  });

  it('FlatGeobuf: the same features', async () => {
    const l = await readLayer([{ name: 'res.fgb', bytes: writeFlatGeobuf(fc) }], 'residential');
    expect(l.features.map((f) => [f.id, f.households ?? null])).toEqual([['R1', 1200], ['R2', null]]);
  });

  it('bad input names the file, feature and field; points are not residential land', async () => {
    const bad = structuredClone(fc);
    bad.features[0].properties!['户数'] = '很多';
    const l = await readLayer([{ name: 'bad.geojson', bytes: enc(JSON.stringify(bad)) }], 'residential');
    expect(l.problems.find((p) => p.severity === 'error')).toMatchObject({ file: 'bad.geojson', feature: '0 (id R1)', field: '户数' });
    const pts = await readLayer([{ name: 'pts.csv', bytes: enc('id,lng,lat\nP,104.06,30.66\n') }], 'residential');
    expect(pts.features).toHaveLength(0);
    expect(pts.problems[0].message).toMatch(/expected Polygon/);
  });

  it('OSM: landuse=residential compounds with estimated households', async () => {
    const path = join(__dirname, '..', 'fixtures', 'osm', 'tiny-compound.osm');
    const l = await readLayer([{ name: path, bytes: new Uint8Array(readFileSync(path)) }], 'residential');
    expect(l.format).toBe('osm');
    expect(l.features.length).toBeGreaterThan(0);
    for (const f of l.features) if (f.households != null) expect(f.householdsEstimated).toBe(true);
  });
});
