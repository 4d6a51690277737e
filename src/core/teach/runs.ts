import { Ev } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { col, RAISE_ID_COL } from '../engine/schema.ts';
import { firstAtOrAfter } from '../analysis/outcome-index.ts';
import type { RaiseRef } from './question.ts';

/**
 * What the grader reads: one entry per pane, the policy (its canonical spec, as the Worker returns
 * it in `PaneRun.policy`) and that policy's event log. Nothing else: every answer is computed from
 * the log alone, so the page (which holds the transferred columns) and the CLI or a test (which
 * hold `runScenario`'s) grade the same way. The app passes `run.runs` as it is (a PaneRun has both
 * fields).
 */
export interface RunInput {
  policy: string;
  log: LogColumns;
}
export type Runs = readonly RunInput[];

const STREAM = col(Ev.RAISE, 'stream');
const RAISE_PATH = col(Ev.RAISE, 'path');
const OP_ID = col(Ev.GUEST_OP, 'opId');

/** The pane index of `policy`; throws one line naming the policy when the run does not have it. */
export function paneOf(runs: Runs, policy: string): number {
  const i = runs.findIndex((r) => r.policy === policy);
  if (i < 0)
    throw new RangeError(
      `question.policy: "${policy}" is not one of the panes (${runs.map((r) => r.policy).join(', ')})`,
    );
  return i;
}

/** The RAISE row of the first raise of `ref.stream` at `ref.t`, or -1. Binary search on t, then the rows at t. */
export function raiseRow(log: LogColumns, ref: RaiseRef): number {
  for (let i = firstAtOrAfter(log.t, ref.t, 0, log.length); i < log.length && log.t[i] === ref.t; i++)
    if (log.kind[i] === Ev.RAISE && log[STREAM][i] === ref.stream) return i;
  return -1;
}

/** How one raise ended in one log: the row that ended it and how, or still pending at the end. */
export interface RaiseEnd {
  /** The RAISE row. */
  row: number;
  vec: number;
  how: 'direct' | 'late' | 'coalesced' | 'lost' | 'pending';
  /** The row that ended it (the RAISE row itself when delivered at once), -1 while pending. */
  endRow: number;
  /** When it reached the guest (direct or late), else -1. */
  deliveredAt: number;
}

/**
 * Follows raise `row` (a RAISE row) to its end: DELIVER, COALESCE or LOST with its raise id, or
 * the RAISE row itself when its `path` says it was delivered in the same instant. O(rows after it).
 */
export function raiseEnd(log: LogColumns, row: number): RaiseEnd {
  const ids = log[RAISE_ID_COL];
  const id = ids[row]!;
  const vec = log.vec[row]!;
  if (log[RAISE_PATH][row]! > 0) return { row, vec, how: 'direct', endRow: row, deliveredAt: log.t[row]! };
  for (let i = row + 1; i < log.length; i++) {
    if (ids[i] !== id) continue;
    const k = log.kind[i];
    if (k === Ev.DELIVER) return { row, vec, how: 'late', endRow: i, deliveredAt: log.t[i]! };
    if (k === Ev.COALESCE) return { row, vec, how: 'coalesced', endRow: i, deliveredAt: -1 };
    if (k === Ev.LOST) return { row, vec, how: 'lost', endRow: i, deliveredAt: -1 };
  }
  return { row, vec, how: 'pending', endRow: -1, deliveredAt: -1 };
}

/** The GUEST_OP row of op id `step`, or -1. */
export function opRow(log: LogColumns, step: number): number {
  const ids = log[OP_ID];
  for (let i = 0; i < log.length; i++) if (log.kind[i] === Ev.GUEST_OP && ids[i] === step) return i;
  return -1;
}

/** Number of guest steps (GUEST_OP rows) in a log. */
export function opCount(log: LogColumns): number {
  let n = 0;
  for (let i = 0; i < log.length; i++) if (log.kind[i] === Ev.GUEST_OP) n++;
  return n;
}

/**
 * The rows whose cause chain roots at GUEST_OP row `op` (the op's effects, the op row first), in
 * log order. Causes point backwards, so one forward pass with a "belongs to op" mark per row
 * suffices (as timeline.ts finds each row's op). O(rows after the op).
 */
export function effectsOf(log: LogColumns, op: number): number[] {
  const mine = new Uint8Array(log.length);
  mine[op] = 1;
  const out = [op];
  for (let i = op + 1; i < log.length; i++) {
    const c = log.cause[i]!;
    if (c >= op && mine[c]) {
      mine[i] = 1;
      out.push(i);
    }
  }
  return out;
}
