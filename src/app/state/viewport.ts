/**
 * The shared time viewport and cursor: changes at 60 fps during playback, zoom and pan, so it is
 * a plain mutable object, not React state. Everything that draws subscribes; a single rAF
 * scheduler (render/raf.ts) coalesces redraws.
 */
export interface Viewport {
  /** Full extent of the run, ns. */
  extent: [number, number];
  /** Visible window, ns. */
  domain: [number, number];
  /** Playback cursor, ns. */
  cursor: number;
}

type Listener = (what: 'domain' | 'cursor') => void;

const vp: Viewport = { extent: [0, 1], domain: [0, 1], cursor: 0 };
const listeners = new Set<Listener>();

export function viewport(): Readonly<Viewport> {
  return vp;
}

export function onViewport(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function emit(what: 'domain' | 'cursor'): void {
  for (const l of listeners) l(what);
}

export function setExtent(end: number): void {
  const pad = Math.max(1, end * 0.02);
  vp.extent = [0, end + pad];
  vp.domain = [0, end + pad];
  vp.cursor = Math.min(vp.cursor, end);
  emit('domain');
}

/** Sets the visible window, clamped to the extent, at least 50 ns wide. */
export function setDomain(t0: number, t1: number): void {
  const [e0, e1] = vp.extent;
  let w = Math.max(50, Math.min(t1 - t0, e1 - e0));
  let a = Math.max(e0, Math.min(t0, e1 - w));
  if (!Number.isFinite(a)) a = e0;
  if (!Number.isFinite(w)) w = e1 - e0;
  vp.domain = [a, a + w];
  emit('domain');
}

export function zoomBy(factor: number, around = vp.cursor): void {
  const [a, b] = vp.domain;
  const c = Math.min(b, Math.max(a, around));
  setDomain(c - (c - a) / factor, c + (b - c) / factor);
}

export function panBy(fraction: number): void {
  const [a, b] = vp.domain;
  const d = (b - a) * fraction;
  setDomain(a + d, b + d);
}

export function resetZoom(): void {
  setDomain(vp.extent[0], vp.extent[1]);
}

/** Moves the cursor; if it leaves the visible window, the window follows. */
export function setCursor(t: number, follow = true): void {
  const [e0, e1] = vp.extent;
  vp.cursor = Math.max(e0, Math.min(e1, t));
  emit('cursor');
  if (follow) {
    const [a, b] = vp.domain;
    if (vp.cursor < a || vp.cursor > b) {
      const w = b - a;
      setDomain(vp.cursor - w * 0.2, vp.cursor + w * 0.8);
    }
  }
}
