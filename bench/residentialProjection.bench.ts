// The residential layer's projection (residentialLayer.ts projectResidential: 300k building
// footprints of the 10,000-community synthetic city projected, checked, oriented, stored and
// indexed) against the engine at PREVIOUS_COMMIT (extracted from git), each call in a fresh
// process as the `audit` command makes it: once, with the command's V8 settings, code not yet
// warm (lib/projectResidentialOnce.ts). Processes interleaved, which goes first alternating;
// medians of CPU (process.cpuUsage of the call, every thread) and of the young-generation
// collections (scavenges) started inside it. The two engines' stores, and what their indexes find,
// must hash the same (bit-identical). Not an issue target: no recordTarget.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { cityFiles } from './lib/cityFiles';
import { root, snapshotDir } from './lib/baseline';

/** main before the index kept a coherent layer's order and the ring checks measured the ring (3 Dec 2026). */
export const PREVIOUS_COMMIT = 'd1acf1b2f65769524e5b270f62546aa893e2e258';

const ROUNDS = Number(process.env.RESIDENTIAL_PROJECTION_BENCH_ROUNDS ?? 8);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Once { cpu: number; scavenges: number; scavengeMs: number; otherGcs: number; hash: string }

export async function run(): Promise<void> {
  const previous = snapshotDir(PREVIOUS_COMMIT, ['src']);
  const engines: [string, string][] = [['this tree', root]];
  if ('dir' in previous) engines.push([`previous ${PREVIOUS_COMMIT.slice(0, 7)}`, previous.dir]);
  else console.log(`(no "previous": ${previous.reason})`);
  const files = cityFiles(10_000, 30);
  const arg = (l: string) => files[files.indexOf(`--${l}`) + 1];
  const load0 = loadavg()[0];
  const runs = engines.map(() => [] as Once[]);
  for (let r = 0; r < ROUNDS; r++) {
    for (const j of engines.map((_, k) => (r % 2 ? engines.length - 1 - k : k))) {
      const p = spawnSync(process.execPath, [...process.execArgv, join(root, 'bench', 'lib', 'projectResidentialOnce.ts'),
        JSON.stringify({ engine: engines[j][1], communities: arg('communities'), residential: arg('residential') })], { cwd: root, encoding: 'utf8' });
      if (p.status !== 0) throw new Error(`projectResidentialOnce (${engines[j][0]}) failed: ${p.stderr}`);
      runs[j].push(JSON.parse(p.stdout.trim().split('\n').pop()!) as Once);
    }
  }
  console.log(`projectResidential, 10k city (300k footprints), once per fresh process; ${ROUNDS} rounds interleaved; load ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
  console.log('engine             | CPU median | CPU all rounds                       | scavenges | their pause');
  engines.forEach(([name], j) => {
    const xs = runs[j];
    console.log(`${name.padEnd(18)} | ${median(xs.map((x) => x.cpu)).toFixed(0).padStart(7)} ms | ${xs.map((x) => x.cpu.toFixed(0)).join(' ').padEnd(36)} | ${String(median(xs.map((x) => x.scavenges))).padStart(9)} | ${median(xs.map((x) => x.scavengeMs)).toFixed(1).padStart(8)} ms`);
  });
  if (engines.length > 1) {
    const ratios = runs[0].map((x, r) => x.cpu / runs[1][r].cpu);
    const hashes = new Set([...runs[0], ...runs[1]].map((x) => x.hash));
    console.log(`this tree / previous: ratio of medians ${(median(runs[0].map((x) => x.cpu)) / median(runs[1].map((x) => x.cpu))).toFixed(2)}, median of paired ratios ${median(ratios).toFixed(2)}; results ${hashes.size === 1 ? 'bit-identical' : 'DIFFER'}`);
  }
}
