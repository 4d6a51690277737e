import { metricRows } from '../analysis/metric-rows.ts';
import type { Metrics } from '../analysis/metrics.ts';

/**
 * The diff between a run and its what-if fork (issue 9), per policy. Raises are matched across
 * the two runs by their stable key (time, traffic stream, ordinal among that stream's raises at
 * that time: share/event-key.ts), never by index or row, which any edit moves.
 *
 * A raise "changed" when its outcome differs, or it exists in one run only (a dropped burst step
 * or a moved mailbox reply). Invariants (tested): diffing a run with itself is empty; diff(a, b)
 * and diff(b, a) have the same changes with before/after exchanged and negated metric deltas.
 */

/** The raise columns a diff reads (Timeline.raises has them). Raises are in time order. */
export interface RaiseCols {
  n: number;
  t: ArrayLike<number>;
  stream: ArrayLike<number>;
  vec: ArrayLike<number>;
  outcome: ArrayLike<number>;
}

export interface DiffSide {
  policy: string;
  raises: RaiseCols;
  metrics: Metrics;
}

/** Outcome code (Outcome in engine/schema.ts), or -1: the raise does not exist in that run. */
export interface RaiseChange {
  t: number;
  stream: number;
  /** Ordinal among this stream's raises at time t. */
  k: number;
  vec: number;
  before: number;
  after: number;
  /** Raise index in the `after` run, or -1 (gone in the fork). */
  afterIndex: number;
}

export interface PolicyDiff {
  policy: string;
  changes: RaiseChange[];
  /** after − before for every metric row (metric-rows.ts key → delta); only non-zero ones. */
  deltas: Record<string, number>;
}

/** Raise indices grouped by key "stream:k" for the raises at one instant [from, to). */
function keysAt(R: RaiseCols, from: number, to: number): Map<string, number> {
  const m = new Map<string, number>();
  const seen = new Map<number, number>();
  for (let i = from; i < to; i++) {
    const s = R.stream[i]!;
    const k = seen.get(s) ?? 0;
    seen.set(s, k + 1);
    m.set(`${s}:${k}`, i);
  }
  return m;
}

/** Changed raises between two runs of one policy: a merge walk over both time-ordered lists, O(n). */
export function diffRaises(a: RaiseCols, b: RaiseCols): RaiseChange[] {
  const out: RaiseChange[] = [];
  let i = 0,
    j = 0;
  while (i < a.n || j < b.n) {
    const ta = i < a.n ? a.t[i]! : Infinity,
      tb = j < b.n ? b.t[j]! : Infinity;
    const t = Math.min(ta, tb);
    let i2 = i,
      j2 = j;
    while (i2 < a.n && a.t[i2] === t) i2++;
    while (j2 < b.n && b.t[j2] === t) j2++;
    const A = keysAt(a, i, i2),
      B = keysAt(b, j, j2);
    for (const [key, x] of A) {
      const y = B.get(key);
      const [s, k] = key.split(':').map(Number) as [number, number];
      if (y === undefined)
        out.push({ t, stream: s, k, vec: a.vec[x]!, before: a.outcome[x]!, after: -1, afterIndex: -1 });
      else if (a.outcome[x] !== b.outcome[y])
        out.push({ t, stream: s, k, vec: b.vec[y]!, before: a.outcome[x]!, after: b.outcome[y]!, afterIndex: y });
    }
    for (const [key, y] of B) {
      if (A.has(key)) continue;
      const [s, k] = key.split(':').map(Number) as [number, number];
      out.push({ t, stream: s, k, vec: b.vec[y]!, before: -1, after: b.outcome[y]!, afterIndex: y });
    }
    i = i2;
    j = j2;
  }
  return out;
}

/** after − before per metric row, non-zero ones only. */
export function metricDeltas(before: Metrics, after: Metrics): Record<string, number> {
  const d: Record<string, number> = {};
  for (const r of metricRows([before, after])) {
    const x = r.get(after) - r.get(before);
    if (x !== 0) d[r.key] = x;
  }
  return d;
}

/** The diff per policy present in both runs (panes are matched by policy spec, not position). */
export function diffRuns(before: readonly DiffSide[], after: readonly DiffSide[]): PolicyDiff[] {
  const out: PolicyDiff[] = [];
  for (const b of after) {
    const a = before.find((x) => x.policy === b.policy);
    if (!a) continue;
    out.push({ policy: b.policy, changes: diffRaises(a.raises, b.raises), deltas: metricDeltas(a.metrics, b.metrics) });
  }
  return out;
}

/** "+2 lost, −1 spurious": the headline deltas of one policy, in words ('' when nothing moved). */
export function deltaWords(d: Record<string, number>): string {
  const sign = (x: number): string => (x > 0 ? `+${x}` : `−${-x}`);
  const parts: string[] = [];
  const pick: [string, string][] = [
    ['lost', 'lost'],
    ['spuriousInjections', 'spurious'],
    ['deliveredLate', 'late'],
    ['neverDelivered', 'never delivered'],
    ['resizes', 'resizes'],
    ['allocFailures', 'alloc failures'],
  ];
  for (const [k, w] of pick) if (d[k]) parts.push(`${sign(d[k])} ${w}`);
  return parts.join(', ');
}
