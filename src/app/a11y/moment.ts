import { firstAtOrAfter, Outcome, type Timeline } from '../../core/analysis/timeline.ts';
import { GUEST_OP_NAMES } from '../../core/engine/events.ts';
import { fmtNs } from '../../core/format/time.ts';

/** At most this many phrases per announcement; the rest are counted ("and 3 more"). */
const MAX_PHRASES = 4;

/**
 * What happens at instant t, in words and units, for a screen reader: raises that start or end
 * there (with their fate), guest operations, resize windows opening or closing, failures.
 * Binary searches on each pane's sorted columns: O(panes · (log n + items at t)).
 */
export function describeMoment(panes: readonly { policy: string; timeline: Timeline }[], t: number): string {
  const phrases: string[] = [];
  let more = 0;
  const say = (s: string): void => {
    if (phrases.length < MAX_PHRASES) phrases.push(s);
    else more++;
  };
  for (const { policy, timeline: tl } of panes) {
    const R = tl.raises;
    for (let i = firstAtOrAfter(R.t, t, 0, R.n); i < R.n && R.t[i] === t; i++) {
      const o = R.outcome[i]!;
      const v = R.vec[i];
      if (o === Outcome.DIRECT) say(`${policy}: raise on vector ${v} delivered at ${fmtNs(t)}`);
      else if (o === Outcome.LOST) say(`${policy}: raise on vector ${v} held, lost at ${fmtNs(R.end[i]!)}`);
      else if (o === Outcome.LATE) say(`${policy}: raise on vector ${v} held, delivered late at ${fmtNs(R.end[i]!)}`);
      else if (o === Outcome.COALESCED) say(`${policy}: raise on vector ${v} coalesced`);
      else say(`${policy}: raise on vector ${v} still pending at the end`);
    }
    const L = tl.losses;
    for (let j = firstAtOrAfter(L.end, t, 0, L.n); j < L.n && L.end[j] === t; j++) {
      const i = L.id[j]!;
      if (R.t[i] !== t) say(`${policy}: raise on vector ${R.vec[i]} from ${fmtNs(R.t[i]!)} lost at ${fmtNs(t)}`);
    }
    const O = tl.ops;
    for (let j = firstAtOrAfter(O.start, t, 0, O.n); j < O.n && O.start[j] === t; j++) {
      const v = O.vec[j]!;
      say(`${policy}: ${GUEST_OP_NAMES[O.code[j]!] ?? 'guest operation'}${v >= 0 ? `(${v})` : ''} at ${fmtNs(t)}`);
    }
    const W = tl.windows;
    for (let j = firstAtOrAfter(W.open, t, 0, W.n); j < W.n && W.open[j] === t; j++)
      say(`${policy}: resize window of ${fmtNs(W.close[j]! - t)} opens at ${fmtNs(t)}`);
    const F = tl.warnings;
    for (let j = firstAtOrAfter(F.t, t, 0, F.n); j < F.n && F.t[j] === t; j++)
      say(`${policy}: ${F.host[j] ? 'host' : 'guest'} failure at ${fmtNs(t)}`);
  }
  const head = `t = ${fmtNs(t)}.`;
  if (!phrases.length) return head;
  return `${head} ${phrases.join('; ')}${more ? `; and ${more} more` : ''}.`;
}

/** Losses that ended in (t0, t1] per pane, as words ("teardown-setup lost 2"); '' when none. */
export function lossesBetween(
  panes: readonly { policy: string; timeline: Timeline }[],
  t0: number,
  t1: number,
): string {
  const parts: string[] = [];
  for (const { policy, timeline: tl } of panes) {
    const L = tl.losses;
    const n = firstAtOrAfter(L.end, t1 + 1, 0, L.n) - firstAtOrAfter(L.end, t0 + 1, 0, L.n);
    if (n > 0) parts.push(`${policy} lost ${n}`);
  }
  return parts.join(', ');
}
