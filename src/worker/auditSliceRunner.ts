// What an audit-slice worker does with one message (auditSlice.worker.ts; kept apart from the
// worker's global scope so tests run it in Node): rebuild the slice's context (engine/auditSlice.ts),
// audit its communities in chunks, report progress after each chunk, then post all results.
import { auditCommunities, type AuditContext } from '../engine/audit';
import { sliceContext, type AuditSlice } from '../engine/auditSlice';
import { createEuclideanReach } from '../engine/reach/euclideanReach';
import type { CommunityResult } from '../engine/types';

/** A request: audit `slice` (straight-line), answering with the same `job`. */
export interface SliceJob {
  job: number;
  slice: AuditSlice;
}

/** Answers: progress (communities done so far), then the results in the slice's order. */
export type SliceAnswer = { job: number; done: number } | { job: number; results: CommunityResult[] };

const CHUNK = 64;

export function runSliceJob({ job, slice }: SliceJob, post: (a: SliceAnswer) => void): void {
  const ctx: AuditContext = sliceContext(slice, createEuclideanReach());
  const indices = Array.from(slice.indices);
  const results: CommunityResult[] = [];
  for (let i = 0; i < indices.length; i += CHUNK) {
    for (const r of auditCommunities(ctx, indices.slice(i, i + CHUNK))) results.push(r);
    if (results.length < indices.length) post({ job, done: results.length });
  }
  post({ job, results });
}
