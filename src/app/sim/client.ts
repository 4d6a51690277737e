import * as Comlink from 'comlink';
import type { SimApi } from '../../worker/protocol.ts';

/** The one Worker that runs the core. The main thread never simulates. */
let api: Comlink.Remote<SimApi> | null = null;

export function sim(): Comlink.Remote<SimApi> {
  if (!api) {
    const worker = new Worker(new URL('../../worker/sim.worker.ts', import.meta.url), { type: 'module', name: 'msix-lab-core' });
    api = Comlink.wrap<SimApi>(worker);
  }
  return api;
}
