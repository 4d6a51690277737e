import { Ev, EV_NAMES } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { col } from '../engine/schema.ts';

/**
 * A stable name for one row of an event log, so a link's selection survives model changes that
 * insert or remove rows elsewhere (a re-baselined golden, a fixed policy) — a row number would
 * silently point at another event.
 *  - A device raise: its time, its traffic stream (the raise row's `stream` field) and its ordinal among that stream's
 *    raises at that time (a burst can raise one stream several times in one instant).
 *  - Any other row: its time, kind (by name, so renumbered codes do not matter), vector and its
 *    ordinal among the rows with the same time, kind and vector.
 * Invariant (tested over every preset and policy): keyToRow(log, rowToKey(log, r)) === r.
 */
export type EventKey = RaiseKey | RowKey;
export interface RaiseKey {
  t: number;
  stream: number;
  k: number;
}
export interface RowKey {
  t: number;
  kind: string;
  vec: number;
  k: number;
}

export const isRaiseKey = (k: EventKey): k is RaiseKey => 'stream' in k;

/** Index of the first row with t >= x (rows are appended in non-decreasing t). */
function firstRowAt(log: LogColumns, x: number): number {
  let l = 0,
    h = log.length;
  while (l < h) {
    const m = (l + h) >> 1;
    if (log.t[m]! < x) l = m + 1;
    else h = m;
  }
  return l;
}

/** The column a raise row keeps its traffic stream in (the schema's `stream` field). */
const STREAM = col(Ev.RAISE, 'stream');

function sameRaise(log: LogColumns, i: number, t: number, stream: number): boolean {
  return log.t[i] === t && log.kind[i] === Ev.RAISE && log[STREAM][i] === stream;
}

function sameRow(log: LogColumns, i: number, t: number, kind: number, vec: number): boolean {
  return log.t[i] === t && log.kind[i] === kind && log.vec[i] === vec;
}

/** The key of row `row` (0 <= row < log.length). */
export function rowToKey(log: LogColumns, row: number): EventKey {
  if (!Number.isInteger(row) || row < 0 || row >= log.length)
    throw new RangeError(`row ${row} is outside the log (0..${log.length - 1})`);
  const t = log.t[row]!,
    kind = log.kind[row]!;
  let k = 0;
  if (kind === Ev.RAISE) {
    const stream = log[STREAM][row]!;
    for (let i = firstRowAt(log, t); i < row; i++) if (sameRaise(log, i, t, stream)) k++;
    return { t, stream, k };
  }
  const vec = log.vec[row]!;
  for (let i = firstRowAt(log, t); i < row; i++) if (sameRow(log, i, t, kind, vec)) k++;
  return { t, kind: EV_NAMES[kind] ?? String(kind), vec, k };
}

/** The row a key names in `log`, or -1 if this log has no such event (the model changed). */
export function keyToRow(log: LogColumns, key: EventKey): number {
  let kind = -1;
  if (!isRaiseKey(key)) {
    for (const [code, name] of Object.entries(EV_NAMES)) if (name === key.kind) kind = Number(code);
    if (kind < 0) return -1;
  }
  let k = 0;
  for (let i = firstRowAt(log, key.t); i < log.length && log.t[i] === key.t; i++) {
    const hit = isRaiseKey(key) ? sameRaise(log, i, key.t, key.stream) : sameRow(log, i, key.t, kind, key.vec);
    if (hit && k++ === key.k) return i;
  }
  return -1;
}
