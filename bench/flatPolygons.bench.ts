// Reading a polygon layer into the flat layout: the one-pass scanner as the residential read
// uses it (scanGeoJsonPolygonColumns over the file's bytes, properties as columns) against JSON.parse of the whole document walked into the same typed arrays,
// properties and fields. On the 10,000-community city's residential layer (300k footprints, 96 MB)
// and its community layer (3.6 MB); and the point scanner on its facility layer (100k, 17 MB). Each read runs in its own process (fresh heap), interleaved over
// rounds: the read's own CPU time (process.cpuUsage, so GC helper threads count; median) and wall time, the garbage collector's time during it (PerformanceObserver
// 'gc' entries), the heap still in use right after it, and the whole process's CPU and peak RSS
// (/usr/bin/time) against a process that only reads the file. The scanner as it was at
// PREVIOUS_SCANNER_COMMIT (extracted from git, bench/lib/baseline.ts) runs in the same rounds, for
// before and after from one run. Not an issue target: no recordTarget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cityFiles } from './lib/cityFiles';
import { timed } from './lib/timed';
import { snapshotDir } from './lib/baseline';
import { scanGeoJsonPolygonColumns } from '../src/io/formats/geojsonFlatPolygons';
import { withoutBoms } from '../src/io/formats/textEncoding';
import { scanGeoJsonPoints } from '../src/io/formats/geojsonFlatPoints';
import type { FlatPolygonColumns, FlatPolygonLayer } from '../src/io/formats/flatPolygons';

const ROUNDS = Number(process.env.FLAT_POLYGONS_BENCH_ROUNDS ?? 3);

/** main before the scanner took coordinates through one ring loop with a number fast path (3 Dec 2026): the "previous" scanner. */
const PREVIOUS_SCANNER_COMMIT = '626d8a9780057079d6f220a13b316fcb15f321f8';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** JSON.parse of the whole text, walked into the flat layout (typed arrays grown by doubling), properties and fields as readGeoJson gives them. */
export function parseAndWalk(text: string): FlatPolygonLayer {
  const doc = JSON.parse(text) as { features: { id?: unknown; properties?: Record<string, unknown> | null; geometry: { type: string; coordinates: unknown } | null }[] };
  let polys = new Uint32Array(1024), rings = new Uint32Array(1024), xy = new Float64Array(1 << 14);
  let np = 0, nr = 0, nv = 0;
  const grow = <T extends Uint32Array | Float64Array>(a: T, n: number): T => {
    if (n < a.length) return a;
    const b = new (a.constructor as new (n: number) => T)(a.length * 2);
    b.set(a);
    return b;
  };
  const feats = doc.features;
  const geom = new Uint32Array(feats.length + 1);
  const properties: Record<string, unknown>[] = [];
  const fields = new Set<string>();
  for (let f = 0; f < feats.length; f++) {
    const ft = feats[f];
    const g = ft.geometry;
    if (g) {
      const list = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
      for (const poly of list) {
        for (const ring of poly) {
          for (const p of ring) {
            xy = grow(xy, 2 * nv + 1);
            xy[2 * nv] = p[0];
            xy[2 * nv + 1] = p[1];
            nv++;
          }
          rings = grow(rings, nr + 1);
          rings[++nr] = nv;
        }
        polys = grow(polys, np + 1);
        polys[++np] = nr;
      }
    }
    geom[f + 1] = np;
    let props = (ft.properties ?? {});
    for (const k of Object.keys(props)) fields.add(k);
    if (ft.id !== undefined && props.id === undefined) { props = { id: ft.id, ...props }; fields.add('id'); }
    properties.push(props);
  }
  return {
    length: feats.length,
    geomOffsets: geom,
    polygonOffsets: polys.slice(0, np + 1),
    ringOffsets: rings.slice(0, nr + 1),
    xy: xy.slice(0, 2 * nv),
    properties,
    fields: [...fields],
  };
}

/** JSON.parse of a point layer walked into one x, y pair per feature (NaN, NaN without a geometry), properties and fields as readGeoJson gives them. */
export function parseAndWalkPoints(text: string): { length: number; xy: Float64Array; properties: Record<string, unknown>[]; fields: string[] } {
  const doc = JSON.parse(text) as { features: { id?: unknown; properties?: Record<string, unknown> | null; geometry: { coordinates: number[] } | null }[] };
  const feats = doc.features;
  const xy = new Float64Array(2 * feats.length);
  const properties: Record<string, unknown>[] = [];
  const fields = new Set<string>();
  for (let f = 0; f < feats.length; f++) {
    const ft = feats[f];
    const p = ft.geometry ? ft.geometry.coordinates : [NaN, NaN];
    xy[2 * f] = p[0];
    xy[2 * f + 1] = p[1];
    let props = (ft.properties ?? {});
    for (const k of Object.keys(props)) fields.add(k);
    if (ft.id !== undefined && props.id === undefined) { props = { id: ft.id, ...props }; fields.add('id'); }
    properties.push(props);
  }
  return { length: feats.length, xy, properties, fields: [...fields] };
}

/** Scanner and JSON.parse + walk for a polygon or a point layer. */
const METHODS = {
  polygons: { scan: scanGeoJsonPolygonColumns, parse: parseAndWalk },
  points: { scan: scanGeoJsonPoints, parse: parseAndWalkPoints },
};
type Kind = keyof typeof METHODS;
type Method = 'read' | 'scan' | 'previous' | 'parse';
interface ChildResult { ms: number; cpuMs: number; gcMs: number; gcCount: number; heapAfterMB: number; heapBeforeMB: number }

/** In the child process: read the file, run one method once, print its figures as JSON. 'previous': the scanner under `previousDir`. */
async function child(kind: Kind, method: Method, file: string, previousDir?: string): Promise<void> {
  let previous: ((text: string) => { xy: Float64Array } | null) | undefined;
  if (method === 'previous') {
    const m = (await import(pathToFileURL(join(previousDir!, 'src', 'io', 'formats', kind === 'points' ? 'geojsonFlatPoints.ts' : 'geojsonFlatPolygons.ts')).href)) as Record<string, (text: string) => { xy: Float64Array } | null>;
    previous = kind === 'points' ? m.scanGeoJsonPoints : m.scanGeoJsonPolygons;
  }
  // The scanners take what the reader gives them: the current one the file's bytes (no decoded
  // text), the previous one the decoded text (its decode, about 45 ms on the residential layer, not timed).
  const text = method === 'scan' ? withoutBoms(readFileSync(file)) : readFileSync(file, 'utf8');
  let gcMs = 0, gcCount = 0;
  const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) { gcMs += e.duration; gcCount++; } });
  obs.observe({ entryTypes: ['gc'] });
  const heapBefore = process.memoryUsage().heapUsed;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = method === 'read' ? null : method === 'previous' ? previous!(text as string) : method === 'parse' ? METHODS[kind].parse(text as string) : METHODS[kind].scan(text);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000;
  const heapAfter = process.memoryUsage().heapUsed;
  if ((method === 'scan' || method === 'previous') && !out) throw new Error(`${file}: the ${method} scanner returned null`);
  // GC entries are delivered asynchronously: read them after a turn of the event loop.
  setTimeout(() => {
    obs.disconnect();
    const r: ChildResult = { ms, cpuMs, gcMs, gcCount, heapAfterMB: heapAfter / 2 ** 20, heapBeforeMB: heapBefore / 2 ** 20 };
    console.log(`RESULT ${JSON.stringify(r)} ${out ? out.xy.length : 0}`);
  }, 0);
}

/** In a child process: both methods on the file, every coordinate and offset compared bit for bit, properties and fields deep-compared. */
function check(kind: Kind, file: string): void {
  const text = readFileSync(file, 'utf8');
  const a = METHODS[kind].scan(withoutBoms(readFileSync(file)))! as Partial<FlatPolygonLayer & FlatPolygonColumns> & { xy: Float64Array; fields: string[] };
  const b = METHODS[kind].parse(text) as Partial<FlatPolygonLayer> & { xy: Float64Array; properties: unknown[]; fields: string[]; length: number };
  let diff = 0;
  if (a.xy.length !== b.xy.length) diff++;
  for (let i = 0; i < b.xy.length; i++) if (!Object.is(a.xy[i], b.xy[i])) diff++;
  for (const k of ['geomOffsets', 'polygonOffsets', 'ringOffsets'] as const) {
    const x = a[k] ?? new Uint32Array(0), y = b[k] ?? new Uint32Array(0);
    if (x.length !== y.length) diff++;
    for (let i = 0; i < y.length; i++) if (x[i] !== y[i]) diff++;
  }
  if (JSON.stringify(a.fields) !== JSON.stringify(b.fields)) diff++;
  if (a.columns) {
    // Columns: every feature's value of every name equals the parse's own property (undefined where it has none).
    const own = Object.prototype.hasOwnProperty;
    for (const [name, column] of a.columns) {
      if (column.length !== b.length) diff++;
      for (let i = 0; i < b.length; i++) {
        const p = b.properties[i] as Record<string, unknown>;
        if (JSON.stringify(column[i]) !== JSON.stringify(own.call(p, name) ? p[name] : undefined)) diff++;
      }
    }
    for (const p of b.properties) for (const name of Object.keys(p as object)) if (!a.columns.has(name)) diff++;
  } else if (JSON.stringify(a.properties) !== JSON.stringify(b.properties)) diff++;
  console.log(`CHECK ${b.length} features, ${b.xy.length / 2} x, y pairs, ${diff} differences`);
}

const self = fileURLToPath(import.meta.url);

export async function run(): Promise<void> {
  const files = cityFiles(10_000, 30);
  const dir = join(files[files.indexOf('--residential') + 1], '..');
  const layers: [string, Kind, string][] = [
    ['residential (300k footprints)', 'polygons', join(dir, 'residential.geojson')],
    ['communities (10k)', 'polygons', join(dir, 'communities.geojson')],
    ['facilities (100k points)', 'points', join(dir, 'facilities.geojson')],
  ];
  const spawn = (...args: string[]) => timed('node', ['--import', 'tsx', self, ...args]);
  const snap = snapshotDir(PREVIOUS_SCANNER_COMMIT, ['src']);
  const previousDir = 'dir' in snap ? snap.dir : undefined;
  if (!previousDir) console.log(`  (no previous scanner: ${'reason' in snap ? snap.reason : ''})`);
  const methods: Method[] = previousDir ? ['read', 'scan', 'previous', 'parse'] : ['read', 'scan', 'parse'];
  for (const [name, kind, file] of layers) {
    const chk = /CHECK .*/.exec(spawn('--check', kind, file).stdout)?.[0] ?? 'CHECK failed';
    const m = new Map<Method, { r: ChildResult[]; cpu: number[]; rss: number[] }>();
    for (const k of methods) m.set(k, { r: [], cpu: [], rss: [] });
    for (let round = 0; round < ROUNDS; round++) {
      for (const k of methods) {
        const t = spawn('--child', kind, k, file, ...(k === 'previous' ? [previousDir!] : []));
        const line = /RESULT (\{.*\})/.exec(t.stdout);
        if (!line) throw new Error(`no result from the ${k} child: ${t.stdout.slice(-300)}`);
        m.get(k)!.r.push(JSON.parse(line[1]) as ChildResult);
        m.get(k)!.cpu.push(t.cpu_ms);
        m.get(k)!.rss.push(t.maxRss_MB);
      }
    }
    const row = (k: Method) => {
      const v = m.get(k)!;
      return {
        ms: median(v.r.map((r) => r.ms)), cpuMs: median(v.r.map((r) => r.cpuMs)), gc: median(v.r.map((r) => r.gcMs)), gcN: median(v.r.map((r) => r.gcCount)),
        heap: median(v.r.map((r) => r.heapAfterMB - r.heapBeforeMB)), cpu: median(v.cpu), rss: median(v.rss),
      };
    };
    const read = row('read'), scan = row('scan'), parse = row('parse');
    console.log(`\n${name}: ${file}`);
    console.log(`  ${chk.replace('CHECK ', 'same figures: ')}`);
    console.log('  | read into the flat layout | CPU (median) | wall | GC time (count) | heap held after | process CPU | process peak RSS |');
    console.log('  |---|---|---|---|---|---|---|');
    console.log(`  | JSON.parse + walk | ${parse.cpuMs.toFixed(0)} ms | ${parse.ms.toFixed(0)} ms | ${parse.gc.toFixed(0)} ms (${parse.gcN}) | ${parse.heap.toFixed(0)} MB | ${parse.cpu.toFixed(0)} ms | ${parse.rss.toFixed(0)} MB |`);
    console.log(`  | ${kind === 'points' ? 'scanGeoJsonPoints' : 'scanGeoJsonPolygonColumns'} | ${scan.cpuMs.toFixed(0)} ms | ${scan.ms.toFixed(0)} ms | ${scan.gc.toFixed(0)} ms (${scan.gcN}) | ${scan.heap.toFixed(0)} MB | ${scan.cpu.toFixed(0)} ms | ${scan.rss.toFixed(0)} MB |`);
    if (previousDir) {
      const prev = row('previous');
      console.log(`  | the same, previous (${PREVIOUS_SCANNER_COMMIT.slice(0, 7)}) | ${prev.cpuMs.toFixed(0)} ms | ${prev.ms.toFixed(0)} ms | ${prev.gc.toFixed(0)} ms (${prev.gcN}) | ${prev.heap.toFixed(0)} MB | ${prev.cpu.toFixed(0)} ms | ${prev.rss.toFixed(0)} MB |`);
      console.log(`  | (reading the file only) | | | | | ${read.cpu.toFixed(0)} ms | ${read.rss.toFixed(0)} MB |`);
      console.log(`  scan now / previous: CPU ${(scan.cpuMs / prev.cpuMs).toFixed(2)} (${prev.cpuMs.toFixed(0)} → ${scan.cpuMs.toFixed(0)} ms), GC ${prev.gc.toFixed(0)} → ${scan.gc.toFixed(0)} ms, heap held ${prev.heap.toFixed(0)} → ${scan.heap.toFixed(0)} MB, process CPU beyond reading ${(prev.cpu - read.cpu).toFixed(0)} → ${(scan.cpu - read.cpu).toFixed(0)} ms`);
    } else console.log(`  | (reading the file only) | | | | | ${read.cpu.toFixed(0)} ms | ${read.rss.toFixed(0)} MB |`);
    console.log(`  scan / parse CPU: ${(scan.cpuMs / parse.cpuMs).toFixed(2)} (wall ${(scan.ms / parse.ms).toFixed(2)}); process CPU beyond reading the file: ${(scan.cpu - read.cpu).toFixed(0)} vs ${(parse.cpu - read.cpu).toFixed(0)} ms (${((scan.cpu - read.cpu) / (parse.cpu - read.cpu)).toFixed(2)}); peak RSS beyond reading: ${(scan.rss - read.rss).toFixed(0)} vs ${(parse.rss - read.rss).toFixed(0)} MB; load average ${loadavg()[0].toFixed(1)}, ${ROUNDS} rounds`);
  }
}

if (process.argv[1] === self) {
  const a = process.argv.slice(2);
  if (a[0] === '--child') void child(a[1] as Kind, a[2] as Method, a[3], a[4]);
  else if (a[0] === '--check') check(a[1] as Kind, a[2]);
}
