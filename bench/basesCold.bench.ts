// The residential bases' preparation as the audit command runs it: once, cold. communityBases
// (residentialBasis.ts) over every community of the 10,000-community synthetic city with ~30
// building footprints each (households-weighted), in a fresh process per measurement with the
// command's V8 flags, this tree's engine and main's at BASELINE_COMMIT (extracted from git)
// interleaved. Each process reads and projects the layer with this tree's code, then times the
// call (process.cpuUsage, so the optimising compiler's and the collector's threads count) and a
// second, warm call. residentialBases.bench.ts times warm rounds in one process; the command pays
// the first call, where compiling the code is a large part of it. Not an issue target.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshProcessRounds, treesAgainst } from './lib/freshProcessRounds';
import { cityFiles } from './lib/cityFiles';

/** main before the union walk stopped recursing (3 Dec 2026). */
export const BASELINE_COMMIT = 'd1acf1b2f65769524e5b270f62546aa893e2e258';

const ROUNDS = Number(process.env.BASES_COLD_ROUNDS ?? 6);
const self = fileURLToPath(import.meta.url);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Child: communityBases of the engine in `dir`, twice; prints the two CPU times (ms) as JSON. */
async function once(dir: string): Promise<void> {
  const { AUDIT_INPUT_FLAGS, AUDIT_INPUT_REPEATABLE, loadAuditInput } = await import('../scripts/lib/auditInput');
  const { parseFlags } = await import('../scripts/lib/args');
  const { prepareDataset } = await import('../src/engine/prepare');
  const { communityBases } = await import(pathToFileURL(join(dir, 'src', 'engine', 'residentialBasis.ts')).href);
  const input = await loadAuditInput(parseFlags([...cityFiles(10_000, 30), '--threads', '1'], AUDIT_INPUT_FLAGS, '', AUDIT_INPUT_REPEATABLE), '', undefined, { residentialFlat: true });
  const ctx = prepareDataset(input.data, input.preset, undefined, { deferBases: true });
  const all = Array.from({ length: ctx.communities.length }, (_, i) => i);
  const cpu: number[] = [];
  for (let r = 0; r < 2; r++) {
    const c0 = process.cpuUsage();
    communityBases(ctx.deferredBasis!.features!, ctx.communities, all, []);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  console.log(JSON.stringify(cpu));
}

export async function run(): Promise<void> {
  const engines = treesAgainst(BASELINE_COMMIT);
  cityFiles(10_000, 30); // written once, before any timed process
  console.log(`communityBases once per fresh process, 10,000 communities, households-weighted; ${ROUNDS} rounds, engines interleaved; load ${loadavg()[0].toFixed(1)}`);
  const runs = freshProcessRounds<[number, number]>(self, '--bases-once', engines, ROUNDS);
  const first = runs.map((rs) => rs.map((x) => x[0])), second = runs.map((rs) => rs.map((x) => x[1]));
  console.log('engine             | first call CPU, median | second call | first calls');
  engines.forEach(([name], j) => console.log(`${name.padEnd(18)} | ${median(first[j]).toFixed(0).padStart(18)} ms | ${median(second[j]).toFixed(0).padStart(8)} ms | ${first[j].map((x) => x.toFixed(0)).join(' ')}`));
  if (engines.length > 1) console.log(`first call: this tree / main ${(median(first[0]) / median(first[1])).toFixed(2)}x; load ${loadavg()[0].toFixed(1)}`);
}

if (process.argv[1] === self && process.argv[2] === '--bases-once') void once(process.argv[3]);
