import { computeMetrics } from '../analysis/metrics.ts';
import { Ev, Loss } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { simulate } from '../machine/simulate.ts';
import type { ResolvedPolicy } from '../policies/index.ts';
import type { Scenario, Step } from '../scenario/schema.ts';
import { Q, type TrialFold } from './fold.ts';

/** The fold's shape and fixed-point unit live in fold.ts (the page's summaries import them without the machine). */
export { Q, type TrialFold };

type Traffic = Extract<Step, { op: 'raise' | 'poisson' | 'burst' }>;

/**
 * The closed form for one window [t0, t1): every raise in it is lost (the host has MSI-X Enable 0,
 * so the device's message goes nowhere: intx() in vfio-pci.ts / pci-assign.ts). Poisson stream j
 * (rate λ_j = 1/meanNs on (at, until]) puts Poisson(λ_j·o_j) raises in it, o_j the overlap; fixed
 * raises (a stream's first raise at `at`, periodic and burst raises) fall in it or not. So
 * P(loss) = 1 − e^(−Σλ_j·o_j) (1 if a fixed raise falls in it) and E[lost] = Σλ_j·o_j + fixed.
 * Raises exactly at t0 or t1 are counted as in [t0, t1) (their order against the window's own
 * events is a tie; Poisson streams hit it with probability 0).
 */
export function windowExpectation(traffic: readonly Traffic[], t0: number, t1: number): { p: number; mean: number } {
  let rate = 0,
    fixed = 0;
  const inWin = (t: number): boolean => t >= t0 && t < t1;
  for (const st of traffic) {
    if (st.op === 'poisson') {
      if (inWin(st.at)) fixed++;
      const o = Math.min(t1, st.until) - Math.max(t0, st.at);
      if (o > 0) rate += o / st.meanNs;
    } else if (st.op === 'raise') {
      if (st.every === undefined) {
        if (inWin(st.at)) fixed++;
        continue;
      }
      const until = st.until ?? st.at;
      const j0 = Math.max(0, Math.ceil((t0 - st.at) / st.every));
      for (let t = st.at + j0 * st.every; t < t1 && t <= until; t += st.every) fixed++;
    } else {
      for (let j = 0; j < st.count; j++) {
        const t = st.at + j * st.spacingNs;
        if (t >= t1) break;
        if (t >= t0) fixed++;
      }
    }
  }
  return { p: fixed > 0 ? 1 : 1 - Math.exp(-rate), mean: rate + fixed };
}

/** Folds one log (see TrialFold for the attribution rule). */
export function foldLog(
  log: LogColumns,
  traffic: readonly Traffic[],
): Omit<
  TrialFold,
  'raised' | 'neverDelivered' | 'spuriousInjections' | 'deliveredWhileMasked' | 'hostIrqsPeak' | 'cpuVectorsPeak'
> {
  const lossy = new Set<number>();
  /** Host op seq -> PBA bits its disable cleared (those rows come just before the WINDOW_OPEN they belong to). */
  const cleared = new Map<number, number>();
  let resizes = 0,
    lostInWindows = 0,
    pbaClearedAtResize = 0,
    lost = 0,
    windowNs = 0,
    open = -1;
  let expLossyQ = 0n,
    expLostQ = 0n;
  for (let i = 0; i < log.length; i++) {
    const k = log.kind[i];
    if (k === Ev.WINDOW_OPEN) {
      resizes++;
      open = i;
      pbaClearedAtResize += cleared.get(log.cause[i]!) ?? 0;
      const t0 = log.t[i]!,
        len = log.c[i]!;
      const e = windowExpectation(traffic, t0, t0 + len);
      expLossyQ += BigInt(Math.round(e.p * Q));
      expLostQ += BigInt(Math.round(e.mean * Q));
    } else if (k === Ev.WINDOW_CLOSE) {
      windowNs += log.c[i]!;
      open = -1;
    } else if (k === Ev.LOST) {
      lost++;
      const cause = log.b[i];
      if (cause === Loss.PBA_CLEARED) {
        // Points at the HOST_DISABLE row, which points at the host op (ioctl) the window also points at.
        const d = log.cause[i]!;
        const key = d >= 0 && log.kind[d] === Ev.HOST_DISABLE ? log.cause[d]! : d;
        cleared.set(key, (cleared.get(key) ?? 0) + 1);
      }
      const win = cause === Loss.RESIZE_WINDOW ? log.cause[i]! : cause === Loss.HOST_MSIX_OFF ? open : -1;
      if (win >= 0) {
        lostInWindows++;
        lossy.add(win);
      }
    }
  }
  return { resizes, lossyResizes: lossy.size, lostInWindows, pbaClearedAtResize, lost, windowNs, expLossyQ, expLostQ };
}

/** Runs trial scenario `s` (already randomised, seed set) under `policy` and folds it. */
export function runTrial(s: Scenario, policy: ResolvedPolicy): TrialFold {
  const r = simulate(s, policy);
  // The log's own columns, not trimmed copies (columns() copies all seven): every reader here stops
  // at log.length, and the log is dropped when this returns. Saves a copy of every row per trial.
  const log: LogColumns = r.log;
  const m = computeMetrics(log, r.final, r.settings.reservationMode);
  const traffic = s.steps.filter((st): st is Traffic => st.op === 'raise' || st.op === 'poisson' || st.op === 'burst');
  return {
    ...foldLog(log, traffic),
    raised: m.raised,
    neverDelivered: m.neverDelivered,
    spuriousInjections: m.spuriousInjections,
    deliveredWhileMasked: m.deliveredWhileMasked,
    hostIrqsPeak: m.hostVectorsPeak,
    cpuVectorsPeak: m.cpuVectorsPeak,
  };
}
