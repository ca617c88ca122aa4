// The app's audit pool (src/worker/auditPool.ts) with stand-in workers that run the real slice
// runner on a structured clone of each message, as a Web Worker would: the merged results equal
// one worker's audit bit for bit, progress reaches the total, and a stale run stops its helpers.
import { describe, expect, it } from 'vitest';
import { auditCommunities, prepareAudit } from '../../src/engine/audit';
import { defaultPreset } from '../../src/engine/presets';
import { createAuditPool, MIN_COMMUNITIES_PER_WORKER, type SliceWorker } from '../../src/worker/auditPool';
import { runSliceJob, type SliceJob } from '../../src/worker/auditSliceRunner';
import { syntheticCity } from '../../bench/lib/syntheticCity';

class StandInWorker implements SliceWorker {
  onmessage: SliceWorker['onmessage'] = null;
  onerror: SliceWorker['onerror'] = null;
  terminated = false;
  received = 0;
  postMessage(message: SliceJob): void {
    const copy = structuredClone(message);
    this.received++;
    setTimeout(() => {
      if (this.terminated) return;
      runSliceJob(copy, (a) => { if (!this.terminated) this.onmessage?.({ data: structuredClone(a) }); });
    }, 0);
  }
  terminate(): void { this.terminated = true; }
}

const yieldToMessages = () => new Promise<void>((r) => setTimeout(r, 0));

describe('audit pool', () => {
  const data = syntheticCity({ communities: 200 });
  const ctx = prepareAudit(data, defaultPreset());
  const whole = auditCommunities(ctx, ctx.communities.map((_, i) => i));

  it('splits a city-sized audit across its workers and merges the same results as one worker', async () => {
    const spawned: StandInWorker[] = [];
    const pool = createAuditPool(() => { const w = new StandInWorker(); spawned.push(w); return w; }, 3);
    expect(pool.threadsFor(200, 'euclidean')).toBe(3);
    const progress: number[] = [];
    const got = await pool.audit(ctx, { isStale: () => false, onProgress: (d, t) => { expect(t).toBe(200); progress.push(d); }, yieldToMessages });
    expect(spawned).toHaveLength(2);
    expect(spawned.every((w) => w.received === 1)).toBe(true);
    expect(got).toEqual(whole);
    expect(progress[progress.length - 1]).toBe(200);
    // The helpers stay for the next audit.
    await pool.audit(ctx, { isStale: () => false, yieldToMessages });
    expect(spawned).toHaveLength(2);
  });

  it('keeps small audits and walking mode in the engine worker', () => {
    const pool = createAuditPool(() => new StandInWorker(), 8);
    expect(pool.threadsFor(MIN_COMMUNITIES_PER_WORKER - 1, 'euclidean')).toBe(1);
    expect(pool.threadsFor(2 * MIN_COMMUNITIES_PER_WORKER, 'euclidean')).toBe(2);
    expect(pool.threadsFor(100_000, 'euclidean')).toBe(8);
    expect(pool.threadsFor(100_000, 'network')).toBe(1);
  });

  it('returns null for a run that goes stale, and stops its helpers', async () => {
    const spawned: StandInWorker[] = [];
    const pool = createAuditPool(() => { const w = new StandInWorker(); spawned.push(w); return w; }, 2);
    let calls = 0;
    const got = await pool.audit(ctx, { isStale: () => ++calls > 1, yieldToMessages });
    expect(got).toBeNull();
    expect(spawned).toHaveLength(1);
    expect(spawned[0].terminated).toBe(true);
  });
});
