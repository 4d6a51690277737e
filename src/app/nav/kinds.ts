import { firstAtOrAfter, type Timeline } from '../../core/analysis/timeline.ts';
import { raiseRow } from '../render/hitTest.ts';

/** What next/previous can step through (issue 9, navigation). */
export type NavKind = 'loss' | 'window' | 'failure' | 'op';
export const NAV_KINDS: readonly NavKind[] = ['loss', 'window', 'failure', 'op'];
export const NAV_KIND_LABEL: Record<NavKind, string> = {
  loss: 'lost interrupt',
  window: 'resize window',
  failure: 'failure ▲',
  op: 'guest operation',
};

/**
 * One kind's items in one pane as a time-sorted view over the timeline's own columns (no copy):
 * losses from the loss index (sorted by end), windows by opening, warnings and guest operations
 * in log order (ascending time). `row(j)` is the log row the inspector explains.
 */
export interface KindIndex {
  n: number;
  t: ArrayLike<number>;
  row: (j: number) => number;
}

export function kindIndex(tl: Timeline, kind: NavKind): KindIndex {
  switch (kind) {
    case 'loss':
      return { n: tl.losses.n, t: tl.losses.end, row: (j) => raiseRow(tl, tl.losses.id[j]!) };
    case 'window':
      return { n: tl.windows.n, t: tl.windows.open, row: (j) => tl.windows.row[j]! };
    case 'failure':
      return { n: tl.warnings.n, t: tl.warnings.t, row: (j) => tl.warnings.row[j]! };
    case 'op':
      return { n: tl.ops.n, t: tl.ops.start, row: (j) => tl.ops.row[j]! };
  }
}

/** An item's place in the visiting order: (time, pane, index within the pane's kind). */
export type NavKey = readonly [t: number, pane: number, j: number];
const cmp = (x: NavKey, y: NavKey): number => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

/**
 * The item nearest after (dir 1) or before (dir -1) `at`, over the given panes (`scope`: one
 * pane index, or null for all). Per pane one binary search and a scan of the items at two
 * instants at most: O(panes · (log n + simultaneous items)), whatever the log's size.
 */
export function nearestOfKind(
  indexes: readonly KindIndex[],
  at: NavKey,
  dir: 1 | -1,
  scope: number | null = null,
): NavKey | null {
  let best: NavKey | null = null;
  const consider = (k: NavKey): void => {
    if (dir * cmp(k, at) > 0 && (!best || dir * cmp(k, best) < 0)) best = k;
  };
  indexes.forEach((ix, pane) => {
    if (scope !== null && pane !== scope) return;
    const lo = firstAtOrAfter(ix.t, at[0], 0, ix.n);
    let hi = lo;
    while (hi < ix.n && ix.t[hi] === at[0]) hi++;
    for (let j = lo; j < hi; j++) consider([ix.t[j]!, pane, j]);
    if (dir > 0) {
      for (let j = hi; j < ix.n && ix.t[j] === ix.t[hi]; j++) consider([ix.t[j]!, pane, j]);
    } else {
      for (let j = lo - 1; j >= 0 && ix.t[j] === ix.t[lo - 1]; j--) consider([ix.t[j]!, pane, j]);
    }
  });
  return best;
}
