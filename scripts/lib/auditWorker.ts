// One audit thread (auditThreads.ts): prepares the dataset it is given and audits every
// `stride`-th community from `offset`, then posts the results (plain data) back.
import { parentPort, workerData } from 'node:worker_threads';
import { announceSources, auditCommunities } from '../../src/engine/audit';
import { auditContextOf } from './auditContext';
import type { ThreadJob } from './auditThreads';

const job = workerData as ThreadJob;
const ctx = auditContextOf(job.data, job.preset, job.mode);
announceSources(ctx);
const indices: number[] = [];
for (let i = job.offset; i < ctx.communities.length; i += job.stride) indices.push(i);
parentPort!.postMessage(auditCommunities(ctx, indices));
