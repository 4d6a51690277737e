import { firstAtOrAfter, forLossesIn, Outcome, type Timeline } from '../../core/analysis/timeline.ts';
import { GUTTER, type TimeScale } from './geometry.ts';
import type { PaneLayout } from './layout.ts';

/** Which outcome wins a shared pixel: a loss is never hidden, then held/pending, coalesced, late, direct. */
export const PRIORITY: readonly number[] = [0, 1, 2, 3, 5, 4]; // index = Outcome code

/**
 * Level of detail for the interrupt marks: every raise in [t0, t1] lands in a (row, pixel) bin
 * that keeps the highest-priority outcome, so 10^5 raises cost one pass and one fillRect per
 * occupied bin. A loss is binned where it happened (a held raise can be lost much later): every
 * loss whose end lies in [t0, t1] comes from the timeline's loss index (Timeline.losses), however
 * long before t0 its raise was held, at every zoom level and table size. Marks in the window are
 * clamped into the drawable pixels, so one exactly at t1 is drawn at the right edge.
 */
export function binRaises(
  tl: Timeline,
  L: PaneLayout,
  x: TimeScale,
  width: number,
  t0: number,
  t1: number,
): { bins: Uint8Array; W: number; lo: number; hi: number } {
  const R = tl.raises;
  const W = Math.max(1, Math.ceil(width));
  const bins = new Uint8Array(W * Math.max(1, L.rows.length));
  const lo = firstAtOrAfter(R.t, t0),
    hi = firstAtOrAfter(R.t, t1 + 1);
  const put = (i: number, t: number): void => {
    const row = L.rowOfVector[R.vec[i]!]!;
    if (row < 0) return;
    const px = markPixel(x, t, t0, t1, W);
    if (px < 0) return;
    const k = row * W + px,
      o = R.outcome[i]!;
    if (PRIORITY[o]! > PRIORITY[bins[k]!]!) bins[k] = o;
  };
  for (let i = lo; i < hi; i++) if (R.outcome[i] !== Outcome.LOST) put(i, R.t[i]!);
  forLossesIn(tl, t0, t1, (i) => put(i, R.end[i]!));
  return { bins, W, lo, hi };
}

/** The pixel column a mark at time t is drawn in, or -1 when outside the drawable area [GUTTER, W). */
export function markPixel(x: TimeScale, t: number, t0: number, t1: number, W: number): number {
  if (W <= GUTTER) return -1;
  const px = Math.round(x(t));
  if (t >= t0 && t <= t1) return Math.max(GUTTER, Math.min(W - 1, px));
  return px < GUTTER || px >= W ? -1 : px;
}
