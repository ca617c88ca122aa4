// A command-line audit split across worker threads (`--threads`). The main thread reads and
// prepares the dataset once; the communities are split into compact districts along a Hilbert
// curve (engine/auditSlice.ts), and each other thread gets only its district's slice of the
// prepared data as flat typed arrays: no thread reads, parses, projects or prepares the input
// again, and each carries only the facilities and green space its district can reach. The main
// thread audits its own district meanwhile; results are merged in community order. A slice's
// results equal the whole context's bit for bit, so the output is the same for any thread count.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CommunityResult, Dataset, DistanceMode, RulePreset } from '../../src/engine/types';
import { announceSources, auditCommunities, type AuditContext } from '../../src/engine/audit';
import { packAuditSlice, sliceBuffers, spatialSlices, withParkAreas } from '../../src/engine/auditSlice';
import { parkAreaByCommunity } from '../../src/engine/parkAssignment';

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

function resultsOf(t: AuditThread, k: number): Promise<CommunityResult[]> {
  return new Promise<CommunityResult[]>((resolve, reject) => {
    if (t.failure) {
      reject(t.failure);
      return;
    }
    const w = t.worker;
    w.once('message', (m: CommunityResult[]) => resolve(m));
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`audit thread ${k} exited with code ${code} before its results`)));
  });
}

/**
 * Every community's result, audited on `threads` threads (the main thread is one of them); the
 * threads of `started` (startAuditThreads) are used first, and any left over are ended.
 */
export async function auditOnThreads(ctx: AuditContext, _data: Dataset, _preset: RulePreset, _mode: DistanceMode, threads: number, started: AuditThread[] = []): Promise<CommunityResult[]> {
  const n = ctx.communities.length;
  const t = Math.max(1, Math.min(threads, n));
  const helpers = started.slice(0, t - 1);
  stopAuditThreads(started.slice(t - 1));
  // Threads not started yet start loading while the slices are cut and packed.
  helpers.push(...startAuditThreads(t - 1 - helpers.length));
  try {
    const slices = spatialSlices(ctx.communities, t);
    const done = helpers.map((h, k) => {
      const results = resultsOf(h, k + 1);
      results.catch(() => undefined); // awaited below; a failure while the main thread audits is not unhandled
      const slice = packAuditSlice(ctx, slices[k + 1]);
      h.worker.ref();
      h.worker.postMessage(slice, sliceBuffers(slice));
      return results;
    });
    announceSources(ctx);
    const own = auditCommunities(ctx, slices[0]);
    const parkAreas = parkAreaByCommunity(ctx.communities, ctx.communityIndex, ctx.green);
    const parts = [own, ...(await Promise.all(done)).map((r, k) => withParkAreas(r, slices[k + 1], parkAreas))];
    const results: CommunityResult[] = new Array(n);
    parts.forEach((part, k) => part.forEach((r, q) => { results[slices[k][q]] = r; }));
    return results;
  } finally {
    stopAuditThreads(helpers);
  }
}
