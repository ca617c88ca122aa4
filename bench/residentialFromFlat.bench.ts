// residentialFromFlat (readResidentialFlat.ts) on its own, as the audit command runs it: once,
// cold, on the 10,000-community synthetic city's residential layer (300k building footprints,
// every one a four-edge ring) already scanned into columns: the CRS decision, field mapping,
// households and the per-ring geometry checks (flatRingClear) of every feature. A fresh process
// per measurement with the command's V8 flags, this tree's reader and main's at BASELINE_COMMIT
// (extracted from git) interleaved; each scans the layer with this tree's scanner, then times the
// first call (process.cpuUsage, so compiler and collector threads count) and the median of
// seven warm calls. The two readers' answers are compared (layer columns, ids, households,
// problems). Not an issue target.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshProcessRounds, treesAgainst } from './lib/freshProcessRounds';
import { cityFiles } from './lib/cityFiles';

/** main before four-edge rings got flatRingClear's unrolled path (3 Dec 2026). */
export const BASELINE_COMMIT = 'cdcffd6b8139607ab3bb6a1af26e8fd94c53f5e3';

const ROUNDS = Number(process.env.RESIDENTIAL_FROM_FLAT_ROUNDS ?? 8);
const self = fileURLToPath(import.meta.url);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Child: residentialFromFlat of the reader in `dir`; prints [first call ms, warm median ms, answer digest] as JSON. */
async function once(dir: string): Promise<void> {
  const { scanGeoJsonPolygonColumns } = await import('../src/io/formats/geojsonFlatPolygons');
  const { residentialFromFlat } = await import(pathToFileURL(join(dir, 'src', 'io', 'import', 'readResidentialFlat.ts')).href);
  const files = cityFiles(10_000, 30);
  const path = files[files.indexOf('--residential') + 1];
  const s = scanGeoJsonPolygonColumns(new Uint8Array(readFileSync(path)));
  if (!s) throw new Error('the flat scanner refused the residential layer');
  const source = { names: ['residential.geojson'], format: 'geojson', declaredCrs: { crs: 'EPSG:4326', from: 'default' } };
  const cpu: number[] = [];
  let read;
  for (let r = 0; r < 8; r++) {
    const c0 = process.cpuUsage();
    read = residentialFromFlat(s, source);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const { layer, import: imp } = read!;
  let h = 0;
  const mix = (a: ArrayLike<number>) => { for (let i = 0; i < a.length; i++) h = (Math.imul(h, 31) + a[i]) >>> 0; };
  mix(new Uint32Array(layer.xy.buffer, layer.xy.byteOffset, 2 * layer.xy.length));
  mix(layer.geomOffsets); mix(layer.polygonOffsets); mix(layer.ringOffsets);
  mix(new Uint32Array(Float64Array.from(layer.households).buffer));
  const digest = `${h} ${layer.length} ${layer.ids.join(',').length} ${JSON.stringify(imp.problems).length} ${JSON.stringify(imp.crs)} ${JSON.stringify(imp.counts)}`;
  console.log(JSON.stringify([cpu[0], median(cpu.slice(1)), digest]));
}

export async function run(): Promise<void> {
  const engines = treesAgainst(BASELINE_COMMIT);
  cityFiles(10_000, 30); // written once, before any timed process
  console.log(`residentialFromFlat once per fresh process, 10,000 communities (300k footprints); ${ROUNDS} rounds, readers interleaved; load ${loadavg()[0].toFixed(1)}`);
  const runs = freshProcessRounds<[number, number, string]>(self, '--from-flat-once', engines, ROUNDS);
  const first = runs.map((rs) => rs.map((x) => x[0])), warm = runs.map((rs) => rs.map((x) => x[1]));
  const digests = new Set(runs.flat().map((x) => x[2]));
  if (digests.size !== 1) throw new Error(`the readers' answers differ: ${[...digests].join(' | ')}`);
  console.log('reader             | first call CPU, median | warm call | first calls');
  engines.forEach(([name], j) => console.log(`${name.padEnd(18)} | ${median(first[j]).toFixed(0).padStart(18)} ms | ${median(warm[j]).toFixed(0).padStart(6)} ms | ${first[j].map((x) => x.toFixed(0)).join(' ')}`));
  if (engines.length > 1) console.log(`first call: this tree / main ${(median(first[0]) / median(first[1])).toFixed(2)}x, warm ${(median(warm[0]) / median(warm[1])).toFixed(2)}x; answers identical; load ${loadavg()[0].toFixed(1)}`);
}

if (process.argv[1] === self && process.argv[2] === '--from-flat-once') void once(process.argv[3]);
