// readLayer / inspectLayer behaviour beyond formats: the mapping-dialog step, OSM dispatch,
// CRS from coordinate column names, Shapefile ring roles, progress and cancellation, no mutation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectLayer } from '../../src/io/import/inspectLayer';
import { readLayer } from '../../src/io/import/readLayer';
import { ringsToPolygon } from '../../src/io/formats/shapefile/shp';
import { fixtureFiles, haversine } from './fixtureFiles';
import { writeFlatGeobuf } from '../../src/io/flatgeobuf';

const enc = (s: string) => new TextEncoder().encode(s);

describe('inspectLayer (before conversion)', () => {
  it('GBK Shapefile: fields, samples, suggested mapping, CRS and encoding', async () => {
    const i = await inspectLayer(fixtureFiles('shp-gbk/communities.shp'), 'communities');
    expect(i.format).toBe('shapefile');
    expect(i.featureCount).toBe(5);
    expect(i.fields).toEqual(['编码', '名称', '户数', '城乡']);
    expect(i.samples['名称']).toEqual(['锦苑社区', '桂花社区', '玉林社区', '芳草社区', '三河村']);
    expect(i.suggestedFieldMap).toEqual({ id: '编码', name: '名称', households: '户数', setting: '城乡' });
    expect(i.crs.source).toBe('EPSG:4544');
    expect(i.encoding).toMatchObject({ encoding: 'gb18030', from: 'detected' });
    expect(i.geometryTypes).toEqual({ Polygon: 5 });
    expect(i.schemaKey).toBe(['城乡', '户数', '名称', '编码'].sort().join('|'));
  });

  it('a file with the wrong CRS is inspected, with the error and suggestions', async () => {
    const i = await inspectLayer(fixtureFiles('malformed/metres-without-crs.geojson'), 'communities', { hint: { lon: 104, lat: 30.6 } });
    expect(i.crsError).toMatch(/cannot be longitude\/latitude/);
    expect(i.crs.suggestions?.[0].crs).toBe('EPSG:4544');
  });
});

describe('readLayer details', () => {
  it('OSM files go to readOsm and give the requested layer', async () => {
    const path = join(__dirname, '..', 'fixtures', 'osm', 'tiny-compound.osm');
    const l = await readLayer([{ name: path, bytes: new Uint8Array(readFileSync(path)) }], 'communities');
    expect(l.format).toBe('osm');
    expect(l.features.length).toBeGreaterThan(0);
    expect(l.crs.source).toBe('EPSG:4326');
  });

  it('gcj02_lng / gcj02_lat columns imply GCJ-02 and the correction is recorded', async () => {
    // A point in Chengdu; GCJ-02 shifts it by about +0.0025° lon, −0.0024° lat here (gcoord).
    const csv = 'id,category,gcj02_lng,gcj02_lat\nF1,幼儿园,104.0646004,30.6593747\n';
    const l = await readLayer([{ name: 'poi.csv', bytes: enc(csv) }], 'facilities');
    expect(l.crs).toMatchObject({ source: 'GCJ02', from: 'columns', correction: 'GCJ02→WGS84' });
    // Same point as F01 of the fixtures (WGS84 104.0621, 30.6618).
    expect(haversine(l.features[0].position, [104.0621, 30.6618])).toBeLessThan(1);
  });

  it('Shapefile rings: clockwise = outer, counter-clockwise inside it = hole, elsewhere = another part', () => {
    const outer = [[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]]; // clockwise (x east, y north)
    const hole = [[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]]; // counter-clockwise, inside
    const far = [[20, 20], [20, 30], [30, 30], [30, 20], [20, 20]]; // clockwise: second part
    expect(ringsToPolygon([outer, hole])).toEqual({ type: 'Polygon', coordinates: [outer, hole] });
    expect(ringsToPolygon([outer, far, hole])).toEqual({ type: 'MultiPolygon', coordinates: [[outer, hole], [far]] });
  });

  it('reports progress, can be cancelled between chunks, and mutates nothing it is given', async () => {
    const n = 12000;
    const features = Array.from({ length: n }, (_, i) => ({ type: 'Feature', properties: { id: `F${i}`, category: '幼儿园', area: 1000 }, geometry: { type: 'Point', coordinates: [104 + i * 1e-5, 30] } }));
    const bytes = enc(JSON.stringify({ type: 'FeatureCollection', features }));
    const copy = bytes.slice();
    const fieldMap = { category: 'category' };
    const calls: number[] = [];
    const l = await readLayer([{ name: 'many.geojson', bytes }], 'facilities', { fieldMap, onProgress: (d) => calls.push(d) });
    expect(l.counts).toEqual({ read: n, valid: n, errors: 0, warnings: 0 });
    expect(calls).toEqual([5000, 10000, 12000]);
    expect(Buffer.from(bytes).equals(Buffer.from(copy))).toBe(true);
    expect(fieldMap).toEqual({ category: 'category' });
    const signal = { aborted: false };
    await expect(readLayer([{ name: 'many.geojson', bytes }], 'facilities', { signal, onProgress: () => { signal.aborted = true; } })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a single GeoJSON Feature and a bare geometry are accepted', async () => {
    const f = await readLayer([{ name: 'one.json', bytes: enc(JSON.stringify({ type: 'Feature', id: 'P1', properties: { kind: '公园' }, geometry: { type: 'Polygon', coordinates: [[[104, 30], [104.01, 30], [104.01, 30.01], [104, 30]]] } })) }], 'green');
    expect(f.features).toMatchObject([{ id: 'P1', kind: 'park' }]);
  });
});

describe('GeoJSON crs member (GDAL writes it for projected GeoJSON)', () => {
  it('urn:ogc:def:crs:EPSG::4544 is honoured', async () => {
    const fc = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'io', 'malformed', 'metres-without-crs.geojson'), 'utf8'));
    fc.crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4544' } };
    const l = await readLayer([{ name: 'gk.geojson', bytes: enc(JSON.stringify(fc)) }], 'communities');
    expect(l.crs).toMatchObject({ source: 'EPSG:4544', from: 'geojson' });
    expect(l.counts.valid).toBe(5);
  });
});

describe('FlatGeobuf header CRS', () => {
  it('an FGB whose header says EPSG:4544 is projected to WGS84', async () => {
    const fc = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'io', 'malformed', 'metres-without-crs.geojson'), 'utf8'));
    const l = await readLayer([{ name: 'gk.fgb', bytes: writeFlatGeobuf(fc, 4544) }], 'communities');
    expect(l.crs).toMatchObject({ source: 'EPSG:4544', from: 'fgb-header' });
    const ref = await readLayer(fixtureFiles('base/communities.geojson'), 'communities');
    expect(haversine(l.features[0].geometry[0][0][0], ref.features[0].geometry[0][0][0])).toBeLessThan(1);
  });
});

describe('CSV saved by Excel in GBK', () => {
  it('is detected as GB18030 and reads like the UTF-8 table', async () => {
    const gbk = await readLayer(fixtureFiles('tables/facilities-gcj02-gbk.csv'), 'facilities', { crs: 'GCJ02' });
    const utf8 = await readLayer(fixtureFiles('tables/facilities-gcj02.csv'), 'facilities', { crs: 'GCJ02' });
    expect(gbk.encoding).toMatchObject({ encoding: 'gb18030', from: 'detected' });
    expect(gbk.fieldMap).toEqual(utf8.fieldMap);
    expect(gbk.features).toEqual(utf8.features);
  });
});
