// Worker side of readWithDeadline: reads each case it is sent with readLayer and reports the
// outcome; the main thread times every case and ends this worker when one overruns.
import { parentPort } from 'node:worker_threads';
import { readLayer } from '../../../src/io/import/readLayer';
import type { InputFile, LayerKind } from '../../../src/io/import/types';

export interface ReaderCase { files: InputFile[]; kind: LayerKind }
export interface ReaderOutcome {
  features: number;
  errors: string[];
  /** Warnings (file: message), e.g. an OSM extract without this layer's features. */
  warnings: string[];
  thrown?: string;
}

parentPort!.on('message', async (msg: { index: number; case: ReaderCase }) => {
  let outcome: ReaderOutcome;
  try {
    const l = await readLayer(msg.case.files, msg.case.kind);
    const text = (sev: string) => l.problems.filter((p) => p.severity === sev).map((p) => `${p.file}: ${p.message}`);
    outcome = { features: l.features.length, errors: text('error'), warnings: text('warning') };
  } catch (e) {
    outcome = { features: 0, errors: [], warnings: [], thrown: String((e as Error)?.message ?? e) };
  }
  parentPort!.postMessage({ index: msg.index, outcome });
});
