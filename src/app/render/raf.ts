/**
 * One requestAnimationFrame loop for the whole app (as Perfetto's RafScheduler): callers mark
 * layers dirty; each frame runs the animation steppers first, then redraws what is dirty, once.
 */
type Draw = () => void;

const base = new Set<Draw>();
const overlay = new Set<Draw>();
const steppers = new Set<(dtMs: number) => void>();
let dirtyBase = false;
let dirtyOverlay = false;
let scheduled = false;
let last = 0;
/** Frame durations (ms) recorded for the performance bench (window.__msixlab.frames). */
export const frameTimes: number[] = [];

function frame(now: number): void {
  scheduled = false;
  const t0 = performance.now();
  const dt = last ? Math.min(100, now - last) : 16;
  last = now;
  for (const s of steppers) s(dt);
  if (dirtyBase) {
    dirtyBase = false;
    for (const d of base) d();
  }
  if (dirtyOverlay) {
    dirtyOverlay = false;
    for (const d of overlay) d();
  }
  if (frameTimes.length < 100_000) frameTimes.push(performance.now() - t0);
  if (steppers.size > 0) schedule();
  else last = 0;
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(frame);
}

export function redrawAll(): void {
  dirtyBase = dirtyOverlay = true;
  schedule();
}

export function redrawOverlay(): void {
  dirtyOverlay = true;
  schedule();
}

export function addLayer(kind: 'base' | 'overlay', d: Draw): () => void {
  (kind === 'base' ? base : overlay).add(d);
  redrawAll();
  return () => (kind === 'base' ? base : overlay).delete(d);
}

/** Runs fn(dt) every frame until removed (playback). */
export function addStepper(fn: (dtMs: number) => void): () => void {
  steppers.add(fn);
  schedule();
  return () => steppers.delete(fn);
}
