/**
 * A question a learner answers before the timeline reveals the answer (issue 9, "predict, then
 * reveal"). A question is data: it names what to look at, never its answer. The answer is always
 * computed from the simulator's event log by `grade.ts` (owned by the quiz work), so a question
 * stays right when the model changes.
 *
 * This file holds only the shared shape, so lessons (which embed questions in steps) and the quiz
 * and practice code agree on it. Extend the union; do not store answers here.
 */

/** A device raise, named as the link codec names it: its time and traffic stream (stable across policies). */
export interface RaiseRef {
  t: number;
  stream: number;
}

export type Question =
  /** "Will <policy> lose the raise at <t>?" Answer: yes/no. */
  | { kind: 'raise-lost'; policy: string; raise: RaiseRef }
  /** "How many host IRQs does <policy> hold right after guest step <step>?" Answer: a count. */
  | { kind: 'host-irqs-after'; policy: string; step: number }
  /** "Which policy delivers this raise latest?" Answer: a policy id (or 'none' if none delivers it). */
  | { kind: 'latest-delivery'; policies: string[]; raise: RaiseRef };

/** What a learner answered: a yes/no, a number or a policy id, matching the question's kind. */
export type Answer = boolean | number | string;
