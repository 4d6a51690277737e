import { firstAtOrAfter } from '../core/analysis/timeline.ts';
import { Ev } from '../core/engine/events.ts';
import { fmtNs } from '../core/format/time.ts';
import { col } from '../core/engine/schema.ts';
import { nearestLoss, type LossKey } from './lossOrder.ts';
import { getRun } from './state/runData.ts';
import { useApp } from './state/store.ts';
import { veilFrom } from './state/teach.ts';
import { setCursor, viewport } from './state/viewport.ts';
import { addStepper, redrawOverlay } from './render/raf.ts';
import { raiseRow } from './render/hitTest.ts';

/** True when the user asked the system for less motion: playback then steps event to event. */
export function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** How far back (ns) raises pulse behind the cursor: 1/8 s of playback; 0 under reduced motion. */
export function playbackFlashNs(): number {
  const st = useApp.getState();
  return st.playing && !reducedMotion() ? st.speed / 8 : 0;
}

/** Distinct notable times across every pane (steps land on these). */
function notableTimes(): Float64Array {
  const run = getRun();
  if (!run) return new Float64Array();
  const all: number[] = [];
  // A loop, not push(...): a pane can have more notable times than a call may take arguments.
  for (const p of run.runs) for (const t of p.timeline.notable) all.push(t);
  all.sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of all) if (!out.length || out[out.length - 1] !== x) out.push(x);
  return Float64Array.from(out);
}

/** Keyed by the run object: runData replaces it (never mutates it) on each new run. */
let notableCache: { run: object | null | undefined; times: Float64Array } = {
  run: undefined,
  times: new Float64Array(),
};
function notable(): Float64Array {
  const run = getRun();
  if (notableCache.run !== run) notableCache = { run, times: notableTimes() };
  return notableCache.times;
}

export function stepEvent(dir: 1 | -1): void {
  const ts = notable();
  const c = viewport().cursor;
  const i = dir > 0 ? firstAtOrAfter(ts, c + 1) : firstAtOrAfter(ts, c) - 1;
  if (i >= 0 && i < ts.length) setCursor(ts[i]!);
}

/** Says something to screen readers (and shows it briefly in the transport bar). */
export function announce(text: string): void {
  const el = document.getElementById('live-status');
  if (el) el.textContent = text;
}

const LOST_RAISE = col(Ev.LOST, 'raise');

/**
 * Jumps to the next (or previous) lost interrupt in any pane and selects it. Losses are ordered
 * by (time, pane, raise), so simultaneous losses in several panes are each visited. Each pane's
 * loss index is binary-searched (lossOrder.ts): O(panes · log losses).
 */
export function nextLoss(dir: 1 | -1 = 1): boolean {
  const run = getRun();
  if (!run) return false;
  if (veilFrom() >= 0) {
    announce('Answer the question first: the losses are hidden until you do.');
    return false;
  }
  const st = useApp.getState();
  // Where we are: the selected loss, or the cursor.
  let at: LossKey = [viewport().cursor, dir > 0 ? Infinity : -Infinity, 0];
  const sel = st.selected;
  if (sel) {
    const p = run.runs[sel.pane];
    if (p && p.log.kind[sel.row] === Ev.LOST) at = [p.log.t[sel.row]!, sel.pane, p.log[LOST_RAISE][sel.row]!];
  }
  const best = nearestLoss(
    run.runs.map((p) => p.timeline),
    at,
    dir,
  );
  if (!best) {
    announce(dir > 0 ? 'No more lost interrupts after this point.' : 'No lost interrupts before this point.');
    return false;
  }
  const [t, pane, i] = best;
  setCursor(t);
  useApp.getState().select({ pane, row: raiseRow(run.runs[pane]!.timeline, i) });
  announce(`${run.runs[pane]!.policy}: raise on vector ${run.runs[pane]!.timeline.raises.vec[i]} lost at ${fmtNs(t)}.`);
  return true;
}

let stopStepper: (() => void) | null = null;
let reducedAcc = 0;

/** Starts or stops playback. Under reduced motion the cursor jumps event to event twice a second. */
export function setPlaying(on: boolean): void {
  if (on) useApp.getState().play();
  else useApp.getState().pause();
  stopStepper?.();
  stopStepper = null;
  if (!on) {
    redrawOverlay();
    return;
  }
  const [, end] = viewport().extent;
  if (viewport().cursor >= end - 1) setCursor(0);
  reducedAcc = 0;
  stopStepper = addStepper((dt) => {
    const st = useApp.getState();
    if (reducedMotion()) {
      reducedAcc += dt;
      if (reducedAcc < 500) return;
      reducedAcc = 0;
      const before = viewport().cursor;
      stepEvent(1);
      if (viewport().cursor === before) setPlaying(false);
      return;
    }
    const next = viewport().cursor + (st.speed * dt) / 1000;
    setCursor(next);
    if (next >= viewport().extent[1]) setPlaying(false);
  });
}
