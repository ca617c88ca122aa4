// The residential bases' preparation on its own (residentialBasis.ts communityBases: every
// community's residential pieces cut, weighted and written to one store), in process, on the
// 10,000-community synthetic city with ~30 building footprints per community: households-weighted,
// and area-weighted (the same footprints without households, when residential.bench.ts has written
// them). The layers are read and projected once; then each round times communityBases over every
// community, this tree's and the engine at PREVIOUS_COMMIT (extracted from git) interleaved: CPU
// (process.cpuUsage, so the garbage collector's helper threads count), the garbage collector's
// time inside the call (PerformanceObserver 'gc' entries) and the typed arrays it allocated
// (process.memoryUsage().arrayBuffers after a full collection before the call; which engine goes
// first alternates). The first round is shown apart:
// the command runs communityBases once, before the code is warm. The two engines' bases are
// compared column by column (they must be bit-identical): both cut this tree's projected layer
// and communities. Not an issue target: no recordTarget.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { cityFiles } from './lib/cityFiles';
import { root, snapshotDir } from './lib/baseline';
import { AUDIT_INPUT_FLAGS, AUDIT_INPUT_REPEATABLE, loadAuditInput } from '../scripts/lib/auditInput';
import { parseFlags } from '../scripts/lib/args';
import type { CommunityBasis, ResidentialFeatures } from '../src/engine/residentialBasis';
import type { PreparedCommunity } from '../src/engine/reach/reachProvider';

/** main before the bases' store was sized for every feature and finished without copying (3 Dec 2026). */
export const PREVIOUS_COMMIT = '626d8a9780057079d6f220a13b316fcb15f321f8';

const N = Number(process.env.RESIDENTIAL_BASES_BENCH_COMMUNITIES ?? 10_000);
const PER = Number(process.env.RESIDENTIAL_BASES_BENCH_PER_COMMUNITY ?? 30);
const ROUNDS = Number(process.env.RESIDENTIAL_BASES_BENCH_ROUNDS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
setFlagsFromString('--expose-gc');
/** A full collection before each timed call, so that neither engine pays for the other's garbage. */
const collect = runInNewContext('gc') as () => void;

type CommunityBases = (f: ResidentialFeatures, communities: readonly PreparedCommunity[], indices: readonly number[], noLand: number[]) => CommunityBasis[];
interface Engine {
  name: string;
  prepareDataset: (...a: unknown[]) => { communities: PreparedCommunity[]; deferredBasis?: { features: ResidentialFeatures | null } };
  communityBases: CommunityBases;
}

async function engineAt(name: string, dir: string): Promise<Engine> {
  const prep = await import(pathToFileURL(join(dir, 'src', 'engine', 'prepare.ts')).href);
  const rb = await import(pathToFileURL(join(dir, 'src', 'engine', 'residentialBasis.ts')).href);
  return { name, prepareDataset: prep.prepareDataset, communityBases: rb.communityBases };
}

/** The bases as bytes and fields, for a bit-for-bit comparison of two engines' results. */
function fingerprint(bases: CommunityBasis[], noLand: number[]): string {
  const parts: string[] = [JSON.stringify(noLand)];
  const stores = new Set<NonNullable<CommunityBasis['store']>>();
  for (const b of bases) {
    parts.push(JSON.stringify([b.kind, b.first, b.count, b.total, b.residentialArea_m2, b.householdsEstimated ?? null]));
    if (b.store) stores.add(b.store);
  }
  for (const s of stores) {
    for (const col of [s.xy, s.ringStart, s.polygonRing, s.area, s.bbox, s.weight]) {
      parts.push(Buffer.from(col.buffer, col.byteOffset, col.byteLength).toString('base64'));
    }
  }
  return parts.join('|');
}

export async function run(): Promise<void> {
  const previous = snapshotDir(PREVIOUS_COMMIT, ['src']);
  if ('reason' in previous) console.log(`(no "previous": ${previous.reason})`);
  const engines = [await engineAt('this tree', root)];
  if ('dir' in previous) engines.push(await engineAt(`previous ${PREVIOUS_COMMIT.slice(0, 7)}`, previous.dir));
  const files = cityFiles(N, PER);
  const residential = files[files.indexOf('--residential') + 1];
  const noHouseholds = join(dirname(residential), 'residential-no-households.geojson');
  const layers: [string, string][] = [['households-weighted', residential]];
  if (existsSync(noHouseholds)) layers.push(['area-weighted', noHouseholds]);
  else console.log('(no area-weighted row: run `npm run bench -- residential` once to write the layer without households)');

  const gcs: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) gcs.push({ start: e.startTime, duration: e.duration }); });
  observer.observe({ entryTypes: ['gc'] });
  console.log(`communityBases over ${N} communities, ~${PER} footprints each; ${ROUNDS} rounds, engines interleaved; load ${loadavg()[0].toFixed(1)}`);
  console.log('layer                | engine             | 1st round CPU | later rounds: CPU median | GC in it | typed arrays');
  for (const [name, path] of layers) {
    const argv = [...files.slice(0, files.indexOf('--residential')), '--residential', path, '--threads', '1'];
    const input = await loadAuditInput(parseFlags(argv, AUDIT_INPUT_FLAGS, '', AUDIT_INPUT_REPEATABLE), '', undefined, { residentialFlat: true });
    const ctxs = [engines[0].prepareDataset(input.data, input.preset, undefined, { deferBases: true })];
    const all = Array.from({ length: ctxs[0].communities.length }, (_, i) => i);
    const cpu = engines.map(() => [] as number[]), gc = engines.map(() => [] as number[]), arrays = engines.map(() => [] as number[]);
    const windows = engines.map(() => [] as [number, number][]);
    const prints: string[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which engine goes first.
      for (const j of engines.map((_, k) => (r % 2 ? engines.length - 1 - k : k))) {
        const e = engines[j];
        // Both engines cut the same projected layer and communities (this tree's), so that the
        // comparison covers the cut alone, whatever the projection did at the previous commit.
        const f = ctxs[0].deferredBasis!.features!;
        collect();
        const m0 = process.memoryUsage().arrayBuffers, w0 = performance.now(), c0 = process.cpuUsage();
        const noLand: number[] = [];
        const bases = e.communityBases(f, ctxs[0].communities, all, noLand);
        const c = process.cpuUsage(c0), w1 = performance.now();
        cpu[j].push((c.user + c.system) / 1000);
        arrays[j].push((process.memoryUsage().arrayBuffers - m0) / 1e6);
        windows[j].push([w0, w1]);
        if (r === 0) prints[j] = fingerprint(bases, noLand);
      }
      await new Promise((done) => setTimeout(done, 50));
    }
    // The collections that started inside each call (the observer reports them afterwards).
    await new Promise((done) => setTimeout(done, 200));
    windows.forEach((ws, j) => { for (const [w0, w1] of ws) gc[j].push(gcs.filter((g) => g.start >= w0 && g.start < w1).reduce((t, g) => t + g.duration, 0)); });
    engines.forEach((e, j) => {
      const later = (xs: number[]) => median(xs.slice(1)).toFixed(0);
      console.log(`${name.padEnd(20)} | ${e.name.padEnd(18)} | ${cpu[j][0].toFixed(0).padStart(10)} ms | ${later(cpu[j]).padStart(21)} ms | ${later(gc[j]).padStart(5)} ms | ${later(arrays[j]).padStart(8)} MB`);
    });
    if (engines.length > 1) {
      console.log(`${name}: CPU this tree / previous, later rounds ${(median(cpu[0].slice(1)) / median(cpu[1].slice(1))).toFixed(2)}x; bases ${prints[0] === prints[1] ? 'bit-identical' : 'DIFFER'}`);
    }
  }
  observer.disconnect();
}
