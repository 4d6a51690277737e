import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  accFromJson,
  emptyAccs,
  makeUnits,
  mergeAcc,
  type Accs,
  type PolicyAccJson,
  type SweepSpec,
  type Unit,
} from '../core/index.ts';

const BOOT = new URL('./sweep-worker-boot.mjs', import.meta.url);

export const defaultWorkers = (): number => availableParallelism();

export interface PoolRun {
  /** Resolves with the merged accumulators when every unit is done, or early after stop(). */
  done: Promise<{ accs: Accs; complete: boolean }>;
  /** Stops handing out units, terminates the workers, and resolves `done` with what finished. */
  stop(): void;
}

/**
 * Runs the units of `range` on `workers` worker_threads, handing out one unit at a time (the next
 * to whichever worker is free). The merge is order-free (acc.ts), so the result does not depend on
 * the number of workers or on which worker ran what.
 */
export function runPool(
  spec: SweepSpec,
  range: { from: number; to: number },
  workers: number,
  onProgress: (trialsDone: number, trialsTotal: number) => void = () => {},
): PoolRun {
  const perPoint = range.to - range.from;
  const npoints = spec.vary ? spec.vary.values.length : 1;
  // Small units balance the load; big ones amortise the message cost: ~8 units per worker per
  // point, at most 64 trials a unit unless that would make more than 10^4 units a point (memory).
  const chunk = Math.max(1, Math.min(Math.ceil(perPoint / (workers * 8)), Math.max(64, Math.ceil(perPoint / 10_000))));
  const units = makeUnits(spec, range, chunk);
  const total = perPoint * npoints;
  const accs = emptyAccs(spec);
  let next = 0,
    finished = 0,
    doneTrials = 0,
    stopped = false;
  const pool: Worker[] = [];
  let resolve!: (r: { accs: Accs; complete: boolean }) => void, reject!: (e: Error) => void;
  const done = new Promise<{ accs: Accs; complete: boolean }>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const end = (complete: boolean): void => {
    stopped = true;
    for (const w of pool) void w.terminate();
    resolve({ accs, complete });
  };
  const feed = (w: Worker): void => {
    if (stopped) return;
    if (next < units.length) w.postMessage(units[next++]);
  };
  if (units.length === 0) {
    queueMicrotask(() => end(true));
    return { done, stop: () => {} };
  }
  const n = Math.max(1, Math.min(workers, units.length));
  for (let i = 0; i < n; i++) {
    const w = new Worker(BOOT, { workerData: spec });
    pool.push(w);
    w.on('message', (m: { unit: Unit; accs?: PolicyAccJson[]; error?: string }) => {
      if (stopped) return;
      if (m.error !== undefined) {
        stopped = true;
        for (const x of pool) void x.terminate();
        reject(new Error(m.error));
        return;
      }
      m.accs!.forEach((j, k) => mergeAcc(accs[m.unit.point]![k]!, accFromJson(j, 'worker')));
      doneTrials += m.unit.to - m.unit.from;
      onProgress(doneTrials, total);
      if (++finished === units.length) end(true);
      else feed(w);
    });
    w.on('error', (e) => {
      if (stopped) return;
      stopped = true;
      for (const x of pool) void x.terminate();
      reject(e);
    });
    feed(w);
  }
  return {
    done,
    stop: () => {
      if (!stopped) end(false);
    },
  };
}
