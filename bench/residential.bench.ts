// Coverage basis benchmark: the whole `audit` process (one thread) on the 10,000-community synthetic
// city, on the community-area basis (no residential layer) and with ~30 residential polygons per
// community (building footprints, some crossing the community's edge): households-weighted, and
// area-weighted (the same footprints without households). "Before" is the bundled command at
// BEFORE_COMMIT (flat pieces, a clipper union per overlapping group and a clipper cut of every
// footprint near a community edge); "after" is the working tree's, interleaved in the same run,
// under /usr/bin/time (CPU = user + system, peak RSS). RESIDENTIAL_BENCH_MAIN=<commit> adds the
// command at that commit as a third figure (a branch's change against main, in the same run).
// With ogr2ogr, the households-weighted layer also as a Shapefile (converted once beside it), read
// flat and, for comparison, with the general reader (LIFECIRCLE_RESIDENTIAL_READER=general).
// The city places its footprints at random, so about half of them overlap another (real OSM
// buildings: 0–4 %, bench/overlapShare.ts); the same layers with the footprints kept apart
// (lib/residentialApart.ts: the same features, moved) are measured too, "after" only.
// Target (issue "residential basis as fast as the area basis"): the residential basis's CPU within
// 1.1× the area basis's, taken per round (the area basis and the four "after" layers run one
// after the other, in one order and then the reverse) and the median over rounds; and under 1 GB.
// The area-weighted layer's ratio is recorded against the same bound, on the footprints as placed
// and kept apart.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { snapshotDir } from './lib/baseline';
import { cityFiles } from './lib/cityFiles';
import { withoutHouseholds } from './lib/residentialWithoutHouseholds';
import { residentialApart } from './lib/residentialApart';
import { timed } from './lib/timed';
import { recordTarget } from './lib/targets';
import { RESIDENTIAL_READER_ENV } from '../scripts/lib/loadLayer';

/** main before the households land area by Green's theorem and the grid-exact skip of footprints beside a community (2 Dec 2026). */
export const BEFORE_COMMIT = '6b8bc4a51a0866f1fa3c452dbfbf906f788e7eb5';

const APART_HH = 'residential, households-weighted, footprints apart, after';
const APART_AREA = 'residential, area-weighted, footprints apart, after';

/** Optional third figure: the bundled command at this commit (e.g. main before a change on a branch). */
const MAIN_COMMIT = process.env.RESIDENTIAL_BENCH_MAIN;
const N = Number(process.env.RESIDENTIAL_BENCH_COMMUNITIES ?? 10_000);
const PER = Number(process.env.RESIDENTIAL_BENCH_PER_COMMUNITY ?? 30);
const ROUNDS = Number(process.env.RESIDENTIAL_BENCH_ROUNDS ?? 2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The residential layer of cityFiles(N, PER) as a Shapefile (ogr2ogr, written once beside it); null without ogr2ogr. */
function asShapefile(residential: string): string | null {
  const out = join(dirname(residential), 'residential-shp', 'residential.shp');
  if (!existsSync(out)) {
    try {
      mkdirSync(dirname(out), { recursive: true });
      execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', out, residential], { stdio: 'ignore' });
    } catch {
      console.log('(no Shapefile rows: ogr2ogr not available)');
      return null;
    }
  }
  return out;
}

export async function run(): Promise<void> {
  const before = snapshotDir(BEFORE_COMMIT, ['src', 'scripts', 'package.json', 'package-lock.json']);
  if ('reason' in before) console.log(`(no "before": ${before.reason})`);
  const main = MAIN_COMMIT ? snapshotDir(MAIN_COMMIT, ['src', 'scripts', 'package.json', 'package-lock.json']) : null;
  if (main && 'reason' in main) console.log(`(no "main": ${main.reason})`);
  const plain = cityFiles(N);
  const res = cityFiles(N, PER);
  const resFile = res[res.indexOf('--residential') + 1];
  const withLayer = (file: string) => [...res.slice(0, res.indexOf('--residential')), '--residential', file];
  const noHh = withLayer(withoutHouseholds(resFile));
  const apart = residentialApart(resFile);
  const out = join(process.env.TMPDIR ?? '/tmp', 'lc-residential-bench.json');
  // Build the bundles outside the timing.
  timed('node', ['scripts/cli.mjs', 'audit', '--help']);
  if ('dir' in before) timed('node', [join(before.dir, 'scripts', 'cli.mjs'), 'audit', '--help']);
  if (main && 'dir' in main) timed('node', [join(main.dir, 'scripts', 'cli.mjs'), 'audit', '--help']);
  const cli = (dir: string | null) => (dir ? join(dir, 'scripts', 'cli.mjs') : 'scripts/cli.mjs');
  // The fourth element: read the residential layer with the general reader (objects) instead of flat.
  const cases: [string, string | null, string[], boolean?][] = [['community area (no residential layer)', null, plain]];
  for (const [name, files] of [['residential, households-weighted', res], ['residential, area-weighted', noHh]] as const) {
    if ('dir' in before) cases.push([`${name}, before`, before.dir, files]);
    if (main && 'dir' in main) cases.push([`${name}, main ${MAIN_COMMIT!.slice(0, 7)}`, main.dir, files]);
    cases.push([`${name}, after`, null, files]);
  }
  cases.push([APART_HH, null, withLayer(apart)], [APART_AREA, null, withLayer(withoutHouseholds(apart))]);
  // The same households-weighted layer as a bureau delivers it (Shapefile), read flat and read as objects.
  const shp = asShapefile(resFile);
  if (shp) {
    const shpFiles = [...res.slice(0, res.indexOf('--residential')), '--residential', shp];
    cases.push(['residential as Shapefile, households-weighted, general reader', null, shpFiles, true]);
    cases.push(['residential as Shapefile, households-weighted, after', null, shpFiles]);
  }
  const m = new Map(cases.map(([k]) => [k, { cpu: [] as number[], wall: [] as number[], rss: [] as number[] }]));
  // The targets' cases, the area basis and each residential layer after, run one after the
  // other, in one order and then the reverse, then the rest: each round's ratios are taken over the
  // same minute or two of this shared machine (its speed drifts by more than the gaps over a run).
  const targetNames = ['residential, households-weighted, after', 'residential, area-weighted, after', APART_HH, APART_AREA];
  const targets = [cases[0], ...targetNames.map((k) => cases.find(([name]) => name === k)!)];
  const rest = cases.filter((c) => !targets.includes(c));
  for (let r = 0; r < ROUNDS; r++) {
    const first = r % 2 === 0 ? targets : [...targets].reverse();
    for (const [k, dir, files, general] of [...first, ...rest]) {
      const args = [cli(dir), 'audit', ...files, '--threads', '1', '--out', out];
      const t = general ? timed('env', [`${RESIDENTIAL_READER_ENV}=general`, 'node', ...args]) : timed('node', args);
      m.get(k)!.cpu.push(t.cpu_ms); m.get(k)!.wall.push(t.wall_ms); m.get(k)!.rss.push(t.maxRss_MB);
    }
  }
  const areaCpu = m.get(cases[0][0])!.cpu;
  const area = median(areaCpu);
  console.log(`${N} communities, ~${PER} residential polygons each; whole audit process, 1 thread, medians of ${ROUNDS}; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores:`);
  /** The median over rounds of case k's CPU ÷ the area basis's in the same round. */
  const paired = (k: string) => median(m.get(k)!.cpu.map((c, r) => c / areaCpu[r]));
  console.table(cases.map(([k]) => {
    const v = m.get(k)!;
    return { case: k, CPU: s(median(v.cpu)), wall: s(median(v.wall)), 'peak RSS (MB)': Math.round(Math.max(...v.rss)), 'CPU ÷ area basis': Number((median(v.cpu) / area).toFixed(2)), 'per-round ratio (median)': Number(paired(k).toFixed(3)) };
  }));
  const ratio = (k: string) => (m.has(k) ? paired(k) : NaN);
  const rss = (k: string) => (m.has(k) ? Math.max(...m.get(k)!.rss) : NaN);
  const hh = 'residential, households-weighted';
  const had = (k: string) => (m.has(k) ? `${ratio(k).toFixed(3)}× per round, median of ${ROUNDS} (${s(median(m.get(k)!.cpu))}; ratio of medians ${(median(m.get(k)!.cpu) / area).toFixed(2)}×)` : null);
  recordTarget({
    bench: 'residential', target: `${N / 1000}k audit on the residential basis as fast as on the area basis (CPU ratio, whole process, 1 thread; ≤ 1.1)`,
    before: had(`${hh}, before`), after: had(`${hh}, after`)!, met: ratio(`${hh}, after`) <= 1.1,
  });
  recordTarget({
    bench: 'residential', target: `${N / 1000}k audit on the residential basis as fast as on the area basis, footprints apart (as real ones: 0–4 % overlap; same ratio; ≤ 1.1)`,
    before: null, after: had(APART_HH)!, met: ratio(APART_HH) <= 1.1,
  });
  // The same target for a layer without households (the land's polygons are the pieces).
  const ha = 'residential, area-weighted';
  recordTarget({
    bench: 'residential', target: `${N / 1000}k audit on the area-weighted residential basis as fast as on the area basis, footprints as placed (half overlap another; CPU ratio, whole process, 1 thread; ≤ 1.1)`,
    before: had(`${ha}, before`), after: had(`${ha}, after`)!, met: ratio(`${ha}, after`) <= 1.1,
  });
  recordTarget({
    bench: 'residential', target: `${N / 1000}k audit on the area-weighted residential basis as fast as on the area basis, footprints apart (as real ones: 0–4 % overlap; same ratio; ≤ 1.1)`,
    before: null, after: had(APART_AREA)!, met: ratio(APART_AREA) <= 1.1,
  });
  recordTarget({
    bench: 'residential', target: `${N / 1000}k audit on the residential basis within 1 GB (peak RSS, 1 thread)`,
    before: m.has(`${hh}, before`) ? `${Math.round(rss(`${hh}, before`))} MB` : null, after: `${Math.round(rss(`${hh}, after`))} MB`, met: rss(`${hh}, after`) < 1024,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run();
