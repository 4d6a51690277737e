import { Ev, GUEST_OP_NAMES, LOSS_NAMES } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { col } from '../engine/schema.ts';
import { explainRow } from '../analysis/explain.ts';
import { raiseJourney } from '../analysis/journey.ts';
import { fmtNs } from '../format/time.ts';
import { rowToKey, type EventKey } from '../share/event-key.ts';
import type { Answer, Question, RaiseRef } from './question.ts';
import { effectsOf, opRow, paneOf, raiseEnd, raiseRow, type RaiseEnd, type Runs } from './runs.ts';

/*
 * Answers come from the log (issue 9): every answer here is computed from the panes' event logs by
 * the same rows the timeline draws, never stored with the question. A question whose subject the
 * log does not have (a raise or step that does not exist in this run) throws one RangeError line
 * naming the field, rather than inventing an answer.
 */

/** One piece of evidence: a row of one pane's log, by row (to select it now) and by stable key (to link to it). */
export interface Evidence {
  pane: number;
  policy: string;
  row: number;
  key: EventKey;
  t: number;
  /** One line: what this row shows (from the row's explanation or the raise's journey). */
  text: string;
}

export interface Graded {
  correct: boolean;
  /** The answer the simulator gives (for ties, the first in the question's order). */
  expected: Answer;
  /** Every answer counted right (more than one only when policies tie). */
  accepted: Answer[];
  evidence: Evidence[];
  /** Why, in a few sentences, from the evidence rows' explanations. */
  explanation: string;
}

const RAISE_STREAM_LABEL = (r: RaiseRef): string => `the raise at ${fmtNs(r.t)} (stream ${r.stream})`;
const HOST_ALLOC_KIND = Ev.HOST_ALLOC,
  HOST_FREE_KIND = Ev.HOST_FREE;
const OP_CODE = col(Ev.GUEST_OP, 'op');
const WINDOW_LEN = col(Ev.WINDOW_CLOSE, 'lengthNs');
const LOST_LOSS = col(Ev.LOST, 'loss');

function evidence(runs: Runs, pane: number, row: number, text?: string): Evidence {
  const r = runs[pane]!;
  return {
    pane,
    policy: r.policy,
    row,
    key: rowToKey(r.log, row),
    t: r.log.t[row]!,
    text: text ?? explainRow(r.log, row).sentence,
  };
}

/** "request_irq(3)" for op row i. */
export function opLabel(log: LogColumns, i: number): string {
  const v = log.vec[i]!;
  return `${GUEST_OP_NAMES[log[OP_CODE][i]!] ?? 'guest step'}${v >= 0 ? `(${v})` : ''}`;
}

function needRaise(log: LogColumns, ref: RaiseRef, policy: string): number {
  const row = raiseRow(log, ref);
  if (row < 0) throw new RangeError(`question.raise: ${policy} has no raise of stream ${ref.stream} at ${ref.t} ns`);
  return row;
}

function needOp(log: LogColumns, step: number, policy: string): number {
  const row = opRow(log, step);
  if (row < 0) throw new RangeError(`question.step: ${policy} has no guest step ${step}`);
  return row;
}

/** The host IRQs allocated after applying rows [0, upTo] (HOST_ALLOC − HOST_FREE), as the replay's host.nAlloc. */
function allocatedThrough(log: LogColumns, upTo: number): number {
  let n = 0;
  for (let i = 0; i <= upTo; i++) {
    const k = log.kind[i];
    if (k === HOST_ALLOC_KIND) n++;
    else if (k === HOST_FREE_KIND) n--;
  }
  return n;
}

/** The window a step opened: its WINDOW_OPEN row among the step's effects, and the WINDOW_CLOSE that ends it. */
function windowOf(log: LogColumns, op: number): { open: number; close: number } | null {
  for (const i of effectsOf(log, op)) {
    if (log.kind[i] !== Ev.WINDOW_OPEN) continue;
    let close = -1;
    for (let j = i + 1; j < log.length; j++)
      if (log.kind[j] === Ev.WINDOW_CLOSE) {
        close = j;
        break;
      }
    return { open: i, close };
  }
  return null;
}

function firstLoss(log: LogColumns): number {
  for (let i = 0; i < log.length; i++) if (log.kind[i] === Ev.LOST) return i;
  return -1;
}

/** The simulator's answer to `q` for these runs. */
export function answerOf(q: Question, runs: Runs): Answer {
  return solve(q, runs).accepted[0]!;
}

/** Grades `answer` against the simulator's; the evidence rows and the explanation say why. */
export function grade(q: Question, answer: Answer, runs: Runs): Graded {
  const s = solve(q, runs);
  return { ...s, correct: s.accepted.some((a) => a === answer), expected: s.accepted[0]! };
}

/** The time a question is asked at: the panes are veiled after it until the learner answers. */
export function momentOf(q: Question, runs: Runs): number {
  switch (q.kind) {
    case 'raise-lost':
    case 'latest-delivery':
      return q.raise.t;
    case 'host-irqs-after':
    case 'window-opened': {
      const log = runs[paneOf(runs, q.policy)]!.log;
      return log.t[needOp(log, q.step, q.policy)]!;
    }
    case 'first-loss-vector':
      return 0;
  }
}

type Solved = Omit<Graded, 'correct' | 'expected'>;

function solve(q: Question, runs: Runs): Solved {
  switch (q.kind) {
    case 'raise-lost': {
      const p = paneOf(runs, q.policy);
      const log = runs[p]!.log;
      const end = raiseEnd(log, needRaise(log, q.raise, q.policy));
      const lost = end.how === 'lost';
      const ev = [evidence(runs, p, end.endRow >= 0 ? end.endRow : end.row)];
      return {
        accepted: [lost],
        evidence: ev,
        explanation: `${q.policy}: ${RAISE_STREAM_LABEL(q.raise)} on vector ${end.vec} ${describeEnd(end)}. ${ev[0]!.text} Its journey: ${journeyLine(log, end.row)}.`,
      };
    }
    case 'latest-delivery': {
      const ends = q.policies.map((pol) => {
        const p = paneOf(runs, pol);
        const log = runs[p]!.log;
        return { pol, p, end: raiseEnd(log, needRaise(log, q.raise, pol)) };
      });
      const delivered = ends.filter((e) => e.end.deliveredAt >= 0);
      const latest = Math.max(-1, ...delivered.map((e) => e.end.deliveredAt));
      const accepted: Answer[] =
        latest < 0 ? ['none'] : delivered.filter((e) => e.end.deliveredAt === latest).map((e) => e.pol);
      const lines = ends.map((e) => `${e.pol}: ${describeEnd(e.end)}`);
      return {
        accepted,
        evidence: ends.map((e) => evidence(runs, e.p, e.end.endRow >= 0 ? e.end.endRow : e.end.row)),
        explanation:
          (latest < 0
            ? `No policy delivers ${RAISE_STREAM_LABEL(q.raise)}.`
            : accepted.length > 1 && accepted.length === delivered.length
              ? `Every policy that delivers ${RAISE_STREAM_LABEL(q.raise)} does so at the same moment, ${fmtNs(latest)}: any of them is right.`
              : `${accepted.join(' and ')} deliver${accepted.length > 1 ? '' : 's'} ${RAISE_STREAM_LABEL(q.raise)} latest, at ${fmtNs(latest)} (${fmtNs(latest - q.raise.t)} after the raise).`) +
          ` ${lines.join('; ')}.`,
      };
    }
    case 'host-irqs-after': {
      const p = paneOf(runs, q.policy);
      const log = runs[p]!.log;
      const op = needOp(log, q.step, q.policy);
      const fx = effectsOf(log, op);
      const last = fx[fx.length - 1]!;
      const n = allocatedThrough(log, last);
      let allocs = 0,
        frees = 0,
        lastChange = -1;
      for (const i of fx)
        if (log.kind[i] === HOST_ALLOC_KIND || log.kind[i] === HOST_FREE_KIND) {
          if (log.kind[i] === HOST_ALLOC_KIND) allocs++;
          else frees++;
          lastChange = i;
        }
      const what =
        allocs || frees
          ? `it allocated ${allocs} host IRQ${allocs === 1 ? '' : 's'} and freed ${frees}`
          : 'it allocated and freed no host IRQ';
      return {
        accepted: [n],
        evidence: [evidence(runs, p, lastChange >= 0 ? lastChange : op)],
        explanation: `${q.policy}: ${opLabel(log, op)} (step ${q.step}, at ${fmtNs(log.t[op]!)}) finished at ${fmtNs(log.t[last]!)}; ${what}, leaving ${n} host IRQ${n === 1 ? '' : 's'} (IRTEs) allocated.`,
      };
    }
    case 'window-opened': {
      const p = paneOf(runs, q.policy);
      const log = runs[p]!.log;
      const op = needOp(log, q.step, q.policy);
      const w = windowOf(log, op);
      if (!w)
        return {
          accepted: [false],
          evidence: [evidence(runs, p, op)],
          explanation: `${q.policy}: ${opLabel(log, op)} at ${fmtNs(log.t[op]!)} leaves host MSI-X on: no resize window, nothing can be lost to one.`,
        };
      const t0 = log.t[w.open]!;
      const t1 = w.close >= 0 ? log.t[w.close]! : Infinity;
      let losses = 0;
      for (let i = w.open; i < log.length && log.t[i]! <= t1; i++)
        if (log.kind[i] === Ev.LOST && LOSS_NAMES[log[LOST_LOSS][i]!] === 'resize-window') losses++;
      const len = w.close >= 0 ? fmtNs(log[WINDOW_LEN][w.close]!) : 'an unclosed';
      return {
        accepted: [true],
        evidence: [evidence(runs, p, w.open)],
        explanation: `${q.policy}: ${opLabel(log, op)} at ${fmtNs(log.t[op]!)} opened a ${len} window at ${fmtNs(t0)} (host MSI-X off while the guest has it on); ${losses} raise${losses === 1 ? ' was' : 's were'} lost in it. ${explainRow(log, w.open).sentence}`,
      };
    }
    case 'first-loss-vector': {
      const p = paneOf(runs, q.policy);
      const log = runs[p]!.log;
      const i = firstLoss(log);
      if (i < 0)
        return {
          accepted: [-1],
          evidence: [],
          explanation: `${q.policy} loses nothing in this run.`,
        };
      return {
        accepted: [log.vec[i]!],
        evidence: [evidence(runs, p, i)],
        explanation: `${q.policy} first loses a raise on vector ${log.vec[i]} at ${fmtNs(log.t[i]!)}. ${explainRow(log, i).sentence}`,
      };
    }
  }
}

/** "was lost at 24 µs", "was delivered at once", ... from the raise's end (and its journey's last hop). */
function describeEnd(e: RaiseEnd): string {
  switch (e.how) {
    case 'direct':
      return 'was delivered at once';
    case 'late':
      return `was held, then delivered at ${fmtNs(e.deliveredAt)}`;
    case 'coalesced':
      return 'was merged into a raise already pending (coalesced)';
    case 'lost':
      return 'was lost';
    case 'pending':
      return 'was still held when the run ended';
  }
}

/** The raise's journey as one line ("device signals vector 0 → … → LOST: …"), for a raise question's feedback. */
export function journeyLine(log: LogColumns, raiseRowIndex: number): string {
  const id = log[col(Ev.RAISE, 'raise')][raiseRowIndex]!;
  return raiseJourney(log, id)
    .map((h) => `${fmtNs(h.t)} ${h.text}`)
    .join(' → ');
}
