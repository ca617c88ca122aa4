// The service-areas command's peak memory with its output streamed feature by feature ("after",
// this tree) against the whole collection held and serialised at once ("before": scripts and src at
// BEFORE_STREAMING, extracted from git), each a whole process under /usr/bin/time, in one run.
// Case: 2,000 facilities × 300/500/1000 m, straight-line circles and along a 6 × 6 km grid of
// streets every 100 m. The output is the same text (test/scripts/serviceAreas.test.ts).
// Run: `npm run bench -- serviceAreasStream`; SA_STREAM_FACILITIES=… changes the count.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib/baseline';
import { mulberry32 } from './lib/random';
import { timed } from './lib/timed';

/** The last commit whose service-areas command held the whole output in memory. */
const BEFORE_STREAMING = 'd276197011bc22c6a2ce0b9f86d6b393359bbcdc';

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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run();
