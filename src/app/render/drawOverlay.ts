import { firstAtOrAfter, Outcome, type Timeline } from '../../core/analysis/timeline.ts';
import { GUTTER, type TimeScale } from './geometry.ts';
import type { PaneLayout } from './layout.ts';
import type { Palette } from './palette.ts';
import type { Ctx2D } from './surface.ts';

export interface OverlayState {
  /** Raise index to ring (hovered or selected raise, matched across panes), -1 for none. */
  hoverRaise: number;
  selectedRaise: number;
  /** Time of the selected non-raise event, or -1. */
  selectedT: number;
  /** Spoiler veil (an unanswered question, state/teach.ts): everything after this time is covered; -1 or absent for none. */
  veilFrom?: number;
}

/** Width (CSS px) of the strip canvas that travels with the cursor; the cursor sits at PULSE_AT. */
export const PULSE_W = 176;
export const PULSE_AT = 160;

/**
 * The cursor and the in-flight pulses of raises it just passed, drawn into a narrow canvas that
 * moves with the cursor (a CSS transform): playback repaints a strip, not four full panes.
 * `x` maps time to pane coordinates; the strip's left edge is at pane x = cursorX - PULSE_AT.
 */
export function drawPulse(
  ctx: Ctx2D,
  L: PaneLayout,
  tl: Timeline,
  x: TimeScale,
  P: Palette,
  cursor: number,
  flashNs: number,
): void {
  ctx.clearRect(0, 0, PULSE_W, L.height);
  const cx = x(cursor);
  const dx = PULSE_AT - cx;
  if (flashNs > 0) {
    const R = tl.raises;
    const lo = firstAtOrAfter(R.t, cursor - flashNs),
      hi = firstAtOrAfter(R.t, cursor + 1);
    ctx.lineWidth = 2;
    for (let i = Math.max(lo, hi - 400); i < hi; i++) {
      const row = L.rows[L.rowOfVector[R.vec[i]!]!];
      if (!row) continue;
      const px = x(R.t[i]!);
      if (px < GUTTER) continue;
      const age = (cursor - R.t[i]!) / flashNs;
      ctx.strokeStyle = R.outcome[i] === Outcome.LOST ? P.lost : R.outcome[i] === Outcome.DIRECT ? P.delivered : P.late;
      ctx.globalAlpha = Math.max(0, 1 - age);
      ctx.beginPath();
      ctx.arc(px + dx, row.y + row.h / 2, 3 + age * 9, 0, Math.PI * 2);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1;
  }
  ctx.fillStyle = P.cursor;
  ctx.fillRect(PULSE_AT - 1, 0, 2, L.height);
}

/** Hover and selection rings (matched across panes) and a selected event's time line. */
export function drawOverlay(
  ctx: Ctx2D,
  width: number,
  L: PaneLayout,
  tl: Timeline,
  x: TimeScale,
  P: Palette,
  s: OverlayState,
): void {
  ctx.clearRect(0, 0, width, L.height);
  const R = tl.raises;
  const ring = (i: number, color: string, r: number): void => {
    if (i < 0 || i >= R.n) return;
    const row = L.rows[L.rowOfVector[R.vec[i]!]!];
    if (!row) return;
    const px = x(R.t[i]!);
    if (px < GUTTER || px > width) return;
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(px, row.y + row.h / 2, r, 0, Math.PI * 2);
    ctx.stroke();
    if (R.end[i]! > R.t[i]!) {
      ctx.beginPath();
      ctx.moveTo(px, row.y + row.h / 2);
      ctx.lineTo(Math.min(width, x(R.end[i]!)), row.y + row.h / 2);
      ctx.stroke();
    }
    ctx.lineWidth = 1;
  };
  ring(s.hoverRaise, P.hover, 7);
  ring(s.selectedRaise, P.select, 9);
  if (s.selectedT >= 0) {
    const px = x(s.selectedT);
    if (px >= GUTTER && px <= width) {
      ctx.fillStyle = P.select;
      ctx.fillRect(px - 1, 0, 2, L.height);
    }
  }
  if (s.veilFrom !== undefined && s.veilFrom >= 0) drawVeil(ctx, width, L, x, P, s.veilFrom);
}

/**
 * The spoiler veil: covers the pane after `t0` (from 4 px before it, so the mark of a raise at
 * exactly t0, whose colour is its outcome, is covered too) until the learner answers.
 */
function drawVeil(ctx: Ctx2D, width: number, L: PaneLayout, x: TimeScale, P: Palette, t0: number): void {
  const vx = Math.max(GUTTER, x(t0) - 4);
  if (vx >= width) return;
  // Opaque: at 96 % the lost ✕ marks behind it still showed faintly (seen in a 1280x720 screenshot).
  ctx.fillStyle = P.bg;
  ctx.fillRect(vx, 0, width - vx, L.height);
  ctx.fillStyle = P.select;
  ctx.fillRect(vx, 0, 2, L.height);
  ctx.fillStyle = P.muted;
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillText('? hidden until you answer', vx + 8, 16);
}
