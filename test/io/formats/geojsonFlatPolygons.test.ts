// The flat polygon scanner against an independent reading of the same text: JSON.parse of the whole
// document walked into the same GeoArrow layout by a plain reference walker, and readGeoJson's
// properties and fields. Every coordinate must be the same double bit for bit; what the scanner
// does not read must give null.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanGeoJsonPolygonColumns, scanGeoJsonPolygonColumnsFrom, scanGeoJsonPolygons } from '../../../src/io/formats/geojsonFlatPolygons';
import { bytesSource, type ByteSource } from '../../../src/io/formats/byteSource';
import { withoutBoms } from '../../../src/io/formats/textEncoding';
import type { FlatPolygonLayer } from '../../../src/io/formats/flatPolygons';
import { readGeoJson } from '../../../src/io/formats/geojson';
import { generator } from './featureCollectionTexts';
import { mulberry32 } from '../../../bench/lib/random';

type Layout = Omit<FlatPolygonLayer, 'properties' | 'fields' | 'crsName'>;

/** JSON.parse of the text walked into the flat layout; null when it is not a FeatureCollection of Polygon/MultiPolygon/null geometries with non-empty rings of [x, y] numbers. */
function referenceLayout(text: string): Layout | null {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { return null; }
  const d = doc as { type?: unknown; features?: unknown };
  if (!d || d.type !== 'FeatureCollection' || !Array.isArray(d.features)) return null;
  const geom = [0], polys = [0], rings = [0], xy: number[] = [];
  for (const f of d.features as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null }[]) {
    if (!f || typeof f !== 'object' || f.type !== 'Feature') return null;
    const g = f.geometry;
    if (g !== null && g !== undefined) {
      let list: unknown;
      if (g.type === 'Polygon') list = [g.coordinates];
      else if (g.type === 'MultiPolygon') list = g.coordinates;
      else return null;
      if (!Array.isArray(list) || list.length === 0) return null;
      for (const poly of list) {
        if (!Array.isArray(poly) || poly.length === 0) return null;
        for (const ring of poly) {
          if (!Array.isArray(ring) || ring.length === 0) return null;
          for (const p of ring) {
            if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') return null;
            xy.push(p[0], p[1]);
          }
          rings.push(xy.length / 2);
        }
        polys.push(rings.length - 1);
      }
    }
    geom.push(polys.length - 1);
  }
  return {
    length: d.features.length,
    geomOffsets: Uint32Array.from(geom),
    polygonOffsets: Uint32Array.from(polys),
    ringOffsets: Uint32Array.from(rings),
    xy: Float64Array.from(xy),
  };
}

/** Bit-level equality of the coordinates (so -0 ≠ 0), with the first difference named. */
function expectSameDoubles(got: Float64Array, want: Float64Array): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) expect(`xy[${i}] = ${got[i]}`).toBe(`xy[${i}] = ${want[i]}`);
  }
}

/** The scan of the text as a string (an ASCII one is sliced) and as its UTF-8 bytes (decoded span by span), which must agree; the string's. */
function scanBoth(text: string): FlatPolygonLayer | null {
  const layer = scanGeoJsonPolygons(text);
  const fromBytes = scanGeoJsonPolygons(new TextEncoder().encode(text));
  expect(fromBytes, 'the bytes read as the string').toEqual(layer);
  return layer;
}

async function expectSameAsReference(text: string, name = 'test.geojson'): Promise<FlatPolygonLayer> {
  const layer = scanBoth(text);
  const want = referenceLayout(text);
  expect(want, 'the reference reads it').not.toBeNull();
  expect(layer, 'the scanner reads it').not.toBeNull();
  const l = layer!;
  expect(l.length).toBe(want!.length);
  expect([...l.geomOffsets]).toEqual([...want!.geomOffsets]);
  expect([...l.polygonOffsets]).toEqual([...want!.polygonOffsets]);
  expect([...l.ringOffsets]).toEqual([...want!.ringOffsets]);
  expectSameDoubles(l.xy, want!.xy);
  const raw = await readGeoJson(name, new TextEncoder().encode(text), { chunkedFromBytes: Infinity });
  expect(l.properties).toEqual(raw.features.map((f) => f.properties));
  expect(l.fields).toEqual(raw.fields);
  expect(l.crsName).toBe(raw.declaredCrs?.from === 'geojson' ? raw.declaredCrs.crs : undefined);
  return l;
}

// ---- tests ---------------------------------------------------------------------------------

describe('scanGeoJsonPolygons: random FeatureCollections against JSON.parse and readGeoJson', () => {
  it('reads 300 random collections (key orders, whitespace, holes, null geometries, ids, every number form) to the same layout, doubles, properties and fields', async () => {
    const gen = generator(20261203);
    let features = 0, vertices = 0;
    for (let i = 0; i < 300; i++) {
      const l = await expectSameAsReference(gen.collection());
      features += l.length;
      vertices += l.xy.length / 2;
    }
    // The generator really made something to compare.
    expect(features).toBeGreaterThan(3000);
    expect(vertices).toBeGreaterThan(30000);
  });

  it('a layer whose vertices outgrow the room predicted from its start (a long properties text first, dense rings after) keeps every vertex', async () => {
    const rnd = mulberry32(5);
    const ring = (n: number) => `[${Array.from({ length: n }, () => `[${(rnd() * 360 - 180).toFixed(1 + Math.floor(rnd() * 15))},${rnd().toFixed(3)}]`).join(',')}]`;
    const feature = (props: string, n: number) => `{"type":"Feature","properties":${props},"geometry":{"type":"Polygon","coordinates":[${ring(n)}]}}`;
    const features = [feature(`{"note":"${'x'.repeat(1 << 20)}"}`, 9000)];
    for (let i = 0; i < 60; i++) features.push(feature('{}', 1000 + Math.floor(rnd() * 500)));
    const l = await expectSameAsReference(`{"type":"FeatureCollection","features":[${features.join(',')}]}`);
    expect(l.xy.length / 2).toBeGreaterThan(60000);
  });

  it('a city of small footprints (the offsets outgrow their first room along with the vertices): every offset, whole and through a window', async () => {
    const rnd = mulberry32(11);
    const square = (x: number, y: number) => [[x, y], [x + 1e-4, y], [x + 1e-4, y + 1e-4], [x, y + 1e-4], [x, y]];
    const features = Array.from({ length: 5000 }, (_, i) => {
      const x = 104 + rnd() * 0.5, y = 30 + rnd() * 0.5;
      const geometry = i % 7 === 3
        ? { type: 'MultiPolygon', coordinates: [[square(x, y), square(x + 2e-5, y + 2e-5)], [square(x + 1e-3, y)]] }
        : { type: 'Polygon', coordinates: [square(x, y)] };
      return { type: 'Feature', geometry, properties: { id: `R${i}`, households: i % 50 } };
    });
    const text = JSON.stringify({ type: 'FeatureCollection', features });
    await expectSameAsReference(text);
    const want = referenceLayout(text)!;
    const bytes = new TextEncoder().encode(text);
    for (const l of [scanGeoJsonPolygonColumns(bytes)!, scanGeoJsonPolygonColumnsFrom(bytesSource(bytes), { bytes: 4096, margin: 2048 })!]) {
      // The offsets were given the vertices' predicted room (and kept in it), as a city's are.
      expect(l.ringOffsets.buffer.byteLength).toBeGreaterThan(l.ringOffsets.byteLength);
      for (const k of ['geomOffsets', 'polygonOffsets', 'ringOffsets'] as const) expect([...l[k]], k).toEqual([...want[k]]);
      expectSameDoubles(l.xy, want.xy);
    }
  });

  it('a layer of 1.6 MB of vertices keeps them in shared memory (bulkArrays.ts), whole and through a window: the doubles JSON.parse gives', () => {
    const rnd = mulberry32(12);
    const square = (x: number, y: number) => [[x, y], [x + 1e-4, y], [x + 1e-4, y + 1e-4], [x, y + 1e-4], [x, y]];
    const features = Array.from({ length: 20_000 }, (_, i) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(104 + rnd() * 0.5, 30 + rnd() * 0.5)] }, properties: { id: `R${i}` } }));
    const text = JSON.stringify({ type: 'FeatureCollection', features });
    const want = referenceLayout(text)!;
    const bytes = new TextEncoder().encode(text);
    for (const l of [scanGeoJsonPolygonColumns(bytes)!, scanGeoJsonPolygonColumnsFrom(bytesSource(bytes), { bytes: 1 << 16, margin: 1 << 12 })!]) {
      expect(l.xy.length).toBe(200_000);
      expect(l.xy.buffer).toBeInstanceOf(SharedArrayBuffer);
      expectSameDoubles(l.xy, want.xy);
      expect([...l.ringOffsets]).toEqual([...want.ringOffsets]);
    }
  });

  it('what JSON.stringify writes is read, with a top-level id merged as readGeoJson merges it', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'B1', properties: { name: '一号楼', households: 58 }, geometry: { type: 'Polygon', coordinates: [[[114.05123456789012, 22.5], [114.0513, 22.5], [114.0513, 22.5001], [114.05123456789012, 22.5]]] } },
        { type: 'Feature', id: 2, properties: { id: 'kept', households: 1e-7 }, geometry: null },
        { type: 'Feature', id: 3, properties: null, geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.2, 0.1], [0.3, 0.1], [0.3, 0.2], [0.2, 0.1]]], [[[-0, 5], [6, 5], [6, 6], [-0, 5]]]] } },
      ],
    };
    const l = await expectSameAsReference(JSON.stringify(fc));
    // By hand: three features; the first one polygon, the second none, the third two polygons (3 rings).
    expect([...l.geomOffsets]).toEqual([0, 1, 1, 3]);
    expect([...l.polygonOffsets]).toEqual([0, 1, 3, 4]);
    expect([...l.ringOffsets]).toEqual([0, 4, 8, 12, 16]);
    expect(l.xy[0]).toBe(114.05123456789012);
    expect(l.properties).toEqual([{ id: 'B1', name: '一号楼', households: 58 }, { id: 'kept', households: 1e-7 }, { id: 3 }]);
    expect(l.fields).toEqual(['name', 'households', 'id']);
  });
});

describe('scanGeoJsonPolygons: properties read in place are what JSON.parse makes of them', () => {
  const P = '{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}';
  const fc = (props: string[]) => `{"type":"FeatureCollection","features":[${props.map((p) => `{"type":"Feature","properties":${p},"geometry":${P}}`).join(',')}]}`;
  /** The scanner's properties and fields against JSON.parse of each properties text and the names in first-seen order, by hand. */
  const expectParsed = (props: string[]) => {
    const l = scanGeoJsonPolygons(fc(props));
    expect(l, 'the scanner reads it').not.toBeNull();
    const want = props.map((p) => (JSON.parse(p) ?? {}) as Record<string, unknown>);
    const names: string[] = [];
    for (const o of want) for (const k of Object.keys(o)) if (!names.includes(k)) names.push(k);
    expect(l!.properties.length).toBe(want.length);
    for (let f = 0; f < want.length; f++) {
      // Own names in order, each value the same (Object.is: -0 is not 0), and the same prototype.
      expect(Object.keys(l!.properties[f]), props[f]).toEqual(Object.keys(want[f]));
      for (const k of Object.keys(want[f])) expect(Object.is(l!.properties[f][k], want[f][k]) || JSON.stringify(l!.properties[f][k]) === JSON.stringify(want[f][k]), `${props[f]} ${k}`).toBe(true);
      expect(Object.getPrototypeOf(l!.properties[f])).toBe(Object.prototype);
    }
    expect(l!.fields).toEqual(names);
    return l!;
  };

  it('names that repeat, reorder, shrink and grow from feature to feature keep first-seen field order', () => {
    expectParsed(['{"id":"C0-R0","households":58}', '{"id":"C0-R1","households":72}', '{"households":1,"id":"x"}', '{"id":"y"}', '{}', 'null', '{"id":"z","households":-0,"note":"新"}', '{"id":"w","households":3}', '{"a":1,"id":2,"households":3}', '{"a":1,"idx":2}', '{"a":1,"i":2,"households":3}']);
  });

  it('a name given twice keeps its first place and its last value; integer-like names come first', () => {
    expectParsed(['{"a":1,"b":2,"a":3}', '{"b":1,"2":"two","1":"one"}', '{"a":1,"a":2}']);
  });

  it('a __proto__ name is an own property, as JSON.parse makes it (an assignment would set the prototype)', () => {
    const l = expectParsed(['{"__proto__":{"x":1},"a":1}', '{"a":2,"__proto__":5}', '{"a":3}']);
    expect(Object.prototype.hasOwnProperty.call(l.properties[0], '__proto__')).toBe(true);
    expect((l.properties[0] as { x?: unknown }).x).toBeUndefined();
  });

  it('escaped names and values, nested values, every flat value form', () => {
    expectParsed([
      '{"a\\u0062":1,"c":2}', '{"s":"q\\"uote","t":"tab\\t","e":""}', '{"n":{"k":[1,{"z":null}]},"arr":[],"o":{}}',
      '{"t":true,"f":false,"z":null,"i":-12,"d":1.5e-7,"big":123456789012345678901234,"neg0":-0.0,"c":"中文 🏠"}',
      '{ "sp" : 1 , "\\u005f_proto__" : 2 }', '{"\\u005f_proto__":3,"sp":4}',
    ]);
  });
});

describe('scanGeoJsonPolygons: numbers are the doubles JSON.parse gives', () => {
  // Texts where a fast path that rounds twice, multiplies by an inexact 10^-k or trusts more than
  // 15 digits gives a different double (each checked against JSON.parse, not a pasted value).
  const TEXTS = [
    '0.1', '0.3', '1.1', '2.675', '1e-7', '1E+22', '9e22', '1e23', '8.41e21', '123456789012345e-22', '123456789012345e22',
    '0.000001', '5e-324', '1e-400', '1e400', '0', '0.0e0', '9007199254740993', '9007199254740992.5', '0.1e1',
    '113.80893668323924', '22.820487715603477', '113.808936683239239', '114.05123456789012', '3.0000000000000004', '17976931348623157e292',
    '2.2250738585072011e-308', '7.038531e-26', '4.35679e-10', '1.0000000000000002', '0.30000000000000004', '1448997445238699',
  ];
  for (const t of TEXTS) {
    it(`${t} and -${t}`, async () => {
      const want = [JSON.parse(t) as number, JSON.parse(`-${t}`) as number];
      const l = await expectSameAsReference(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[${t},-${t}]]]}}]}`);
      expect(Object.is(l.xy[0], want[0]) && Object.is(l.xy[1], want[1])).toBe(true);
    });
  }

  it('every 1–15 digit mantissa with a decimal exponent from -25 to 25 in a seeded sample', async () => {
    const rnd = mulberry32(7);
    const texts: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const n = 1 + Math.floor(rnd() * 17);
      let d = String(1 + Math.floor(rnd() * 9));
      for (let j = 1; j < n; j++) d += String(Math.floor(rnd() * 10));
      const p = Math.floor(rnd() * (n + 1));
      const mant = p === 0 ? `0.${d}` : p === n ? d : `${d.slice(0, p)}.${d.slice(p)}`;
      texts.push(`${mant}e${Math.floor(rnd() * 51) - 25}`);
    }
    const ring = texts.map((t, i) => `[${t},${texts[(i + 1) % texts.length]}]`).join(',');
    await expectSameAsReference(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[${ring}]]}}]}`);
  });
  it('random doubles as JSON.stringify writes them (up to 17 digits), to 16–19 significant digits and in exponent form, signed, coordinate-sized and any normal size', async () => {
    const rnd = mulberry32(20261203);
    const bits = new Uint32Array(2), f64 = new Float64Array(bits.buffer);
    const texts: string[] = [];
    for (let i = 0; i < 60000; i++) {
      let v: number;
      if (i % 3 === 0) v = 70 + rnd() * 70; // longitudes
      else if (i % 3 === 1) v = rnd() * 60; // latitudes
      else {
        // Any normal double: random bits, the exponent kept away from subnormals and infinity.
        bits[0] = Math.floor(rnd() * 2 ** 32);
        bits[1] = Math.floor(rnd() * 2 ** 20) + (Math.floor(rnd() * 2000) + 24) * 2 ** 20;
        v = f64[0];
      }
      if (rnd() < 0.5) v = -v;
      const form = Math.floor(rnd() * 3);
      texts.push(form === 0 ? JSON.stringify(v) : form === 1 ? v.toPrecision(16 + Math.floor(rnd() * 4)) : v.toExponential(15 + Math.floor(rnd() * 4)));
    }
    const ring = texts.map((t, i) => `[${t},${texts[(i + 7) % texts.length]}]`).join(',');
    await expectSameAsReference(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[${ring}]]}}]}`);
  });

  it('16–19 digit decimals just below, at and just above the midpoint between two neighbouring doubles (exact midpoints by BigInt)', async () => {
    const rnd = mulberry32(11);
    const f64 = new Float64Array(1);
    const u64 = new BigUint64Array(f64.buffer);
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) {
      // A double x in [1e-6, 1e6], its upper neighbour, and their exact midpoint as a decimal.
      f64[0] = 10 ** (rnd() * 12 - 6);
      const bits = u64[0];
      const E = Number(bits >> 52n) - 1075; // x = mant · 2^E
      const mant = (bits & ((1n << 52n) - 1n)) | (1n << 52n);
      // midpoint = (2·mant + 1) · 2^(E−1) = (2·mant + 1) · 5^(1−E) / 10^(1−E) (E < 0 here)
      const scale = BigInt(1 - E);
      const N = (2n * mant + 1n) * 5n ** scale;
      const digits = N.toString();
      const pointFromRight = Number(scale); // N / 10^scale
      for (const keep of [16, 17, 18, 19]) {
        const head = BigInt(digits.slice(0, keep));
        for (const d of [head - 1n, head, head + 1n]) {
          // d · 10^(len − keep − scale): digits around the midpoint, truncated to `keep` digits.
          const e = digits.length - keep - pointFromRight;
          texts.push(`${d}e${e}`);
          // Also written with a decimal point where it lands inside the digits.
          const ds = d.toString();
          if (e < 0 && -e < ds.length) texts.push(`${ds.slice(0, ds.length + e)}.${ds.slice(ds.length + e)}`);
          else if (e < 0) texts.push(`0.${'0'.repeat(-e - ds.length)}${ds}`);
        }
      }
      // The exact midpoint itself when it has at most 19 significant digits (a true tie).
      const trimmed = digits.replace(/0+$/, '');
      if (trimmed.length <= 19) texts.push(`${trimmed}e${digits.length - trimmed.length - pointFromRight}`);
    }
    const ring = texts.map((t, i) => `[${t},-${texts[(i + 7) % texts.length]}]`).join(',');
    const l = await expectSameAsReference(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[${ring}]]}}]}`);
    expect(l.xy.length).toBe(2 * texts.length);
  });

  it('16 digits just above 2^53 (9007199254740993, whose computed m · 10 + tail rounds down to 2^53) at every decimal place and exponent', async () => {
    // 2^53 + 1 is not a double: a check of the 16-digit mantissa against 2^53 after it was
    // computed in doubles let it through as 2^53, and 2^53 / 10^k is then off by an ulp for
    // most k (by hand: 900.7199254740993 is read as 900.7199254740992 that way).
    const digits = '9007199254740993';
    const texts: string[] = [];
    for (let p = 1; p < 16; p++) texts.push(`${digits.slice(0, p)}.${digits.slice(p)}`);
    for (let z = 1; z <= 5; z++) texts.push(`0.${'0'.repeat(z - 1)}${digits}`);
    for (let e = -25; e <= 25; e += 1) texts.push(`${digits}e${e}`);
    texts.push('9007199254740992.5', '9007199254740994.1', '900719925474099.25');
    const ring = texts.map((t) => `[${t},-${t}]`).join(',');
    const l = await expectSameAsReference(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[${ring}]]}}]}`);
    expect(Object.is(l.xy[2 * 2], 900.7199254740993)).toBe(true);
  });

  it('exact ties with 16–19 digits round to the even neighbour, in coordinates and in properties', async () => {
    // Midpoints between neighbouring doubles from 2^52 on (spacing 1, 2, 4) written with 1–4 decimals.
    // Coordinates and property values take separate number paths: both are checked. From 2^49 to
    // 2^50 doubles are 1/8 apart, so a 15-digit integer part with 4 decimals (19 digits, the
    // coordinates' fast path) can be a midpoint too: by hand, 562949953421312.0625 lies halfway
    // between 562949953421312 and 562949953421312.125, and the even neighbour is the first.
    const texts = ['4503599627370497.5', '4503599627370498.5000', '4503599627370499.50', '9007199254740993.0', '9007199254740995.00', '9007199254740997.000', '18014398509481990.0', '18014398509481994.00', '6755399441055745.5', '6755399441055746.5',
      '562949953421312.0625', '562949953421312.1875', '999999999999999.9375', '-777777777777777.3125'];
    for (const t of texts) {
      const l = await expectSameAsReference(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"v":${t}},"geometry":{"type":"Polygon","coordinates":[[[${t},${t}]]]}}]}`);
      expect(Object.is(l.xy[0], JSON.parse(t) as number), t).toBe(true);
      expect(Object.is(l.properties[0].v, JSON.parse(t) as number), `property ${t}`).toBe(true);
    }
    expect(JSON.parse('562949953421312.0625')).toBe(562949953421312);
  });
});

describe('scanGeoJsonPolygons: the coordinate fast path and the structural names', () => {
  it('every integer-part length 0–17 with 0–22 decimals, signed or not, with and without an exponent, in coordinates and in properties', async () => {
    // The fast path takes a non-zero integer part of up to 15 digits and up to 19 significant
    // digits without an exponent; each side of each limit is here, every one checked against JSON.parse.
    const rnd = mulberry32(13);
    const digits = (n: number) => Array.from({ length: n }, (_, j) => String(j === 0 ? 1 + Math.floor(rnd() * 9) : Math.floor(rnd() * 10))).join('');
    const texts: string[] = [];
    for (let int = 0; int <= 17; int++) {
      for (let frac = 0; frac <= 22; frac++) {
        for (let r = 0; r < 4; r++) {
          const sign = r % 2 ? '-' : '';
          const whole = int === 0 ? '0' : digits(int);
          const fraction = frac === 0 ? '' : `.${Array.from({ length: frac }, () => String(Math.floor(rnd() * 10))).join('')}`;
          texts.push(`${sign}${whole}${fraction}`);
          if (r === 3) texts.push(`${sign}${whole}${fraction}${rnd() < 0.5 ? 'e' : 'E'}${rnd() < 0.5 ? '-' : ''}${Math.floor(rnd() * 30)}`);
        }
      }
    }
    const ring = texts.map((t, i) => `[${t},${texts[(i + 1) % texts.length]}]`).join(',');
    const props = texts.map((t, i) => `{"type":"Feature","properties":{"id":"F${i}","households":${t}},"geometry":null}`).join(',');
    const l = await expectSameAsReference(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[${ring}]]}},${props}]}`);
    expect(l.xy.length).toBe(2 * texts.length);
    for (let i = 0; i < texts.length; i++) expect(Object.is(l.properties[i + 1].households, JSON.parse(texts[i]) as number), texts[i]).toBe(true);
  });

  it('names that begin like a structural name (typeX, t, c, cr, crsX, coordinatesX, geometryX, idX, …) are other names, skipped', async () => {
    const P = '{"typeX":"Point","t":1,"c":[1],"co":2,"coordinatesX":[[[9,9]]],"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"coordinatesy":0}';
    const f = (id: number) => `{"typeX":"x","t":0,"type":"Feature","i":1,"idX":2,"id":${id},"p":{},"propertiesX":{"a":1},"properties":{"n":${id}},"g":null,"geometryX":{"type":"LineString"},"geometry":${P},"geometry2":null}`;
    const text = `{"typeX":1,"t":2,"c":3,"cr":4,"crsX":{"properties":{"name":"EPSG:4547"}},"f":[],"featuresX":[1],"type":"FeatureCollection","features":[${f(1)},${f(2)}],"features2":{}}`;
    const l = await expectSameAsReference(text);
    // By hand: two features of one ring each; each id merged, no CRS named.
    expect(l.length).toBe(2);
    expect([...l.ringOffsets]).toEqual([0, 4, 8]);
    expect(l.properties).toEqual([{ id: 1, n: 1 }, { id: 2, n: 2 }]);
    expect(l.crsName).toBeUndefined();
  });

  it('a structural name present only with a suffix is absent: a feature with "typeX" but no "type" is not read', () => {
    expect(scanGeoJsonPolygons('{"type":"FeatureCollection","features":[{"typeX":"Feature","properties":{},"geometry":null}]}')).toBeNull();
    expect(scanGeoJsonPolygons('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}')).not.toBeNull();
  });
});

describe('scanGeoJsonPolygons: QGIS / ogr2ogr output', () => {
  const dir = join(__dirname, '..', '..', 'fixtures', 'io', 'formats');
  it('ogr2ogr (GDAL 3.6) projected metres with "name" and "crs", a hole, a MultiPolygon and a null geometry', async () => {
    const l = await expectSameAsReference(readFileSync(join(dir, 'ogr2ogr-residential-epsg4547.geojson'), 'utf8'));
    expect(l.crsName).toBe('urn:ogc:def:crs:EPSG::4547');
    expect(l.length).toBe(3);
    expect([...l.geomOffsets]).toEqual([0, 1, 3, 3]);
    expect([...l.ringOffsets]).toEqual([0, 5, 10, 14, 19]);
    expect(l.xy.slice(0, 4)).toEqual(Float64Array.from([500000.5, 2500000.25, 500040.125, 2500000.25]));
    expect(l.fields).toEqual(['name', 'households', 'note']);
  });

  it('ogr2ogr lon/lat with 18-digit coordinates, a Chinese layer name and feature ids', async () => {
    const l = await expectSameAsReference(readFileSync(join(dir, 'ogr2ogr-residential-epsg4490-fid.geojson'), 'utf8'));
    expect(l.crsName).toBe('urn:ogc:def:crs:EPSG::4490');
    expect(l.xy[0]).toBe(113.80893668323924);
    expect(l.properties[0]).toEqual({ id: 7, name: '甲', households: 58 });
    expect(l.fields).toEqual(['name', 'households', 'id']);
  });
});

describe('scanGeoJsonPolygons: a feature opening as JSON.stringify writes it (type, geometry type, coordinates) read at once', () => {
  const M = '{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]';
  const Q = '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]';
  const fc = (features: string[]) => `{"type":"FeatureCollection","features":[${features.join(',')}]}`;

  it('what follows the opening (more geometry members, properties, id, other members, whitespace) reads as JSON.parse reads it', async () => {
    await expectSameAsReference(fc([
      `${M}},"properties":{"id":"a","households":1}}`, `${Q}},"properties":{"id":"b"}}`, `${M},"bbox":[0,0,1,1]},"id":7,"properties":null}`,
      `${Q} , "extra" : {"type":"Point"} } , "properties" : {"id":"c"} , "x" : [1] }`, `${M}}}`, `${Q}}}`,
      // Near misses take the member-by-member path: a space, another geometry type, another feature member first.
      '{"type": "Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}',
      '{"type":"Feature","geometry":{"type":"MultiPolygon" ,"coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}',
      '{"type":"Feature","geometry":{"coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"type":"Polygon"}}',
    ]));
  });

  it('one byte of the opening changed (at every place, in both openings, at the end of the text too): read only as the member-by-member reading reads it', () => {
    for (const open of [M, Q]) {
      const head = open.slice(0, open.indexOf(':[') + 1);
      for (let j = 0; j < head.length; j++) {
        for (const c of ['X', ' ']) {
          const changed = `${open.slice(0, j)}${c}${open.slice(j + 1)}}}`;
          const text = fc([changed]);
          const got = scanGeoJsonPolygons(text);
          const want = referenceLayout(text);
          if (got === null) continue; // the scanner may leave any text to the general reader
          expect(want, `${changed}: JSON.parse reads it`).not.toBeNull();
          expect([...got.geomOffsets], changed).toEqual([...want!.geomOffsets]);
          expectSameDoubles(got.xy, want!.xy);
        }
      }
      // The opening cut short at the very end of the text: not read past the end.
      for (let j = 1; j < head.length; j++) expect(scanGeoJsonPolygons(`{"type":"FeatureCollection","features":[${head.slice(0, j)}`)).toBeNull();
    }
    // Sanity: a changed geometry type in the opening is still read when it is valid (the other opening's type).
    expect(scanGeoJsonPolygons(fc([`${Q.replace('"Polygon"', '"Polygon" ')}}}`]))).not.toBeNull();
  });

  it('after the opening, a second geometry type or coordinates, a second feature type or geometry, or coordinates of the other depth: null', () => {
    for (const t of [
      `${M},"type":"MultiPolygon"}}`, `${Q},"coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}`, `${M}},"type":"Feature"}`, `${Q}},"geometry":null}`,
      '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}',
      '{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}',
      `${M}`, `${M}}`,
    ]) expect(scanGeoJsonPolygons(fc([`${M}}}`, t])), t).toBeNull();
  });
});

describe('scanGeoJsonPolygons: a position written as the ring\'s first takes its doubles', () => {
  const fc = (rings: string[]) => `{"type":"FeatureCollection","features":[${rings.map((r) => `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[${r}]}}`).join(',')}]}`;
  it('closing vertices, near misses (a middle digit, one digit more or less, other spaces, a sign), repeats mid-ring and per ring', async () => {
    const a = '[113.80893668323924,22.820487715603477]';
    await expectSameAsReference(fc([
      `[${a},[113.8088022725663,22.82088357946409],[113.80859672784263,22.820823606492404],${a}]`,
      `[${a},[113.80893668323924,22.82048771560347],[113.80893668323924,22.8204877156034777],[113.80893668323924,22.820487715603470],${a}]`,
      `[${a},[113.80893668323914,22.820487715603477],[113.80893668323924,22.820487715603377],[113.80893668323924 ,22.820487715603477],${a}]`,
      `[${a},[-113.80893668323924,22.820487715603477],[113.80893668323924,-22.820487715603477],${a},[1,2],${a}]`,
      `[[1,2],[1,22],[11,2],[1,2]],[[1,2],[3,4],[1, 2],[1,2 ],[1,2]],[${a}],[[1e0,2],[1,2],[1e0,2]]`,
      `[[-0,0],[0,0],[-0,0],[0,-0]]`,
    ]));
    // By hand: a closing vertex equal to the first, and a near miss that is not.
    const l = scanGeoJsonPolygons(fc(['[[1.5,2.25],[1.6,2.25],[3,4],[1.5,2.25]]']))!;
    expect([...l.xy]).toEqual([1.5, 2.25, 1.6, 2.25, 3, 4, 1.5, 2.25]);
  });
});

describe('scanGeoJsonPolygons: anything else is null (the general reader takes it)', () => {
  const P = '{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}';
  const fc = (features: string) => `{"type":"FeatureCollection","features":[${features}]}`;
  const feat = (geometry: string, rest = '"properties":{}') => `{"type":"Feature",${rest},"geometry":${geometry}}`;
  const CASES: [string, string][] = [
    ['a single Feature', feat(P)],
    ['a bare geometry', P],
    ['not GeoJSON', '{"type":"Topology","objects":{}}'],
    ['no features member', '{"type":"FeatureCollection"}'],
    ['no type member', '{"features":[]}'],
    ['features not an array', '{"type":"FeatureCollection","features":{}}'],
    ['a Point geometry', fc(feat('{"type":"Point","coordinates":[0,0]}'))],
    ['a LineString geometry', fc(feat('{"type":"LineString","coordinates":[[0,0],[1,1]]}'))],
    ['a MultiLineString (Polygon depth)', fc(feat('{"type":"MultiLineString","coordinates":[[[0,0],[1,1]]]}'))],
    ['a GeometryCollection', fc(feat(`{"type":"GeometryCollection","geometries":[${P}]}`))],
    ['a Polygon nested as a MultiPolygon', fc(feat('{"type":"Polygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}'))],
    ['a MultiPolygon nested as a Polygon', fc(feat('{"coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"type":"MultiPolygon"}'))],
    ['ragged nesting in a MultiPolygon', fc(feat('{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[0,0],[1,0]]]}'))],
    ['a geometry without type', fc(feat('{"coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}'))],
    ['a geometry without coordinates', fc(feat('{"type":"Polygon"}'))],
    ['a position with 3 numbers', fc(feat('{"type":"Polygon","coordinates":[[[0,0,5],[1,0,5],[1,1,5],[0,0,5]]]}'))],
    ['a position with 1 number', fc(feat('{"type":"Polygon","coordinates":[[[0],[1,0],[1,1],[0,0]]]}'))],
    ['a string coordinate', fc(feat('{"type":"Polygon","coordinates":[[["0",0],[1,0],[1,1],[0,0]]]}'))],
    ['a null coordinate', fc(feat('{"type":"Polygon","coordinates":[[[null,0],[1,0],[1,1],[0,0]]]}'))],
    ['NaN', fc(feat('{"type":"Polygon","coordinates":[[[NaN,0],[1,0],[1,1],[0,0]]]}'))],
    ['Infinity', fc(feat('{"type":"Polygon","coordinates":[[[Infinity,0],[1,0],[1,1],[0,0]]]}'))],
    ['a leading zero', fc(feat('{"type":"Polygon","coordinates":[[[01,0],[1,0],[1,1],[0,0]]]}'))],
    ['a plus sign', fc(feat('{"type":"Polygon","coordinates":[[[+1,0],[1,0],[1,1],[0,0]]]}'))],
    ['.5', fc(feat('{"type":"Polygon","coordinates":[[[.5,0],[1,0],[1,1],[0,0]]]}'))],
    ['5.', fc(feat('{"type":"Polygon","coordinates":[[[5.,0],[1,0],[1,1],[0,0]]]}'))],
    ['an exponent without digits', fc(feat('{"type":"Polygon","coordinates":[[[5e,0],[1,0],[1,1],[0,0]]]}'))],
    ['a hex number', fc(feat('{"type":"Polygon","coordinates":[[[0x10,0],[1,0],[1,1],[0,0]]]}'))],
    ['an empty ring', fc(feat('{"type":"Polygon","coordinates":[[]]}'))],
    ['an empty polygon', fc(feat('{"type":"Polygon","coordinates":[]}'))],
    ['an empty hole', fc(feat('{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[]]}'))],
    ['an empty MultiPolygon', fc(feat('{"type":"MultiPolygon","coordinates":[]}'))],
    ['an empty polygon in a MultiPolygon', fc(feat('{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[]]}'))],
    ['a feature without type', fc('{"properties":{},"geometry":null}')],
    ['a feature of another type', fc(feat(P).replace('"Feature"', '"Feat"'))],
    ['a feature that is not an object', fc('null')],
    ['properties that are an array', fc(feat(P, '"properties":[1]'))],
    ['properties that are a string', fc(feat(P, '"properties":"x"'))],
    ['invalid JSON in properties', fc(feat(P, '"properties":{"a":}'))],
    ['a raw control character in a properties string', fc(feat(P, '"properties":{"a":"x\u0001"}'))],
    ['a trailing comma in features', fc(`${feat(P)},`)],
    ['a trailing comma in a ring', fc(feat('{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0],]]}'))],
    ['a missing comma', fc(feat('{"type":"Polygon","coordinates":[[[0,0] [1,0],[1,1],[0,0]]]}'))],
    ['an unclosed document', fc(feat(P)).slice(0, -1)],
    ['text after the document', `${fc(feat(P))} x`],
    ['two documents', `${fc(feat(P))}${fc(feat(P))}`],
    ['invalid JSON in a skipped member', `{"type":"FeatureCollection","bbox":[1,,2],"features":[${feat(P)}]}`],
    ['invalid JSON in a skipped feature member', fc(feat(P, '"properties":{},"bbox":[1 2]'))],
    ['a duplicate top-level type', '{"type":"FeatureCollection","type":"FeatureCollection","features":[]}'],
    ['a duplicate features member', `{"type":"FeatureCollection","features":[],"features":[${feat(P)}]}`],
    ['a duplicate feature geometry', fc(`{"type":"Feature","properties":{},"geometry":null,"geometry":${P}}`)],
    ['a duplicate feature properties', fc(feat(P, '"properties":{},"properties":{"a":1}'))],
    ['a duplicate coordinates', fc(feat('{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}'))],
    ['an escaped structural key', fc(feat(P).replace('"geometry"', '"geo\\u006detry"'))],
    ['an escaped type value', `{"type":"Feature\\u0043ollection","features":[${feat(P)}]}`],
    ['a crs name that is a number', `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":4547}},"features":[${feat(P)}]}`],
    ['single quotes', fc(feat(P)).replace('"type":"FeatureCollection"', "'type':'FeatureCollection'")],
    ['a non-JSON whitespace (no-break space)', fc(feat(P)).replace('"features":', '"features":\u00a0')],
    ['an empty text', ''],
  ];
  for (const [what, text] of CASES) {
    it(what, () => {
      expect(scanGeoJsonPolygons(text)).toBeNull();
    });
  }

  it('the base texts of these cases are read (so each null comes from its one change)', () => {
    expect(scanGeoJsonPolygons(fc(feat(P)))).not.toBeNull();
    expect(scanGeoJsonPolygons(fc(feat('{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}')))).not.toBeNull();
    expect(scanGeoJsonPolygons(fc(feat(P, '"properties":{"a":"x"},"bbox":[1,2]')))).not.toBeNull();
    expect(scanGeoJsonPolygons(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"bbox":[1,2],"features":[${feat(P)}]}`)!.crsName).toBe('EPSG:4547');
    expect(scanGeoJsonPolygons('{"type":"FeatureCollection","features":[]}')).toEqual({
      length: 0, geomOffsets: Uint32Array.from([0]), polygonOffsets: Uint32Array.from([0]), ringOffsets: Uint32Array.from([0]), xy: new Float64Array(0), properties: [], fields: [],
    });
  });
});

describe('scanGeoJsonPolygons: the repository fixtures', () => {
  const root = join(__dirname, '..', '..', 'fixtures');
  const all = (dir: string): string[] => readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? all(p) : p.endsWith('.geojson') ? [p] : [];
  });
  // Polygon FeatureCollections (by the reference walker) the scanner leaves to the general reader,
  // and why: none on writing (io/hostile/geojson-polygon-without-coordinates is not one: no coordinates).
  const LEFT_TO_THE_GENERAL_READER: Record<string, string> = {
  };

  it('every polygon FeatureCollection fixture scans to the reference layout or is listed as null; every other fixture is null', async () => {
    const files = all(root);
    expect(files.length).toBeGreaterThan(30);
    const nulls: string[] = [];
    let read = 0;
    for (const f of files) {
      const rel = relative(root, f);
      const text = readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
      const want = referenceLayout(text);
      const got = scanGeoJsonPolygons(text);
      if (!want) { expect(got, rel).toBeNull(); continue; }
      if (!got) { nulls.push(rel); continue; }
      await expectSameAsReference(text, rel);
      read++;
    }
    expect(nulls.sort()).toEqual(Object.keys(LEFT_TO_THE_GENERAL_READER).sort());
    expect(read).toBeGreaterThanOrEqual(19); // the polygon-only collections here on writing
  });
});

describe('scanGeoJsonPolygonColumns: the properties by name are readGeoJson\'s', () => {
  /**
   * The columnar scan against the reference walker's layout and readGeoJson's properties (JSON.parse
   * of the document, the top-level id merged): every name's column holds each feature's own value
   * (undefined where it has none), and `fields` is readGeoJson's.
   */
  async function expectColumns(source: string | Uint8Array): Promise<void> {
    const l = scanGeoJsonPolygonColumns(source);
    if (typeof source === 'string') expect(scanGeoJsonPolygonColumns(new TextEncoder().encode(source)), 'the bytes read as the string').toEqual(l);
    // The reference reads bytes as a file is read: decoded whole by TextDecoder, then JSON.parse.
    const text = typeof source === 'string' ? source : new TextDecoder().decode(source);
    const want = referenceLayout(text);
    expect(want, 'the reference reads it').not.toBeNull();
    expect(l, 'the scanner reads it').not.toBeNull();
    expect(l!.length).toBe(want!.length);
    expect([...l!.geomOffsets]).toEqual([...want!.geomOffsets]);
    expect([...l!.ringOffsets]).toEqual([...want!.ringOffsets]);
    expectSameDoubles(l!.xy, want!.xy);
    const raw = await readGeoJson('test.geojson', typeof source === 'string' ? new TextEncoder().encode(source) : source, { chunkedFromBytes: Infinity });
    expect(l!.fields).toEqual(raw.fields);
    expect([...l!.columns.keys()].sort()).toEqual([...raw.fields].sort());
    for (const name of raw.fields) {
      const column = l!.columns.get(name)!;
      expect(column.length, name).toBe(raw.features.length);
      raw.features.forEach((f, i) => {
        const v = Object.prototype.hasOwnProperty.call(f.properties, name) ? f.properties[name] : undefined;
        const same = Object.is(column[i], v) || (typeof v === 'object' && v !== null && JSON.stringify(column[i]) === JSON.stringify(v));
        // JSON.stringify writes −0 as 0: it is named apart, so that a −0 read as 0 fails here.
        const show = (x: unknown) => (Object.is(x, -0) ? '-0' : JSON.stringify(x));
        if (!same) expect(`feature ${i} ${name}: ${show(column[i])}`).toBe(`feature ${i} ${name}: ${show(v)}`);
      });
    }
  }
  const P = '{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}';
  /** Features with these properties texts (and top-level ids where given), in a collection. */
  const fc = (props: string[], ids: Record<number, string> = {}) =>
    `{"type":"FeatureCollection","features":[${props.map((p, i) => `{"type":"Feature",${ids[i] ? `"id":${ids[i]},` : ''}"properties":${p},"geometry":${P}}`).join(',')}]}`;

  it('300 random collections (names repeated, reordered, escaped, nested values, ids) give readGeoJson\'s properties', async () => {
    const gen = generator(20261204);
    for (let i = 0; i < 300; i++) await expectColumns(gen.collection());
  });

  it('names that change between features, missing households, non-ASCII ids and ids with escapes', async () => {
    await expectColumns(fc([
      '{"id":"C0-R0","households":58}', '{"id":"C0-R1","households":72}', '{"id":"C0-R2"}', '{"id":"一号楼","households":3}',
      '{"id":"a\\"b\\u4e00","households":4}', '{"households":5,"id":"swapped"}', '{"id":"C0-R3","households":6,"note":"新"}',
      '{"id":"C0-R4","households":7}', '{}', 'null', '{"households":"1,200户"}', '{"id":"C0-R5","households":-0}',
    ]));
  });

  it('an escaped or __proto__ name after values read in place: the whole object as JSON.parse makes it', async () => {
    await expectColumns(fc([
      '{"id":"r0","households":1}', '{"id":"r1","households":2,"n\\u0061me":"x"}', '{"id":"r2","households":3}',
      '{"id":"r3","__proto__":{"x":1}}', '{"id":"r4","households":4}', '{"id":"r5","\\u0069d":"escaped twin"}',
    ]));
  });

  /** The UTF-8 bytes of fc(props), with each \xNN escape in the texts turned into that raw byte (invalid UTF-8 where placed so). */
  const bytesOf = (props: string[]): Uint8Array => {
    const out: number[] = [];
    for (const part of fc(props).split(/(\\x[0-9A-F]{2})/)) {
      if (/^\\x[0-9A-F]{2}$/.test(part)) out.push(parseInt(part.slice(2), 16));
      else out.push(...new TextEncoder().encode(part));
    }
    return Uint8Array.from(out);
  };

  it('UTF-8 names and values from the bytes: non-ASCII, longer than the short ASCII path, and a leading U+FEFF (kept: only the file\'s first is a byte order mark)', async () => {
    const long = 'x'.repeat(40), longCjk = '锦苑'.repeat(20);
    await expectColumns(bytesOf([
      `{"名称":"锦苑","户数":3,"long":"${long}","cjk":"${longCjk}"}`, `{"名称":"\uFEFF锦","户数":4,"long":"${long}é","cjk":"a"}`,
      '{"\uFEFFid":"\uFEFFabc","名称":"é","n":"abcdefghijklmnopqrstuvwxyz0123"}', '{"\uFEFFid":"𝄞 clef","名称":"\u00e9"}',
    ]));
    const l = scanGeoJsonPolygonColumns(new TextEncoder().encode(fc(['{"a":"\uFEFFabc"}', '{"a":"锦苑"}'])))!;
    expect(l.columns.get('a')).toEqual(['\uFEFFabc', '锦苑']);
  });

  it('ASCII names and values of every length from 0 to 30 bytes (each length made its own way up to 12)', async () => {
    const word = (n: number, seed: number) => Array.from({ length: n }, (_, j) => String.fromCharCode(0x21 + ((seed * 31 + j * 7) % 90))).join('').replace(/["\\]/g, '_');
    const props = Array.from({ length: 31 }, (_, n) => `{"${word(Math.max(1, n % 15), n)}":"${word(n, n + 1)}","v":"${word(30 - n, n + 2)}"}`);
    await expectColumns(fc(props));
    expect(scanGeoJsonPolygonColumns(fc(['{"k":"abcdefg","l":""}']))!.columns.get('k')).toEqual(['abcdefg']);
  });

  it('invalid UTF-8 inside names and values reads as TextDecoder reads the whole file (U+FFFD), short and long, plain and escaped', async () => {
    const bad = ['\\xE9', '\\xE4\\xB8', '\\xC0\\xAF', '\\xED\\xA0\\x80', '\\xF4\\x90\\x80\\x80', '\\x80', '\\xF0\\x9F\\x98'];
    const props = bad.flatMap((b, i) => [
      `{"id":"R${b}","v${b}":${i},"long":"${'y'.repeat(30)}${b}"}`,
      `{"id":"${b}R","esc":"a\\n${b}","v${b}":"${b}"}`,
    ]);
    await expectColumns(bytesOf(props));
    // By hand: a lone E9 and a truncated three-byte sequence before the quote are one U+FFFD each.
    const l = scanGeoJsonPolygonColumns(bytesOf(['{"id":"R\\xE9"}', '{"id":"A\\xE4\\xB8"}']))!;
    expect(l.columns.get('id')).toEqual(['R\uFFFD', 'A\uFFFD']);
  });

  it('a name whose bytes are not the previous feature\'s is not taken for it: é (C3 A9) and a lone E9 byte (U+FFFD) are two names', async () => {
    const l = scanGeoJsonPolygonColumns(bytesOf(['{"é":1}', '{"\\xE9":2}', '{"é":3}']))!;
    expect(l.fields).toEqual(['é', '\uFFFD']);
    expect(l.columns.get('é')).toEqual([1, undefined, 3]);
    expect(l.columns.get('\uFFFD')).toEqual([undefined, 2, undefined]);
  });

  it('a byte that is not ASCII where the structure is, and a string with a lone surrogate (which UTF-8 cannot hold): null', () => {
    expect(scanGeoJsonPolygonColumns(bytesOf(['{"a":1}\\xE9']))).toBeNull();
    expect(scanGeoJsonPolygonColumns(bytesOf(['{"a":1,\\xC2\\xA0"b":2}']))).toBeNull();
    expect(scanGeoJsonPolygonColumns(bytesOf(['{"a":1}']))).not.toBeNull();
    expect(scanGeoJsonPolygonColumns(fc(['{"a":"\ud800"}']))).toBeNull();
    expect(scanGeoJsonPolygonColumns(fc(['{"a":"\ud834\udd1e"}']))!.columns.get('a')).toEqual(['𝄞']);
  });

  it('repeated names keep the last value, integer-like names come first in fields, the top-level id fills properties.id only where there is none', async () => {
    await expectColumns(fc(['{"a":1,"b":2,"a":3}', '{"b":1,"2":"two","1":"one"}', '{"id":"own","a":1}', '{"a":2}', '{"id":null}', 'null', '{"a":5}'], { 2: '"top"', 3: '7', 4: '"t4"', 5: '"t5"' }));
  });

  // Features as JSON.stringify writes them (type, geometry, then properties, no whitespace): the
  // properties member is taken at once after the geometry, and an object written as the previous
  // one was (the same names in the same order) is read in place by its names' texts.
  const M = '{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}';
  /** A collection of features written in JSON.stringify's member order with these properties texts. */
  const written = (props: string[]) =>
    `{"type":"FeatureCollection","features":[${props.map((p) => `{"type":"Feature","geometry":${M},"properties":${p}}`).join(',')}]}`;

  it('an object written as the previous one: every flat value form; then a value that is not flat, an escaped value, whitespace, a name more or less, reordered, escaped, __proto__, repeated', async () => {
    await expectColumns(written([
      '{"id":"C0-R0","households":58}', '{"id":"C0-R1","households":72}', '{"id":"C0-R2","households":-0}', '{"id":"C0-R3","households":0.1}',
      '{"id":"C0-R4","households":1e3}', '{"id":"C0-R5","households":12345678901234567890}', '{"id":"C0-R6","households":-3.25}',
      '{"id":"","households":true}', '{"id":null,"households":false}', '{"id":7,"households":null}', '{"id":"一号楼","households":"1,200户"}',
      '{"id":{"a":1},"households":1}', '{"id":"C1","households":[1]}', '{"id":"a\\"b","households":2}', '{"id":"C2", "households":3}',
      '{"id":"C3","households":4}', '{"id":"C4"}', '{"id":"C5","households":5,"note":"x"}', '{"id":"C6","households":6,"note":"y"}',
      '{"households":7,"id":"C7","note":"z"}', '{"households":8,"id":"C8","note":"w"}', '{"i\\u0064":"C9","households":9,"note":"v"}',
      '{"households":10,"id":"C10","note":"u"}', '{"households":11,"__proto__":"C11","note":"t"}', '{"households":12,"id":"C12","note":"s"}',
      '{"a":1,"a":2}', '{"a":3,"a":4}', '{"a":5,"a":{"b":6}}', '{"a":7,"a":8}', '{}', '{}', 'null', '{"a":9,"a":10}', '{"名称":"锦苑","户数":3}', '{"名称":"é","户数":4}',
    ]));
  });

  it('both openings, MultiPolygon and Polygon (with a hole), taken at once in turn: the rings and vertices JSON.parse gives', async () => {
    const Q = '{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,3],[0,0]],[[0.5,0.5],[1,0.5],[1,1],[0.5,0.5]]]}';
    const text = `{"type":"FeatureCollection","features":[${[M, Q, Q, M].map((g, i) => `{"type":"Feature","geometry":${g},"properties":{"n":${i}}}`).join(',')}]}`;
    await expectColumns(text);
    // By hand: one ring, two, two, one.
    expect([...scanGeoJsonPolygonColumns(text)!.ringOffsets]).toEqual([0, 4, 8, 12, 16, 20, 24]);
  });

  it('an object that leaves the previous shape after a number read in place is read again from its start', async () => {
    await expectColumns(written(['{"n":1,"m":2}', '{"n":3,"m":4,"k":5}', '{"n":6,"m":7}', '{"n":8,"x":9}', '{"n":10,"x":11}']));
    const l = scanGeoJsonPolygonColumns(written(['{"n":1,"m":2}', '{"n":3,"m":4,"k":5}']))!;
    expect(l.columns.get('k')).toEqual([undefined, 5]);
  });

  it('a number that is not JSON in an object written as the previous one: null, as JSON.parse fails', () => {
    expect(scanGeoJsonPolygonColumns(written(['{"n":1}', '{"n":2}']))).not.toBeNull();
    for (const bad of ['01', '-', '1.', '.5', '1e', '+1', 'NaN']) expect(scanGeoJsonPolygonColumns(written(['{"n":1}', `{"n":${bad}}`])), bad).toBeNull();
  });

  it('a second properties member after the one taken at once: null, as readGeoJson is not asked to choose', () => {
    expect(scanGeoJsonPolygonColumns(written(['{"n":1}', '{"n":2},"properties":{"n":3}']))).toBeNull();
    expect(scanGeoJsonPolygonColumns(written(['{"n":1}', '{"n":2},"id":3']))).not.toBeNull();
  });

  it('names and values in UTF-8 bytes, invalid sequences included, in objects written as the previous one', async () => {
    await expectColumns(bytesOfWritten(['{"名称":"锦苑","v":1}', '{"名称":"\\xE9","v":2}', '{"\\xE9":"a","v":3}', '{"\\xE9":"b","v":4}', '{"é":"c","v":5}', '{"名称":"𝄞","v":6}', '{"名称":"𝄞","v":7}']));
  });

  /** written(props)'s UTF-8 bytes, with each \xNN escape in the texts turned into that raw byte. */
  function bytesOfWritten(props: string[]): Uint8Array {
    const out: number[] = [];
    for (const part of written(props).split(/(\\x[0-9A-F]{2})/)) {
      if (/^\\x[0-9A-F]{2}$/.test(part)) out.push(parseInt(part.slice(2), 16));
      else out.push(...new TextEncoder().encode(part));
    }
    return Uint8Array.from(out);
  }

  it('200 random collections of objects each derived from the previous one (same names, new values, or one change) give readGeoJson\'s properties', async () => {
    const rnd = mulberry32(20261205);
    const int = (n: number) => Math.floor(rnd() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
    const NAMES = ['id', 'households', 'name', '名称', 'i\\u0064', '__proto__', 'a\\"b', '2', 'h'];
    const VALUES = ['"C0-R1"', '""', '"一号楼"', '"a\\nb"', '58', '-0', '0.5', '-12.25e2', '113.80893668323924', 'true', 'false', 'null', '{"k":1}', '[1,"x"]', '"x y"'];
    for (let c = 0; c < 200; c++) {
      let names = ['id', 'households'];
      const props: string[] = [];
      for (let f = 0, n = 1 + int(30); f < n; f++) {
        const r = rnd();
        if (r < 0.1 && names.length) names = names.filter((_, j) => j !== int(names.length));
        else if (r < 0.2) names = [...names, pick(NAMES)];
        else if (r < 0.25) names = [...names].reverse();
        else if (r < 0.3 && names.length) names = names.map((k, j) => (j === 0 ? pick(NAMES) : k));
        const sep = rnd() < 0.05 ? ' ' : '';
        props.push(rnd() < 0.03 ? 'null' : `{${names.map((k) => `"${k}":${sep}${pick(VALUES)}`).join(',')}}`);
      }
      await expectColumns(written(props));
    }
  });
});

describe('scanGeoJsonPolygonColumnsFrom: a source read through a window is read as the whole text', () => {
  const enc = new TextEncoder();
  /** A source over `bytes` that copies at most `most` bytes a call; `ends` collects where each read ended. */
  const sourceOf = (bytes: Uint8Array, most = Infinity, ends: number[] = []): ByteSource => {
    const whole = bytesSource(bytes);
    return {
      size: bytes.length,
      read(into, at) {
        const n = whole.read(into.subarray(0, Math.min(into.length, most)), at);
        if (n > 0) ends.push(at + n);
        return n;
      },
    };
  };
  /** The whole-text scan the windowed one must equal (withoutBoms: the file's byte order marks go). */
  const whole = (bytes: Uint8Array) => scanGeoJsonPolygonColumns(withoutBoms(bytes));
  // Features of 50–190 bytes: multibyte UTF-8 (2, 3 and 4 bytes), escapes, an escaped name, an id,
  // a hole, a MultiPolygon, a null geometry and properties, whitespace, and names that change.
  const P = (x: number) => `{"type":"Polygon","coordinates":[[[${x},0.25],[${x + 1},0],[${x + 1},1.5],[${x},0.25]]]}`;
  const features = [
    '{"type":"Feature","geometry":null,"properties":{"id":"x0","households":1}}',
    `{"type":"Feature","geometry":${P(0)},"properties":{"id":"é1","households":12}}`,
    `{"type":"Feature","geometry":${P(1)},"properties":{"id":"锦苑2","households":7.5}}`,
    `{"type":"Feature","geometry":${P(2)},"properties":{"id":"a\\"b\\u4e00","households":3}}`,
    `{"type":"Feature","id":"𝄞4","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]],[[0.1,0.1],[0.2,0.1],[0.2,0.2],[0.1,0.1]]]]},"properties":{"households":1}}`,
    `{"type":"Feature","geometry":null,"properties":null}`,
    ` {"type" : "Feature", "properties":{"n\\u0061me":"中文名","households":-0},"geometry":${P(5)}}\n`,
    `{"type":"Feature","geometry":${P(6)},"properties":{"id":"𝄞é中","households":2}}`,
    `{"type":"Feature","geometry":${P(7)},"properties":{"id":"x7","households":9}}`,
  ];
  const head = '{"type":"FeatureCollection","name":"住宅","crs":{"type":"name","properties":{"name":"EPSG:4326"}},"features":[';
  const text = `${head}${features.join(',')}]}\n`;
  /** The largest feature's bytes (with the whitespace around it and the comma after it). */
  const largest = Math.max(...features.map((f) => enc.encode(f).length + 1));
  const withBoms = (boms: number, t: string) => Uint8Array.from([...Array(3 * boms).keys()].map((i) => [0xef, 0xbb, 0xbf][i % 3]).concat([...enc.encode(t)]));

  it('windows from 120 bytes to the whole file, after 0, 1 and 2 byte order marks: the same layer, with a window ending at every byte of the features after the first', () => {
    for (const boms of [0, 1, 2]) {
      const bytes = withBoms(boms, text);
      const want = whole(bytes);
      expect(want).not.toBeNull();
      const covered = new Set<number>();
      for (const margin of [100, 200]) {
        const declined: number[] = [];
        for (let w = 120; w <= bytes.length + 1; w++) {
          const ends: number[] = [];
          const got = scanGeoJsonPolygonColumnsFrom(sourceOf(bytes, Infinity, ends), { bytes: w, margin });
          if (got === null) { declined.push(w); continue; } // a feature larger than what the window held of it: the caller reads the whole file
          expect(got, `window ${w}, margin ${margin}`).toEqual(want);
          for (const e of ends) covered.add(e);
        }
        // A margin above the largest feature (its bytes): every window that holds it reads the file.
        if (margin === 200) expect(declined).toEqual([...Array(largest - 120).keys()].map((k) => 120 + k));
        else expect(declined.length).toBeLessThan(bytes.length - 120); // some read with a margin below it
      }
      // The window's end (where a feature's bytes are split between one fill and the next) at every byte after the first feature.
      const second = 3 * boms + enc.encode(head + features[0]).length;
      for (let i = second; i < bytes.length; i++) expect(covered.has(i), `a window ends at byte ${i} of ${bytes.length}`).toBe(true);
    }
  });

  it('windows of 16–96 bytes over short features, reads of 1, 3, 7 bytes or all that fits', () => {
    const short = Array.from({ length: 30 }, (_, i) => (i % 3 === 0
      ? `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[${i},0]]]}}`
      : `{"type":"Feature","properties":{"n":"é${i}","m":"\\u4e2d${'中'.repeat(i % 4)}"}}`));
    const bytes = withBoms(1, `{"type":"FeatureCollection","features":[${short.join(',')}]}`);
    const want = whole(bytes);
    expect(want).not.toBeNull();
    let read = 0;
    for (let w = 16; w <= 96; w++) {
      for (const most of [1, 3, 7, Infinity]) {
        const got = scanGeoJsonPolygonColumnsFrom(sourceOf(bytes, most), { bytes: w, margin: w >> 1 });
        if (got === null) continue;
        expect(got, `window ${w}, reads of ${most}`).toEqual(want);
        read++;
      }
    }
    expect(read).toBeGreaterThan(40);
  });

  it('a feature larger than the window: null (the whole file is read instead); a window of the whole file reads it', () => {
    const bytes = enc.encode(text);
    expect(scanGeoJsonPolygonColumnsFrom(sourceOf(bytes), { bytes: 150, margin: 100 })).toBeNull();
    expect(scanGeoJsonPolygonColumnsFrom(sourceOf(bytes), { bytes: bytes.length, margin: 100 })).toEqual(whole(bytes));
  });

  it('a text the whole scan does not read is not read through a window: every truncation; junk after the end beyond the window', () => {
    const bytes = enc.encode(text);
    let same = 0;
    for (let n = 0; n < bytes.length; n++) {
      const cut = bytes.subarray(0, n);
      const want = whole(cut);
      for (const w of [200, 260, 4096]) {
        const got = scanGeoJsonPolygonColumnsFrom(sourceOf(cut), { bytes: w, margin: 100 });
        if (want === null) expect(got, `${n} bytes, window ${w}`).toBeNull();
        else if (got !== null) { expect(got).toEqual(want); same++; }
      }
    }
    expect(same).toBeGreaterThan(0); // the text without its final newline
    const junk = enc.encode(`${text}${' '.repeat(300)}x`);
    expect(whole(junk)).toBeNull();
    for (let w = 200; w < junk.length + 2; w++) expect(scanGeoJsonPolygonColumnsFrom(sourceOf(junk), { bytes: w, margin: 100 }), `window ${w}`).toBeNull();
  });

  it('the repository\'s polygon fixtures read through the default window are their whole scans', () => {
    const all = (dir: string): string[] => readdirSync(dir).flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? all(p) : /\.(geo)?json$/i.test(e) ? [p] : [];
    });
    let read = 0;
    for (const path of all(join(__dirname, '../../fixtures'))) {
      const bytes = new Uint8Array(readFileSync(path));
      const want = whole(bytes);
      if (want === null) continue;
      expect(scanGeoJsonPolygonColumnsFrom(sourceOf(bytes)), relative(process.cwd(), path)).toEqual(want);
      read++;
    }
    expect(read).toBeGreaterThan(5);
  });
});
