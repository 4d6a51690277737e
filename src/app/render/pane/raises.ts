import { forHeldOverlapping, Outcome } from '../../../core/analysis/timeline.ts';
import { GUTTER } from '../geometry.ts';
import { binRaises } from '../lod.ts';
import type { LaneContext } from './context.ts';

/** Every raise in the window, binned per pixel and row (worst outcome wins), losses on top. */
export function drawRaises(c: LaneContext): void {
  const { ctx, width, L, tl, x, t0, t1, P } = c;
  const R = tl.raises;
  const { bins, W, lo, hi } = binRaises(tl, L, x, width, t0, t1);
  const nRows = L.rows.length;
  // Held raises: a line from when it was raised to where it ended (skipped when very dense). The
  // outcome-interval index finds every one overlapping the window, however early it was raised.
  if (hi - lo < 20_000) {
    forHeldOverlapping(tl, t0, t1, (i) => {
      const row = L.rows[L.rowOfVector[R.vec[i]!]!];
      if (!row) return;
      const a = Math.max(GUTTER, x(R.t[i]!)),
        b = Math.min(width, x(R.end[i]!));
      if (b - a < 1) return;
      ctx.fillStyle = R.outcome[i] === Outcome.LOST ? P.lost : P.late;
      ctx.globalAlpha = 0.7;
      ctx.fillRect(a, row.y + row.h / 2 - 0.5, b - a, 1);
      ctx.globalAlpha = 1;
    });
  }
  // One fillRect per run of equal outcomes along a row, fillStyle set only when it changes:
  // zoomed out, a row is a few long runs instead of thousands of 1-px rects.
  const colour = (o: number): string =>
    o === Outcome.DIRECT ? P.delivered : o === Outcome.LATE || o === Outcome.PENDING ? P.late : P.coalesced;
  let style = '';
  for (let row = 0; row < nRows; row++) {
    const r = L.rows[row]!;
    const mh = Math.max(3, r.h - 4);
    const top = r.y + r.h / 2 - mh / 2;
    const base = row * W;
    let px = GUTTER;
    while (px < W) {
      const o = bins[base + px]!;
      if (!o || o === Outcome.LOST) {
        px++;
        continue;
      }
      let end = px + 1;
      while (end < W && bins[base + end] === o) end++;
      const c = colour(o);
      if (c !== style) ctx.fillStyle = style = c;
      ctx.fillRect(px, top, end - px, mh);
      px = end;
    }
  }
  // Losses last, on top, as one path: a cross per lost bin, spaced so neighbours stay readable.
  ctx.strokeStyle = P.lost;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let row = 0; row < nRows; row++) {
    const r = L.rows[row]!;
    const cy = r.y + r.h / 2;
    const s = Math.max(3, Math.min(5, r.h / 2));
    const base = row * W;
    for (let px = GUTTER; px < W; px++) {
      if (bins[base + px] !== Outcome.LOST) continue;
      ctx.moveTo(px - s, cy - s);
      ctx.lineTo(px + s, cy + s);
      ctx.moveTo(px + s, cy - s);
      ctx.lineTo(px - s, cy + s);
      px += 3;
    }
  }
  ctx.stroke();
  ctx.lineWidth = 1;
}
