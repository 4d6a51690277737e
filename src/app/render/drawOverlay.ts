import { firstAtOrAfter, Outcome, type Timeline } from '../../core/analysis/timeline.ts';
import { GUTTER, type TimeScale } from './geometry.ts';
import type { PaneLayout } from './layout.ts';
import type { Palette } from './palette.ts';

export interface OverlayState {
  cursor: number;
  /** Raise index to ring (hovered or selected raise, matched across panes), -1 for none. */
  hoverRaise: number;
  selectedRaise: number;
  /** Time of the selected non-raise event, or -1. */
  selectedT: number;
  /** Playback flash: raises in (cursor - flashNs, cursor] pulse. 0 = off (reduced motion). */
  flashNs: number;
}

/** Cursor, hover ring, selection and the in-flight pulse of raises just passed by the cursor. */
export function drawOverlay(ctx: CanvasRenderingContext2D, width: number, L: PaneLayout, tl: Timeline, x: TimeScale, P: Palette, s: OverlayState): void {
  ctx.clearRect(0, 0, width, L.height);
  const R = tl.raises;
  if (s.flashNs > 0) {
    const lo = firstAtOrAfter(R.t, s.cursor - s.flashNs), hi = firstAtOrAfter(R.t, s.cursor + 1);
    for (let i = Math.max(lo, hi - 400); i < hi; i++) {
      const row = L.rows[L.rowOfVector[R.vec[i]!]!];
      if (!row) continue;
      const age = (s.cursor - R.t[i]!) / s.flashNs;
      const px = x(R.t[i]!);
      if (px < GUTTER) continue;
      ctx.strokeStyle = R.outcome[i] === Outcome.LOST ? P.lost : R.outcome[i] === Outcome.DIRECT ? P.delivered : P.late;
      ctx.globalAlpha = Math.max(0, 1 - age);
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(px, row.y + row.h / 2, 3 + age * 9, 0, Math.PI * 2);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1;
  }
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
  const cx = x(s.cursor);
  if (cx >= GUTTER && cx <= width) {
    ctx.fillStyle = P.cursor;
    ctx.fillRect(Math.round(cx) - 1, 0, 2, L.height);
  }
}
