// The app's audit split across workers: the engine worker keeps the one prepared context (edits,
// what-if and gaps use it), audits its own district of communities in chunks (yielding so cancel
// and newer runs get through) and sends each helper worker only its district's slice of the
// prepared data (engine/auditSlice.ts: typed arrays, transferred, not copied). Helpers start on
// the first city-sized audit and stay for the next; an edit never reaches them (it re-audits a
// few communities in the engine worker), so the dataset is never copied per edit. Walking mode
// stays in the engine worker, whose walking graph and distance caches outlive a preset edit.
// The results are those of one worker, bit for bit (auditSlice.ts).
import { auditCommunities, type AuditContext } from '../engine/audit';
import { packAuditSlice, sliceBuffers, spatialSlices, withParkAreas } from '../engine/auditSlice';
import { parkAreaByCommunity } from '../engine/parkAssignment';
import type { CommunityResult } from '../engine/types';
import type { SliceAnswer, SliceJob } from './auditSliceRunner';

/** The part of a Web Worker the pool uses (tests pass a stand-in). */
export interface SliceWorker {
  postMessage(message: SliceJob, transfer: Transferable[]): void;
  onmessage: ((e: { data: SliceAnswer }) => void) | null;
  onerror: ((e: unknown) => void) | null;
  terminate(): void;
}

export interface AuditRunOptions {
  /** True once this run is cancelled or superseded: it then stops and returns null. */
  isStale: () => boolean;
  onProgress?: (done: number, total: number) => void;
  /** Lets messages through between the engine worker's own chunks. */
  yieldToMessages: () => Promise<void>;
}

export interface AuditPool {
  /** How many workers (the engine worker included) audit `n` communities in `mode`. */
  threadsFor(n: number, mode: AuditContext['mode']): number;
  /** Every community's result in index order, or null when the run went stale. */
  audit(ctx: AuditContext, options: AuditRunOptions): Promise<CommunityResult[] | null>;
  /** Stops every helper (they start again on demand). */
  terminate(): void;
}

/** Communities per worker below which another worker costs more than it saves. */
export const MIN_COMMUNITIES_PER_WORKER = 48;
const CHUNK = 32;

/**
 * A pool of at most `maxThreads` workers in all (the engine worker and `maxThreads` − 1 helpers
 * made by `spawn`; the browser's navigator.hardwareConcurrency is the natural maximum).
 */
export function createAuditPool(spawn: () => SliceWorker, maxThreads: number): AuditPool {
  const helpers: (SliceWorker | null)[] = [];
  let jobs = 0;
  const helper = (k: number): SliceWorker => (helpers[k] ??= spawn());
  const terminate = () => {
    helpers.forEach((w, k) => { if (w) { w.onmessage = null; w.onerror = null; w.terminate(); helpers[k] = null; } });
  };

  const threadsFor = (n: number, mode: AuditContext['mode']) =>
    mode === 'network' ? 1 : Math.max(1, Math.min(Math.floor(maxThreads), Math.floor(n / MIN_COMMUNITIES_PER_WORKER)));

  async function audit(ctx: AuditContext, { isStale, onProgress, yieldToMessages }: AuditRunOptions): Promise<CommunityResult[] | null> {
    const n = ctx.communities.length;
    const slices = spatialSlices(ctx.communities, threadsFor(n, ctx.mode));
    const job = ++jobs;
    const done = slices.map(() => 0);
    const report = () => onProgress?.(done.reduce((s, v) => s + v, 0), n);
    onProgress?.(0, n);
    const settle: ((r: CommunityResult[] | null) => void)[] = [];
    const stop = () => { terminate(); for (const s of settle) s(null); };
    const others = slices.slice(1).map((indices, k) => new Promise<CommunityResult[] | null>((resolve, reject) => {
      settle.push(resolve);
      const w = helper(k);
      w.onmessage = ({ data: a }) => {
        if (a.job !== job) return;
        if ('results' in a) { done[k + 1] = a.results.length; report(); resolve(a.results); return; }
        done[k + 1] = a.done;
        if (isStale()) stop();
        else report();
      };
      w.onerror = (e) => { terminate(); reject(e instanceof Error ? e : new Error(`audit worker failed: ${String((e as { message?: string })?.message ?? e)}`)); };
      const slice = packAuditSlice(ctx, indices);
      w.postMessage({ job, slice }, sliceBuffers(slice));
    }));
    try {
      const own: CommunityResult[] = [];
      for (let i = 0; i < slices[0].length; i += CHUNK) {
        await yieldToMessages();
        if (isStale()) { stop(); return null; }
        for (const r of auditCommunities(ctx, slices[0].slice(i, i + CHUNK))) own.push(r);
        done[0] = own.length;
        report();
      }
      const parts = await Promise.all(others);
      if (isStale() || parts.some((p) => p === null)) { stop(); return null; }
      const parks = slices.length > 1 ? parkAreaByCommunity(ctx.communities, ctx.communityIndex, ctx.green) : null;
      const results: CommunityResult[] = new Array(n);
      own.forEach((r, q) => { results[slices[0][q]] = r; });
      parts.forEach((p, k) => withParkAreas(p!, slices[k + 1], parks!).forEach((r, q) => { results[slices[k + 1][q]] = r; }));
      return results;
    } catch (e) {
      stop();
      throw e;
    }
  }

  return { threadsFor, audit, terminate };
}
