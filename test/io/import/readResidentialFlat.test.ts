// The flat read of a residential GeoJSON layer against the general one (readLayer): the same
// features (every number), the same problems in the same order, the same CRS, field mapping and
// counts; or null (the general reader takes the file). Fixtures: clean and dirty by hand, the
// repository's GeoJSON fixtures, and random layers with every kind of defect.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import gcoord from 'gcoord';
import { readLayer, type ReadLayerOptions } from '../../../src/io/import/readLayer';
import { FLAT_MAX_BYTES, readResidentialFlat, readResidentialFlatFrom } from '../../../src/io/import/readResidentialFlat';
import { bytesSource } from '../../../src/io/formats/byteSource';
import { parseCrs } from '../../../src/io/crs/parseCrs';
import { mulberry32 } from '../../../bench/lib/random';
import { flatOf } from '../../engine/helpers';

const enc = (s: string) => new TextEncoder().encode(s);
type Pos = [number, number];


/** Reads `text` both ways; the flat answer (or null) after checking it against the general one. */
async function compare(text: string | Uint8Array, options: ReadLayerOptions = {}, name = 'res.geojson') {
  const files = [{ name, bytes: typeof text === 'string' ? enc(text) : text }];
  const general = await readLayer(files, 'residential', options);
  const flat = readResidentialFlat(files, options);
  windowed(files[0], flat, options);
  if (!flat) return { flat, general };
  const { features, ...rest } = general;
  expect(flat.import).toEqual({ ...rest, features: [] });
  expect(flat.layer).toEqual(flatOf(features));
  return { flat, general };
}

/** Windowed reads (readResidentialFlatFrom) that refilled the window and read the file, across every compare(). */
let refilledReads = 0;

/** compare() calls, and those whose file is larger than 512 bytes. */
let compared = 0, largerFiles = 0;

/**
 * readResidentialFlatFrom of the same bytes: with the default window, the whole read's answer; with
 * a window of a quarter of the file (at least 128 bytes) refilled with half of it left, the same
 * answer or null (a feature larger than that: the caller reads the whole file).
 */
function windowed(file: { name: string; bytes: Uint8Array }, flat: ReturnType<typeof readResidentialFlat>, options: ReadLayerOptions): void {
  expect(readResidentialFlatFrom(file.name, bytesSource(file.bytes), options)).toEqual(flat);
  compared++;
  if (file.bytes.length > 512) largerFiles++;
  let reads = 0;
  const source = bytesSource(file.bytes);
  const window = Math.max(128, Math.ceil(file.bytes.length / 4));
  const small = readResidentialFlatFrom(file.name, { size: source.size, read: (into, at) => { reads++; return source.read(into, at); } }, options, { bytes: window, margin: window >> 1 });
  if (small === null) return;
  expect(small).toEqual(flat);
  if (reads > 3) refilledReads++;
}

const square = (x: number, y: number, d = 0.001): Pos[] => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
const feature = (properties: Record<string, unknown> | null, coordinates: unknown, type = 'Polygon', extra: Record<string, unknown> = {}) =>
  ({ type: 'Feature', ...extra, properties, geometry: coordinates === null ? null : { type, coordinates } });
const collection = (features: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'FeatureCollection', ...extra, features });

describe('readResidentialFlat: by hand', () => {
  it('a clean layer: Chinese field names, households with units, ids from the top-level id', async () => {
    const { flat, general } = await compare(collection([
      feature({ 编码: 'R1', 小区名称: '锦苑', 户数: '1,200户' }, [square(104.06, 30.66)]),
      feature({ 户数: 30 }, [square(104.07, 30.66)], 'Polygon', { id: 'top' }),
      feature({ 编码: 7, 户数: 0 }, [[square(104.08, 30.66)], [square(104.09, 30.66)]], 'MultiPolygon'),
    ]));
    expect(flat).not.toBeNull();
    expect(general.problems).toEqual([]);
    // A top-level id makes an `id` field, which the id mapping prefers to 编码.
    expect(flat!.import.fieldMap).toEqual({ id: 'id', name: '小区名称', households: '户数' });
    expect(flat!.layer.ids).toEqual(['0', 'top', '2']);
    expect(Array.from(flat!.layer.households)).toEqual([1200, 30, 0]);
  });

  it('numbers past a double (1e999 reads as ±Infinity): households refused, and a ring with an infinite coordinate refused, in either direction and axis', async () => {
    const text = collection([
      feature({ id: 'ok', households: 5 }, [square(104.06, 30.66)]),
      feature({ id: 'big', households: 1 }, [square(104.06, 30.67)]),
      feature({ id: 'east', households: 1 }, [[[104, 30], [104.1, 30], [1, 30.1], [104, 30.1], [104, 30]]]),
      feature({ id: 'west', households: 1 }, [[[104, 30], [104.1, 30], [2, 30.1], [104, 30.1], [104, 30]]]),
      feature({ id: 'north', households: 1 }, [[[104, 30], [104.1, 30], [104.1, 3], [104, 30.1], [104, 30]]]),
      feature({ id: 'south', households: 1 }, [[[104, 30], [104.1, 30], [104.1, 4], [104, 30.1], [104, 30]]]),
    ]).replace('"households":1}', '"households":1e999}').replace('[1,30.1]', '[1e999,30.1]').replace('[2,30.1]', '[-1e999,30.1]')
      .replace('[104.1,3]', '[104.1,1e999]').replace('[104.1,4]', '[104.1,-1e999]');
    const { flat, general } = await compare(text);
    expect(flat).not.toBeNull();
    expect(general.problems.map((p) => `${p.feature}: ${p.message}`)).toEqual([
      '1 (id big): households "Infinity" is not a number',
      '2 (id east): outer ring: coordinate (Infinity, 30.1) is out of longitude/latitude range',
      '3 (id west): outer ring: coordinate (-Infinity, 30.1) is out of longitude/latitude range',
      '4 (id north): outer ring: coordinate (104.1, Infinity) is out of longitude/latitude range',
      '5 (id south): outer ring: coordinate (104.1, -Infinity) is out of longitude/latitude range',
    ]);
    expect(flat!.layer.ids).toEqual(['ok']);
  });

  it('dirty: missing and bad households, no geometry, unclosed, too short, crossing, a bad hole, a globe: each problem as readLayer names it', async () => {
    const bow: Pos[] = [[104, 30], [104.01, 30.01], [104.01, 30], [104, 30.01], [104, 30]];
    const { flat, general } = await compare(collection([
      feature({ id: 'ok', households: 5 }, [square(104.06, 30.66)]),
      feature({ id: 'nohh' }, [square(104.06, 30.67)]),
      feature({ id: 'blank', households: '  ' }, [square(104.06, 30.68)]),
      feature({ id: 'word', households: '很多' }, [square(104.06, 30.69)]),
      feature({ id: 'neg', households: '-5' }, [square(104.06, 30.7)]),
      feature({ id: 'obj', households: { n: 3 } }, [square(104.06, 30.71)]),
      feature({ id: 'bool', households: true }, [square(104.06, 30.72)]),
      feature({ id: 'nogeom', households: 'x' }, null),
      feature({ id: 'open', households: 1 }, [square(104.06, 30.73).slice(0, 4)]),
      feature({ id: 'short', households: 1 }, [[[104, 30], [104.1, 30], [104, 30]]]),
      feature({ id: 'bow', households: 2 }, [bow]),
      feature({ id: 'hole', households: 2 }, [[square(104.2, 30.2, 0.01), square(104.201, 30.201), bow.slice(0, 4)]], 'MultiPolygon'),
      feature({ id: 'parts', households: 2 }, [[square(104.3, 30.3)], [square(104.31, 30.3), [[104.311, 30.3], [104.312, 30.3], [104.311, 30.3]]]], 'MultiPolygon'),
      feature({ id: 'globe', households: 1 }, [[[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]]),
    ]));
    expect(flat).not.toBeNull();
    expect(general.problems.map((p) => p.feature)).toEqual([
      '1 (id nohh)', '2 (id blank)', '3 (id word)', '4 (id neg)', '5 (id obj)', '6 (id bool)', '7 (id nogeom)', '7 (id nogeom)',
      '8 (id open)', '9 (id short)', '10 (id bow)', '11 (id hole)', '12 (id parts)', '13 (id globe)',
    ]);
    expect(general.problems.find((p) => p.feature === '11 (id hole)')!.message).toMatch(/^hole 2 is not closed/);
    expect(general.problems.find((p) => p.feature === '12 (id parts)')!.message).toMatch(/^polygon 1 hole 1 has 3 positions/);
    expect(flat!.layer.ids).toEqual(['ok', 'nohh', 'blank', 'bow']);
  });

  it('a long ring crossing itself (beyond the pairwise pre-test) is checked by checkRing', async () => {
    const n = 90;
    const ring: Pos[] = Array.from({ length: n }, (_, i) => [104 + 0.01 * Math.cos((2 * Math.PI * i) / n), 30 + 0.01 * Math.sin((2 * Math.PI * i) / n)]);
    [ring[10], ring[40]] = [ring[40], ring[10]];
    ring.push(ring[0]);
    const { flat, general } = await compare(collection([feature({ id: 'long' }, [ring])]));
    expect(flat).not.toBeNull();
    expect(general.problems.map((p) => [p.severity, p.message.slice(0, 30)])).toEqual([['warning', 'outer ring intersects itself n']]);
  });

  it('extents about the 2° limit: wider in longitude only, taller in latitude only (across MultiPolygon parts), exactly 2°, and a little past: refused as readLayer refuses them', async () => {
    // Long thin boxes: the lon/lat extent, not the area, decides; each shape's refusal is known by hand.
    const box = (x0: number, y0: number, w: number, h: number): Pos[] => [[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h], [x0, y0]];
    const { flat, general } = await compare(collection([
      feature({ id: 'wide', households: 1 }, [box(104, 30, 2.5, 0.001)]),
      feature({ id: 'tall', households: 1 }, [box(104, 30, 0.001, 2.5)]),
      feature({ id: 'tallParts', households: 1 }, [[box(104, 30, 0.001, 0.001)], [box(104, 32.1, 0.001, 0.001)]], 'MultiPolygon'),
      feature({ id: 'two', households: 1 }, [box(104, 30, 2, 0.001)]),
      feature({ id: 'twoTall', households: 1 }, [box(104, 30, 0.001, 2)]),
      feature({ id: 'past', households: 1 }, [box(104, 30, 0.001, 2.0000001)]),
      feature({ id: 'small', households: 1 }, [square(104.06, 30.66)]),
    ]));
    expect(flat).not.toBeNull();
    expect(general.problems.map((p) => [p.feature, p.severity, p.message.slice(0, 17)])).toEqual([
      ['0 (id wide)', 'error', 'the polygon spans'], ['1 (id tall)', 'error', 'the polygon spans'],
      ['2 (id tallParts)', 'error', 'the polygon spans'], ['5 (id past)', 'error', 'the polygon spans'],
    ]);
    expect(flat!.layer.ids).toEqual(['two', 'twoTall', 'small']);
  });

  it('duplicate ids are kept (the audit warns of them), as readLayer keeps them', async () => {
    const { flat } = await compare(collection([feature({ id: 'D', households: 1 }, [square(104, 30)]), feature({ id: 'D', households: 2 }, [square(104.01, 30)])]));
    expect(flat!.layer.ids).toEqual(['D', 'D']);
  });

  it('EPSG:4547 metres named by the crs member, and by an option: converted as readLayer converts them', async () => {
    const gk = proj4(parseCrs('EPSG:4547').proj4!, 'EPSG:4326');
    const metres = (p: Pos) => gk.inverse(p) as Pos;
    const f = [feature({ id: 'A', 户数: 10 }, [square(114.05, 22.55).map(metres)]), feature({ id: 'B', 户数: 20 }, [square(114.06, 22.55).map(metres)])];
    const named = await compare(collection(f, { name: 'res', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } } }));
    expect(named.flat).not.toBeNull();
    expect(named.general.crs.source).toBe('EPSG:4547');
    expect(named.flat!.layer.xy[0]).toBeCloseTo(114.05, 6);
    const option = await compare(collection(f), { crs: 'EPSG:4547' });
    expect(option.flat!.import.crs.from).toBe('option');
    // Without a CRS the metres cannot be lon/lat: readLayer's file-level error, so no flat read.
    const none = await compare(collection(f));
    expect(none.flat).toBeNull();
    expect(none.general.problems[0].message).toMatch(/cannot be longitude\/latitude/);
  });

  it('GCJ-02 by option: the offset corrected per vertex', async () => {
    const wgs = square(104.06, 30.66);
    const gcj = wgs.map((p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as Pos);
    const { flat } = await compare(collection([feature({ id: 'G', households: 1 }, [gcj])]), { crs: 'GCJ02' });
    expect(flat!.layer.xy[0]).toBeCloseTo(104.06, 5);
  });

  it('latitude first where both orders fit: the CRS warning, as readLayer gives it', async () => {
    const swapped = square(80, 40).map(([x, y]) => [y, x] as Pos);
    const { flat, general } = await compare(collection([feature({ id: 'S', households: 1 }, [swapped])]));
    expect(flat).not.toBeNull();
    expect(general.problems[0].message).toMatch(/latitude first/);
  });

  it('field mapping: an explicit source field, a hostile one (__proto__) missing from some features, and one the file lacks', async () => {
    const text = collection([feature({ id: 'A', 人数: 5, ['__proto__']: 3 }, [square(104, 30)]), feature({ id: 'B', 人数: 'n' }, [square(104.01, 30)])]);
    expect(text).toContain('"__proto__":3');
    const explicit = await compare(text, { fieldMap: { households: '人数' } });
    expect(explicit.general.problems.map((p) => [p.feature, p.field, p.severity])).toEqual([['1 (id B)', '人数', 'error']]);
    expect(explicit.flat!.layer.ids).toEqual(['A']);
    const hostile = await compare(text, { fieldMap: { households: '__proto__' } });
    expect(hostile.flat).not.toBeNull();
    expect(hostile.general.problems.map((p) => [p.feature, p.message])).toEqual([['1 (id B)', 'households is missing']]);
    const lacking = await compare(text, { fieldMap: { households: 'hh2' } });
    expect(lacking.flat).toBeNull();
    expect(lacking.general.problems[0].severity).toBe('error');
  });

  it('property names that change between features, missing households, non-ASCII ids and ids with escapes: ids and households as readLayer reads them', async () => {
    const { flat, general } = await compare(collection([
      feature({ id: 'C0-R0', households: 58 }, [square(104.06, 30.66)]),
      feature({ id: 'C0-R1' }, [square(104.06, 30.67)]),
      feature({ households: 7, id: '一号楼 ' }, [square(104.06, 30.68)]),
      feature({ id: 'a"b\\c\t', households: '12户' }, [square(104.06, 30.69)]),
      feature({ id: 'C0-R4', households: 3, note: '新' }, [square(104.06, 30.7)]),
      feature({ households: 9 }, [square(104.06, 30.71)], 'Polygon', { id: 'top' }),
      feature(null, [square(104.06, 30.72)]),
      feature({ id: 'C0-R7', households: 4 }, [square(104.06, 30.73)]),
    ]));
    expect(flat).not.toBeNull();
    // By hand: the trimmed id (else the feature's index), households where given (NaN without).
    expect(flat!.layer.ids).toEqual(['C0-R0', 'C0-R1', '一号楼', 'a"b\\c', 'C0-R4', 'top', '6', 'C0-R7']);
    expect(Array.from(flat!.layer.households)).toEqual([58, NaN, 7, 12, 3, 9, NaN, 4]);
    expect(general.problems.map((p) => [p.feature, p.message])).toEqual([['1 (id C0-R1)', 'households is missing'], [6, 'households is missing']]);
  });

  it('byte order marks: one or two before the text are dropped (the decoder drops one, readLayer a second), a third is not JSON; invalid UTF-8 in ids reads as U+FFFD', async () => {
    const text = collection([feature({ id: 'R1', households: 2 }, [square(104.06, 30.66)]), feature({ id: 'R2', households: 3 }, [square(104.07, 30.66)])]);
    const bom = [0xef, 0xbb, 0xbf];
    for (const n of [1, 2]) {
      const { flat } = await compare(Uint8Array.from([...Array(n).fill(bom).flat(), ...enc(text)]));
      expect(flat, `${n} BOMs`).not.toBeNull();
      expect(flat!.layer.ids).toEqual(['R1', 'R2']);
    }
    expect((await compare(Uint8Array.from([...bom, ...bom, ...bom, ...enc(text)]))).flat).toBeNull();
    // R1 → R\xE9 (a lone byte), R2 → R\xE4\xB8 (a truncated sequence): each one U+FFFD, by hand.
    const bytes = enc(text);
    const at = (s: string) => bytes.findIndex((_, i) => s.split('').every((c, j) => bytes[i + j] === c.charCodeAt(0)));
    const broken = Uint8Array.from([...bytes.subarray(0, at('"R1"') + 2), 0xe9, ...bytes.subarray(at('"R1"') + 3, at('"R2"') + 2), 0xe4, 0xb8, ...bytes.subarray(at('"R2"') + 3)]);
    const { flat } = await compare(broken);
    expect(flat!.layer.ids).toEqual(['R\uFFFD', 'R\uFFFD']);
  });

  it('not a plain polygon FeatureCollection (points, a single Feature, not JSON, a shapefile): null', async () => {
    expect((await compare(collection([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [104, 30] } }]))).flat).toBeNull();
    expect((await compare(JSON.stringify(feature({ id: 'A' }, [square(104, 30)])))).flat).toBeNull();
    expect((await compare('{"type": "FeatureCollection", "features": [')).flat).toBeNull();
    expect(readResidentialFlat([{ name: 'a.shp', bytes: new Uint8Array(8) }, { name: 'a.dbf', bytes: new Uint8Array(8) }])).toBeNull();
    expect(readResidentialFlat([{ name: 'a.fgb', bytes: new Uint8Array(8) }])).toBeNull();
  });
});

describe('readResidentialFlat: the repository GeoJSON fixtures', () => {
  const root = fileURLToPath(new URL('../../fixtures', import.meta.url));
  const all: string[] = [];
  const walk = (d: string) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (n.endsWith('.geojson')) all.push(p); } };
  walk(root);
  it(`every fixture reads flat as readLayer reads it, or is left to readLayer (${all.length} files)`, async () => {
    const flatRead: string[] = [];
    for (const p of all) {
      const { flat } = await compare(readFileSync(p, 'utf8'), {}, p);
      if (flat) flatRead.push(p.slice(root.length + 1));
    }
    // Polygon layers read flat (whatever their layer kind was meant to be), among them dirty ones.
    expect(flatRead).toEqual(expect.arrayContaining(['io/malformed/unclosed-ring.geojson', 'io/malformed/self-intersecting-ring.geojson', 'io/hostile/community-whole-globe.geojson', 'io/base/communities.geojson', 'io/malformed/non-numeric-households.geojson']));
  });
});

describe('readResidentialFlat: random layers with every kind of defect', () => {
  function randomText(seed: number): { text: string; options: ReadLayerOptions } {
    const rand = mulberry32(seed);
    const projected = rand() < 0.3;
    const gk = proj4(parseCrs('EPSG:4547').proj4!, 'EPSG:4326');
    const out = (p: Pos): Pos => (projected ? (gk.inverse(p) as Pos) : p);
    const features: unknown[] = [];
    for (let i = 0; i < 150; i++) {
      const cx = 114 + rand() * 0.05, cy = 22.5 + rand() * 0.05, s = 0.0001 + rand() * 0.001;
      const k = 3 + Math.floor(rand() * 8);
      let ring: Pos[] = Array.from({ length: k }, (_, j) => { const t = (2 * Math.PI * j) / k, r = s * (0.4 + rand()); return [cx + r * Math.cos(t), cy + r * Math.sin(t)] as Pos; });
      const d = rand();
      if (d < 0.05) [ring[0], ring[1]] = [ring[1], ring[0]]; // may cross itself
      ring.push(ring[0]);
      if (d > 0.95) ring = ring.slice(0, -1); // unclosed
      else if (d > 0.93) ring = ring.slice(0, 3); // too short
      let geometry: unknown = [ring.map(out)];
      let type = 'Polygon';
      if (rand() < 0.15) { type = 'MultiPolygon'; geometry = [geometry, [square(cx + 0.01, cy, s).map(out), square(cx + 0.01 + s / 4, cy + s / 4, s / 4).map(out)]]; }
      if (rand() < 0.03) geometry = null;
      const hv = rand();
      const households = hv < 0.7 ? Math.round(rand() * 300) : hv < 0.75 ? `${Math.round(rand() * 300)}户` : hv < 0.8 ? null : hv < 0.83 ? 'n/a' : hv < 0.86 ? -1 : undefined;
      const props: Record<string, unknown> = { name: `名${i}` };
      if (households !== undefined) props.hh = households;
      if (rand() < 0.9) props.code = rand() < 0.5 ? `R${i}` : i;
      features.push(feature(props, geometry, type, rand() < 0.2 ? { id: `T${i}` } : {}));
    }
    const crsMember = projected && rand() < 0.5;
    return {
      text: collection(features, crsMember ? { crs: { type: 'name', properties: { name: 'EPSG:4547' } } } : {}),
      options: projected && !crsMember ? { crs: 'EPSG:4547' } : {},
    };
  }
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}`, async () => {
      const { text, options } = randomText(seed);
      const { flat, general } = await compare(text, options);
      expect(flat).not.toBeNull();
      expect(general.problems.length).toBeGreaterThan(5);
    });
  }
});

describe('readResidentialFlatFrom: a GeoJSON file read through a window of its bytes', () => {
  it('the layers above read through a window of a quarter of their bytes, refilled, as readResidentialFlat reads them whole', () => {
    expect(compared).toBeGreaterThan(70);
    expect(largerFiles).toBeGreaterThan(50);
    expect(refilledReads).toBeGreaterThan(15); // the rest are null both ways, or hold a feature larger than the margin
  });

  it('not GeoJSON by detectFormat (a FlatGeobuf or Shapefile name, bytes that are not JSON), or FLAT_MAX_BYTES or more: null, nothing scanned', () => {
    const text = enc(collection([feature({ id: 'a', households: 1 }, [square(104.06, 30.66)])]));
    expect(readResidentialFlatFrom('r.geojson', bytesSource(text))?.layer.ids).toEqual(['a']);
    expect(readResidentialFlatFrom('r', bytesSource(text))?.layer.ids).toEqual(['a']); // no extension: the bytes decide
    expect(readResidentialFlatFrom('r.fgb', bytesSource(text))).toBeNull();
    expect(readResidentialFlatFrom('r.shp', bytesSource(text))).toBeNull();
    expect(readResidentialFlatFrom('r', bytesSource(enc('<osm></osm>')))).toBeNull();
    let read = 0;
    expect(readResidentialFlatFrom('r.geojson', { size: FLAT_MAX_BYTES, read: () => { read++; return 0; } })).toBeNull();
    expect(read).toBe(0);
  });
});
