// service-areas against QGIS on the same dense city (bench/lib/denseLattice.ts: 260k edges, GeoJSON
// in EPSG:4547), 20 kindergartens × 300/500/1000 m. QGIS's polygon service area is
// native:serviceareafromlayer then native:buffer of the reached lines by the lateral offset
// (bench/lib/qgisServiceAreas.py). Each side runs as its own process under /usr/bin/time: CPU
// (user + system) and peak memory of the whole process, data loading included; QGIS's own
// processing calls are also timed inside Python (start-up excluded), the figure most favourable
// to QGIS. "before" is the service-areas command at BASELINE_COMMIT (bench/lib/baseline.ts).
// Skips QGIS with a message when `qgis_process` / python3-qgis are absent (Debian: apt-get
// install qgis python3-qgis). Run: `npm run bench -- qgis`.
import { recordTarget } from './lib/targets';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { denseLattice, latticeGeoJSON } from './lib/denseLattice';
import { BASELINE_COMMIT, baselineDir, root } from './lib/baseline';
import { timed } from './lib/timed';

const FACILITIES = Number(process.env.QGIS_BENCH_FACILITIES ?? 20);
const DISTANCES = '300,500,1000';
const OFFSET_M = 100;

/** The Python that has QGIS's bindings (Debian's), or null. */
function qgisPython(): string | null {
  for (const py of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', 'import qgis.core'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return null;
}

export async function run(): Promise<void> {
  const dir = join(root, 'bench', 'out', 'qgis');
  mkdirSync(dir, { recursive: true });
  const lattice = denseLattice({ facilities: FACILITIES });
  const files = latticeGeoJSON(lattice);
  const roads = join(dir, 'roads.geojson');
  const facilities = join(dir, 'facilities.geojson');
  writeFileSync(roads, files.roads);
  writeFileSync(facilities, files.facilities);
  const args = ['--facilities', facilities, '--roads', roads, '--distances', DISTANCES, '--category', 'kindergarten', '--max-offset', String(OFFSET_M)];
  const rows: string[][] = [['run', 'CPU (s)', 'wall (s)', 'peak RSS (MB)', 'ratio QGIS / this']];
  const fmt = (ms: number) => (ms / 1000).toFixed(1);

  const after = timed('node', ['--import', 'tsx', join(root, 'scripts', 'serviceAreas.ts'), ...args, '--out', join(dir, 'after.geojson')]);
  const base = baselineDir();
  const before = 'dir' in base ? timed('node', ['--import', 'tsx', join(base.dir, 'scripts', 'serviceAreas.ts'), ...args, '--out', join(dir, 'before.geojson')]) : null;

  const py = qgisPython();
  const qgisBin = ['/usr/bin/qgis_process.bin', '/usr/bin/qgis_process'].find((p) => existsSync(p));
  let qgis: ReturnType<typeof timed> | null = null;
  let inside: { cpu_s: number; wall_s: number; area_features: number } | null = null;
  if (!py || !qgisBin) console.log('  QGIS skipped: qgis_process or python3-qgis not installed (Debian: apt-get install qgis python3-qgis)');
  else {
    process.env.QT_QPA_PLATFORM = 'offscreen';
    qgis = timed(py, [join(root, 'bench', 'lib', 'qgisServiceAreas.py'), roads, facilities, dir, String(OFFSET_M), DISTANCES]);
    inside = JSON.parse(qgis.stdout.trim().split('\n').pop()!);
  }
  const ratio = (ms: number) => (qgis ? `${(qgis.cpu_ms / ms).toFixed(1)}× (processing calls only: ${((inside!.cpu_s * 1000) / ms).toFixed(1)}×)` : '');
  rows.push(['service-areas, this tree', fmt(after.cpu_ms), fmt(after.wall_ms), after.maxRss_MB.toFixed(0), ratio(after.cpu_ms)]);
  if (before) rows.push([`service-areas, before (${BASELINE_COMMIT.slice(0, 12)})`, fmt(before.cpu_ms), fmt(before.wall_ms), before.maxRss_MB.toFixed(0), ratio(before.cpu_ms)]);
  if (qgis && inside) {
    rows.push(['QGIS serviceareafromlayer + buffer (python3 process)', fmt(qgis.cpu_ms), fmt(qgis.wall_ms), qgis.maxRss_MB.toFixed(0), '']);
    rows.push(['  of which the processing calls', inside.cpu_s.toFixed(1), inside.wall_s.toFixed(1), '', `${inside.area_features} area features`]);
  }
  recordTarget({
    bench: 'qgis', target: `service-areas ≥ 20× faster than QGIS service area + buffer (CPU, ${FACILITIES} facilities, dense lattice)`,
    before: before && qgis ? `${(qgis.cpu_ms / before.cpu_ms).toFixed(1)}×` : null,
    after: qgis ? `${(qgis.cpu_ms / after.cpu_ms).toFixed(1)}×` : 'QGIS not installed',
    met: qgis ? qgis.cpu_ms / after.cpu_ms >= 20 : null,
  });
  console.log(`\nqgis.bench: ${FACILITIES} facilities × ${DISTANCES} m on the dense lattice (${lattice.lines.length} lines); target: QGIS ≥ 20× the CPU of service-areas`);
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i])).join('  '));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run();
