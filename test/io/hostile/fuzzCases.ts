// Seeded mutations of small valid files of every import format, for the reader fuzz test and its
// longer run (bench/fuzzReaders.bench.ts): byte flips, truncation, insertion and deletion, copied
// chunks, runs of 0x00/0xFF and large 32-bit values written over length and offset fields.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFlatGeobuf } from '../../../src/io/flatgeobuf';
import type { InputFile, LayerKind } from '../../../src/io/import/types';
import type { ReaderCase } from './readerWorker';
import { mulberry32 } from '../../../bench/lib/random';

const FX = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

export interface Seed {
  format: string;
  kind: LayerKind;
  files: InputFile[];
  /** The file that is mutated (the others of a shapefile set stay valid, or are mutated in turn). */
  mutable: number[];
}

function file(rel: string): InputFile {
  return { name: basename(rel), bytes: new Uint8Array(readFileSync(join(FX, rel))) };
}

export function seeds(): Seed[] {
  const shp = readdirSync(join(FX, 'io/shp-utf8')).filter((f) => f.startsWith('communities.')).sort().map((f) => file(`io/shp-utf8/${f}`));
  const fgbBytes = writeFlatGeobuf(JSON.parse(readFileSync(join(FX, 'io/base/communities.geojson'), 'utf8')));
  return [
    { format: 'geojson', kind: 'communities', files: [file('io/base/communities.geojson')], mutable: [0] },
    { format: 'flatgeobuf', kind: 'communities', files: [{ name: 'communities.fgb', bytes: fgbBytes }], mutable: [0] },
    { format: 'shapefile', kind: 'communities', files: shp, mutable: shp.map((_, i) => i).filter((i) => /\.(shp|shx|dbf|prj)$/.test(shp[i].name)) },
    { format: 'shapefile-zip', kind: 'communities', files: [file('io/shp-utf8-communities.zip')], mutable: [0] },
    { format: 'csv', kind: 'facilities', files: [file('io/tables/facilities-gcj02.csv')], mutable: [0] },
    { format: 'xlsx', kind: 'facilities', files: [file('io/tables/facilities.xlsx')], mutable: [0] },
    { format: 'osm', kind: 'communities', files: [file('osm/tiny-compound.osm')], mutable: [0] },
    { format: 'osm-pbf', kind: 'communities', files: [file('osm/tiny-compound.osm.pbf')], mutable: [0] },
  ];
}

/** mulberry32, the seeded generator the benches use. */
export const prng = mulberry32;

export function mutate(bytes: Uint8Array, rnd: () => number): Uint8Array {
  const n = bytes.length;
  const at = () => Math.floor(rnd() * Math.max(1, n));
  const pick = Math.floor(rnd() * 8);
  const b = bytes.slice();
  switch (pick) {
    case 0: { // flip a few bytes
      const k = 1 + Math.floor(rnd() * 8);
      for (let i = 0; i < k; i++) b[at()] ^= 1 << Math.floor(rnd() * 8);
      return b;
    }
    case 1: // truncate
      return bytes.slice(0, at());
    case 2: { // insert random bytes
      const i = at();
      const ins = new Uint8Array(1 + Math.floor(rnd() * 64)).map(() => Math.floor(rnd() * 256));
      return new Uint8Array([...bytes.subarray(0, i), ...ins, ...bytes.subarray(i)]);
    }
    case 3: { // delete a span
      const i = at();
      return new Uint8Array([...bytes.subarray(0, i), ...bytes.subarray(Math.min(n, i + 1 + Math.floor(rnd() * 64)))]);
    }
    case 4: { // copy a chunk over another place
      const i = at(), j = at(), len = Math.min(n - Math.max(i, j), 1 + Math.floor(rnd() * 128));
      if (len > 0) b.copyWithin(j, i, i + len);
      return b;
    }
    case 5: { // a run of 0x00 or 0xFF
      const i = at(), v = rnd() < 0.5 ? 0 : 0xff;
      b.fill(v, i, Math.min(n, i + 1 + Math.floor(rnd() * 32)));
      return b;
    }
    case 6: { // a large 32-bit value over a (likely) length or offset field
      if (n < 4) return b;
      const i = Math.floor(rnd() * (n / 4 - 1)) * 4;
      const v = [0xffffffff, 0x7fffffff, 0x80000000, 0x10000000, n * 2, 0][Math.floor(rnd() * 6)];
      new DataView(b.buffer).setUint32(i, v, rnd() < 0.7);
      return b;
    }
    default: { // several of the above
      let x = bytes;
      for (let k = 0; k < 3; k++) x = mutate(x, rnd);
      return x;
    }
  }
}

/** `perFormat` mutated cases of every seed, reproducible from `seed`. */
export function fuzzCases(perFormat: number, seed: number): (ReaderCase & { format: string; mutated: string })[] {
  const rnd = prng(seed);
  const out: (ReaderCase & { format: string; mutated: string })[] = [];
  for (const s of seeds()) {
    for (let i = 0; i < perFormat; i++) {
      const which = s.mutable[Math.floor(rnd() * s.mutable.length)];
      const files = s.files.map((f, j) => (j === which ? { name: f.name, bytes: mutate(f.bytes, rnd) } : f));
      out.push({ files, kind: s.kind, format: s.format, mutated: s.files[which].name });
    }
  }
  return out;
}
