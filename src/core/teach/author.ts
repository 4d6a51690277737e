import { Ev } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { col, RAISE_ID_COL, RAISE_ROW_KINDS } from '../engine/schema.ts';
import { fmtNs } from '../format/time.ts';
import { answerOf, grade, opLabel } from './grade.ts';
import type { QuestionKind } from './generate.ts';
import { choicesOf, promptOf } from './prompt.ts';
import type { Question, RaiseRef } from './question.ts';
import { opCount, opRow, raiseRow, type Runs } from './runs.ts';

/*
 * Writing a question in the page (issue 9, the lesson author): a question is built from what the
 * author has selected on the step's run (a raise, a guest op, a pane's policy), then checked by the
 * real grader on that run, so the author sees the prompt and the simulator's answer before saving,
 * or one line saying why the question cannot be asked of this run. Pure: logs in, data out.
 */

const STREAM = col(Ev.RAISE, 'stream');
const OP_ID = col(Ev.GUEST_OP, 'opId');

/** What each kind needs from the page: a raise, a guest op, or only a policy. */
export const KIND_NEEDS: Readonly<Record<QuestionKind, 'raise' | 'step' | 'policy'>> = {
  'raise-lost': 'raise',
  'latest-delivery': 'raise',
  'host-irqs-after': 'step',
  'window-opened': 'step',
  'first-loss-vector': 'policy',
};

/** Short names for the kind picker. */
export const KIND_LABELS: Readonly<Record<QuestionKind, string>> = {
  'raise-lost': 'Will this policy lose this raise?',
  'latest-delivery': 'Which policy delivers this raise latest?',
  'host-irqs-after': 'How many host IRQs after this guest op?',
  'window-opened': 'Does this guest op open a resize window?',
  'first-loss-vector': 'Which vector loses a raise first?',
};

/**
 * The raise a row belongs to, as a RaiseRef (its RAISE row's time and stream), or null for a row
 * that is not part of a raise (a guest op, a window). A DELIVER or LOST row names its raise by id;
 * the RAISE row with that id is before it.
 */
export function raiseRefAt(log: LogColumns, row: number): RaiseRef | null {
  if (row < 0 || row >= log.length || !RAISE_ROW_KINDS.has(log.kind[row]!)) return null;
  const ids = log[RAISE_ID_COL];
  const id = ids[row]!;
  for (let i = row; i >= 0; i--)
    if (log.kind[i] === Ev.RAISE && ids[i] === id) return { t: log.t[i]!, stream: log[STREAM][i]! };
  return null;
}

/**
 * The guest op a row belongs to: its own op id for a GUEST_OP row, else the op at the root of its
 * cause chain (a window, an ioctl, an allocation caused by that op), or null (device traffic).
 */
export function opIdAt(log: LogColumns, row: number): number | null {
  if (row < 0 || row >= log.length) return null;
  let i = row;
  for (let guard = 0; guard < log.length && log.kind[i] !== Ev.GUEST_OP; guard++) {
    const c = log.cause[i]!;
    if (c < 0 || c >= i) return null;
    i = c;
  }
  return log.kind[i] === Ev.GUEST_OP ? log[OP_ID][i]! : null;
}

/** The last guest op at or before `t` (the first one if none is), or null when the log has none. */
export function opIdBefore(log: LogColumns, t: number): number | null {
  let found: number | null = null;
  for (let i = 0; i < log.length && log.t[i]! <= t; i++) if (log.kind[i] === Ev.GUEST_OP) found = log[OP_ID][i]!;
  if (found !== null) return found;
  return opCount(log) > 0 ? 0 : null;
}

/** The first raise at or after `t` (the last one before it if none is), or null when the log has none. */
export function raiseRefNear(log: LogColumns, t: number): RaiseRef | null {
  let before: RaiseRef | null = null;
  for (let i = 0; i < log.length; i++) {
    if (log.kind[i] !== Ev.RAISE) continue;
    const ref = { t: log.t[i]!, stream: log[STREAM][i]! };
    if (ref.t >= t) return ref;
    before = ref;
  }
  return before;
}

/** What the page offers a question's parameters from: the step's panes, the selection and the cursor. */
export interface AuthorContext {
  runs: Runs;
  /** The selected event, if any (a pane index into runs and a row of its log). */
  selected: { pane: number; row: number } | null;
  cursor: number;
}

/** The parameters being edited: every kind's, so switching kinds keeps what the author chose. */
export interface QuestionDraft {
  kind: QuestionKind;
  policy: string;
  raise: RaiseRef | null;
  step: number | null;
}

/**
 * A draft defaulted from the page: the selected pane's policy (else the first pane's), the
 * selected raise (else the first raise at or after the cursor), the selected event's guest op
 * (else the last op before the cursor).
 */
export function draftFromPage(kind: QuestionKind, ctx: AuthorContext): QuestionDraft {
  const pane = ctx.selected && ctx.runs[ctx.selected.pane] ? ctx.selected.pane : 0;
  const log = ctx.runs[pane]?.log;
  const row = ctx.selected && ctx.selected.pane === pane ? ctx.selected.row : -1;
  return {
    kind,
    policy: ctx.runs[pane]?.policy ?? '',
    raise: log ? (raiseRefAt(log, row) ?? raiseRefNear(log, ctx.cursor)) : null,
    step: log ? (opIdAt(log, row) ?? opIdBefore(log, ctx.cursor)) : null,
  };
}

/** The draft as a Question of its kind, or one line saying what is missing. */
export function questionOf(d: QuestionDraft, runs: Runs): Question | string {
  switch (d.kind) {
    case 'raise-lost':
    case 'latest-delivery':
      if (!d.raise) return 'select a raise on the timeline first (this question is about one raise)';
      if (d.kind === 'latest-delivery') {
        if (runs.length < 2)
          return 'this step shows one policy: "which policy delivers latest" needs at least two panes';
        return { kind: d.kind, policies: runs.map((r) => r.policy), raise: { ...d.raise } };
      }
      return { kind: d.kind, policy: d.policy, raise: { ...d.raise } };
    case 'host-irqs-after':
    case 'window-opened':
      if (d.step === null) return 'select a guest operation on the timeline first (this question is about one)';
      return { kind: d.kind, policy: d.policy, step: d.step };
    case 'first-loss-vector':
      return { kind: d.kind, policy: d.policy };
  }
}

/** The question as the author checks it: the learner's prompt, the simulator's answer and why. */
export interface CheckedQuestion {
  prompt: string;
  answer: string;
  explanation: string;
}

/**
 * Checks `q` against the step's run with the real grader: every policy it names is a pane, the
 * raise or guest op it names is in every pane it is asked of. Returns the prompt and answer, or
 * one line naming what is not in this run (e.g. "the raise at 20 µs on stream 3 is not in this
 * scenario").
 */
export function checkQuestion(q: Question, runs: Runs): CheckedQuestion | string {
  const policies = 'policies' in q ? q.policies : [q.policy];
  for (const p of policies)
    if (!runs.some((r) => r.policy === p))
      return `the policy "${p}" is not one of this step's panes (${runs.map((r) => r.policy).join(', ')})`;
  for (const p of policies) {
    const log = runs.find((r) => r.policy === p)!.log;
    if ('raise' in q && raiseRow(log, q.raise) < 0)
      return `the raise at ${fmtNs(q.raise.t)} on stream ${q.raise.stream} is not in this scenario (${p} has no such raise): select a raise on the timeline`;
    if ('step' in q && opRow(log, q.step) < 0)
      return `guest op ${q.step} is not in this scenario (${p} runs ${opCount(log)} guest ops, 0 to ${opCount(log) - 1})`;
  }
  try {
    const expected = answerOf(q, runs);
    const label = choicesOf(q, runs).find((c) => c.value === expected)?.label ?? String(expected);
    return { prompt: promptOf(q, runs), answer: label, explanation: grade(q, expected, runs).explanation };
  } catch (e) {
    return `this question cannot be graded on this step's run: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** "request_irq(3) at 12 µs" for op id `step` of `policy`'s log (the author's label for a chosen op). */
export function opName(runs: Runs, policy: string, step: number): string | null {
  const log = runs.find((r) => r.policy === policy)?.log;
  const row = log ? opRow(log, step) : -1;
  return log && row >= 0 ? `${opLabel(log, row)} at ${fmtNs(log.t[row]!)}` : null;
}

/** A saved question back as an editable draft (the parameters its kind does not use left empty). */
export function draftOf(q: Question, runs: Runs): QuestionDraft {
  return {
    kind: q.kind,
    policy: 'policy' in q ? q.policy : (runs[0]?.policy ?? ''),
    raise: 'raise' in q ? { ...q.raise } : null,
    step: 'step' in q ? q.step : null,
  };
}
