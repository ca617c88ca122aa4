// Which parse a GeoJSON file gets: whole below the chunked threshold, feature chunks from it on
// (told apart by how a broken feature is reported), and the same features either way.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGeoJson } from '../../../src/io/formats/geojson';
import { scanGeoJsonPoints } from '../../../src/io/formats/geojsonFlatPoints';
import { generator } from './featureCollectionTexts';
import { readRaw } from '../../../src/io/import/readRaw';
import type { RawLayer } from '../../../src/io/import/types';
import type { Geometry } from 'geojson';

const features = Array.from({ length: 40 }, (_, i) => ({ type: 'Feature', properties: { id: `F${i}`, name: `设施 ${i}, [x]` }, geometry: { type: 'Point', coordinates: [104 + i / 1000, 30] } }));
const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
const broken = new TextEncoder().encode('{"type":"FeatureCollection","features":[{"type":"Feature"},{"type":"Feature" "x"}]}');

describe('readGeoJson chunked threshold', () => {
  it('a file from chunkedFromBytes on is parsed in feature chunks (the error names the byte range)', async () => {
    await expect(readGeoJson('b.geojson', broken, { chunkedFromBytes: 10 })).rejects.toThrow(/b\.geojson: not valid JSON in the features between bytes/);
  });

  it('a file below chunkedFromBytes is parsed whole (the error is JSON.parse\'s)', async () => {
    const e = (await readGeoJson('b.geojson', broken, { chunkedFromBytes: broken.length + 1 }).catch((x: unknown) => x)) as Error;
    expect(e.message).toMatch(/^b\.geojson: not valid JSON \(/);
    expect(e.message).not.toMatch(/between bytes/);
  });

  it('both parses give the same features and fields', async () => {
    const whole = await readGeoJson('a.geojson', bytes, { chunkedFromBytes: bytes.length + 1 });
    const chunked = await readGeoJson('a.geojson', bytes, { chunkedFromBytes: 10 });
    expect(chunked.features).toEqual(whole.features);
    expect(chunked.fields).toEqual(['id', 'name']);
    expect(whole.features.map((f) => f.properties.id)).toEqual(features.map((f) => f.properties.id));
  });
});

// A point collection read whole goes through the flat scanner; JSON.parse of the same text
// (scanPoints: false) is the reference: the same features (geometries, properties with ids merged),
// fields and declared CRS. A scanned geometry holds its type and coordinates only (a parsed one
// keeps any other member, e.g. bbox, which nothing reads).
describe('readGeoJson point collections', () => {
  const typeAndCoordinates = (l: RawLayer): RawLayer => ({
    ...l, features: l.features.map((f) => ({ ...f, geometry: f.geometry && { type: f.geometry.type, coordinates: (f.geometry as { coordinates: unknown }).coordinates } as Geometry })),
  });
  const read = async (text: string, scanPoints?: boolean) => typeAndCoordinates(await readGeoJson('p.geojson', new TextEncoder().encode(text), { chunkedFromBytes: Infinity, ...(scanPoints === undefined ? {} : { scanPoints }) }));

  it('300 random point collections: the scanned layer is the parsed one', async () => {
    const gen = generator(97531, 'points');
    let scanned = 0;
    for (let i = 0; i < 300; i++) {
      const text = gen.collection();
      if (scanGeoJsonPoints(text)) scanned++;
      expect(await read(text)).toStrictEqual(await read(text, false));
    }
    expect(scanned).toBe(300);
  });

  it('by hand: -0, a null and an absent geometry, ids merged, a crs, a BOM; and what the scanner declines is parsed', async () => {
    const text = '\uFEFF{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4490"}},"features":[{"type":"Feature","properties":{"名称":"幼儿园"},"geometry":{"type":"Point","coordinates":[114.05123456789012,-0]}},{"type":"Feature","properties":null,"geometry":null},{"type":"Feature","id":"F9","properties":{"area":1e3}},{"type":"Feature","id":7,"properties":{"id":"own"},"geometry":{"coordinates":[1E-7,22.5],"type":"Point"}}]}';
    const got = await read(text);
    expect(got).toStrictEqual(await read(text, false));
    expect(got.features.map((f) => f.geometry)).toStrictEqual([{ type: 'Point', coordinates: [114.05123456789012, -0] }, null, null, { type: 'Point', coordinates: [1e-7, 22.5] }]);
    expect(Object.is((got.features[0].geometry as { coordinates: number[] }).coordinates[1], -0)).toBe(true);
    expect(got.features.map((f) => f.properties)).toStrictEqual([{ 名称: '幼儿园' }, {}, { id: 'F9', area: 1000 }, { id: 'own' }]);
    expect(got.fields).toEqual(['名称', 'area', 'id']); // a feature's own names first, then the merged id
    expect(got.declaredCrs).toEqual({ crs: 'EPSG:4490', from: 'geojson' });
    // The scanner reads the bytes: the decoder and the BOM replace drop two byte order marks, not three.
    // (A geometry's bbox shows which read it was: the scanner keeps type and coordinates only.)
    const withBbox = text.replace('"coordinates":[1E-7,22.5]', '"coordinates":[1E-7,22.5],"bbox":[0,0,1,1]');
    const raw = async (t: string) => readGeoJson('p.geojson', new TextEncoder().encode(t), { chunkedFromBytes: Infinity });
    expect((await raw(`\uFEFF${withBbox}`)).features[3].geometry).toStrictEqual({ type: 'Point', coordinates: [1e-7, 22.5] });
    expect(await read(`\uFEFF${text}`)).toStrictEqual(got);
    await expect(read(`\uFEFF\uFEFF${text}`)).rejects.toThrow(/p\.geojson: not valid JSON/);
    // A MultiPoint among the points, a Point with a height: left to JSON.parse, read as before.
    for (const other of [text.replace('"type":"Point","coordinates":[114.05123456789012,-0]', '"type":"MultiPoint","coordinates":[[114,30]]'), text.replace('[1E-7,22.5]', '[1E-7,22.5,3]')]) {
      expect(scanGeoJsonPoints(other.slice(1))).toBeNull();
      expect(await read(other)).toStrictEqual(await read(other, false));
    }
  });
});

describe('readRaw of every GeoJSON fixture', () => {
  it('is the same with and without the point scanner (property bags made plain after either)', async () => {
    const root = join(__dirname, '..', '..', 'fixtures');
    const all = (dir: string): string[] => readdirSync(dir).flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? all(p) : p.endsWith('.geojson') ? [p] : [];
    });
    let points = 0;
    for (const path of all(root)) {
      const files = [{ name: relative(root, path), bytes: new Uint8Array(readFileSync(path)) }];
      const reference: RawLayer | Error = await readRaw(files, { scanPoints: false }).catch((e: unknown) => e as Error);
      if (reference instanceof Error) {
        await expect(readRaw(files), files[0].name).rejects.toThrow(reference.message);
        continue;
      }
      const got = await readRaw(files);
      expect(got.features.map((f) => f.geometry && { type: f.geometry.type, coordinates: (f.geometry as { coordinates: unknown }).coordinates }), files[0].name).toStrictEqual(reference.features.map((f) => f.geometry && { type: f.geometry.type, coordinates: (f.geometry as { coordinates: unknown }).coordinates }));
      expect(got.features.map((f) => [f.properties, f.geometryError]), files[0].name).toStrictEqual(reference.features.map((f) => [f.properties, f.geometryError]));
      expect({ ...got, features: [] }, files[0].name).toStrictEqual({ ...reference, features: [] });
      if (scanGeoJsonPoints(new TextDecoder().decode(files[0].bytes).replace(/^\uFEFF/, ''))) points++;
    }
    expect(points).toBeGreaterThanOrEqual(9); // the point collections here on writing
  });
});
