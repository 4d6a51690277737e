/**
 * One requestAnimationFrame loop for the whole app (as Perfetto's RafScheduler): callers mark
 * layers dirty; each frame runs the animation steppers, then dirty base layers (each pane's
 * timeline) within a time budget — what does not fit waits for the next frame, so no single task
 * redraws four dense panes at once — then the overlays (cheap: cursor, rings, pulses).
 */
type Draw = () => void;

const base = new Map<Draw, boolean>();
const overlay = new Set<Draw>();
const steppers = new Set<(dtMs: number) => void>();
let dirtyOverlay = false;
let scheduled = false;
let last = 0;
/** Base-layer work per frame before the rest is deferred (ms). */
const BASE_BUDGET_MS = 12;
/** Frame durations (ms) recorded for the performance bench (window.__msixlab.frames). */
export const frameTimes: number[] = [];

function frame(now: number): void {
  scheduled = false;
  const t0 = performance.now();
  const dt = last ? Math.min(100, now - last) : 16;
  last = now;
  for (const s of steppers) s(dt);
  let deferred = false;
  for (const [d, dirty] of base) {
    if (!dirty) continue;
    if (performance.now() - t0 > BASE_BUDGET_MS) {
      deferred = true;
      break;
    }
    base.set(d, false);
    d();
  }
  if (dirtyOverlay) {
    dirtyOverlay = false;
    for (const d of overlay) d();
  }
  if (frameTimes.length < 100_000) frameTimes.push(performance.now() - t0);
  if (steppers.size > 0 || deferred) schedule();
  else last = 0;
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(frame);
}

export function redrawAll(): void {
  for (const d of base.keys()) base.set(d, true);
  dirtyOverlay = true;
  schedule();
}

/** Marks one base layer dirty (e.g. a pane scrolled into view after skipping redraws). */
export function redrawLayer(d: Draw): void {
  if (!base.has(d)) return;
  base.set(d, true);
  schedule();
}

export function redrawOverlay(): void {
  dirtyOverlay = true;
  schedule();
}

export function addLayer(kind: 'base' | 'overlay', d: Draw): () => void {
  if (kind === 'base') base.set(d, true);
  else overlay.add(d);
  redrawAll();
  return () => (kind === 'base' ? base.delete(d) : overlay.delete(d));
}

/** Runs fn(dt) every frame until removed (playback). */
export function addStepper(fn: (dtMs: number) => void): () => void {
  steppers.add(fn);
  schedule();
  return () => steppers.delete(fn);
}
