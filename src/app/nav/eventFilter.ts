import { firstAtOrAfter } from '../../core/analysis/timeline.ts';
import { Ev } from '../../core/engine/events.ts';
import { col } from '../../core/engine/schema.ts';
import type { LogColumns } from '../../core/engine/log.ts';

/** The event table's filter: which rows of one pane's log it lists. */
export interface EventFilter {
  /** notable: everything but direct deliveries; losses: LOST rows only. */
  mode: 'all' | 'notable' | 'losses';
  /** An event kind code (Ev), or -1 for any. */
  kind: number;
  /** A vector, or -1 for any. */
  vec: number;
  /** Time range in ns, inclusive; NaN for an open end. */
  from: number;
  to: number;
}

export const ANY_EVENTS: EventFilter = { mode: 'notable', kind: -1, vec: -1, from: NaN, to: NaN };

const RAISE_PATH = col(Ev.RAISE, 'path');

/**
 * The log rows that pass the filter, in log (= time) order. The time range is cut with two binary
 * searches on the time-sorted log, so only the rows inside it are scanned.
 */
export function filterRows(log: LogColumns, f: EventFilter): Int32Array {
  const lo = Number.isNaN(f.from) ? 0 : firstAtOrAfter(log.t, f.from, 0, log.length);
  const hi = Number.isNaN(f.to) ? log.length : firstAtOrAfter(log.t, f.to + 1e-9, 0, log.length);
  const out: number[] = [];
  const { kind, vec } = log;
  const path = log[RAISE_PATH];
  for (let i = lo; i < hi; i++) {
    const k = kind[i]!;
    if (f.mode === 'losses' && k !== Ev.LOST) continue;
    if (f.mode === 'notable' && k === Ev.RAISE && path[i]! > 0) continue;
    if (f.kind >= 0 && k !== f.kind) continue;
    if (f.vec >= 0 && vec[i] !== f.vec) continue;
    out.push(i);
  }
  return Int32Array.from(out);
}
