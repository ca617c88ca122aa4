// A command-line audit split across worker threads (`--threads`): every thread prepares the same
// dataset and audits every T-th community (interleaved, so dense and sparse districts spread
// evenly); the main thread takes its own share, and the results are merged in community order.
// Each community's audit depends only on the prepared data, so the result is the same for any T.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CommunityResult, Dataset, DistanceMode, RulePreset } from '../../src/engine/types';
import { announceSources, auditCommunities, type AuditContext } from '../../src/engine/audit';

export interface ThreadJob {
  data: Dataset;
  preset: RulePreset;
  mode: DistanceMode;
  stride: number;
  offset: number;
}

/** Below this many communities a thread's start and its own prepare cost more than it saves. */
const MIN_COMMUNITIES_FOR_THREADS = 5000;

/** Threads used when --threads is not given: the machine's cores, for city-sized inputs. */
export function defaultThreads(communities: number): number {
  return communities < MIN_COMMUNITIES_FOR_THREADS ? 1 : Math.max(1, availableParallelism());
}

/**
 * A new thread running the worker's entry: the bundle next to the command's (scripts/cli.mjs), or,
 * when the command runs as TypeScript (tsx, tests), the source with tsx's loader registered first.
 */
function startWorker(workerData: ThreadJob): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    const dir = process.env.LIFECIRCLE_CLI_DIR;
    if (!dir) throw new Error('audit threads: LIFECIRCLE_CLI_DIR is not set (run the command through scripts/cli.mjs)');
    return new Worker(join(dir, 'audit-worker.mjs'), { workerData });
  }
  // tsx's ES module API (its package.json "exports": ./esm/api → import).
  const req = createRequire(import.meta.url);
  const pkg = req.resolve('tsx/package.json');
  const api = (req(pkg) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api'].import.default;
  const tsx = pathToFileURL(join(dirname(pkg), api)).href;
  const entry = new URL('./auditWorker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

function runThread(job: ThreadJob): { done: Promise<CommunityResult[]>; stop: () => void } {
  const w = startWorker(job);
  const done = new Promise<CommunityResult[]>((resolve, reject) => {
    w.once('message', (m: CommunityResult[]) => resolve(m));
    w.once('error', reject);
    w.once('exit', (code) => { if (code !== 0) reject(new Error(`audit thread ${job.offset} exited with code ${code}`)); });
  });
  return { done, stop: () => void w.terminate() };
}

/** Every community's result, audited on `threads` threads (the main thread is one of them). */
export async function auditOnThreads(ctx: AuditContext, data: Dataset, preset: RulePreset, mode: DistanceMode, threads: number): Promise<CommunityResult[]> {
  const n = ctx.communities.length;
  const t = Math.max(1, Math.min(threads, n));
  const workers = [];
  for (let offset = 1; offset < t; offset++) workers.push(runThread({ data, preset, mode, stride: t, offset }));
  try {
    announceSources(ctx);
    const own: number[] = [];
    for (let i = 0; i < n; i += t) own.push(i);
    const parts = [auditCommunities(ctx, own), ...(await Promise.all(workers.map((w) => w.done)))];
    const results: CommunityResult[] = new Array(n);
    parts.forEach((part, offset) => part.forEach((r, k) => { results[offset + k * t] = r; }));
    return results;
  } finally {
    for (const w of workers) w.stop();
  }
}
