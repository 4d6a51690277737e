import { useEffect, useRef } from 'react';
import { useRun } from '../state/runData.ts';
import { SPEEDS, useApp } from '../state/store.ts';
import { setCursor, setDomain, viewport } from '../state/viewport.ts';
import { addLayer, redrawAll, redrawOverlay } from '../render/raf.ts';
import { nextLoss, setPlaying, stepEvent } from '../playback.ts';
import { palette } from '../render/palette.ts';
import { fmtTime } from '../render/format.ts';
import { readoutGate, setText } from '../render/liveText.ts';
import { onSpoilersChange, veilFrom } from '../state/teach.ts';

/**
 * Playback controls (always visible) and the overview strip: the whole run with every pane's
 * losses and windows, the visible window as a box, and the cursor. Click or drag it to scrub.
 */
export function Transport() {
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  // The effect below (overview cache, pointer handlers) is rebuilt for each new run.
  const run = useRun();
  const timeRef = useRef<HTMLOutputElement>(null);
  const ovRef = useRef<HTMLCanvasElement>(null);
  const liveRef = useRef<HTMLOutputElement>(null);

  useEffect(() => {
    const c = ovRef.current!;
    const ctx = c.getContext('2d')!;
    // The run's losses and windows are drawn once per run, size and theme into an offscreen
    // canvas by a base layer (so it gets a frame budget of its own); each frame's overlay only
    // copies it and adds the visible-window box and the cursor. The width comes from the
    // ResizeObserver, never from a synchronous layout read.
    let cache: HTMLCanvasElement | null = null;
    let cacheKey = '';
    let lastKey = '';
    const readoutDue = readoutGate();
    let w = 0;
    const h = 30;
    const buildCache = (): void => {
      const dpr = window.devicePixelRatio || 1;
      const P = palette();
      const [e0, e1] = viewport().extent;
      // An unanswered question (state/teach.ts) hides the marks after its moment.
      const veil = veilFrom();
      const until = veil >= 0 ? veil : Infinity;
      const ck = `${w}|${dpr}|${P.window}|${P.rowAlt}|${e1}|${veil}`;
      if (w === 0 || ck === cacheKey) return;
      cacheKey = ck;
      const X = (t: number): number => ((t - e0) / (e1 - e0)) * w;
      const next = document.createElement('canvas');
      next.width = Math.round(w * dpr);
      next.height = Math.round(h * dpr);
      const g = next.getContext('2d')!;
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      if (run) {
        const n = run.runs.length;
        const bh = (h - 4) / n;
        run.runs.forEach((p, k) => {
          const y = 2 + k * bh;
          g.fillStyle = P.rowAlt;
          g.fillRect(0, y, w, bh - 1);
          const W = p.timeline.windows;
          g.fillStyle = P.window;
          for (let i = 0; i < W.n && W.open[i]! <= until; i++)
            g.fillRect(X(W.open[i]!), y, Math.max(1, X(Math.min(W.close[i]!, until)) - X(W.open[i]!)), bh - 1);
          // From the loss index (losses sorted by end time): O(losses), not O(raises), so a
          // rebuild (new width, theme or run) never walks a million raises on the main thread.
          const L = p.timeline.losses;
          for (let i = 0; i < L.n && L.end[i]! <= until; i++) g.fillRect(Math.floor(X(L.end[i]!)), y, 1, bh - 1);
        });
      }
      cache = next;
      lastKey = '';
      redrawOverlay();
    };
    const draw = (): void => {
      if (w === 0) return;
      const dpr = window.devicePixelRatio || 1;
      const P = palette();
      const [e0, e1] = viewport().extent;
      const [a, b] = viewport().domain;
      const cur = viewport().cursor;
      const X = (t: number): number => ((t - e0) / (e1 - e0)) * w;
      // The readout and the slider's aria values: a few times a second while playing (liveText.ts).
      if (readoutDue(useApp.getState().playing, performance.now())) {
        setText(timeRef.current, `t = ${fmtTime(cur)}`);
        const now = String(Math.round((100 * (cur - e0)) / (e1 - e0)));
        if (c.getAttribute('aria-valuenow') !== now) c.setAttribute('aria-valuenow', now);
        c.setAttribute('aria-valuetext', fmtTime(cur));
      }
      // The strip is redrawn only when the cursor moves by a device pixel (not on every frame of
      // slow playback, where it moves a fraction of one).
      const key = `${w}|${dpr}|${P.window}|${a}|${b}|${Math.round(X(cur) * dpr)}|${cacheKey}`;
      if (key === lastKey) return;
      lastKey = key;
      if (c.width !== Math.round(w * dpr)) {
        c.width = Math.round(w * dpr);
        c.height = Math.round(h * dpr);
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, c.width, c.height);
      if (cache) ctx.drawImage(cache, 0, 0);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      if (b - a < (e1 - e0) * 0.98) {
        ctx.strokeStyle = P.hover;
        ctx.lineWidth = 2;
        ctx.strokeRect(X(a) + 1, 1, Math.max(2, X(b) - X(a) - 2), h - 2);
      }
      ctx.fillStyle = P.cursor;
      ctx.fillRect(Math.min(w - 3, Math.max(0, X(cur) - 1.5)), 0, 3, h);
    };
    let dragging = false;
    const scrub = (e: PointerEvent): void => {
      const r = c.getBoundingClientRect();
      const [e0, e1] = viewport().extent;
      const t = e0 + ((e.clientX - r.left) / r.width) * (e1 - e0);
      setCursor(t);
      const [a, b] = viewport().domain;
      if (t < a || t > b) setDomain(t - (b - a) / 2, t + (b - a) / 2);
    };
    const down = (e: PointerEvent): void => {
      dragging = true;
      c.setPointerCapture(e.pointerId);
      scrub(e);
    };
    const move = (e: PointerEvent): void => {
      if (dragging) scrub(e);
    };
    const up = (): void => {
      dragging = false;
    };
    c.addEventListener('pointerdown', down);
    c.addEventListener('pointermove', move);
    c.addEventListener('pointerup', up);
    // Drawn in the shared rAF loop (with the pane overlays), never synchronously on each event.
    const offCache = addLayer('base', buildCache);
    const off = addLayer('overlay', draw);
    const offTeach = onSpoilersChange(redrawAll);
    const ro = new ResizeObserver((entries) => {
      w = entries[0]!.contentRect.width;
      redrawAll();
    });
    ro.observe(c);
    return () => {
      off();
      offCache();
      offTeach();
      ro.disconnect();
      c.removeEventListener('pointerdown', down);
      c.removeEventListener('pointermove', move);
      c.removeEventListener('pointerup', up);
    };
  }, [run]);

  return (
    <div className="transport" role="toolbar" aria-label="playback">
      <button className="btn" onClick={() => stepEvent(-1)} aria-label="previous event" title="Previous event (←)">
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M3 2h2v12H3zM14 2v12L6 8z" />
        </svg>
      </button>
      <button
        className="btn primary play"
        onClick={() => setPlaying(!playing)}
        aria-label={playing ? 'pause' : 'play'}
        title="Play / pause (Space)"
        data-testid="play"
      >
        {playing ? (
          <>
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M3 2h4v12H3zM9 2h4v12H9z" />
            </svg>{' '}
            Pause
          </>
        ) : (
          <>
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M3 2v12l11-6z" />
            </svg>{' '}
            Play
          </>
        )}
      </button>
      <button className="btn" onClick={() => stepEvent(1)} aria-label="next event" title="Next event (→)">
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M11 2h2v12h-2zM2 2v12l8-6z" />
        </svg>
      </button>
      <button
        className="btn"
        onClick={() => nextLoss(1)}
        title="Jump to the next lost interrupt (L)"
        data-testid="next-loss"
      >
        next loss ⚠
      </button>
      <div className="field">
        <label htmlFor="speed">speed</label>
        <select id="speed" className="btn" value={speed} onChange={(e) => useApp.getState().setSpeed(+e.target.value)}>
          {SPEEDS.map((s) => (
            <option key={s.ns} value={s.ns}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <output className="time" ref={timeRef} data-testid="cursor-time" aria-live="off">
        t = 0 ns
      </output>
      <div className="overview">
        <canvas
          ref={ovRef}
          role="slider"
          aria-label="scrub through the run (losses marked in red)"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={0}
          tabIndex={0}
          data-testid="overview"
          onKeyDown={(e) => {
            const [e0, e1] = viewport().extent;
            if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
              e.preventDefault();
              e.stopPropagation();
              setCursor(viewport().cursor + ((e.key === 'ArrowRight' ? 1 : -1) * (e1 - e0)) / 100);
            }
          }}
        />
      </div>
      <output className="status" id="live-status" aria-live="polite" ref={liveRef} data-testid="live" />
    </div>
  );
}
