import { firstAtOrAfter, Outcome, type Timeline } from '../../core/analysis/timeline.ts';
import { GUTTER, type TimeScale } from './geometry.ts';
import type { PaneLayout } from './layout.ts';

/** Which outcome wins a shared pixel: a loss is never hidden, then held/pending, coalesced, late, direct. */
export const PRIORITY: readonly number[] = [0, 1, 2, 3, 5, 4]; // index = Outcome code

/**
 * Level of detail for the interrupt marks: every raise in [t0, t1] lands in a (row, pixel) bin
 * that keeps the highest-priority outcome, so 10^5 raises cost one pass and one fillRect per
 * occupied bin. A loss is binned where it happened (a held raise can be lost much later), and
 * losses of raises held since before t0 are included.
 */
export function binRaises(tl: Timeline, L: PaneLayout, x: TimeScale, width: number, t0: number, t1: number): { bins: Uint8Array; W: number; lo: number; hi: number } {
  const R = tl.raises;
  const W = Math.max(1, Math.ceil(width));
  const bins = new Uint8Array(W * Math.max(1, L.rows.length));
  const lo = firstAtOrAfter(R.t, t0), hi = firstAtOrAfter(R.t, t1 + 1);
  const put = (i: number, t: number): void => {
    const row = L.rowOfVector[R.vec[i]!]!;
    if (row < 0) return;
    const px = Math.round(x(t));
    if (px < GUTTER || px >= W) return;
    const k = row * W + px, o = R.outcome[i]!;
    if (PRIORITY[o]! > PRIORITY[bins[k]!]!) bins[k] = o;
  };
  for (let i = Math.max(0, lo - 2000); i < lo; i++) {
    if (R.outcome[i] === Outcome.LOST && R.end[i]! >= t0 && R.end[i]! <= t1) put(i, R.end[i]!);
  }
  for (let i = lo; i < hi; i++) put(i, R.outcome[i] === Outcome.LOST ? R.end[i]! : R.t[i]!);
  return { bins, W, lo, hi };
}
