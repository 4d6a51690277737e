import { accFromJson, emptyAcc, mergeAcc, type PolicyAcc } from '../../core/sweep/acc.ts';
import type { SweepSpec, Unit } from '../../core/index.ts';
import type { LossyTrial, RunError, SweepUnitResult } from '../../worker/protocol.ts';

/** What the pool needs of one Worker (the real one is Comlink over sim.worker.ts; tests pass the service itself). */
export interface PoolWorker {
  sweepStart(spec: SweepSpec): Promise<void>;
  sweepUnit(unit: Unit): Promise<SweepUnitResult | RunError>;
  /** Stops the Worker now, whatever it is doing (Worker.terminate). */
  terminate(): void;
}

/** Per point, per policy: the merged accumulators (the same numbers `msix-lab sweep` merges). */
export type PageAccs = PolicyAcc[][];

export interface PoolProgress {
  /** Trials done, summed over the points. */
  done: number;
  total: number;
}

export interface PoolResult {
  accs: PageAccs;
  /** Lossy trials reported by the Workers, sorted by (point, policy, trial); see protocol.ts LossyTrial. */
  lossy: LossyTrial[];
  /** False when cancelled or failed: the figures cover only the trials done. */
  complete: boolean;
  error: RunError | null;
}

export interface PoolRun {
  done: Promise<PoolResult>;
  /** Terminates every Worker now and resolves `done` with what finished (partial). */
  cancel(): void;
  /** The merged accumulators so far (read by the throttled redraw; do not mutate). */
  accs: PageAccs;
  lossy: LossyTrial[];
  progress: PoolProgress;
}

/** Workers for a page: one per core minus one for the page itself, at least one. */
export function pageWorkers(cores: number | undefined): number {
  return Math.max(1, (cores ?? 2) - 1);
}

/**
 * Trials per unit: small enough that progress moves smoothly (about 24 units per Worker per point)
 * and that cancel loses little work, at most 32 so one unit stays well under a second, at least 1.
 */
export const MAX_CHUNK = 32;
export function chunkFor(trialsPerPoint: number, workers: number): number {
  return Math.max(1, Math.min(MAX_CHUNK, Math.ceil(trialsPerPoint / (workers * 24))));
}

/** Units in order: point by point, trials ascending (the core's makeUnits, without its module's machine). */
export function unitsFor(spec: SweepSpec, chunk: number): Unit[] {
  const units: Unit[] = [];
  const points = spec.vary ? spec.vary.values.length : 1;
  for (let p = 0; p < points; p++)
    for (let f = 0; f < spec.trials; f += chunk)
      units.push({ point: p, from: f, to: Math.min(spec.trials, f + chunk) });
  return units;
}

const lossyOrder = (a: LossyTrial, b: LossyTrial): number =>
  a.point - b.point || a.policy - b.policy || a.trial - b.trial;

/** Lossy trials the page lists per (point, policy). */
export const LOSSY_LIST = 100;

/**
 * Keeps, per (point, policy), the first LOSSY_LIST lossy trials and the first trial of each loss
 * count; sorted. Units report every lossy trial they ran (a unit has at most 32 trials, the
 * Worker's LOSSY_PER_UNIT), and an entry dropped here can never come back into either set as
 * more arrive, so the kept set does not depend on the order units finish in.
 */
export function pruneLossy(list: LossyTrial[]): LossyTrial[] {
  list.sort(lossyOrder);
  const out: LossyTrial[] = [];
  let key = '',
    n = 0,
    counts = new Set<number>();
  for (const l of list) {
    const k = `${l.point}/${l.policy}`;
    if (k !== key) {
      key = k;
      n = 0;
      counts = new Set();
    }
    if (n < LOSSY_LIST || !counts.has(l.lost)) out.push(l);
    n++;
    counts.add(l.lost);
  }
  return out;
}

/**
 * Runs a sweep on `workers` Workers, handing out one unit at a time to whichever is free. The merge
 * (acc.ts) is order-free, so the result equals the CLI's for the same spec whatever the pool size
 * (sweepPool.test.ts). The main thread only merges integers per unit: a few µs.
 */
export function runPagePool(spec: SweepSpec, workers: number, spawn: (i: number) => PoolWorker): PoolRun {
  const points = spec.vary ? spec.vary.values.length : 1;
  const units = unitsFor(spec, chunkFor(spec.trials, workers));
  const accs: PageAccs = Array.from({ length: points }, () => spec.policies.map(() => emptyAcc()));
  let lossy: LossyTrial[] = [];
  const progress: PoolProgress = { done: 0, total: spec.trials * points };
  const pool: PoolWorker[] = [];
  let next = 0,
    finished = 0,
    over = false;
  let resolve!: (r: PoolResult) => void;
  const done = new Promise<PoolResult>((res) => (resolve = res));
  const end = (complete: boolean, error: RunError | null = null): void => {
    if (over) return;
    over = true;
    for (const w of pool) w.terminate();
    run.lossy = lossy = pruneLossy(lossy);
    resolve({ accs, lossy, complete, error });
  };
  const feed = async (w: PoolWorker): Promise<void> => {
    while (!over && next < units.length) {
      const u = units[next++]!;
      let r: SweepUnitResult | RunError;
      try {
        r = await w.sweepUnit(u);
      } catch (e) {
        if (!over) end(false, { ok: false, message: `a sweep Worker failed: ${String(e).slice(0, 120)}`, path: '' });
        return;
      }
      if (over) return;
      if (!r.ok) return end(false, r);
      r.accs.forEach((j, i) => mergeAcc(accs[u.point]![i]!, accFromJson(j, 'worker')));
      for (const l of r.lossy) lossy.push(l);
      if (lossy.length > 20_000) run.lossy = lossy = pruneLossy(lossy);
      progress.done += u.to - u.from;
      if (++finished === units.length) end(true);
    }
  };
  const run: PoolRun = { done, cancel: () => end(false), accs, lossy, progress };
  if (units.length === 0) queueMicrotask(() => end(true));
  const n = Math.max(1, Math.min(workers, units.length));
  for (let i = 0; i < n && units.length > 0; i++) {
    const w = spawn(i);
    pool.push(w);
    void w.sweepStart(spec).then(
      () => feed(w),
      (e: unknown) => end(false, { ok: false, message: `a sweep Worker failed to start: ${String(e)}`, path: '' }),
    );
  }
  return run;
}
