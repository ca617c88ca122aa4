// Main-thread handle on the walking-network worker (network.worker.ts), comlink-wrapped.
import * as Comlink from 'comlink';
import type { NetworkApi } from './network.worker';

export type NetworkClient = Comlink.Remote<NetworkApi>;

export function createNetworkClient(): { network: NetworkClient; terminate: () => void } {
  const worker = new Worker(new URL('./network.worker.ts', import.meta.url), { type: 'module' });
  const network = Comlink.wrap<NetworkApi>(worker);
  return { network, terminate: () => worker.terminate() };
}
