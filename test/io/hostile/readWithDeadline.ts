// Runs readers on hostile inputs in a worker thread with a time bound per case: a reader that spins
// in synchronous code (which no in-thread timeout can interrupt) is ended and reported as a hang,
// and the remaining cases go on in a fresh worker.
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ReaderCase, ReaderOutcome } from './readerWorker';

export type DeadlineOutcome = ReaderOutcome | { hang: true; ms: number };

// Node 20 workers ignore `--import tsx` in execArgv: load the TypeScript worker through tsx's API.
const HERE = dirname(fileURLToPath(import.meta.url));
const TSX_API = pathToFileURL(join(HERE, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href;
const WORKER = pathToFileURL(join(HERE, 'readerWorker.ts')).href;
const BOOT = `import(${JSON.stringify(TSX_API)}).then((api) => api.tsImport(${JSON.stringify(WORKER)}, ${JSON.stringify(WORKER)}))`;

function startWorker(): Worker {
  return new Worker(BOOT, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
}

/** Each case's outcome, in order; a case that takes longer than `ms` is a hang. */
export async function readWithDeadline(cases: ReaderCase[], ms: number): Promise<DeadlineOutcome[]> {
  const out: DeadlineOutcome[] = [];
  let worker = startWorker();
  try {
    for (let i = 0; i < cases.length; i++) {
      const r = await new Promise<DeadlineOutcome>((resolve) => {
        const timer = setTimeout(() => resolve({ hang: true, ms }), ms);
        const onMessage = (m: { index: number; outcome: ReaderOutcome }) => {
          if (m.index !== i) return;
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          resolve(m.outcome);
        };
        const onError = (e: Error) => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          resolve({ features: 0, errors: [], warnings: [], thrown: `worker died: ${e.message}` });
        };
        worker.on('message', onMessage);
        worker.once('error', onError);
        worker.postMessage({ index: i, case: cases[i] });
      });
      out.push(r);
      if ('hang' in r || r.thrown?.startsWith('worker died')) {
        await worker.terminate();
        worker = startWorker();
      }
    }
  } finally {
    await worker.terminate();
  }
  return out;
}
