// Main-thread handle on the proposals worker: a fresh worker per run; cancel() terminates it and
// the pending run rejects with an AbortError.
import * as Comlink from 'comlink';
import type { SuggestApi, SuggestRequest } from './suggest.worker';
import type { Dataset, DistanceMode, RulePreset } from '../engine/types';
import type { SuggestPhase, SuggestResult } from '../planning/suggest';
import { cancelledError } from './importClient';

export type SuggestRun = SuggestResult & { candidates: number };

export function runSuggest(data: Dataset, preset: RulePreset, mode: DistanceMode, req: SuggestRequest, onProgress: (phase: SuggestPhase, done: number, total: number) => void): { result: Promise<SuggestRun>; cancel: () => void } {
  const worker = new Worker(new URL('./suggest.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<SuggestApi>(worker);
  let reject: (e: Error) => void = () => undefined;
  const result = new Promise<SuggestRun>((res, rej) => {
    reject = rej;
    api.run(data, preset, mode, req, Comlink.proxy(onProgress)).then(res, rej).finally(() => worker.terminate());
  });
  return { result, cancel: () => { worker.terminate(); reject(cancelledError()); } };
}
