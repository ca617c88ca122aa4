// One audit thread (auditThreads.ts): waits for its slice of the prepared audit (engine/auditSlice.ts),
// rebuilds a context from it alone, audits the slice's communities and posts their results back.
import { parentPort } from 'node:worker_threads';
import { announceSources, auditCommunities } from '../../src/engine/audit';
import { sliceContext, type AuditSlice } from '../../src/engine/auditSlice';
import { createLocalProjection } from '../../src/engine/geo/localProjection';
import { reachFor } from './auditContext';

parentPort!.once('message', (slice: AuditSlice) => {
  const ctx = sliceContext(slice, reachFor(slice.mode, slice.roads, createLocalProjection(slice.center)));
  announceSources(ctx);
  parentPort!.postMessage(auditCommunities(ctx, Array.from(slice.indices)));
});
