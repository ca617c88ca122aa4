// The flat line scanner against an independent reading of the same text: JSON.parse of the whole
// document walked into lines and vertices, and readGeoJson's properties and fields. Every coordinate
// must be the same double bit for bit; what the scanner does not read must give null.
import { describe, expect, it } from 'vitest';
import { scanGeoJsonLines, type FlatLineLayer } from '../../../src/io/formats/geojsonFlatLines';
import { readGeoJson } from '../../../src/io/formats/geojson';
import { mulberry32 } from '../../../bench/lib/random';

/** JSON.parse of the text walked into lines (a LineString is one, a MultiLineString its parts). */
function referenceLines(text: string): { featureLines: number[]; lineOffsets: number[]; xy: number[] } {
  const doc = JSON.parse(text) as { features: { geometry: { type: string; coordinates: number[][] | number[][][] } }[] };
  const featureLines = [0], lineOffsets = [0], xy: number[] = [];
  for (const f of doc.features) {
    const g = f.geometry;
    const lines = (g.type === 'LineString' ? [g.coordinates] : g.coordinates) as number[][][];
    for (const l of lines) {
      for (const p of l) xy.push(p[0], p[1]);
      lineOffsets.push(xy.length / 2);
    }
    featureLines.push(lineOffsets.length - 1);
  }
  return { featureLines, lineOffsets, xy };
}

async function expectSameAsReference(text: string): Promise<FlatLineLayer> {
  const l = scanGeoJsonLines(text);
  expect(l, 'the scanner reads it').not.toBeNull();
  const want = referenceLines(text);
  expect([...l!.featureLines]).toEqual(want.featureLines);
  expect([...l!.lineOffsets]).toEqual(want.lineOffsets);
  expect(l!.xy.length).toBe(want.xy.length);
  for (let i = 0; i < want.xy.length; i++) if (!Object.is(l!.xy[i], want.xy[i])) expect(`xy[${i}] = ${l!.xy[i]}`).toBe(`xy[${i}] = ${want.xy[i]}`);
  const raw = await readGeoJson('roads.geojson', new TextEncoder().encode(text), { chunkedFromBytes: Infinity });
  // Own names in order, each value, and the prototype: as JSON.parse makes them (toEqual ignores order).
  expect(l!.properties.length).toBe(raw.features.length);
  raw.features.forEach((f, i) => {
    const a = l!.properties[i], b = f.properties;
    expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const k of Object.keys(b)) expect(JSON.stringify(a[k]), k).toBe(JSON.stringify(b[k]));
  });
  expect(l!.fields).toEqual(raw.fields);
  expect(l!.crsName).toBe(raw.declaredCrs?.from === 'geojson' ? raw.declaredCrs.crs : undefined);
  return l!;
}

/** Seeded random JSON number texts: shortest round trips (16–17 digits), exponents, long digit strings, integers, signed zeros, subnormals. */
function numberTexts(seed: number) {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const digits = (n: number) => Array.from({ length: n }, (_, i) => String(i === 0 ? 1 + int(9) : int(10))).join('');
  return (): string => {
    const sign = rnd() < 0.3 ? '-' : '';
    switch (int(9)) {
      case 0: return String((rnd() - 0.5) * 360);
      case 1: return String(rnd() * 3e6);
      case 2: return (rnd() * 1e6).toExponential(int(20));
      case 3: return sign + String(int(10_000_000));
      case 4: {
        const n = 1 + int(24), d = digits(n), p = int(n + 1);
        return sign + (p === 0 ? `0.${'0'.repeat(int(6))}${d}` : p === n ? d : `${d.slice(0, p)}.${d.slice(p)}`) + (rnd() < 0.3 ? `e${['', '+', '-'][int(3)]}${int(25)}` : '');
      }
      case 5: return sign + ['0', '0.0', '0e5', '5e-324', '2.2250738585072014e-308', '1.7976931348623157e308', '9007199254740993', '0.30000000000000004', '1e400'][int(9)];
      case 6: return `${sign}${int(200)}.${digits(1 + int(17))}`;
      case 7: return `${sign}${digits(15)}`.replace(/^(-?\d{6})/, '$1.');
      default: return `${sign}${digits(16)}`.replace(/^(-?\d{3})/, '$1.');
    }
  };
}

/** A properties object as text, members in random order and spacing: plain and escaped names and
 *  strings, `__proto__`, integer-like and repeated names, numbers, literals and nested values. */
function propertiesText(rnd: () => number, ws: () => string, i: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const names = ['name', 'highway', 'id', '名称', '1', '10', 'a"b', 'tab\there', '__proto__', 'constructor', 'name'];
  const values = [`"路${i}"`, '"residential"', '"a \\"quoted\\" one"', '"\\u00e9"', 'true', 'false', 'null', '12', '-0', '1.5e3', '{"k":[1,{"x":null}]}', '[]', `"r${i}"`];
  const n = Math.floor(rnd() * 5);
  const members = Array.from({ length: n }, () => `${JSON.stringify(pick(names))}${ws()}:${ws()}${pick(values)}`);
  return `{${ws()}${members.join(`${ws()},${ws()}`)}${ws()}}`;
}

describe('scanGeoJsonLines', () => {
  it('reads 200 random line collections (every number form, whitespace, ids, MultiLineStrings) to the doubles JSON.parse gives', async () => {
    const rnd = mulberry32(9113);
    const num = numberTexts(77);
    const ws = () => ['', ' ', '\n', '\t ', ''][Math.floor(rnd() * 5)];
    const line = () => `[${Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => `[${ws()}${num()}${ws()},${ws()}${num()}${ws()}]`).join(`,${ws()}`)}]`;
    let vertices = 0;
    for (let c = 0; c < 200; c++) {
      const feats = Array.from({ length: Math.floor(rnd() * 20) }, (_, i) => {
        const multi = rnd() < 0.3;
        const geom = multi ? `{"type":"MultiLineString","coordinates":[${Array.from({ length: 1 + Math.floor(rnd() * 3) }, line).join(',')}]}` : `{ "coordinates" :${line()},${ws()}"type":"LineString"}`;
        const props = rnd() < 0.1 ? 'null' : propertiesText(rnd, ws, i);
        const id = rnd() < 0.3 ? `,"id":${rnd() < 0.5 ? i : `"top-${i}"`}` : '';
        return rnd() < 0.5 ? `{"type":"Feature","properties":${props},"geometry":${geom}${id}}` : `{${ws()}"geometry":${geom},"type":"Feature"${id},"properties":${props}}`;
      });
      const crs = rnd() < 0.3 ? '"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},' : '';
      const l = await expectSameAsReference(`${ws()}{"type":"FeatureCollection",${crs}"features":[${feats.join(`,${ws()}`)}]}${ws()}`);
      vertices += l.xy.length / 2;
    }
    expect(vertices).toBeGreaterThan(5000);
  });

  it('lays out a LineString and a MultiLineString by hand, with the top-level id merged', () => {
    const l = scanGeoJsonLines('{"type":"FeatureCollection","features":[' +
      '{"type":"Feature","id":7,"properties":{"name":"a"},"geometry":{"type":"LineString","coordinates":[[1.5,2],[3,-4e2]]}},' +
      '{"type":"Feature","properties":null,"geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1],[2,2]],[[5,5],[6,6]]]}}]}')!;
    expect(l.length).toBe(2);
    expect([...l.featureLines]).toEqual([0, 1, 3]);
    expect([...l.lineOffsets]).toEqual([0, 2, 5, 7]);
    expect([...l.xy]).toEqual([1.5, 2, 3, -400, 0, 0, 1, 1, 2, 2, 5, 5, 6, 6]);
    expect(l.properties).toEqual([{ id: 7, name: 'a' }, {}]);
    expect(l.fields).toEqual(['name', 'id']);
  });

  it('declines what it does not fully read (the general reader then reports it)', () => {
    const fc = (feature: string) => `{"type":"FeatureCollection","features":[${feature}]}`;
    const f = (geometry: string) => fc(`{"type":"Feature","properties":{},"geometry":${geometry}}`);
    const ok = f('{"type":"LineString","coordinates":[[1,2],[3,4]]}');
    expect(scanGeoJsonLines(ok)).not.toBeNull();
    for (const bad of [
      f('null'),
      fc('{"type":"Feature","properties":{}}'),
      f('{"type":"Point","coordinates":[1,2]}'),
      f('{"type":"LineString","coordinates":[[1,2]]}'),
      f('{"type":"LineString","coordinates":[]}'),
      f('{"type":"MultiLineString","coordinates":[]}'),
      f('{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6]]]}'),
      f('{"type":"LineString","coordinates":[[1,2,3],[3,4,5]]}'),
      f('{"type":"LineString","coordinates":[[[1,2],[3,4]]]}'),
      f('{"type":"MultiLineString","coordinates":[[1,2],[3,4]]}'),
      f('{"type":"LineString","type":"LineString","coordinates":[[1,2],[3,4]]}'),
      f('{"type":"LineString","coordinates":[[01,2],[3,4]]}'),
      f('{"type":"LineString","coordinates":[[1.,2],[3,4]]}'),
      f('{"type":"LineString","coordinates":[[.5,2],[3,4]]}'),
      f('{"type":"LineString","coordinates":[[+1,2],[3,4]]}'),
      f('{"type":"LineString","coordinates":[[1e,2],[3,4]]}'),
      f('{"type":"LineString","coordinates":[[NaN,2],[3,4]]}'),
      f('{"type":"LineString","coordinates":[["1",2],[3,4]]}'),
      f('{"type":"Line\\u0053tring","coordinates":[[1,2],[3,4]]}'),
      fc('{"type":"Feature","properties":[1],"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}'),
      fc('{"type":"Feature","properties":{"a":},"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}'),
      ok.slice(0, -5),
      `${ok}x`,
      '{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}',
    ]) expect(scanGeoJsonLines(bad), bad).toBeNull();
  });
});
