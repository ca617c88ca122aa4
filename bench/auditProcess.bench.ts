// The whole `audit` process on the synthetic city, before and after, in one interleaved run: CPU
// (user + system), wall time and peak memory under /usr/bin/time. "Before" is the command at
// BASELINE_COMMIT run through tsx, as `npm run audit` ran it then; "after" is `npm run audit` today
// (the bundled entry, scripts/cli.mjs) with one thread and with the default threads.
// Targets (10,000 communities): at most 3.7 s CPU (a tenth of the PostGIS SQL audit measured on the
// same data), under 5 s wall on 2 cores, under 1 GB.
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { baselineDir } from './lib/baseline';
import { cityFiles } from './lib/cityFiles';
import { timed } from './lib/timed';

const SCALES = (process.env.AUDIT_PROCESS_SCALES ?? '1000,10000').split(',').map(Number);
const ROUNDS = Number(process.env.AUDIT_PROCESS_ROUNDS ?? 2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(): Promise<void> {
  const base = baselineDir();
  if ('reason' in base) console.log(`(no "before": ${base.reason})`);
  const out = join(process.env.TMPDIR ?? '/tmp', 'lc-audit-process.json');
  timed('node', ['scripts/cli.mjs', 'audit', '--help']); // build the bundle outside the timing
  const rows: Record<string, string | number>[] = [];
  for (const n of SCALES) {
    const city = cityFiles(n);
    const cases: [string, string, string[]][] = [
      ['after, 1 thread', 'node', ['scripts/cli.mjs', 'audit', ...city, '--threads', '1', '--out', out]],
      [`after, default threads (${n >= 5000 ? availableParallelism() : 1})`, 'node', ['scripts/cli.mjs', 'audit', ...city, '--out', out]],
    ];
    if ('dir' in base) cases.unshift(['before (tsx, baseline)', 'npx', ['tsx', join(base.dir, 'scripts', 'audit.ts'), ...city, '--out', out]]);
    const m = new Map(cases.map(([k]) => [k, { cpu: [] as number[], wall: [] as number[], rss: [] as number[] }]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const [k, cmd, args] of cases) {
        const t = timed(cmd, args);
        m.get(k)!.cpu.push(t.cpu_ms); m.get(k)!.wall.push(t.wall_ms); m.get(k)!.rss.push(t.maxRss_MB);
      }
    }
    const before = 'dir' in base ? median(m.get('before (tsx, baseline)')!.cpu) : NaN;
    for (const [k] of cases) {
      const v = m.get(k)!;
      rows.push({ communities: n, case: k, CPU: s(median(v.cpu)), wall: s(median(v.wall)), 'peak RSS (MB)': Math.round(Math.max(...v.rss)), 'CPU vs before': Number.isNaN(before) ? '-' : (median(v.cpu) / before).toFixed(2) });
    }
  }
  console.log(`Whole audit process (straight-line, national-2022), medians of ${ROUNDS}; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores:`);
  console.table(rows);
  const at10k = rows.filter((r) => r.communities === 10000);
  if (at10k.length) {
    const one = at10k.find((r) => String(r.case).startsWith('after, 1'))!;
    const def = at10k.find((r) => String(r.case).startsWith('after, default'))!;
    console.log(`targets at 10,000: CPU ≤ 3.7 s: ${one.CPU} (1 thread); wall < 5 s: ${def.wall} (default threads); memory < 1 GB: ${def['peak RSS (MB)']} MB`);
  }
}
