/**
 * A question a learner answers before the timeline reveals the answer (issue 9, "predict, then
 * reveal"). A question is data: it names what to look at, never its answer. The answer is always
 * computed from the simulator's event log by `grade.ts` (owned by the quiz work), so a question
 * stays right when the model changes.
 *
 * This file holds only the shared shape, so lessons (which embed questions in steps) and the quiz
 * and practice code agree on it. Extend the union; do not store answers here.
 */

/**
 * Guest steps (`step` below) are named by their op id: the GUEST_OP row's `opId` field, 0, 1, 2 ...
 * in execution order. Every policy runs the same guest steps in the same order (one vCPU), so an
 * op id names the same step in every pane.
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
  | { kind: 'latest-delivery'; policies: string[]; raise: RaiseRef }
  /** "Does guest step <step> open a resize window (host MSI-X off) under <policy>?" Answer: yes/no. */
  | { kind: 'window-opened'; policy: string; step: number }
  /** "Which vector loses a raise first under <policy>?" Answer: a vector number, or -1 if nothing is lost. */
  | { kind: 'first-loss-vector'; policy: string };

/** What a learner answered: a yes/no, a number or a policy id, matching the question's kind. */
export type Answer = boolean | number | string;
