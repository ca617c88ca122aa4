// The residential layer's read on its own, as the audit command runs it (loadResidentialLayer of
// the 10,000-community synthetic city's residential.geojson, 300k building footprints, 96 MB):
// once, cold, in a fresh process with the command's V8 flags, this tree against main at
// BASELINE_COMMIT (src and scripts extracted from git), interleaved. Times the call's CPU
// (process.cpuUsage: user and system, compiler and collector threads included) and counts its
// minor page faults; the two trees' answers are compared (columns, ids, households, problems).
// Not an issue target: the phase behind the residential basis's whole-process CPU.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshProcessRounds } from './lib/freshProcessRounds';
import { root, snapshotDir } from './lib/baseline';
import { cityFiles } from './lib/cityFiles';

/** main before the residential GeoJSON was read through a window of its bytes (4 Dec 2026). */
export const BASELINE_COMMIT = '806808d203d2fd47e0771196844e6de12faab4de';

const ROUNDS = Number(process.env.RESIDENTIAL_READ_ROUNDS ?? 8);
const self = fileURLToPath(import.meta.url);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Child: loadResidentialLayer of the tree in `dir`; prints [user ms, system ms, minor faults, answer digest] as JSON. */
async function once(dir: string): Promise<void> {
  const { loadResidentialLayer } = await import(pathToFileURL(join(dir, 'scripts', 'lib', 'loadLayer.ts')).href);
  const files = cityFiles(10_000, 30);
  const path = files[files.indexOf('--residential') + 1];
  const f0 = process.resourceUsage().minorPageFault;
  const c0 = process.cpuUsage();
  const read = await loadResidentialLayer(path);
  const c = process.cpuUsage(c0);
  const faults = process.resourceUsage().minorPageFault - f0;
  const layer = read.flat;
  if (!layer) throw new Error('the residential layer was not read flat');
  let h = 0;
  const mix = (a: ArrayLike<number>) => { for (let i = 0; i < a.length; i++) h = (Math.imul(h, 31) + a[i]) >>> 0; };
  mix(new Uint32Array(layer.xy.buffer, layer.xy.byteOffset, 2 * layer.xy.length));
  mix(layer.geomOffsets); mix(layer.polygonOffsets); mix(layer.ringOffsets);
  mix(new Uint32Array(Float64Array.from(layer.households).buffer));
  const digest = `${h} ${layer.length} ${layer.ids.join(',')} ${JSON.stringify(read.layer)}`;
  let d = 0;
  for (let i = 0; i < digest.length; i++) d = (Math.imul(d, 31) + digest.charCodeAt(i)) >>> 0;
  console.log(JSON.stringify([c.user / 1000, c.system / 1000, faults, `${d} ${layer.length}`]));
}

export async function run(): Promise<void> {
  const baseline = snapshotDir(BASELINE_COMMIT, ['src', 'scripts']);
  const trees: [string, string][] = [['this tree', root]];
  if ('dir' in baseline) trees.push([`main ${BASELINE_COMMIT.slice(0, 7)}`, baseline.dir]);
  else console.log(`(no baseline: ${baseline.reason})`);
  cityFiles(10_000, 30); // written once, before any timed process
  console.log(`loadResidentialLayer once per fresh process, 10,000 communities (300k footprints, residential.geojson); ${ROUNDS} rounds, trees interleaved; load ${loadavg()[0].toFixed(1)}`);
  const runs = freshProcessRounds<[number, number, number, string]>(self, '--read-once', trees, ROUNDS);
  const digests = new Set(runs.flat().map((x) => x[3]));
  if (digests.size !== 1) throw new Error(`the trees' answers differ: ${[...digests].join(' | ')}`);
  const cpu = runs.map((rs) => rs.map((x) => x[0] + x[1]));
  console.log('tree               | user+sys, median | sys, median | minor faults | user+sys per round');
  trees.forEach(([name], j) => console.log(`${name.padEnd(18)} | ${median(cpu[j]).toFixed(0).padStart(13)} ms | ${median(runs[j].map((x) => x[1])).toFixed(0).padStart(8)} ms | ${String(median(runs[j].map((x) => x[2]))).padStart(12)} | ${cpu[j].map((x) => x.toFixed(0)).join(' ')}`));
  if (trees.length > 1) {
    const paired = cpu[0].map((x, r) => x / cpu[1][r]);
    console.log(`this tree / main: ${(median(cpu[0]) / median(cpu[1])).toFixed(2)}x (paired median ${median(paired).toFixed(2)}x); answers identical; load ${loadavg()[0].toFixed(1)}`);
  }
}

if (process.argv[1] === self && process.argv[2] === '--read-once') void once(process.argv[3]);
