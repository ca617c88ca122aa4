// The service-areas command's peak memory with its output streamed feature by feature ("after",
// this tree) against the whole collection held and serialised at once ("before": scripts and src at
// BEFORE_STREAMING, extracted from git), each a whole process under /usr/bin/time, in one run.
// Case: 2,000 facilities × 300/500/1000 m, straight-line circles and along a 6 × 6 km grid of
// streets every 100 m. The output is the same text (test/scripts/serviceAreas.test.ts).
// Then the dense 18 m lattice (bench/lib/denseLattice.ts, 260k edges, 200 kindergartens ×
// 300/500/1000 m): the bundled command (`npm run service-areas`, scripts/cli.mjs) as a whole
// process, before (LATTICE_BASE_COMMIT, built from git) and after, alternating, for the issue's
// target (whole process < 20 s CPU within 1 GB, recorded in the targets table).
// Run: `npm run bench -- serviceAreasStream`; SA_STREAM_FACILITIES=… changes the count (0 skips it),
// SA_LATTICE_ROUNDS=… the lattice's rounds (default 1; 0 skips it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, snapshotDir } from './lib/baseline';
import { denseLattice, latticeGeoJSON } from './lib/denseLattice';
import { recordTarget } from './lib/targets';
import { mulberry32 } from './lib/random';
import { timed } from './lib/timed';

/** The last commit whose service-areas command held the whole output in memory. */
const BEFORE_STREAMING = 'd276197011bc22c6a2ce0b9f86d6b393359bbcdc';

/** main before the lattice work on the whole service-areas process (the lattice's "before"). */
const LATTICE_BASE_COMMIT = '6b8bc4a51a0866f1fa3c452dbfbf906f788e7eb5';

const N = Number(process.env.SA_STREAM_FACILITIES ?? 2000);
const DISTANCES = '300,500,1000';

function beforeDir(): { dir: string } | { reason: string } {
  let commit: string;
  try {
    commit = execFileSync('git', ['rev-parse', '--verify', `${BEFORE_STREAMING}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  } catch (e) {
    return { reason: `commit ${BEFORE_STREAMING.slice(0, 7)} unavailable (${(e as Error).message.split('\n')[0]})` };
  }
  const dir = join(root, 'node_modules', '.cache', `lifecircle-${commit.slice(0, 12)}`);
  if (existsSync(join(dir, 'scripts', 'serviceAreas.ts'))) return { dir };
  const tar = execFileSync('git', ['archive', commit, 'src', 'scripts'], { cwd: root, maxBuffer: 1 << 30 });
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  return { dir };
}

/** A grid of streets every `step` m over `extent` m around 118.78°E 32.05°N, and N facilities on it. */
function files(dir: string): { roads: string; facilities: string } {
  const lon0 = 118.78, lat0 = 32.05;
  const mPerDegLat = 110_574, mPerDegLon = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const ll = (x: number, y: number) => [lon0 + x / mPerDegLon, lat0 + y / mPerDegLat];
  const extent = 6000, step = 100;
  const lines: number[][][] = [];
  for (let k = 0; k <= extent / step; k++) {
    const row: number[][] = [], col: number[][] = [];
    for (let j = 0; j <= extent / step; j++) {
      row.push(ll(j * step, k * step));
      col.push(ll(k * step, j * step));
    }
    lines.push(row, col);
  }
  const rand = mulberry32(7);
  const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  const roads = join(dir, 'grid-roads.geojson'), facilities = join(dir, `facilities-${N}.geojson`);
  writeFileSync(roads, fc(lines.map((c, i) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates: c }, properties: { id: `r${i}`, highway: 'residential' } }))));
  writeFileSync(facilities, fc(Array.from({ length: N }, (_, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: ll(rand() * extent, rand() * extent) }, properties: { id: `f${i}`, category: 'kindergarten' } }))));
  return { roads, facilities };
}

export async function run(): Promise<void> {
  if (N > 0) streamed();
  lattice(join(root, 'bench', 'out', 'lattice'));
}

function streamed(): void {
  const dir = join(root, 'bench', 'out', 'service-areas-stream');
  mkdirSync(dir, { recursive: true });
  const f = files(dir);
  const before = beforeDir();
  if ('reason' in before) console.log(`(no "before": ${before.reason})`);
  const cases: [string, string[]][] = [
    ['straight line', ['--facilities', f.facilities, '--mode', 'euclidean', '--distances', DISTANCES]],
    ['walking network', ['--facilities', f.facilities, '--roads', f.roads, '--distances', DISTANCES]],
  ];
  const rows: Record<string, string | number>[] = [];
  for (const [what, args] of cases) {
    const out = join(dir, 'areas.geojson');
    const after = timed('node', ['--import', 'tsx', join(root, 'scripts', 'serviceAreas.ts'), ...args, '--out', out]);
    const size = statSync(out).size / 2 ** 20;
    const old = 'dir' in before ? timed('node', ['--import', 'tsx', join(before.dir, 'scripts', 'serviceAreas.ts'), ...args, '--out', out]) : null;
    rows.push({
      case: `${N} facilities × ${DISTANCES} m, ${what}`, 'output MB': size.toFixed(0),
      'before RSS MB': old ? old.maxRss_MB.toFixed(0) : '–', 'after RSS MB': after.maxRss_MB.toFixed(0),
      'after/before': old ? (after.maxRss_MB / old.maxRss_MB).toFixed(2) : '–',
      'before CPU s': old ? (old.cpu_ms / 1000).toFixed(1) : '–', 'after CPU s': (after.cpu_ms / 1000).toFixed(1),
    });
  }
  console.table(rows);
}

/** The dense lattice, the bundled command as a whole process: before and after alternating. */
function lattice(dir: string): void {
  const rounds = Number(process.env.SA_LATTICE_ROUNDS ?? 1);
  if (!(rounds > 0)) return;
  mkdirSync(dir, { recursive: true });
  const files = latticeGeoJSON(denseLattice());
  const roads = join(dir, 'roads.geojson'), facilities = join(dir, 'facilities.geojson');
  writeFileSync(roads, files.roads);
  writeFileSync(facilities, files.facilities);
  const base = snapshotDir(LATTICE_BASE_COMMIT, ['src', 'scripts', 'package.json', 'package-lock.json']);
  if ('reason' in base) console.log(`(no lattice "before": ${base.reason})`);
  const cli = (r: string) => join(r, 'scripts', 'cli.mjs');
  // Build each bundle first (a start after a source change rebuilds it; that is not the command's cost).
  timed('node', [cli(root), 'service-areas', '--help']);
  if ('dir' in base) timed('node', [cli(base.dir), 'service-areas', '--help']);
  const args = ['service-areas', '--facilities', facilities, '--roads', roads, '--distances', DISTANCES, '--category', 'kindergarten', '--out', join(dir, 'service-areas.geojson')];
  const runs: { before: ReturnType<typeof timed>[]; after: ReturnType<typeof timed>[] } = { before: [], after: [] };
  for (let r = 0; r < rounds; r++) {
    if ('dir' in base) runs.before.push(timed('node', [cli(base.dir), ...args]));
    runs.after.push(timed('node', [cli(root), ...args]));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fig = (rs: ReturnType<typeof timed>[], k: 'cpu_ms' | 'wall_ms' | 'maxRss_MB') => (rs.length ? med(rs.map((x) => x[k])) : null);
  const size = statSync(join(dir, 'service-areas.geojson')).size / 2 ** 20;
  const row = (what: string, k: 'cpu_ms' | 'wall_ms' | 'maxRss_MB', unit: string, scale: number) => {
    const b = fig(runs.before, k), a = fig(runs.after, k)!;
    return { what, before: b !== null ? `${(b / scale).toFixed(1)} ${unit}` : '–', after: `${(a / scale).toFixed(1)} ${unit}`, 'after/before': b !== null ? (a / b).toFixed(2) : '–' };
  };
  console.log(`\nservice-areas, dense lattice (260k edges), 200 kindergartens × ${DISTANCES} m, bundled command, whole process; before = ${LATTICE_BASE_COMMIT.slice(0, 7)}; median of ${rounds}; output ${size.toFixed(0)} MB`);
  console.table([row('CPU (user + system)', 'cpu_ms', 's', 1000), row('wall', 'wall_ms', 's', 1000), row('peak memory (RSS)', 'maxRss_MB', 'MB', 1)]);
  const cpuB = fig(runs.before, 'cpu_ms'), cpuA = fig(runs.after, 'cpu_ms')!;
  const rssB = fig(runs.before, 'maxRss_MB'), rssA = fig(runs.after, 'maxRss_MB')!;
  recordTarget({ bench: 'serviceAreasStream', target: 'service-areas, dense lattice, all 200 × 300/500/1000, whole process CPU < 20 s', before: cpuB !== null ? `${(cpuB / 1000).toFixed(1)} s` : null, after: `${(cpuA / 1000).toFixed(1)} s`, met: cpuA < 20_000 });
  recordTarget({ bench: 'serviceAreasStream', target: 'service-areas, dense lattice, peak memory < 1 GB', before: rssB !== null ? `${rssB.toFixed(0)} MB` : null, after: `${rssA.toFixed(0)} MB`, met: rssA < 1024 });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run();
