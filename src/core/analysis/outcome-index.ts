import { Outcome } from '../engine/schema.ts';
import type { Timeline } from './timeline.ts';

/*
 * The timeline's outcome-interval index (Timeline.held) and loss index (Timeline.losses), their
 * queries, and the sorted-array searches they and the viewers use. Losses are found by the time
 * they ended, so a loss of a raise held long before the visible window is never hidden.
 */

/**
 * Builds Timeline.held and Timeline.losses. The log is in time order, so the rows that ended a
 * raise (endRows) already come sorted by end; raises still pending end at endNs and follow, in
 * raise order. No sort: O(held).
 */
export function outcomeIndex(
  R: { t: Float64Array; end: Float64Array; outcome: Uint8Array; endRow: Int32Array },
  endRows: number[],
  raiseId: ArrayLike<number>,
): Pick<Timeline, 'held' | 'losses'> {
  const ids: number[] = [];
  for (const row of endRows) {
    const i = raiseId[row]!;
    if (R.endRow[i] === row) ids.push(i); // its final outcome (a raise ends once; this keeps the index exact if not)
  }
  for (let i = 0; i < R.outcome.length; i++) if (R.outcome[i] === Outcome.PENDING) ids.push(i);
  const n = ids.length;
  const id = Int32Array.from(ids);
  const endSorted = new Float64Array(n);
  let P = 1;
  while (P < n) P *= 2;
  const minStart = new Float64Array(2 * P).fill(Infinity);
  let nLost = 0;
  for (let j = 0; j < n; j++) {
    const i = id[j]!;
    endSorted[j] = R.end[i]!;
    minStart[P + j] = R.t[i]!;
    if (R.outcome[i] === Outcome.LOST) nLost++;
  }
  for (let k = P - 1; k >= 1; k--) minStart[k] = Math.min(minStart[2 * k]!, minStart[2 * k + 1]!);
  const lostId = new Int32Array(nLost),
    lostEnd = new Float64Array(nLost);
  for (let j = 0, l = 0; j < n; j++) {
    const i = id[j]!;
    if (R.outcome[i] !== Outcome.LOST) continue;
    lostId[l] = i;
    lostEnd[l++] = R.end[i]!;
  }
  return { held: { n, id, end: endSorted, minStart }, losses: { n: nLost, id: lostId, end: lostEnd } };
}

/**
 * Calls fn(raise index) for every held raise (not delivered at once) whose outcome interval
 * [t, end] overlaps [t0, t1], in end order. O(log n + k) via Timeline.held, however early it started.
 */
export function forHeldOverlapping(
  tl: Pick<Timeline, 'held'>,
  t0: number,
  t1: number,
  fn: (raise: number) => void,
): void {
  const H = tl.held;
  if (H.n === 0) return;
  const j0 = firstAtOrAfter(H.end, t0);
  if (j0 >= H.n) return;
  const P = H.minStart.length / 2;
  // Walk the segment tree over leaves [j0, n), pruning subtrees whose earliest start is after t1.
  const stack = [1, 0, P]; // node, covering [lo, hi)
  while (stack.length) {
    const hi = stack.pop()!,
      lo = stack.pop()!,
      node = stack.pop()!;
    if (hi <= j0 || lo >= H.n || H.minStart[node]! > t1) continue;
    if (hi - lo === 1) {
      fn(H.id[lo]!);
      continue;
    }
    const mid = (lo + hi) >> 1;
    stack.push(2 * node + 1, mid, hi, 2 * node, lo, mid); // left popped first: end order
  }
}

/** Calls fn(raise index) for every lost raise whose loss (its end) lies in [t0, t1], in end order. O(log n + k). */
export function forLossesIn(tl: Pick<Timeline, 'losses'>, t0: number, t1: number, fn: (raise: number) => void): void {
  const L = tl.losses;
  for (let j = firstAtOrAfter(L.end, t0); j < L.n && L.end[j]! <= t1; j++) fn(L.id[j]!);
}

/** Index of the last entry with t <= x in a sorted range [lo, hi) (or lo - 1 when none). */
export function lastAtOrBefore(ts: ArrayLike<number>, x: number, lo = 0, hi = ts.length): number {
  let l = lo,
    h = hi;
  while (l < h) {
    const m = (l + h) >> 1;
    if (ts[m]! <= x) l = m + 1;
    else h = m;
  }
  return l - 1;
}

/** Index of the first entry with t >= x in a sorted array (length if none). */
export function firstAtOrAfter(ts: ArrayLike<number>, x: number, lo = 0, hi = ts.length): number {
  let l = lo,
    h = hi;
  while (l < h) {
    const m = (l + h) >> 1;
    if (ts[m]! < x) l = m + 1;
    else h = m;
  }
  return l;
}
