// Coverage basis benchmark: the 10,000-community synthetic city with ~30 residential polygons per
// community (building footprints with households), full straight-line audit on the community-area
// basis, the residential-households basis and the residential-area basis, in the same run.
// Target: residential basis < 15 s and < 2 GB at 10,000 communities (Node 20, 2 cores).
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { prepareAudit, runAudit } from '../src/engine/audit';
import { defaultPreset } from '../src/engine/presets';
import type { Dataset } from '../src/engine/types';
import { syntheticCity } from './lib/syntheticCity';

const N = Number(process.env.RESIDENTIAL_BENCH_COMMUNITIES ?? 10_000);
const PER = Number(process.env.RESIDENTIAL_BENCH_PER_COMMUNITY ?? 30);
const peakRssMB = () => process.resourceUsage().maxRSS / 1024;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

export async function run(): Promise<void> {
  const preset = defaultPreset();
  const withHh = syntheticCity({ communities: N, residentialPerCommunity: PER });
  const { residential, ...plain } = withHh;
  const areaOnly: Dataset = { ...plain, residential: residential!.map(({ households: _h, ...r }) => r) };
  const cases: [string, Dataset][] = [['community area (no residential layer)', plain], ['residential, households-weighted', withHh], ['residential, area-weighted (no households)', areaOnly]];
  const rows: Record<string, string | number>[] = [];
  let baseMs = 0, baseCpu = 0;
  for (const [name, data] of cases) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const ctx = prepareAudit(data, preset);
    const t1 = performance.now();
    const result = runAudit(ctx);
    const t2 = performance.now();
    const cpu = process.cpuUsage(c0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (!baseMs) { baseMs = t2 - t0; baseCpu = cpuMs; }
    const pieces = ctx.basis.reduce((s, b) => s + b.count, 0);
    rows.push({
      basis: name, residential: data.residential?.length ?? 0, pieces,
      prepare: fmt(t1 - t0), audit: fmt(t2 - t1), 'total (wall)': fmt(t2 - t0), 'CPU (user+sys)': fmt((cpu.user + cpu.system) / 1000),
      'ratio to area (wall)': Number(((t2 - t0) / baseMs).toFixed(2)),
      'ratio to area (CPU)': Number((cpuMs / baseCpu).toFixed(2)),
      'peak RSS so far (MB)': Math.round(peakRssMB()), failing: result.summary.failing,
    });
  }
  console.log(`${N} communities, ~${PER} residential polygons each; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (wall time on a shared machine; CPU time is the unloaded estimate):`);
  console.table(rows);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run();
