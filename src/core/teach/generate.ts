import { Ev } from '../engine/events.ts';
import { createRng, type Rng } from '../engine/rng.ts';
import { col } from '../engine/schema.ts';
import type { Question, RaiseRef } from './question.ts';
import { opCount, raiseEnd, raiseRow, type Runs } from './runs.ts';

/*
 * Questions drawn from a run (practice mode). Deterministic: the same runs and the same Rng state
 * give the same questions. A question only names its subject (a raise that exists in every pane, a
 * step every pane ran); its answer is computed later by grade.ts from the same logs.
 */

export type QuestionKind = Question['kind'];
export const QUESTION_KINDS: readonly QuestionKind[] = [
  'raise-lost',
  'host-irqs-after',
  'latest-delivery',
  'window-opened',
  'first-loss-vector',
];

const STREAM = col(Ev.RAISE, 'stream');

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;

/** Every raise of a log as a RaiseRef (first of its stream at its time) with its row. */
function raisesOf(runs: Runs, pane: number): { ref: RaiseRef; row: number }[] {
  const log = runs[pane]!.log;
  const out: { ref: RaiseRef; row: number }[] = [];
  let lastT = -1;
  const seen = new Set<number>();
  for (let i = 0; i < log.length; i++) {
    if (log.kind[i] !== Ev.RAISE) continue;
    const t = log.t[i]!,
      s = log[STREAM][i]!;
    if (t !== lastT) {
      seen.clear();
      lastT = t;
    }
    if (seen.has(s)) continue; // a burst raises a stream several times at one instant: a RaiseRef names the first
    seen.add(s);
    out.push({ ref: { t, stream: s }, row: i });
  }
  return out;
}

/**
 * One question of `kind` (or of a random kind) about `runs`, or null when the run has nothing to
 * ask it about (no raise, no guest step). Raise questions prefer raises whose fate differs between
 * panes (half the time, when there are any), because those are the ones worth predicting.
 */
export function generateQuestion(runs: Runs, rng: Rng, kind?: QuestionKind): Question | null {
  if (runs.length === 0) return null;
  const k = kind ?? pick(rng, QUESTION_KINDS);
  const pane = Math.floor(rng.next() * runs.length);
  const policy = runs[pane]!.policy;
  switch (k) {
    case 'raise-lost':
    case 'latest-delivery': {
      const rs = raisesOf(runs, 0);
      if (rs.length === 0) return null;
      // Raises whose outcome differs across the panes (sampled: a run may have a million raises).
      const sample = Array.from({ length: Math.min(24, rs.length) }, () => pick(rng, rs));
      const interesting = sample.filter(({ ref }) => {
        const hows = new Set(runs.map((r) => fate(r.log, ref)));
        return hows.size > 1;
      });
      const prefer = k === 'latest-delivery' ? 0.85 : 0.5;
      const { ref } = interesting.length && rng.next() < prefer ? pick(rng, interesting) : pick(rng, sample);
      if (runs.some((r) => fate(r.log, ref) === 'absent')) return null;
      return k === 'raise-lost'
        ? { kind: 'raise-lost', policy, raise: ref }
        : { kind: 'latest-delivery', policies: runs.map((r) => r.policy), raise: ref };
    }
    case 'host-irqs-after':
    case 'window-opened': {
      const n = Math.min(...runs.map((r) => opCount(r.log)));
      if (n === 0) return null;
      return { kind: k, policy, step: Math.floor(rng.next() * n) };
    }
    case 'first-loss-vector':
      return { kind: 'first-loss-vector', policy };
  }
}

/** Up to `n` questions (tries a few draws per question; skips kinds this run cannot ask). */
export function generateQuestions(runs: Runs, rng: Rng, n: number): Question[] {
  const out: Question[] = [];
  for (let tries = 0; out.length < n && tries < n * 8; tries++) {
    const q = generateQuestion(runs, rng);
    if (q) out.push(q);
  }
  return out;
}

function fate(log: Runs[number]['log'], ref: RaiseRef): string {
  const row = raiseRow(log, ref);
  if (row < 0) return 'absent';
  const e = raiseEnd(log, row);
  return e.how === 'direct' || e.how === 'late' ? `${e.how}@${e.deliveredAt}` : e.how;
}

/** The seeded Rng a caller outside the core (the page's practice mode) passes to generateQuestion and makeVariant. */
export function questionRng(seed: number): Rng {
  return createRng(seed);
}
