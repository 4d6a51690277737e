import { firstAtOrAfter, type Timeline } from '../core/analysis/timeline.ts';

/** A loss's place in the order playback steps through: (time, pane, raise index). */
export type LossKey = readonly [t: number, pane: number, raise: number];

const cmp = (x: LossKey, y: LossKey): number => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

/**
 * The loss nearest after (dir 1) or before (dir -1) `at` across the panes, in (time, pane, raise)
 * order, or null. Per pane: one binary search in the timeline's loss index (sorted by end time,
 * ties in log order) and a scan of the losses at two instants at most (the one at `at`, then the
 * next in that direction), so O(panes · (log losses + simultaneous losses)), not O(raises).
 */
export function nearestLoss(panes: readonly Pick<Timeline, 'losses'>[], at: LossKey, dir: 1 | -1): LossKey | null {
  let best: LossKey | null = null;
  const consider = (k: LossKey): void => {
    if (dir * cmp(k, at) > 0 && (!best || dir * cmp(k, best) < 0)) best = k;
  };
  panes.forEach(({ losses: L }, pane) => {
    // [lo, hi): the losses at exactly at[0].
    const lo = firstAtOrAfter(L.end, at[0]);
    let hi = lo;
    while (hi < L.n && L.end[hi] === at[0]) hi++;
    for (let j = lo; j < hi; j++) consider([L.end[j]!, pane, L.id[j]!]);
    // The instant next to it in that direction: all its losses (ties are in log order, not raise order).
    if (dir > 0) {
      for (let j = hi; j < L.n && L.end[j] === L.end[hi]; j++) consider([L.end[j]!, pane, L.id[j]!]);
    } else {
      for (let j = lo - 1; j >= 0 && L.end[j] === L.end[lo - 1]; j--) consider([L.end[j]!, pane, L.id[j]!]);
    }
  });
  return best;
}
