// Reading a road layer into the walking graph, as service-areas does: the flat line scanner
// (scripts/lib/loadRoads.ts: readRoadsFlat, the centre and the graph from flat arrays) against the
// general reader (loadLayer: JSON.parse, one RoadLine per feature, then centerOf of every position
// and buildRoadGraph with a forward per vertex). On the dense 18 m lattice's roads (260k two-point
// lines, 34 MB, EPSG:4547, bench/lib/denseLattice.ts). Each read runs in its own process (fresh
// heap), interleaved over rounds: the read's own CPU time (process.cpuUsage, GC helper threads
// included; median), the garbage collector's time during it (PerformanceObserver 'gc'), and the
// whole process's CPU and peak RSS (/usr/bin/time). A checking child builds both graphs and
// compares every node, edge, length and line id bit for bit. Not an issue target: no recordTarget.
// Run: `npm run bench -- roadsRead`; ROADS_READ_ROUNDS=… (default 5).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root } from './lib/baseline';
import { denseLattice, latticeGeoJSON } from './lib/denseLattice';
import { timed } from './lib/timed';
import { loadLayer } from '../scripts/lib/loadLayer';
import { loadRoadLines, ROADS_READER_ENV } from '../scripts/lib/loadRoads';
import { createLocalProjection, centerOf } from '../src/engine/geo/localProjection';
import { buildRoadGraph, buildRoadGraphFlat, roadLinesCenter, type RoadGraph } from '../src/engine/network/graph';

const ROUNDS = Number(process.env.ROADS_READ_ROUNDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
type Method = 'flat' | 'general' | 'none';

/** The road file and graph, either way (general: service-areas' code before the flat read). */
async function graphOf(method: 'flat' | 'general', file: string): Promise<{ graph: RoadGraph; center: number[] }> {
  if (method === 'flat') {
    const { lines } = await loadRoadLines(file);
    const center = roadLinesCenter(lines);
    return { graph: buildRoadGraphFlat(lines, createLocalProjection(center)), center };
  }
  const roads = (await loadLayer(file, 'roads')).features;
  const center = centerOf(roads.flatMap((r) => r.coordinates));
  return { graph: buildRoadGraph(roads, createLocalProjection(center)), center };
}

async function child(method: Method, file: string): Promise<void> {
  let gcMs = 0, gcCount = 0;
  const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) { gcMs += e.duration; gcCount++; } });
  obs.observe({ entryTypes: ['gc'] });
  const c0 = process.cpuUsage();
  const edges = method === 'none' ? 0 : (await graphOf(method, file)).graph.edgeCount;
  const c = process.cpuUsage(c0);
  setTimeout(() => {
    obs.disconnect();
    console.log(`RESULT ${JSON.stringify({ cpuMs: (c.user + c.system) / 1000, gcMs, gcCount, edges })}`);
  }, 0);
}

async function check(file: string): Promise<void> {
  const a = await graphOf('flat', file);
  process.env[ROADS_READER_ENV] = 'general';
  const b = await graphOf('general', file);
  let diff = 0;
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) => {
    if (x.length !== y.length) diff++;
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (!Object.is(x[i], y[i])) diff++;
  };
  same(a.center, b.center);
  for (const k of ['nodeX', 'nodeY', 'edgeFrom', 'edgeTo', 'edgeLength', 'edgeLine', 'adjStart', 'adjEdge', 'nodeComponent'] as const) same(a.graph[k], b.graph[k]);
  same(a.graph.componentEdges, b.graph.componentEdges);
  if (a.graph.lineIds.join('\n') !== b.graph.lineIds.join('\n')) diff++;
  console.log(`CHECK ${b.graph.nodeCount} nodes, ${b.graph.edgeCount} edges, ${diff} differences`);
}

const self = fileURLToPath(import.meta.url);

export async function run(): Promise<void> {
  const dir = join(root, 'bench', 'out', 'lattice');
  const file = join(dir, 'roads.geojson');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, latticeGeoJSON(denseLattice()).roads);
  }
  const spawn = (...args: string[]) => timed('node', ['--import', 'tsx', self, ...args]);
  console.log(/CHECK .*/.exec(spawn('--check', file).stdout)?.[0] ?? 'CHECK failed');
  const load0 = loadavg()[0];
  const runs: Record<Method, { cpuMs: number; gcMs: number; gcCount: number; proc: number; rss: number }[]> = { flat: [], general: [], none: [] };
  for (let r = 0; r < ROUNDS; r++)
    for (const m of ['general', 'flat', 'none'] as Method[]) {
      const t = spawn('--child', m, file);
      const line = /RESULT (.*)/.exec(t.stdout)?.[1];
      if (!line) throw new Error(`no result from the ${m} child`);
      runs[m].push({ ...(JSON.parse(line) as { cpuMs: number; gcMs: number; gcCount: number }), proc: t.cpu_ms, rss: t.maxRss_MB });
    }
  const fig = (m: Method, k: 'cpuMs' | 'gcMs' | 'gcCount' | 'proc' | 'rss') => median(runs[m].map((x) => x[k]));
  console.log(`\nroads of the dense lattice (34 MB) → walking graph; median of ${ROUNDS} interleaved rounds; load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
  console.table((['general', 'flat'] as Method[]).map((m) => ({
    read: m === 'flat' ? 'flat scanner' : 'general (JSON.parse)',
    'read + graph CPU ms': fig(m, 'cpuMs').toFixed(0),
    'GC ms': fig(m, 'gcMs').toFixed(0),
    'GC count': fig(m, 'gcCount'),
    'process CPU ms (less an empty one)': (fig(m, 'proc') - fig('none', 'proc')).toFixed(0),
    'peak RSS MB': fig(m, 'rss').toFixed(0),
  })));
  console.log(`flat / general, read + graph CPU: ${(fig('flat', 'cpuMs') / fig('general', 'cpuMs')).toFixed(2)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === '--child') void child(rest[0] as Method, rest[1]);
  else if (mode === '--check') void check(rest[0]);
  else void run();
}
