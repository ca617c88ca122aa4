// Worker side of readWithDeadline: reads each case it is sent with readLayer and reports the
// outcome; the main thread times every case and ends this worker when one overruns.
import { parentPort } from 'node:worker_threads';
import { readLayer } from '../../../src/io/import/readLayer';
import type { InputFile, LayerKind } from '../../../src/io/import/types';

export interface ReaderCase { files: InputFile[]; kind: LayerKind }
export interface ReaderOutcome { features: number; errors: string[]; thrown?: string }

parentPort!.on('message', async (msg: { index: number; case: ReaderCase }) => {
  let outcome: ReaderOutcome;
  try {
    const l = await readLayer(msg.case.files, msg.case.kind);
    outcome = { features: l.features.length, errors: l.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}: ${p.message}`) };
  } catch (e) {
    outcome = { features: 0, errors: [], thrown: String((e as Error)?.message ?? e) };
  }
  parentPort!.postMessage({ index: msg.index, outcome });
});
