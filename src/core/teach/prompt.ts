import { fmtNs } from '../format/time.ts';
import { opLabel } from './grade.ts';
import type { Answer, Question } from './question.ts';
import { opRow, paneOf, raiseRow, type Runs } from './runs.ts';

/** One answer a learner can tap: its value (what `grade` compares) and its label. */
export interface Choice {
  value: Answer;
  label: string;
}

/**
 * The question in words. Names only what the question names (a policy, a raise's time and vector,
 * a step): nothing about the answer, so the prompt is never a spoiler.
 */
export function promptOf(q: Question, runs: Runs): string {
  switch (q.kind) {
    case 'raise-lost':
      return `Will ${q.policy} lose the raise on vector ${raiseVec(q, runs, q.policy)} at ${fmtNs(q.raise.t)}?`;
    case 'latest-delivery':
      return `Which policy delivers the raise on vector ${raiseVec(q, runs, q.policies[0]!)} at ${fmtNs(q.raise.t)} latest?`;
    case 'host-irqs-after':
      return `How many host IRQs does ${q.policy} hold right after ${stepLabel(q, runs)}?`;
    case 'window-opened':
      return `Does ${stepLabel(q, runs)} open a resize window (host MSI-X off) under ${q.policy}?`;
    case 'first-loss-vector':
      return `Which vector loses an interrupt first under ${q.policy}?`;
  }
}

/**
 * The answers offered, in a fixed order that does not depend on the expected answer (so the
 * position of the right one gives nothing away): yes/no; 0..table size for a count (the host
 * cannot hold more IRQs than the device has entries); the question's policies plus "none"; every
 * guest-visible vector plus "none".
 */
export function choicesOf(q: Question, runs: Runs): Choice[] {
  const yesNo: Choice[] = [
    { value: true, label: 'Yes' },
    { value: false, label: 'No' },
  ];
  switch (q.kind) {
    case 'raise-lost':
    case 'window-opened':
      return yesNo;
    case 'host-irqs-after': {
      const n = tableSizeOf(runs, q.policy);
      return Array.from({ length: n + 1 }, (_, k) => ({ value: k, label: String(k) }));
    }
    case 'latest-delivery':
      return [...q.policies.map((p) => ({ value: p, label: p })), { value: 'none', label: 'none delivers it' }];
    case 'first-loss-vector': {
      const n = tableSizeOf(runs, q.policy);
      return [
        ...Array.from({ length: n }, (_, v) => ({ value: v, label: `vector ${v}` })),
        { value: -1, label: 'none is lost' },
      ];
    }
  }
}

/** Entries the log's vectors range over: one more than the highest vector any row names (at least 1). */
function tableSizeOf(runs: Runs, policy: string): number {
  const log = runs[paneOf(runs, policy)]!.log;
  let max = 0;
  for (let i = 0; i < log.length; i++) if (log.vec[i]! > max) max = log.vec[i]!;
  return Math.min(max + 1, 64);
}

function raiseVec(q: Extract<Question, { raise: unknown }>, runs: Runs, policy: string): number {
  const log = runs[paneOf(runs, policy)]!.log;
  const row = raiseRow(log, q.raise);
  if (row < 0)
    throw new RangeError(`question.raise: ${policy} has no raise of stream ${q.raise.stream} at ${q.raise.t} ns`);
  return log.vec[row]!;
}

function stepLabel(q: Extract<Question, { step: number }>, runs: Runs): string {
  const log = runs[paneOf(runs, q.policy)]!.log;
  const row = opRow(log, q.step);
  if (row < 0) throw new RangeError(`question.step: ${q.policy} has no guest step ${q.step}`);
  return `${opLabel(log, row)} at ${fmtNs(log.t[row]!)}`;
}
