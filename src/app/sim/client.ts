import * as Comlink from 'comlink';
import type { RunRequest, RunResponse, SimApi } from '../../worker/protocol.ts';
import { LOCK_HELD, lockName } from '../../worker/liveness.ts';

/**
 * The one Worker that runs the core (the main thread never simulates), and its watchdog.
 *
 * A simulation is one synchronous call inside the Worker: no message can interrupt it. So
 * cancel = terminate the Worker and start a fresh one, and a dead Worker (closed, crashed, out of
 * memory) is noticed by:
 * - its `error` / `messageerror` events;
 * - a Web Lock the Worker holds for its whole life: the browser releases it when the Worker
 *   dies, whatever killed it, and our waiting request is then granted (no polling, no heartbeat
 *   that a busy Worker could not answer);
 * - a timeout proportional to the estimated work, for a Worker that is alive but stuck.
 * Any of these rejects the pending run with a WorkerFault and restarts the Worker lazily.
 */
export class WorkerFault extends Error {
  constructor(
    readonly kind: 'cancelled' | 'crashed' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'WorkerFault';
  }
}

interface Live {
  worker: Worker;
  api: Comlink.Remote<SimApi>;
  /** Fails the pending call (if any); set while a run is in flight. */
  fail: ((f: WorkerFault) => void) | null;
  retired: boolean;
}

let live: Live | null = null;
let serial = 0;
/** This page's part of the lock names (another tab of the same origin has its own). */
const PAGE_ID = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

function start(): Live {
  const name = lockName(++serial, PAGE_ID);
  const worker = new Worker(new URL('../../worker/sim.worker.ts', import.meta.url), { type: 'module', name });
  const l: Live = { worker, api: Comlink.wrap<SimApi>(worker), fail: null, retired: false };
  const died = (why: string): void => {
    if (l.retired) return;
    retire(l);
    l.fail?.(new WorkerFault('crashed', why));
  };
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    died(`the simulation Worker crashed${e.message ? ` (${e.message.slice(0, 80)})` : ''}`);
  });
  worker.addEventListener('messageerror', () => died('the simulation Worker sent a message the page could not read'));
  worker.addEventListener('message', (e: MessageEvent) => {
    if ((e.data as { type?: unknown } | null)?.type !== LOCK_HELD || !('locks' in navigator)) return;
    // Granted only once the Worker has let go of its lock: when it is gone.
    void navigator.locks.request(name, () => died('the simulation Worker stopped (closed, crashed or out of memory)'));
  });
  return l;
}

function retire(l: Live): void {
  l.retired = true;
  l.worker.terminate();
  if (live === l) live = null;
}

function current(): Live {
  return (live ??= start());
}

/** The Worker's API for quick calls (the inspector's stateAt, test hooks). */
export function sim(): Comlink.Remote<SimApi> {
  return current().api;
}

/** Starts the Worker now (at boot), so the first run does not wait for its module to load. */
export function warmUp(): void {
  current();
}

/**
 * Calls the Worker, racing the call against the watchdog: `timeoutMs` bounds it. Rejects with
 * WorkerFault on cancel, crash or timeout; the Worker is then replaced. A call still in flight
 * is cancelled first (it would block this one in the same Worker).
 */
export function guarded<T>(call: (api: Comlink.Remote<SimApi>) => Promise<T>, timeoutMs: number): Promise<T> {
  if (live?.fail) cancelRun('replaced by a newer run');
  const l = current();
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (f: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (l.fail === fail) l.fail = null;
      f();
    };
    const fail = (f: WorkerFault): void => finish(() => reject(f));
    const timer = setTimeout(() => {
      retire(l);
      fail(
        new WorkerFault(
          'timeout',
          `the simulation Worker did not answer within ${Math.round(timeoutMs / 1000)} s (stuck, or far slower than estimated)`,
        ),
      );
    }, timeoutMs);
    l.fail = fail;
    call(l.api).then(
      (r) => finish(() => resolve(r)),
      (e: unknown) =>
        fail(
          new WorkerFault(
            'crashed',
            `the simulation Worker failed: ${String((e as Error)?.message ?? e).slice(0, 80)}`,
          ),
        ),
    );
  });
}

export const runSim = (req: RunRequest, timeoutMs: number): Promise<RunResponse> =>
  guarded((api) => api.run(req) as Promise<RunResponse>, timeoutMs);

/** True while a run is in flight. */
export function running(): boolean {
  return !!live?.fail;
}

/** Cancels the run in flight (terminates the Worker; a fresh one starts on the next call). */
export function cancelRun(why = 'cancelled'): void {
  const l = live;
  if (!l?.fail) return;
  const fail = l.fail;
  retire(l);
  fail(new WorkerFault('cancelled', why));
}

/** Test hook: kill the Worker as a crash would, without telling the watchdog. */
export function killWorkerForTest(): void {
  live?.worker.terminate();
}
