// The local projection's forward mapping on 1.5M random points of a city (±0.25° around Nanjing,
// [118.8, 32.05]): the exact mapping as it was at PREVIOUS_PROJECTION_COMMIT (proj4's arithmetic
// step for step, ~17 transcendental calls per point) against today's per-cell bicubics
// (geo/gridInterpolant.ts) point by point (forwardTo) and in bulk (forwardMany), interleaved over
// rounds in one process: wall ms per pass (median) and the largest |Δx|, |Δy| between them.
// Env: PROJECTION_BENCH_ROUNDS (default 7). Not an issue target: no recordTarget.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { snapshotDir } from './lib/baseline';
import { mulberry32 } from './lib/random';
import { createLocalProjection, type LocalProjection } from '../src/engine/geo/localProjection';

/** main before the interpolated forward (3 Dec 2026): the "previous" exact forward. */
export const PREVIOUS_PROJECTION_COMMIT = '626d8a9780057079d6f220a13b316fcb15f321f8';
const ROUNDS = Number(process.env.PROJECTION_BENCH_ROUNDS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  const snap = snapshotDir(PREVIOUS_PROJECTION_COMMIT, ['src/engine/geo/localProjection.ts']);
  if ('reason' in snap) { console.log(snap.reason); return; }
  const previous = (await import(pathToFileURL(join(snap.dir, 'src/engine/geo/localProjection.ts')).href)) as { createLocalProjection: (c: [number, number]) => LocalProjection };
  const center: [number, number] = [118.8, 32.05];
  const n = 1_500_000;
  const rand = mulberry32(1);
  const src = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) src[i] = center[i & 1] + (rand() - 0.5) * 0.5;
  const before = previous.createLocalProjection(center), after = createLocalProjection(center);
  const a = new Float64Array(2 * n), b = new Float64Array(2 * n), c = new Float64Array(2 * n);
  const t = { exact: [] as number[], forwardTo: [] as number[], forwardMany: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    let t0 = performance.now();
    for (let i = 0; i < n; i++) before.forwardTo(src[2 * i], src[2 * i + 1], a, 2 * i);
    t.exact.push(performance.now() - t0);
    t0 = performance.now();
    for (let i = 0; i < n; i++) after.forwardTo(src[2 * i], src[2 * i + 1], b, 2 * i);
    t.forwardTo.push(performance.now() - t0);
    t0 = performance.now();
    after.forwardMany(src, 0, n, c, 0);
    t.forwardMany.push(performance.now() - t0);
  }
  let worst = 0, same = true;
  for (let i = 0; i < 2 * n; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
    if (!Object.is(b[i], c[i])) same = false;
  }
  const e = median(t.exact);
  console.log(`Forward mapping, ${n / 1e6}M points around [${center}] ±0.25°, ${ROUNDS} interleaved rounds (wall ms, median; load average ${loadavg()[0].toFixed(1)}):`);
  console.table([
    { mapping: `exact (${PREVIOUS_PROJECTION_COMMIT.slice(0, 7)})`, ms: Math.round(e), 'ns/point': (e * 1e6 / n).toFixed(0), ratio: '1.00' },
    { mapping: 'bicubic cells, forwardTo', ms: Math.round(median(t.forwardTo)), 'ns/point': (median(t.forwardTo) * 1e6 / n).toFixed(0), ratio: (e / median(t.forwardTo)).toFixed(2) },
    { mapping: 'bicubic cells, forwardMany', ms: Math.round(median(t.forwardMany)), 'ns/point': (median(t.forwardMany) * 1e6 / n).toFixed(0), ratio: (e / median(t.forwardMany)).toFixed(2) },
  ]);
  console.log(`largest |Δx|, |Δy| against the exact mapping: ${worst.toExponential(2)} m; forwardMany the same doubles as forwardTo: ${same}`);
}
