import { create } from 'zustand';
import { SEED_POLICY_IDS } from '../../core/policies/index.ts';
import type { Answer, Question } from '../../core/teach/question.ts';
import { runInWorker } from '../sim/runner.ts';
import { getRun } from './runData.ts';

/**
 * Practice mode (issue 9): random questions on random variants of the presets, simulated in the
 * Worker and graded by the simulator, with a running score for this session only (no account,
 * nothing stored). Route `#practice` (or `#practice=<seed>` to replay a session's questions).
 *
 * Each round: a seeded variant (core/teach/variants.ts) runs in the Worker under the four seed
 * policies like any scenario (it replaces the run on screen), then a question is drawn from the
 * run's logs (core/teach/generate.ts). Round k of session seed s always gives the same variant and
 * question, so a seed in the link reproduces a session.
 */
export interface PracticeState {
  active: boolean;
  status: 'idle' | 'loading' | 'ready' | 'error';
  message: string | null;
  seed: number;
  /** Rounds started (the current one included). */
  round: number;
  /** Questions answered (first attempt counted) and how many of those were right. */
  asked: number;
  right: number;
  /** Whether the current question has had its first answer (the score counts only that one). */
  scored: boolean;
  variant: { presetId: string; title: string; changes: string[] } | null;
  question: Question | null;
  start: (seed?: number) => void;
  next: () => Promise<void>;
  /** Asks one given question about the run on screen (no new variant): a test hook, and a way in for a lesson's link. */
  askAbout: (q: Question) => void;
  recordAnswer: (correct: boolean) => void;
  exit: () => void;
}

/** A fresh session seed (the page, not the core: the core only ever receives it). */
const freshSeed = (): number => (Math.random() * 2 ** 31) >>> 0;

export const usePractice = create<PracticeState>()((set, get) => ({
  active: false,
  status: 'idle',
  message: null,
  seed: 0,
  round: 0,
  asked: 0,
  right: 0,
  scored: false,
  variant: null,
  question: null,
  start: (seed) => {
    set({ active: true, seed: seed ?? freshSeed(), round: 0, asked: 0, right: 0, question: null, variant: null });
    void get().next();
  },
  next: async () => {
    const { seed, round } = get();
    const k = round + 1;
    set({ round: k, status: 'loading', message: null, question: null, scored: false });
    // The question code (and the scenario validator it needs) loads only when practice starts.
    const [{ generateQuestion, questionRng }, { makeVariant }] = await Promise.all([
      import('../../core/teach/generate.ts'),
      import('../../core/teach/variants.ts'),
    ]);
    // One Rng per round, from the session seed and the round: a variant, then its question.
    const rng = questionRng((seed ^ Math.imul(k, 0x9e3779b1)) >>> 0);
    const v = makeVariant(rng);
    const ok = await runInWorker(JSON.stringify(v.scenario, null, 2), [...SEED_POLICY_IDS], {
      presetId: null,
      notice: `Practice ${k}: a variant of “${v.title}”${v.changes.length ? ` (${v.changes.join('; ')})` : ''}`,
      keepUrl: true,
    });
    if (get().round !== k || !get().active) return; // superseded or left
    const run = getRun();
    if (!ok || !run) {
      set({ status: 'error', message: 'The simulation did not finish; try the next question.' });
      return;
    }
    let q: Question | null = null;
    for (let tries = 0; !q && tries < 8; tries++) q = generateQuestion(run.runs, rng);
    if (!q) {
      set({ status: 'error', message: 'This variant has nothing to ask about; try the next question.' });
      return;
    }
    set({ status: 'ready', question: q, variant: { presetId: v.presetId, title: v.title, changes: v.changes } });
  },
  askAbout: (q) => {
    set((s) => ({
      active: true,
      seed: s.seed || freshSeed(),
      round: s.round + 1,
      status: 'ready',
      message: null,
      scored: false,
      variant: null,
      question: q,
    }));
  },
  recordAnswer: (correct) => {
    if (get().scored) return;
    set((s) => ({ scored: true, asked: s.asked + 1, right: s.right + (correct ? 1 : 0) }));
  },
  exit: () => {
    set({ active: false, status: 'idle', question: null, variant: null });
    try {
      history.replaceState(null, '', location.pathname + location.search);
    } catch {
      /* a sandboxed frame may refuse; nothing depends on it */
    }
  },
}));

/** Opens practice for a `#practice` or `#practice=<seed>` fragment; false for any other fragment. */
export function openPracticeRoute(frag: string): boolean {
  const m = /^practice(?:=(\d{1,10}))?$/.exec(frag);
  if (!m) return false;
  usePractice.getState().start(m[1] === undefined ? undefined : Number(m[1]) >>> 0);
  return true;
}

/** Starts practice from the header: the fragment becomes `#practice` (a replaceState: no hashchange). */
export function enterPractice(): void {
  try {
    history.replaceState(null, '', '#practice');
  } catch {
    /* a sandboxed frame may refuse; practice works without the fragment */
  }
  usePractice.getState().start();
}

/** For end-to-end tests: the simulator's answer to the question on screen, as the grader computes it. */
export async function practiceAnswer(): Promise<Answer | null> {
  const q = usePractice.getState().question;
  const run = getRun();
  if (!q || !run) return null;
  const { answerOf } = await import('../../core/teach/grade.ts');
  return answerOf(q, run.runs);
}
