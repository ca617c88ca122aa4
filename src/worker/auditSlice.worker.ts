// An audit-slice worker of the engine worker's pool (auditPool.ts): audits the slices it is sent.
import { runSliceJob, type SliceJob } from './auditSliceRunner';

self.onmessage = (e: MessageEvent<SliceJob>) => runSliceJob(e.data, (a) => self.postMessage(a));
