import { firstAtOrAfter } from '../../../core/analysis/timeline.ts';
import { GUTTER } from '../geometry.ts';
import type { LaneContext } from './context.ts';

const WINDOW_LABEL = 'host MSI-X off';

/** Resize windows: a translucent band over the host lane and every row, labelled when wide enough. */
export function drawWindows(c: LaneContext): void {
  const { ctx, L, tl, xl, t0, t1, P } = c;
  const w = tl.windows;
  const top = L.host.y,
    bottom = L.height;
  for (let k = 0; k < w.n; k++) {
    if (w.close[k]! < t0 || w.open[k]! > t1) continue;
    const a = xl(w.open[k]!),
      b = Math.max(a + 2, xl(w.close[k]!));
    ctx.fillStyle = P.window;
    ctx.globalAlpha = 0.18;
    ctx.fillRect(a, top, b - a, bottom - top);
    ctx.globalAlpha = 1;
    ctx.fillRect(a, top, b - a, 12);
    ctx.fillRect(a, top, 1, bottom - top);
    ctx.fillRect(b - 1, top, 1, bottom - top);
    if (b - a > ctx.measureText(WINDOW_LABEL).width + 6) {
      ctx.fillStyle = '#fff';
      ctx.fillText(WINDOW_LABEL, a + 3, top + 6);
    }
  }
}

/** A warning sign per failure or spec violation: host lane for host failures, guest lane otherwise. */
export function drawWarnings(c: LaneContext): void {
  const { ctx, L, tl, x, t0, t1, P } = c;
  const W = tl.warnings;
  let lastX = -Infinity;
  for (let k = firstAtOrAfter(W.t, t0); k < W.n && W.t[k]! <= t1; k++) {
    const px = Math.round(x(W.t[k]!));
    if (px < GUTTER || px - lastX < 10) continue;
    lastX = px;
    const cy = W.host[k] ? L.host.y + 6 : L.guest.y + L.guest.h / 2;
    ctx.fillStyle = P.lost;
    ctx.beginPath();
    ctx.moveTo(px, cy - 7);
    ctx.lineTo(px + 7, cy + 6);
    ctx.lineTo(px - 7, cy + 6);
    ctx.closePath();
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.fillRect(px - 1, cy - 3, 2, 5);
    ctx.fillRect(px - 1, cy + 3, 2, 2);
  }
}
