// A command-line audit split across worker threads (`--threads`). The main thread reads and
// prepares the dataset once (the first thread reading and projecting a residential layer
// meanwhile: readOnThread); the communities are split into compact districts along a Hilbert curve
// (engine/auditSlice.ts), and each other thread gets only its district's slice of the prepared
// data as flat typed arrays: no thread reads, parses, projects or prepares the input again, and
// each carries only the facilities, green space and residential footprints its district can reach,
// cutting its own communities' residential bases from the footprints. The main thread audits its
// own district meanwhile; results are merged in community order. A slice's results equal the
// whole context's bit for bit, so the output is the same for any thread count.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import Flatbush from 'flatbush';
import type { CommunityResult, DataWarning, Position, ResidentialLayerFlat } from '../../src/engine/types';
import { announceSources, auditCommunities, parkAreas, type AuditContext } from '../../src/engine/audit';
import { packAuditSlice, sliceBuffers, spatialSlices, type AuditSlice, type PackedResidential } from '../../src/engine/auditSlice';
import { recordResidentialLand, type ResidentialFeatures } from '../../src/engine/residentialBasis';
import { auditCommunityTexts, communityTextList, type CommunityTexts } from '../../src/io/export/jsonExport';
import type { LayerImport } from '../../src/io/import/types';
import type { RoadGraph } from '../../src/engine/network/graph';
import { packRoadGraph, type PackedRoadGraph } from './walkingGraph';
import { InputError } from './inputError';
import type { LoadLayerOptions } from './loadLayer';

/**
 * The main thread's district, relative to each other thread's. Besides its district the main thread
 * packs the slices before, and receives, merges, summarises and writes after; another thread also
 * rebuilds its context and sends its results back. Both make their communities' JSON texts before
 * they wait. Measured on the 10,000-community city (thread clocks, 2 threads, share 1.2): the main
 * thread's district and texts ended at 1.81 s of its CPU, the other thread's results at 1.78 s; at
 * 1.0 and 0.85 the other thread ended 0.1-0.25 s later.
 */
const MAIN_THREAD_SHARE = 1.2;

/** Below this many communities a thread's start costs more than it saves. */
const MIN_COMMUNITIES_FOR_THREADS = 5000;

/** Threads used when --threads is not given: the machine's cores, for city-sized inputs. */
export function defaultThreads(communities: number): number {
  return communities < MIN_COMMUNITIES_FOR_THREADS ? 1 : Math.max(1, availableParallelism());
}

/**
 * A new thread running the worker's entry: the bundle next to the command's (scripts/cli.mjs), or,
 * when the command runs as TypeScript (tsx, tests), the source with tsx's loader registered first.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    const dir = process.env.LIFECIRCLE_CLI_DIR;
    if (!dir) throw new Error('audit threads: LIFECIRCLE_CLI_DIR is not set (run the command through scripts/cli.mjs)');
    return new Worker(join(dir, 'audit-worker.mjs'));
  }
  // tsx's ES module API (its package.json "exports": ./esm/api → import).
  const req = createRequire(import.meta.url);
  const pkg = req.resolve('tsx/package.json');
  const api = (req(pkg) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api'].import.default;
  const tsx = pathToFileURL(join(dirname(pkg), api)).href;
  const entry = new URL('./auditWorker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true });
}

/**
 * A thread started before it has work, so that it loads its code while the main thread is still
 * reading and preparing. It does not keep the process alive until it is given a slice, and a
 * failure before then is kept for resultsOf.
 */
export interface AuditThread {
  worker: Worker;
  /** Set when the thread failed or ended before it was given work. */
  failure?: Error;
}

/** `count` threads started now (auditOnThreads gives them their slices). */
export function startAuditThreads(count: number): AuditThread[] {
  return Array.from({ length: Math.max(0, count) }, () => {
    const t: AuditThread = { worker: startWorker() };
    t.worker.unref();
    t.worker.on('error', (e: Error) => { t.failure ??= e; });
    t.worker.on('exit', (code) => { t.failure ??= new Error(`audit thread exited with code ${code} before its results`); });
    return t;
  });
}

/** Ends threads that will get no work. */
export function stopAuditThreads(threads: AuditThread[]): void {
  for (const t of threads) void t.worker.terminate();
}

/**
 * What the main thread may send a thread before its slice: the residential layer to read flat
 * (loadLayer.ts loadResidentialFlat, with the options the main thread would read it with) and to
 * project with the audit's projection centre (residentialBasis.ts residentialFeatures), while the
 * main thread reads the other layers and prepares the dataset.
 */
export interface ReadWork {
  read: { path: string; options: Omit<LoadLayerOptions, 'onProgress'>; center: Position };
}

/**
 * The thread's answers: first the layer as read (ReadLayer), or that the flat reader declined it,
 * or the error reading it gave; after a layer, its projection (ProjectedLayer).
 */
export type ReadAnswer = ReadLayer | { declined: true } | { error: { message: string; stack?: string; input: boolean } };

/**
 * The layer's import report (no features) and a copy of its flat arrays without the geometry
 * (geometryElsewhere): the main thread's preparation reads only the ids and households, and the
 * thread projects its own geometry.
 */
export interface ReadLayer {
  layer: LayerImport<'residential'>;
  flat: ResidentialLayerFlat;
}

/** The projected features (the index as its buffer: shared memory, or moved with the columns) and the projection's warnings. */
export interface ProjectedLayer {
  projected: PackedResidential & { index: ArrayBufferLike | null };
  warnings: DataWarning[];
}

/** The residential layer read and projected on thread `t` (ReadWork): what it answers. */
export interface ResidentialOnThread {
  /** The layer as read; undefined when the flat reader declined the file (read it as loadLayer does). */
  read: Promise<ReadLayer | undefined>;
  /** Its projection (rejected, or never settled, when the read gave no layer: await only after `read`). */
  projected: Promise<{ features: ResidentialFeatures; warnings: DataWarning[] }>;
  /** The projection's centre. */
  center: Position;
}

/**
 * The residential file at `path` read flat and projected about `center` on thread `t`, which then
 * waits for its slice. An error reading it is the one the main thread's read would give (an
 * InputError with the same message for bad input).
 */
export function readOnThread(t: AuditThread, path: string, options: ReadWork['read']['options'], center: Position): ResidentialOnThread {
  let readDone!: (r: ReadLayer | undefined) => void, readFailed!: (e: Error) => void;
  let projectedDone!: (p: { features: ResidentialFeatures; warnings: DataWarning[] }) => void, projectionFailed!: (e: Error) => void;
  const read = new Promise<ReadLayer | undefined>((resolve, reject) => { readDone = resolve; readFailed = reject; });
  const projected = new Promise<{ features: ResidentialFeatures; warnings: DataWarning[] }>((resolve, reject) => { projectedDone = resolve; projectionFailed = reject; });
  read.catch(() => undefined); // awaited by the caller, which may have stopped at another layer's error
  projected.catch(() => undefined);
  const fail = (e: Error) => { readFailed(e); projectionFailed(e); };
  if (t.failure) {
    fail(t.failure);
    return { read, projected, center };
  }
  const w = t.worker;
  const done = () => {
    w.off('message', onMessage);
    w.off('error', onError);
    w.off('exit', onExit);
    w.unref(); // as started: kept alive again once given its slice
  };
  const onError = (e: Error) => { done(); fail(e); };
  const onExit = (code: number) => onError(new Error(`audit thread exited with code ${code} before reading the residential layer`));
  const onMessage = (m: ReadAnswer | ProjectedLayer) => {
    if ('error' in m) {
      done();
      const e = m.error.input ? new InputError(m.error.message) : new Error(m.error.message);
      if (!m.error.input && m.error.stack) e.stack = m.error.stack;
      fail(e);
    } else if ('declined' in m) {
      done();
      readDone(undefined);
    } else if ('layer' in m) {
      readDone(m);
    } else {
      done();
      const p = m.projected;
      const index = p.index ? Flatbush.from(p.index) : null;
      projectedDone({ features: { store: p.store, households: p.households, estimated: p.estimated, weighting: p.weighting, index }, warnings: m.warnings });
    }
  };
  w.on('message', onMessage);
  w.once('error', onError);
  w.once('exit', onExit);
  w.ref(); // the main thread awaits the answer
  w.postMessage({ read: { path, options, center } } satisfies ReadWork);
  return { read, projected, center };
}

/** What the main thread sends a thread first: its slice, and whether to send the results' JSON texts. */
export interface SliceWork {
  slice: AuditSlice;
  texts: boolean;
  /** A walking audit's graph, built by the main thread from the road layer read as flat lines
   *  (auditInput.ts AuditInput.roadLines; the slice then has no `roads`): typed arrays, the edge
   *  index as its buffer and the lines' ids, copied (walkingGraph.ts). */
  roadGraph?: PackedRoadGraph;
}

/** What the main thread sends a thread second, once the thread is at work: the city-wide park
 *  areas of the slice's communities (index-aligned with slice.indices). */
export interface SliceParks {
  parkAreas: Float64Array;
}

/** What a thread sends back: its communities' results (park areas filled in), in slice order, and
 *  when asked their texts in the audit JSON (io/export auditCommunityTexts). */
export interface SliceResults {
  results: CommunityResult[];
  texts?: CommunityTexts;
  /** When the thread prepared its communities' residential bases: those with no residential land inside. */
  noResidentialLand?: Int32Array;
}

/** Every community's result, and the JSON texts the threads made of theirs. */
export interface ThreadedResults {
  results: CommunityResult[];
  /** Index-aligned with results: the community's text in the audit JSON (UTF-8) where a thread made it. */
  texts?: (Uint8Array | undefined)[];
}

function resultsOf(t: AuditThread, k: number): Promise<SliceResults> {
  return new Promise<SliceResults>((resolve, reject) => {
    if (t.failure) {
      reject(t.failure);
      return;
    }
    const w = t.worker;
    w.once('message', (m: SliceResults) => resolve(m));
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`audit thread ${k} exited with code ${code} before its results`)));
  });
}

/**
 * Every community's result, audited on `threads` threads (the main thread is one of them); the
 * threads of `started` (startAuditThreads) are used first, and any left over are ended. With
 * `texts`, every thread also makes its communities' texts in the audit JSON (the main thread before
 * it waits for the others), so that after the audit the main thread only writes them.
 */
export async function auditOnThreads(ctx: AuditContext, threads: number, started: AuditThread[] = [], options: { texts?: boolean; roadGraph?: RoadGraph } = {}): Promise<ThreadedResults> {
  const n = ctx.communities.length;
  const t = Math.max(1, Math.min(threads, n));
  const helpers = started.slice(0, t - 1);
  stopAuditThreads(started.slice(t - 1));
  // Threads not started yet start loading while the slices are cut and packed.
  helpers.push(...startAuditThreads(t - 1 - helpers.length));
  try {
    const slices = spatialSlices(ctx.communities, t, undefined, MAIN_THREAD_SHARE);
    const roadGraph = options.roadGraph && packRoadGraph(options.roadGraph);
    const done = helpers.map((h, k) => {
      const results = resultsOf(h, k + 1);
      results.catch(() => undefined); // awaited below; a failure while the main thread audits is not unhandled
      const slice = packAuditSlice(ctx, slices[k + 1]);
      const work: SliceWork = { slice, texts: options.texts === true, ...(roadGraph ? { roadGraph } : {}) };
      h.worker.ref();
      h.worker.postMessage(work, sliceBuffers(slice));
      return results;
    });
    // The park assignment (city-wide, needed only for the results' last field) while the threads
    // start; the main thread's own audit below reuses it.
    const parks = parkAreas(ctx);
    helpers.forEach((h, k) => {
      const own = new Float64Array(slices[k + 1].length);
      slices[k + 1].forEach((i, q) => { own[q] = parks[i]; });
      h.worker.postMessage({ parkAreas: own } satisfies SliceParks, [own.buffer]);
    });
    announceSources(ctx);
    const own = auditCommunities(ctx, slices[0]); // the whole context's park areas are the city-wide ones
    // The main thread's own texts too while the other threads work: after them it only writes.
    const ownPart: SliceResults = options.texts ? { results: own, texts: auditCommunityTexts(own) } : { results: own };
    const parts = [ownPart, ...(await Promise.all(done))];
    // What the other threads found of their communities' residential land (the main thread found
    // its own in auditCommunities): the warnings of the whole audit are then in place.
    const deferred = ctx.deferredBasis;
    if (deferred) {
      parts.forEach((part, k) => {
        if (k === 0) return;
        for (const i of slices[k]) recordResidentialLand(deferred, i, false);
        for (const i of part.noResidentialLand ?? []) recordResidentialLand(deferred, i, true);
      });
    }
    const results: CommunityResult[] = new Array(n);
    const texts: (Uint8Array | undefined)[] | undefined = options.texts ? new Array(n).fill(undefined) : undefined;
    parts.forEach((part, k) => {
      const own = texts && part.texts ? communityTextList(part.texts) : undefined;
      part.results.forEach((r, q) => {
        results[slices[k][q]] = r;
        if (texts && own) texts[slices[k][q]] = own[q];
      });
    });
    return { results, ...(texts ? { texts } : {}) };
  } finally {
    stopAuditThreads(helpers);
  }
}
