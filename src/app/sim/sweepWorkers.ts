import * as Comlink from 'comlink';
import type { RunError, SimApi, SweepUnitResult } from '../../worker/protocol.ts';
import type { PoolWorker } from './sweepPool.ts';

/** Sweep Workers alive now (test hook: cancel must bring it to 0 at once). */
let alive = 0;
export const sweepWorkersAlive = (): number => alive;

/**
 * One pool Worker: the same bundle as the page's simulation Worker (sim.worker.ts), a separate
 * instance. A crash rejects the call in flight (Comlink alone would wait forever).
 */
export function spawnSweepWorker(i: number): PoolWorker {
  const worker = new Worker(new URL('../../worker/sim.worker.ts', import.meta.url), {
    type: 'module',
    name: `msix-lab-sweep-${Date.now().toString(36)}-${i}`,
  });
  alive++;
  const api = Comlink.wrap<SimApi>(worker);
  let dead = false;
  let failPending: ((e: Error) => void) | null = null;
  const guard = <T>(p: Promise<T>): Promise<T> =>
    new Promise<T>((res, rej) => {
      failPending = rej;
      p.then(res, rej);
    });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    failPending?.(new Error(`the sweep Worker crashed${e.message ? ` (${e.message.slice(0, 80)})` : ''}`));
  });
  return {
    sweepStart: (spec) => guard(api.sweepStart(spec)),
    sweepUnit: (u) => guard(api.sweepUnit(u) as Promise<SweepUnitResult | RunError>),
    terminate: () => {
      if (dead) return;
      dead = true;
      alive--;
      worker.terminate();
    },
  };
}
