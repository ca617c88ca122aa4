// The flat point scanner against an independent reading of the same text: JSON.parse of the whole
// document walked into one x, y pair per feature (NaN, NaN without a geometry), and readGeoJson's
// properties and fields. Every coordinate must be the same double bit for bit; what the scanner
// does not read must give null.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanGeoJsonPoints, type FlatPointLayer } from '../../../src/io/formats/geojsonFlatPoints';
import { readGeoJson } from '../../../src/io/formats/geojson';
import { generator } from './featureCollectionTexts';

/** JSON.parse of the text walked into x, y per feature; null when it is not a FeatureCollection of Point/null geometries with [x, y] numbers. */
function referenceXy(text: string): Float64Array | null {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { return null; }
  const d = doc as { type?: unknown; features?: unknown };
  if (!d || d.type !== 'FeatureCollection' || !Array.isArray(d.features)) return null;
  const xy: number[] = [];
  for (const f of d.features as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null }[]) {
    if (!f || typeof f !== 'object' || f.type !== 'Feature') return null;
    const g = f.geometry;
    if (g === null || g === undefined) { xy.push(NaN, NaN); continue; }
    const p = g.coordinates;
    if (g.type !== 'Point' || !Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') return null;
    xy.push(p[0], p[1]);
  }
  return Float64Array.from(xy);
}

async function expectSameAsReference(text: string, name = 'test.geojson'): Promise<FlatPointLayer> {
  const layer = scanGeoJsonPoints(text);
  const want = referenceXy(text);
  expect(want, 'the reference reads it').not.toBeNull();
  expect(layer, 'the scanner reads it').not.toBeNull();
  const l = layer!;
  expect(l.xy.length).toBe(want!.length);
  expect(l.length).toBe(want!.length / 2);
  for (let i = 0; i < want!.length; i++) {
    if (!Object.is(l.xy[i], want![i])) expect(`xy[${i}] = ${l.xy[i]}`).toBe(`xy[${i}] = ${want![i]}`);
  }
  const raw = await readGeoJson(name, new TextEncoder().encode(text), { chunkedFromBytes: Infinity, scanPoints: false });
  expect(l.properties).toEqual(raw.features.map((f) => f.properties));
  expect(l.fields).toEqual(raw.fields);
  expect(l.crsName).toBe(raw.declaredCrs?.from === 'geojson' ? raw.declaredCrs.crs : undefined);
  return l;
}

describe('scanGeoJsonPoints', () => {
  it('reads 300 random point collections (key orders, whitespace, null and absent geometries, ids, every number form) to the same doubles, properties and fields', async () => {
    const gen = generator(424242, 'points');
    let features = 0, nulls = 0;
    for (let i = 0; i < 300; i++) {
      const l = await expectSameAsReference(gen.collection());
      features += l.length;
      for (let f = 0; f < l.length; f++) if (Number.isNaN(l.xy[2 * f])) nulls++;
    }
    expect(features).toBeGreaterThan(3000);
    expect(nulls).toBeGreaterThan(100);
  });

  it('by hand: a point, a null geometry, a point with an id, a crs', async () => {
    const text = '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4490"}},"features":[{"type":"Feature","properties":{"category":"幼儿园"},"geometry":{"type":"Point","coordinates":[114.05123456789012,-0]}},{"type":"Feature","properties":null,"geometry":null},{"type":"Feature","id":9,"properties":{"area":1e3},"geometry":{"coordinates":[1E-7,22.5],"type":"Point"}}]}';
    const l = await expectSameAsReference(text);
    expect(l.length).toBe(3);
    expect(Object.is(l.xy[1], -0)).toBe(true);
    expect([l.xy[0], l.xy[4], l.xy[5]]).toEqual([114.05123456789012, 1e-7, 22.5]);
    expect(Number.isNaN(l.xy[2]) && Number.isNaN(l.xy[3])).toBe(true);
    expect(l.properties).toEqual([{ category: '幼儿园' }, {}, { id: 9, area: 1000 }]);
    expect(l.fields).toEqual(['category', 'area', 'id']); // a feature's own names first, then the merged id
    expect(l.crsName).toBe('EPSG:4490');
  });

  const fc = (geometry: string) => `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":${geometry}}]}`;
  const CASES: [string, string][] = [
    ['a Polygon', fc('{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}')],
    ['a MultiPoint', fc('{"type":"MultiPoint","coordinates":[[0,0]]}')],
    ['a Point nested as a MultiPoint', fc('{"type":"Point","coordinates":[[0,0]]}')],
    ['a Point with 3 numbers', fc('{"type":"Point","coordinates":[0,0,5]}')],
    ['a Point with 1 number', fc('{"type":"Point","coordinates":[0]}')],
    ['an empty Point', fc('{"type":"Point","coordinates":[]}')],
    ['a string coordinate', fc('{"type":"Point","coordinates":["0",0]}')],
    ['a Point without coordinates', fc('{"type":"Point"}')],
    ['invalid JSON', fc('{"type":"Point","coordinates":[0,0]}').slice(0, -2)],
  ];
  for (const [what, text] of CASES) {
    it(`null for ${what}`, () => {
      expect(scanGeoJsonPoints(text)).toBeNull();
    });
  }
  it('the base text of these cases is read', () => {
    expect(scanGeoJsonPoints(fc('{"type":"Point","coordinates":[0,0]}'))!.xy).toEqual(Float64Array.from([0, 0]));
  });

  it('every point FeatureCollection fixture scans to the reference or is listed as null; every other fixture is null', async () => {
    const root = join(__dirname, '..', '..', 'fixtures');
    const all = (dir: string): string[] => readdirSync(dir).flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? all(p) : p.endsWith('.geojson') ? [p] : [];
    });
    // Point FeatureCollections (by the reference walker) the scanner leaves to the general reader: none on writing.
    const LEFT_TO_THE_GENERAL_READER: string[] = [];
    const nulls: string[] = [];
    let read = 0;
    for (const f of all(root)) {
      const rel = relative(root, f);
      const text = readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
      const got = scanGeoJsonPoints(text);
      if (!referenceXy(text)) { expect(got, rel).toBeNull(); continue; }
      if (!got) { nulls.push(rel); continue; }
      await expectSameAsReference(text, rel);
      read++;
    }
    expect(nulls.sort()).toEqual(LEFT_TO_THE_GENERAL_READER);
    expect(read).toBeGreaterThanOrEqual(9); // the point-only collections here on writing
  });
});
