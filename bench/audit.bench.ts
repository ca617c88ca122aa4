// Audit benchmark: synthetic cities of ~100, ~1,000 and ~10,000 communities (~10 facilities and
// ~1 green space each); wall time and peak RSS of a full straight-line audit, a phase profile of
// the largest, and the ratio against a naive Turf baseline where that finishes within its time box.
// Target: a whole city (10,000 communities) in < 10 s, peak memory < 2 GB, Node 20 on 2 cores.
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { prepareAudit, runAudit } from '../src/engine/audit';
import { defaultPreset } from '../src/engine/presets';
import { createEuclideanReach } from '../src/engine/reach/euclideanReach';
import type { ReachProvider } from '../src/engine/reach/reachProvider';
import { syntheticCity } from './lib/syntheticCity';
import { BaselineTimeout, turfBaselineAudit } from './lib/turfBaseline';

const SCALES = (process.env.AUDIT_BENCH_SCALES ?? '100,1000,10000').split(',').map(Number);
const BASELINE_SCALES = (process.env.AUDIT_BENCH_BASELINE_SCALES ?? '10,30').split(',').map(Number);
const BASELINE_BUDGET_MS = Number(process.env.AUDIT_BENCH_BASELINE_MS ?? 60_000);
const peakRssMB = () => process.resourceUsage().maxRSS / 1024;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

export async function run(): Promise<void> {
  const preset = defaultPreset();
  const rows: Record<string, string | number>[] = [];
  const times = new Map<number, number>();
  const cities = new Map<number, ReturnType<typeof syntheticCity>>();
  for (const n of SCALES) {
    const data = syntheticCity({ communities: n });
    cities.set(n, data);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const ctx = prepareAudit(data, preset);
    const t1 = performance.now();
    const result = runAudit(ctx);
    const t2 = performance.now();
    const cpu = process.cpuUsage(c0);
    times.set(n, t2 - t0);
    const stats = (ctx.reach as ReturnType<typeof createEuclideanReach>).stats;
    rows.push({
      communities: n, facilities: data.facilities.length, green: data.green.length,
      prepare: fmt(t1 - t0), audit: fmt(t2 - t1), 'total (wall)': fmt(t2 - t0), 'CPU (user+sys)': fmt((cpu.user + cpu.system) / 1000),
      'peak RSS (MB, high-water)': Math.round(peakRssMB()),
      failing: result.summary.failing,
      'reach calls': stats.calls, 'fast exits': stats.empty + stats.whole, clipped: stats.clipped,
    });
  }
  console.log(`Full straight-line audit (national-2022); load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (wall time on a shared machine; CPU time is the unloaded estimate):`);
  console.table(rows);

  // Where the time goes at the largest scale: reach (clipping) vs the rest, by a timing wrapper.
  const nMax = Math.max(...SCALES);
  const inner = createEuclideanReach();
  let reachMs = 0;
  const timed: ReachProvider & { reachedArea: typeof inner.reachedArea } = {
    mode: 'euclidean',
    reachedPart: (c, s, d) => { const t = performance.now(); const r = inner.reachedPart(c, s, d); reachMs += performance.now() - t; return r; },
    reachedArea: (c, s, d) => { const t = performance.now(); const r = inner.reachedArea(c, s, d); reachMs += performance.now() - t; return r; },
  };
  const data = cities.get(nMax)!;
  const p0 = performance.now();
  const ctx = prepareAudit(data, preset, { reach: timed });
  const p1 = performance.now();
  runAudit(ctx);
  const p2 = performance.now();
  console.log(`Profile at ${nMax} communities: prepare ${fmt(p1 - p0)}; audit ${fmt(p2 - p1)} of which reach ${fmt(reachMs)} ` +
    `(${((100 * reachMs) / (p2 - p1)).toFixed(0)} %: ${inner.stats.calls} calls, ${inner.stats.whole} whole, ${inner.stats.empty} empty, ${inner.stats.clipped} clipped); ` +
    `source lookup and rules ${fmt(p2 - p1 - reachMs)}`);

  // Naive Turf baseline, smallest scales first (its own small cities too, so that there are measured
  // ratios), stop at the first scale that exceeds its time box.
  const base: Record<string, string | number>[] = [];
  for (const n of [...new Set([...BASELINE_SCALES, ...SCALES])].sort((a, b) => a - b)) {
    const city = cities.get(n) ?? syntheticCity({ communities: n });
    const e0 = performance.now();
    runAudit(prepareAudit(city, preset));
    const engineMs = performance.now() - e0;
    const t0 = performance.now();
    try {
      turfBaselineAudit(city, preset, BASELINE_BUDGET_MS);
      const ms = performance.now() - t0;
      base.push({ communities: n, 'turf baseline': fmt(ms), engine: fmt(engineMs), 'ratio (turf / engine)': Number((ms / engineMs).toFixed(1)) });
    } catch (e) {
      if (!(e instanceof BaselineTimeout)) throw e;
      base.push({ communities: n, 'turf baseline': `> ${fmt(BASELINE_BUDGET_MS)} (time box)`, engine: fmt(engineMs), 'ratio (turf / engine)': `> ${(BASELINE_BUDGET_MS / engineMs).toFixed(0)}` });
      break;
    }
  }
  console.log('Naive Turf baseline (buffer + union + intersect per rule), same run:');
  console.table(base);
  console.log(`peak RSS of the whole run (incl. baseline): ${Math.round(peakRssMB())} MB`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run();
