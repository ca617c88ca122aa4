// Main-thread handle on the import worker. One worker at a time; cancel() terminates it (the
// running read stops at once, whatever it is doing) and the pending call rejects with an
// AbortError; the next call starts a fresh worker.
import * as Comlink from 'comlink';
import type { ImportApi, InspectOptions, Progress, ReadOptions } from './import.worker';
import type { LayerInspection } from '../io/import/index';
import type { InputFile, LayerKind } from '../io/import/types';
import type { ProjectLayers } from '../planning/project';
import type { ImportSummary, OsmSummary } from '../io/import/importSummary';

export type TakenLayers = Partial<Pick<ProjectLayers, LayerKind>>;

export interface ImportClient {
  inspect(files: (File | InputFile)[], kind: LayerKind, options?: InspectOptions): Promise<LayerInspection>;
  /** Validates; the features stay in the worker (see take). */
  read(files: (File | InputFile)[], kind: LayerKind, options?: ReadOptions, onProgress?: Progress): Promise<ImportSummary & { token: number }>;
  /** `lang`: the language of generated text, e.g. the names given to unnamed compounds. */
  readOsm(file: File | InputFile, onProgress?: Progress, options?: { lang?: 'zh' | 'en' }): Promise<OsmSummary & { token: number }>;
  /** The validated features of the given layers, moved out of the worker. */
  take(token: number, kinds: LayerKind[]): Promise<TakenLayers>;
  /** Stops the running work (terminates the worker); its promise rejects with an AbortError. */
  cancel(): void;
  dispose(): void;
}

export function cancelledError(): Error {
  const e = new Error('import cancelled');
  e.name = 'AbortError';
  return e;
}

export function createImportClient(): ImportClient {
  let worker: Worker | null = null;
  let remote: Comlink.Remote<ImportApi> | null = null;
  const pending = new Set<(e: Error) => void>();

  const api = () => {
    if (!remote) {
      worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
      remote = Comlink.wrap<ImportApi>(worker);
    }
    return remote;
  };
  // A call that rejects when the worker is terminated under it.
  const run = <T,>(call: (r: Comlink.Remote<ImportApi>) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      pending.add(reject);
      call(api()).then(resolve, reject).finally(() => pending.delete(reject));
    });
  const stop = () => {
    worker?.terminate();
    worker = null;
    remote = null;
    for (const reject of pending) reject(cancelledError());
    pending.clear();
  };

  return {
    inspect: (files, kind, options = {}) => run((r) => r.inspect(files, kind, options)),
    read: (files, kind, options = {}, onProgress) => run((r) => r.read(files, kind, options, onProgress ? Comlink.proxy(onProgress) : undefined)),
    readOsm: (file, onProgress, options = {}) => run((r) => r.readOsm(file, onProgress ? Comlink.proxy(onProgress) : undefined, options)),
    take: (token, kinds) => run((r) => r.take(token, kinds)).then((json) => JSON.parse(json) as TakenLayers),
    cancel: stop,
    dispose: stop,
  };
}
