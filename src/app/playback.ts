import { firstAtOrAfter, Outcome } from '../core/analysis/timeline.ts';
import { getRun } from './state/runData.ts';
import { useApp } from './state/store.ts';
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
  for (const p of run.runs) all.push(...p.timeline.notable);
  all.sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of all) if (!out.length || out[out.length - 1] !== x) out.push(x);
  return Float64Array.from(out);
}

let notableCache: { v: number; times: Float64Array } = { v: -1, times: new Float64Array() };
function notable(): Float64Array {
  const v = useApp.getState().runVersion;
  if (notableCache.v !== v) notableCache = { v, times: notableTimes() };
  return notableCache.times;
}

export function stepEvent(dir: 1 | -1): void {
  const ts = notable();
  const c = viewport().cursor;
  const i = dir > 0 ? firstAtOrAfter(ts, c + 1) : firstAtOrAfter(ts, c) - 1;
  if (i >= 0 && i < ts.length) setCursor(ts[i]!);
}

/** Jumps to the next (or previous) lost interrupt in any pane, and selects it. O(raises) per press. */
export function nextLoss(dir: 1 | -1 = 1): boolean {
  const run = getRun();
  if (!run) return false;
  const c = viewport().cursor;
  let best: { t: number; pane: number; i: number } | null = null;
  run.runs.forEach((p, pane) => {
    const R = p.timeline.raises;
    for (let i = 0; i < R.n; i++) {
      if (R.outcome[i] !== Outcome.LOST) continue;
      const t = R.end[i]!;
      if (dir > 0 ? t > c && (!best || t < best.t) : t < c && (!best || t > best.t)) best = { t, pane, i };
    }
  });
  if (!best) return false;
  const b: { t: number; pane: number; i: number } = best;
  setCursor(b.t);
  useApp.getState().select({ pane: b.pane, row: raiseRow(run.runs[b.pane]!.timeline, b.i) });
  return true;
}

let stopStepper: (() => void) | null = null;
let reducedAcc = 0;

/** Starts or stops playback. Under reduced motion the cursor jumps event to event twice a second. */
export function setPlaying(on: boolean): void {
  useApp.getState().set({ playing: on });
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
