// The whole `audit` process on the synthetic city, before and after, in one interleaved run: CPU
// (user + system), wall time and peak memory under /usr/bin/time. Two "before"s: the command at
// BASELINE_COMMIT run through tsx, as `npm run audit` ran it then, and the bundled command at
// BUNDLE_BASE_COMMIT (before the exact green-buffer areas and the allocation work). "After" is
// `npm run audit` today (the bundled entry, scripts/cli.mjs) with each thread count of
// AUDIT_PROCESS_THREADS (default: 1 and the machine's cores; counts above the cores are emulated
// and say so), beside the thread design before the slices (THREADS_BASE_COMMIT: every thread
// re-prepared the whole dataset); at 10,000 communities also with the residential basis (~30
// footprints per community). The speed-up column is the wall time of one thread over this row's,
// within the same code. On a shared machine wall time mostly measures the other jobs, so each
// node run also carries per-thread CPU clocks (lib/threadClock.mjs) and the table gives the wall
// time an idle machine of this many cores would take (threadCriticalPath, and no less than the
// process's CPU spread over every core), and its speed-up.
// Targets (10,000 communities): at most 3.7 s CPU (a tenth of the PostGIS SQL audit measured on the
// same data), under 5 s wall on 2 cores, under 1 GB; the residential basis as fast as the area basis.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { baselineDir, root, snapshotDir } from './lib/baseline';
import { cityFiles } from './lib/cityFiles';
import { recordTarget } from './lib/targets';
import { timed } from './lib/timed';

/** The bundled command before the straight-line allocation and green-buffer work (main, 2 Dec 2026). */
export const BUNDLE_BASE_COMMIT = '7ac09609fe1425945f4b0a3d2810ca58cb5eced1';
const BASE = `bundle at ${BUNDLE_BASE_COMMIT.slice(0, 7)}`;
/** The threads before the slices: each thread re-read the dataset and prepared all of it (main, 2 Dec 2026). */
export const THREADS_BASE_COMMIT = '65393d7dced5800a077010aa5afb7e60e2854cf7';
const TBASE = `threads at ${THREADS_BASE_COMMIT.slice(0, 7)}`;

const SCALES = (process.env.AUDIT_PROCESS_SCALES ?? '1000,10000').split(',').map(Number);
const ROUNDS = Number(process.env.AUDIT_PROCESS_ROUNDS ?? 2);
/** Skip the tsx baseline (slow) with AUDIT_PROCESS_TSX=0. */
const WITH_TSX = process.env.AUDIT_PROCESS_TSX !== '0';
/** Thread counts of the "after" rows (and of the threads "before", but for counts above 2). */
const THREADS = (process.env.AUDIT_PROCESS_THREADS ?? `1,${availableParallelism()}`).split(',').map(Number).filter((t, i, a) => t >= 1 && a.indexOf(t) === i);
const CLOCK = join(process.env.TMPDIR ?? '/tmp', `lc-thread-clock-${process.pid}.jsonl`);
const CLOCK_PRELOAD = join(root, 'bench', 'lib', 'threadClock.mjs');

/**
 * The wall time (s) an idle machine with a core per thread would take, from the thread clocks of
 * one run (lib/threadClock.mjs): the main thread's CPU, or, when a worker ends later, the main
 * thread's CPU when that worker started + the worker's CPU + what the main thread did after it.
 * Other threads' CPU (garbage collection, compilers) is left out: an estimate, not a measurement.
 */
function threadCriticalPath(lines: string[]): number | null {
  const rows = lines.filter(Boolean).map((l) => JSON.parse(l) as { main?: number; worker?: number; start?: number; end?: number });
  const main = rows.find((r) => r.main !== undefined)?.main;
  if (main === undefined) return null;
  const workers = rows.filter((r) => r.worker !== undefined);
  if (!workers.length) return main;
  const finish = Math.max(...workers.map((w) => w.start! + w.worker!));
  const tail = main - Math.max(...workers.map((w) => w.end!));
  return Math.max(main, finish + Math.max(0, tail));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(): Promise<void> {
  const base = WITH_TSX ? baselineDir() : { reason: 'AUDIT_PROCESS_TSX=0' };
  if ('reason' in base) console.log(`(no tsx "before": ${base.reason})`);
  const bundleBase = snapshotDir(BUNDLE_BASE_COMMIT, ['src', 'scripts', 'package.json', 'package-lock.json']);
  if ('reason' in bundleBase) console.log(`(no bundled "before": ${bundleBase.reason})`);
  const out = join(process.env.TMPDIR ?? '/tmp', 'lc-audit-process.json');
  // Build the bundles outside the timing.
  timed('node', ['scripts/cli.mjs', 'audit', '--help']);
  if ('dir' in bundleBase) timed('node', [join(bundleBase.dir, 'scripts', 'cli.mjs'), 'audit', '--help']);
  const threadsBase = process.env.AUDIT_PROCESS_THREADS_BASE === '0' ? { reason: 'AUDIT_PROCESS_THREADS_BASE=0' } : snapshotDir(THREADS_BASE_COMMIT, ['src', 'scripts', 'package.json', 'package-lock.json']);
  if ('reason' in threadsBase) console.log(`(no threads "before": ${threadsBase.reason})`);
  if ('dir' in threadsBase) timed('node', [join(threadsBase.dir, 'scripts', 'cli.mjs'), 'audit', '--help']);
  const cores = availableParallelism();
  const tLabel = (t: number) => `${t} thread${t > 1 ? 's' : ''}${t > cores ? ` (emulated on ${cores} cores)` : ''}`;
  const rows: Record<string, string | number>[] = [];
  for (const n of SCALES) {
    const city = cityFiles(n);
    const threads = n >= 5000 ? availableParallelism() : 1;
    const cases: [string, string, string[], number][] = [];
    if ('dir' in base) cases.push(['before (tsx, baseline)', 'npx', ['tsx', join(base.dir, 'scripts', 'audit.ts'), ...city, '--out', out], 1]);
    if ('dir' in bundleBase) {
      cases.push([`before (${BASE}), 1 thread`, 'node', [join(bundleBase.dir, 'scripts', 'cli.mjs'), 'audit', ...city, '--threads', '1', '--out', out], 1]);
      cases.push([`before (${BASE}), default threads (${threads})`, 'node', [join(bundleBase.dir, 'scripts', 'cli.mjs'), 'audit', ...city, '--out', out], threads]);
    }
    if ('dir' in threadsBase) {
      for (const t of THREADS.filter((x) => x <= 2)) cases.push([`before (${TBASE}), ${tLabel(t)}`, 'node', [join(threadsBase.dir, 'scripts', 'cli.mjs'), 'audit', ...city, '--threads', String(t), '--out', out], t]);
    }
    for (const t of THREADS) cases.push([`after, ${tLabel(t)}`, 'node', ['scripts/cli.mjs', 'audit', ...city, '--threads', String(t), '--out', out], t]);
    if (!THREADS.includes(threads)) cases.push([`after, default threads (${threads})`, 'node', ['scripts/cli.mjs', 'audit', ...city, '--out', out], threads]);
    if (n === 10000 && process.env.AUDIT_PROCESS_RESIDENTIAL !== '0') {
      const res = cityFiles(n, 30);
      if ('dir' in bundleBase) cases.push([`before (${BASE}), residential basis, 1 thread`, 'node', [join(bundleBase.dir, 'scripts', 'cli.mjs'), 'audit', ...res, '--threads', '1', '--out', out], 1]);
      cases.push(['after, residential basis, 1 thread', 'node', ['scripts/cli.mjs', 'audit', ...res, '--threads', '1', '--out', out], 1]);
      cases.push([`after, residential basis, ${tLabel(cores)}`, 'node', ['scripts/cli.mjs', 'audit', ...res, '--threads', String(cores), '--out', out], cores]);
    }
    const m = new Map(cases.map(([k]) => [k, { cpu: [] as number[], wall: [] as number[], rss: [] as number[], path: [] as number[] }]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const [k, cmd, args] of cases) {
        rmSync(CLOCK, { force: true });
        process.env.LC_THREAD_CLOCK = CLOCK;
        const t = timed(cmd, cmd === 'node' ? ['--import', CLOCK_PRELOAD, ...args] : args);
        delete process.env.LC_THREAD_CLOCK;
        const path = existsSync(CLOCK) ? threadCriticalPath(readFileSync(CLOCK, 'utf8').split('\n')) : null;
        const v = m.get(k)!;
        v.cpu.push(t.cpu_ms); v.wall.push(t.wall_ms); v.rss.push(t.maxRss_MB);
        // Nor can an idle machine run the process's CPU (garbage collection and compilers included)
        // faster than all its cores at once.
        if (path !== null) v.path.push(Math.max(path * 1000, t.cpu_ms / cores));
      }
    }
    rmSync(CLOCK, { force: true });
    const ref = cases.find(([k]) => k === `before (${BASE}), 1 thread`);
    const before = ref ? median(m.get(ref[0])!.cpu) : NaN;
    // One thread's wall time of the same code (the part of the label before the thread count).
    const code = (k: string) => k.replace(/, (default threads|\d+ threads?).*$/, '');
    const oneOf = (k: string, f: 'wall' | 'path') => {
      const one = cases.find(([c, , , t]) => t === 1 && code(c) === code(k));
      return one && m.get(one[0])![f].length ? median(m.get(one[0])![f]) : NaN;
    };
    for (const [k, , , t] of cases) {
      const v = m.get(k)!;
      const speedUp = oneOf(k, 'wall') / median(v.wall);
      const idleSpeedUp = v.path.length ? oneOf(k, 'path') / median(v.path) : NaN;
      rows.push({
        communities: n, case: k, threads: t, CPU: s(median(v.cpu)), wall: s(median(v.wall)),
        'idle-machine wall (thread clocks)': v.path.length ? s(median(v.path)) : '-', 'peak RSS (MB)': Math.round(Math.max(...v.rss)),
        'CPU vs bundle before, 1 thread': Number.isNaN(before) ? '-' : (median(v.cpu) / before).toFixed(2),
        'speed-up (wall, 1 thread / this)': Number.isNaN(speedUp) ? '-' : speedUp.toFixed(2),
        'idle speed-up (thread clocks)': Number.isNaN(idleSpeedUp) ? '-' : idleSpeedUp.toFixed(2),
      });
    }
  }
  console.log(`Whole audit process (straight-line, national-2022), medians of ${ROUNDS}; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores:`);
  console.table(rows);
  const at10k = rows.filter((r) => r.communities === 10000);
  if (at10k.length) {
    const one = at10k.find((r) => String(r.case).startsWith('after, 1'))!;
    const def = at10k.find((r) => r.case === `after, ${tLabel(cores)}` || String(r.case).startsWith('after, default'))!;
    const res = at10k.find((r) => String(r.case).startsWith('after, residential'));
    console.log(`targets at 10,000: CPU ≤ 3.7 s: ${one.CPU} (1 thread); wall < 5 s: ${def.wall} (${def.threads} threads, ${def['speed-up (wall, 1 thread / this)']}× one thread); memory < 1 GB: ${def['peak RSS (MB)']} MB` +
      (res ? `; residential basis ${res.CPU} CPU (${(parseFloat(String(res.CPU)) / parseFloat(String(one.CPU))).toFixed(2)}× the area basis)` : ''));
    const before1 = at10k.find((r) => String(r.case).startsWith('before (bundle') && r.threads === 1);
    recordTarget({ bench: 'auditProcess', target: '10k straight-line audit, whole process, CPU ≤ 3.7 s (1 thread)', before: before1 ? String(before1.CPU) : null, after: String(one.CPU), met: parseFloat(String(one.CPU)) <= 3.7 });
    recordTarget({ bench: 'auditProcess', target: '10k straight-line audit, peak memory < 1 GB', before: before1 ? `${before1['peak RSS (MB)']} MB` : null, after: `${def['peak RSS (MB)']} MB (${def.threads} threads)`, met: Number(def['peak RSS (MB)']) < 1024 });
    // The thread design before the slices, at the same thread count, is this target's "before".
    const tb = at10k.find((r) => r.case === `before (${TBASE}), ${tLabel(Number(def.threads))}`);
    recordTarget({
      bench: 'auditProcess', target: `10k straight-line audit, whole process, wall < 5 s on ${cores} cores (${def.threads} threads)`,
      before: tb ? `${tb.wall} (${tb['speed-up (wall, 1 thread / this)']}× one thread; idle estimate ${tb['idle-machine wall (thread clocks)']})` : null,
      after: `${def.wall} (${def['speed-up (wall, 1 thread / this)']}× one thread; idle estimate ${def['idle-machine wall (thread clocks)']}, ${def['idle speed-up (thread clocks)']}×)`, met: parseFloat(String(def.wall)) < 5,
    });
  }
}
