// Broken input gives an error naming the file and the element (id) or byte offset; progress runs
// to the total; cancellation between chunks rejects with an AbortError.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zlibSync } from 'fflate';
import { readOsm } from '../../../src/io/osm';
import { writeOsmPbf } from './helpers/pbfWriter';
import { plainOsmFromXml } from './helpers/plainOsmXml';

const tinyText = readFileSync(new URL('../../fixtures/osm/tiny-compound.osm', import.meta.url), 'utf8');
const enc = (s: string) => new TextEncoder().encode(s);
const wrap = (body: string) => enc(`<?xml version="1.0"?>\n<osm version="0.6">\n${body}\n</osm>\n`);

describe('malformed OSM XML', () => {
  it('names the file and the node with a bad latitude', async () => {
    await expect(readOsm(wrap('<node id="7" lat="abc" lon="118.7"/>'), 'bad.osm')).rejects.toThrow(/bad\.osm: .*line 3.*node 7 has an invalid \("abc"\) "lat" attribute/);
  });
  it('names the way it was inside when the file is cut off', async () => {
    const cut = tinyText.slice(0, tinyText.indexOf('<nd ref="12"/>'));
    await expect(readOsm(enc(cut), 'cut.osm')).rejects.toThrow(/cut\.osm: OSM XML ends inside way 201 \(truncated file\?\)/);
  });
  it('reports broken markup with line and element', async () => {
    await expect(readOsm(wrap('<way id="9">\n  <nd ref="1"/>\n  <tag k="a" v="b\n</way>'), 'markup.osm')).rejects.toThrow(/markup\.osm: malformed OSM XML at line 5, column 3 \(in way 9\)/);
  });
  it('rejects a file that is not XML or not OSM', async () => {
    await expect(readOsm(enc('hello'), 'x.osm')).rejects.toThrow(/x\.osm: malformed OSM XML.*not an XML document/);
    await expect(readOsm(enc('<?xml version="1.0"?><gpx></gpx>'), 'y.osm')).rejects.toThrow(/y\.osm: not an OSM XML file/);
  });
  it('a node outside the coordinate range is an error naming it', async () => {
    await expect(readOsm(wrap('<node id="8" lat="95" lon="118.7"/>'), 'range.osm')).rejects.toThrow(/range\.osm: .*node 8 has coordinates out of range/);
  });
});

describe('malformed OSM PBF', () => {
  const good = writeOsmPbf(plainOsmFromXml(tinyText), { nodesPerBlock: 20 });

  it('a truncated file names the byte offset of the broken block', async () => {
    const cut = good.slice(0, good.length - 10);
    await expect(readOsm(cut, 'cut.osm.pbf')).rejects.toThrow(/cut\.osm\.pbf: malformed OSM PBF at byte offset \d+ \(block #3\): file ends inside a OSMData blob/);
  });
  it('corrupt compressed data names the block', async () => {
    const bad = good.slice();
    // Flip bytes in the middle of the last blob's zlib stream.
    for (let i = bad.length - 40; i < bad.length - 20; i++) bad[i] ^= 0x5a;
    await expect(readOsm(bad, 'corrupt.osm.pbf')).rejects.toThrow(/corrupt\.osm\.pbf: malformed OSM PBF at byte offset \d+ \(block #3\)/);
  });
  it('random bytes are not an OSM PBF file', async () => {
    const junk = new Uint8Array(64).map((_, i) => (i * 37 + 11) & 0xff);
    await expect(readOsm(junk, 'junk.osm.pbf')).rejects.toThrow(/junk\.osm\.pbf: malformed OSM PBF at byte offset 0 \(block #0\)/);
  });
  it('a string index outside the string table names the element', async () => {
    // Hand-built block: one way (id 5) whose key index 9 points past a 1-entry string table.
    const header = hand([[1, str('OSMHeader')]], [(4 << 3) | 2, ...str('OsmSchema-V0.6')]); // required_features
    const way = [0x08, 0x05, 0x12, 0x01, 0x09, 0x1a, 0x01, 0x00]; // id=5, keys=[9], vals=[0]
    const group = [0x1a, way.length, ...way];
    const block = [0x0a, 0x02, 0x0a, 0x00, 0x12, group.length, ...group]; // stringtable [""], group
    const data = hand([[1, str('OSMData')]], block);
    const bytes = new Uint8Array([...header, ...data]);
    await expect(readOsm(bytes, 'strings.osm.pbf')).rejects.toThrow(/strings\.osm\.pbf: malformed OSM PBF at byte offset \d+ \(block #1\): OSMData blob: way 5: string index 9 outside the string table \(1 entries\)/);
  });
});

describe('progress and cancellation', () => {
  it('reports progress up to the byte total', async () => {
    const bytes = enc(tinyText);
    const seen: Array<[number, number]> = [];
    await readOsm(bytes, 'tiny.osm', { onProgress: (d, t) => seen.push([d, t]) });
    expect(seen.at(-1)).toEqual([bytes.length, bytes.length]);
    for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThanOrEqual(seen[i - 1][0]);
  });
  it('rejects with an AbortError when the signal is set', async () => {
    const signal = { aborted: false };
    const p = readOsm(writeOsmPbf(plainOsmFromXml(tinyText), { nodesPerBlock: 1 }), 'tiny.osm.pbf', {
      signal,
      onProgress: () => {
        signal.aborted = true;
      },
    });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });
});

// --- tiny hand encoder for the string-table case (wire format by hand, no library) ---
function str(s: string): number[] {
  const b = [...new TextEncoder().encode(s)];
  return [b.length, ...b];
}
function hand(headerFields: Array<[number, number[]]>, raw: number[]): number[] {
  const z = [...zlibSync(new Uint8Array(raw))];
  const blob = [0x10, ...varint(raw.length), 0x1a, ...varint(z.length), ...z];
  const header = [...headerFields.flatMap(([f, v]) => [(f << 3) | 2, ...v]), 0x18, ...varint(blob.length)];
  return [0, 0, 0, header.length, ...header, ...blob];
}
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
