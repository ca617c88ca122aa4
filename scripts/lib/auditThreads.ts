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

function resultsOf(w: Worker, k: number): Promise<CommunityResult[]> {
  return new Promise<CommunityResult[]>((resolve, reject) => {
    w.once('message', (m: CommunityResult[]) => resolve(m));
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`audit thread ${k} exited with code ${code} before its results`)));
  });
}

/** Every community's result, audited on `threads` threads (the main thread is one of them). */
export async function auditOnThreads(ctx: AuditContext, _data: Dataset, _preset: RulePreset, _mode: DistanceMode, threads: number): Promise<CommunityResult[]> {
  const n = ctx.communities.length;
  const t = Math.max(1, Math.min(threads, n));
  // Threads start loading while the slices are cut and packed.
  const workers = Array.from({ length: t - 1 }, () => startWorker());
  try {
    const slices = spatialSlices(ctx.communities, t);
    const done = workers.map((w, k) => {
      const results = resultsOf(w, k + 1);
      results.catch(() => undefined); // awaited below; a failure while the main thread audits is not unhandled
      const slice = packAuditSlice(ctx, slices[k + 1]);
      w.postMessage(slice, sliceBuffers(slice));
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
    for (const w of workers) void w.terminate();
  }
}
