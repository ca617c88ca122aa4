// One residential projection in a process of its own, for residentialProjection.bench.ts:
// `<node + tsx> bench/lib/projectResidentialOnce.ts '<JSON {"engine": dir, "communities": path, "residential": path}>'`
// reads the layers as the `audit` command does (this tree's readers, outside the timing), then,
// with the command's V8 settings, calls projectResidential of the engine in `engine` (a `src`
// tree) once, as the command does: CPU of the call (process.cpuUsage, every thread), the garbage
// collections that started inside it (count and pause, by kind) and a hash of the projected store
// and of what its index finds (equal hashes: bit-identical results). Prints one JSON line.
import { createHash } from 'node:crypto';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { auditV8Settings, fullGc } from './inMemoryAudit';

async function main(): Promise<void> {
  const { engine, communities, residential } = JSON.parse(process.argv[2]) as { engine: string; communities: string; residential: string };
  auditV8Settings();
  const gc = fullGc();
  const { loadLayer, loadResidentialFlat } = await import('../../scripts/lib/loadLayer');
  const comm = await loadLayer(communities, 'communities');
  const read = await loadResidentialFlat(residential);
  if (!read) throw new Error(`${residential}: not read flat`);
  const prep = await import(pathToFileURL(join(engine, 'src', 'engine', 'prepare.ts')).href);
  const proj = await import(pathToFileURL(join(engine, 'src', 'engine', 'geo', 'localProjection.ts')).href);
  const layer = await import(pathToFileURL(join(engine, 'src', 'engine', 'residentialLayer.ts')).href);
  const projection = proj.createLocalProjection(prep.datasetCenter({ communities: comm.features, facilities: [] }));
  const gcs: { kind: number; start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ kind: (e as unknown as { detail: { kind: number } }).detail.kind, start: e.startTime, duration: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  gc();
  await new Promise((done) => setTimeout(done, 20));
  const warnings: unknown[] = [];
  const w0 = performance.now(), c0 = process.cpuUsage();
  const r = layer.projectResidential(read.flat, projection, warnings);
  const c = process.cpuUsage(c0), w1 = performance.now();
  await new Promise((done) => setTimeout(done, 100));
  observer.disconnect();
  const inside = gcs.filter((g) => g.start >= w0 && g.start < w1);
  const minor = inside.filter((g) => g.kind === constants.NODE_PERFORMANCE_GC_MINOR);
  const hash = createHash('sha256');
  const s = r.store;
  for (const col of [s.xy, s.ringStart, s.polygonRing, s.area, s.bbox, s.weight, r.households, r.estimated]) hash.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
  // The index by what it finds, not by its layout (its leaves' order may change while every
  // search finds the same polygons): the ids, ascending, within 150 m of every 61st polygon's box.
  if (r.index) {
    const b = s.bbox;
    for (let k = 0; k < s.count; k += 61) {
      const ids = Uint32Array.from(r.index.search(b[4 * k] - 150, b[4 * k + 1] - 150, b[4 * k + 2] + 150, b[4 * k + 3] + 150) as number[]).sort();
      hash.update(new Uint8Array(ids.buffer));
    }
  }
  hash.update(JSON.stringify([s.count, r.missing, warnings]));
  console.log(JSON.stringify({
    cpu: (c.user + c.system) / 1000,
    scavenges: minor.length, scavengeMs: minor.reduce((t, g) => t + g.duration, 0),
    otherGcs: inside.length - minor.length, otherGcMs: inside.filter((g) => g.kind !== constants.NODE_PERFORMANCE_GC_MINOR).reduce((t, g) => t + g.duration, 0),
    hash: hash.digest('hex').slice(0, 16),
  }));
}

void main();
