// The whole-process input and output of the commands, before and after, in one interleaved run:
// (1) the local projection against proj4's converter (1M points each way; the inverse gives the same
// doubles, the forward is within 1e-8 m: gridInterpolant.ts);
// (2) `service-areas` on the dense lattice (bench/lib/denseLattice.ts; files in EPSG:4547) and
// (3) the 10k straight-line `audit`, each as a whole process on the bundled command (scripts/cli.mjs)
// at IO_BASE_COMMIT and today: CPU, wall, peak memory, and whether the outputs are byte-identical.
// Env: COMMAND_IO_FACILITIES (default 200), COMMAND_IO_ROUNDS (default 1), COMMAND_IO_PARTS (default 1,2,3).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { createLocalProjection } from '../src/engine/geo/localProjection';
import { root, snapshotDir } from './lib/baseline';
import { cityFiles } from './lib/cityFiles';
import { denseLattice, latticeGeoJSON } from './lib/denseLattice';
import { mulberry32 } from './lib/random';
import { recordTarget } from './lib/targets';
import { timed } from './lib/timed';

/** main before the I/O work (reading, streamed audit JSON, projection, service-areas output). */
export const IO_BASE_COMMIT = '65393d7dced5800a077010aa5afb7e60e2854cf7';

const ROUNDS = Number(process.env.COMMAND_IO_ROUNDS ?? 1);
const PARTS = (process.env.COMMAND_IO_PARTS ?? '1,2,3').split(',');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function projectionPart(): void {
  const local = createLocalProjection([114, 23]);
  const ref = proj4('EPSG:4326', local.definition);
  const rand = mulberry32(3);
  const pts = Array.from({ length: 1_000_000 }, (): [number, number] => [114 + (rand() - 0.5) * 0.5, 23 + (rand() - 0.5) * 0.5]);
  const xys = pts.map((p) => local.forward(p));
  let same = true;
  const t = { p4f: [] as number[], lf: [] as number[], p4i: [] as number[], li: [] as number[] };
  for (let r = 0; r < 3; r++) {
    let t0 = cpu();
    for (const p of pts) ref.forward([p[0], p[1]]);
    t.p4f.push(cpu() - t0);
    t0 = cpu();
    for (const p of pts) local.forward(p);
    t.lf.push(cpu() - t0);
    t0 = cpu();
    for (const q of xys) ref.inverse([q[0], q[1]]);
    t.p4i.push(cpu() - t0);
    t0 = cpu();
    for (const q of xys) local.inverse(q);
    t.li.push(cpu() - t0);
  }
  for (let i = 0; i < pts.length; i += 997) {
    const a = ref.inverse([xys[i][0], xys[i][1]]), b = local.inverse(xys[i]);
    if (a[0] !== b[0] || a[1] !== b[1]) same = false;
  }
  console.log('Local projection, 1M points (CPU ms, median of 3):');
  console.table([
    { step: 'forward', proj4: Math.round(median(t.p4f)), local: Math.round(median(t.lf)), ratio: (median(t.lf) / median(t.p4f)).toFixed(2) },
    { step: 'inverse', proj4: Math.round(median(t.p4i)), local: Math.round(median(t.li)), ratio: (median(t.li) / median(t.p4i)).toFixed(2) },
  ]);
  console.log(`same doubles as proj4 on every 997th point: ${same}`);
}

type Case = [label: string, args: string[], out: string];

/** A target judged on the "after" of a process part: its CPU (s) and peak memory (MB) limits. */
interface ProcessTarget {
  target: string;
  cpu_s: number;
  rss_MB: number;
}

function processPart(title: string, before: string, cases: (cli: string, tag: string) => Case, goal?: ProcessTarget): void {
  const rows: Record<string, string | number>[] = [];
  const runs = [cases(join(before, 'scripts', 'cli.mjs'), 'before'), cases(join(root, 'scripts', 'cli.mjs'), 'after')];
  const m = runs.map(() => ({ cpu: [] as number[], wall: [] as number[], rss: [] as number[] }));
  for (let r = 0; r < ROUNDS; r++)
    runs.forEach(([, args], i) => {
      const t = timed('node', args);
      m[i].cpu.push(t.cpu_ms);
      m[i].wall.push(t.wall_ms);
      m[i].rss.push(t.maxRss_MB);
    });
  const identical = readFileSync(runs[0][2]).equals(readFileSync(runs[1][2]));
  runs.forEach(([label], i) => rows.push({ case: label, 'CPU (s)': (median(m[i].cpu) / 1000).toFixed(2), 'wall (s)': (median(m[i].wall) / 1000).toFixed(2), 'peak RSS (MB)': Math.round(Math.max(...m[i].rss)), 'CPU vs before': (median(m[i].cpu) / median(m[0].cpu)).toFixed(2) }));
  console.log(`${title}, medians of ${ROUNDS}; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; outputs byte-identical: ${identical}`);
  console.table(rows);
  if (goal) {
    const [b, a] = m.map((x) => ({ cpu: median(x.cpu) / 1000, rss: Math.max(...x.rss) }));
    const fig = (x: { cpu: number; rss: number }) => `${x.cpu.toFixed(2)} s CPU, ${Math.round(x.rss)} MB`;
    recordTarget({ bench: 'commandIo', target: goal.target, before: fig(b), after: fig(a), met: a.cpu < goal.cpu_s && a.rss < goal.rss_MB });
  }
}

export async function run(): Promise<void> {
  if (PARTS.includes('1')) projectionPart();
  const base = snapshotDir(IO_BASE_COMMIT, ['src', 'scripts', 'package.json', 'package-lock.json']);
  if ('reason' in base) {
    console.log(`(no "before": ${base.reason})`);
    return;
  }
  const tmp = join(root, 'bench', 'out', 'commandIo');
  mkdirSync(tmp, { recursive: true });
  // Build both bundles outside the timing.
  timed('node', [join(base.dir, 'scripts', 'cli.mjs'), 'audit', '--help']);
  timed('node', ['scripts/cli.mjs', 'audit', '--help']);
  if (PARTS.includes('2')) {
    const L = denseLattice({ facilities: Number(process.env.COMMAND_IO_FACILITIES ?? 200) });
    const roads = join(tmp, 'roads.geojson');
    const facilities = join(tmp, `facilities-${L.facilities.length}.geojson`);
    if (!existsSync(roads) || !existsSync(facilities)) {
      const files = latticeGeoJSON(L);
      writeFileSync(roads, files.roads);
      writeFileSync(facilities, files.facilities);
    }
    processPart(`service-areas, ${L.facilities.length} facilities × 300/500/1000 m on the dense lattice (whole process)`, base.dir, (cli, tag) => {
      const out = join(tmp, `service-areas-${tag}.geojson`);
      return [tag, [cli, 'service-areas', '--facilities', facilities, '--roads', roads, '--distances', '300,500,1000', '--out', out], out];
    }, L.facilities.length === 200 ? { target: 'service-areas, all 200 on the dense lattice, whole process (bundle), CPU < 20 s, < 1 GB', cpu_s: 20, rss_MB: 1024 } : undefined);
  }
  if (PARTS.includes('3')) {
    const city = cityFiles(10000);
    processPart('audit, 10,000 communities, straight-line, 1 thread (whole process)', base.dir, (cli, tag) => {
      const out = join(tmp, `audit-${tag}.json`);
      return [tag, [cli, 'audit', ...city, '--threads', '1', '--out', out], out];
    }, { target: '10k straight-line audit, whole process, 1 thread, CPU ≤ 3.7 s, < 1 GB', cpu_s: 3.7, rss_MB: 1024 });
  }
}
