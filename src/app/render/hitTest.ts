import { firstAtOrAfter, forLossesIn, Outcome, type Timeline } from '../../core/analysis/timeline.ts';
import type { PaneLayout } from './layout.ts';
import type { TimeScale } from './geometry.ts';

/** The log row a raise is best explained by: its terminal row, or the raise itself. */
export function raiseRow(tl: Timeline, i: number): number {
  const R = tl.raises;
  return R.outcome[i] === Outcome.DIRECT || R.endRow[i]! < 0 ? R.row[i]! : R.endRow[i]!;
}

/** Finds the raise index for a device event (time, stream) in a pane, or -1. */
export function findRaise(tl: Timeline, t: number, stream: number): number {
  const R = tl.raises;
  for (let i = firstAtOrAfter(R.t, t); i < R.n && R.t[i] === t; i++) if (R.stream[i] === stream) return i;
  return -1;
}

export type Hit = { kind: 'raise'; index: number; row: number } | { kind: 'row'; row: number } | null;

/**
 * What is under (px, py) in a pane: a raise (nearest within 6 px on its row, losses first), a
 * guest operation, a resize window or an ioctl. Returns the log row to select.
 */
export function hitTest(tl: Timeline, L: PaneLayout, x: TimeScale, px: number, py: number): Hit {
  const tAt = (p: number): number => x.invert(p);
  const warn = hitWarning(tl, L, x, px, py);
  if (warn >= 0) return { kind: 'row', row: warn };
  if (py >= L.guest.y && py < L.guest.y + L.guest.h) {
    const t = tAt(px),
      slack = tAt(px + 3) - t;
    for (let i = tl.ops.n - 1; i >= 0; i--)
      if (tl.ops.start[i]! - slack <= t && t <= tl.ops.end[i]! + slack) return { kind: 'row', row: tl.ops.row[i]! };
    return null;
  }
  if (py >= L.host.y && py < L.host.y + L.host.h) {
    const t = tAt(px);
    const io = tl.ioctls;
    let best = -1,
      bd = 5;
    for (let k = firstAtOrAfter(io.t, tAt(px - 5)); k < io.n && io.t[k]! <= tAt(px + 5); k++) {
      const d = Math.abs(x(io.t[k]!) - px);
      if (d < bd) {
        bd = d;
        best = k;
      }
    }
    if (best >= 0) return { kind: 'row', row: io.row[best]! };
    for (let k = 0; k < tl.windows.n; k++)
      if (tl.windows.open[k]! <= t && t <= tl.windows.close[k]!) return { kind: 'row', row: tl.windows.row[k]! };
    return null;
  }
  const rowIdx = L.rows.findIndex((r) => py >= r.y && py < r.y + r.h);
  if (rowIdx < 0) return null;
  const R = tl.raises;
  let best = -1,
    bestScore = Infinity;
  const consider = (i: number, t: number, bonus: number): void => {
    if (L.rowOfVector[R.vec[i]!] !== rowIdx) return;
    const d = Math.abs(x(t) - px) - bonus;
    if (d < bestScore && d <= 6) {
      bestScore = d;
      best = i;
    }
  };
  const ta = tAt(px - 6),
    tb = tAt(px + 6);
  // Raises are drawn where they were raised, losses where they ended (lod.ts): losses come from
  // the timeline's loss index, however long before the window their raise was held, and win ties.
  for (let i = firstAtOrAfter(R.t, ta); i < R.n && R.t[i]! <= tb; i++)
    if (R.outcome[i] !== Outcome.LOST) consider(i, R.t[i]!, 0);
  forLossesIn(tl, ta, tb, (i) => consider(i, R.end[i]!, 4));
  return best >= 0 ? { kind: 'raise', index: best, row: raiseRow(tl, best) } : null;
}

/** A warning sign within 8 px (drawn in the guest lane, or the host lane for host failures). */
function hitWarning(tl: Timeline, L: PaneLayout, x: TimeScale, px: number, py: number): number {
  const W = tl.warnings;
  const inGuest = py >= L.guest.y && py < L.guest.y + L.guest.h;
  const inHost = py >= L.host.y && py < L.host.y + 14;
  if (!inGuest && !inHost) return -1;
  for (let k = firstAtOrAfter(W.t, x.invert(px - 8)); k < W.n && W.t[k]! <= x.invert(px + 8); k++) {
    if ((W.host[k] === 1) === inHost) return W.row[k]!;
  }
  return -1;
}
