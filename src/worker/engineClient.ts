// Main-thread handle on the engine worker: one worker per app, comlink-wrapped.
import * as Comlink from 'comlink';
import type { EngineApi } from './engine.worker';

export type EngineClient = Comlink.Remote<EngineApi>;

export function createEngineClient(): { engine: EngineClient; terminate: () => void } {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  const engine = Comlink.wrap<EngineApi>(worker);
  return { engine, terminate: () => worker.terminate() };
}

export const progressProxy = (fn: (done: number, total: number) => void) => Comlink.proxy(fn);
