import { create } from 'zustand';
import type { Lesson, LessonStep } from '../../core/teach/lesson.ts';
import type { Question } from '../../core/teach/question.ts';

/**
 * Lesson mode's UI state (issue 9), apart from the app store: the lesson being played or written,
 * the step on screen and what the panel shows. Driving the view to a step (runs, window, cursor,
 * selection) is components/lesson/driver.ts, which subscribes here; this file holds no logic
 * beyond keeping `step` in range. Changed only by the named actions below.
 */
export type LessonMode = 'play' | 'author';

export interface LessonState {
  /** The lesson played (mode 'play') or the draft being written (mode 'author'); null: lesson mode is off. */
  lesson: Lesson | null;
  /** True for a lesson the page ships (its link names it by id); false for one carried whole. */
  shipped: boolean;
  /** 0-based step on screen (the page and links say step + 1). */
  step: number;
  mode: LessonMode;
  /** One line about the last failure (a step that could not be shown, an import refused). */
  error: string | null;
  /** The author panel's import box is open. */
  importOpen: boolean;

  openLesson: (lesson: Lesson, step: number, shipped: boolean) => void;
  goTo: (step: number) => void;
  next: () => void;
  prev: () => void;
  exitLesson: () => void;
  /** Starts writing: a copy of `from` (or an empty draft) in author mode. */
  startAuthoring: (from?: Lesson, importOpen?: boolean) => void;
  setDraftTitle: (title: string) => void;
  addStep: (step: LessonStep) => void;
  setNarration: (index: number, text: string) => void;
  setStepTitle: (index: number, title: string) => void;
  /** Sets step `index`'s question (checked by the author panel first), or removes it (null). */
  setQuestion: (index: number, question: Question | null) => void;
  moveStep: (index: number, by: -1 | 1) => void;
  deleteStep: (index: number) => void;
  toggleImport: () => void;
  lessonFailed: (message: string) => void;
  dismissLessonError: () => void;
}

const clamp = (k: number, n: number): number => Math.max(0, Math.min(n - 1, k));

export const emptyDraft = (): Lesson => ({
  version: 1,
  id: 'my-lesson',
  title: 'My lesson',
  summary: '',
  cites: [],
  steps: [],
});

/** The draft with its steps replaced (a new object: subscribers compare by reference). */
const withSteps = (l: Lesson, steps: LessonStep[]): Lesson => ({ ...l, steps });

export const useLesson = create<LessonState>()((set, get) => ({
  lesson: null,
  shipped: false,
  step: 0,
  mode: 'play',
  error: null,
  importOpen: false,

  openLesson: (lesson, step, shipped) =>
    set({ lesson, shipped, step: clamp(step, lesson.steps.length), mode: 'play', error: null, importOpen: false }),
  goTo: (step) => {
    const l = get().lesson;
    if (l && l.steps.length > 0) set({ step: clamp(step, l.steps.length) });
  },
  next: () => get().goTo(get().step + 1),
  prev: () => get().goTo(get().step - 1),
  exitLesson: () => set({ lesson: null, step: 0, mode: 'play', error: null, importOpen: false }),

  startAuthoring: (from, importOpen = false) =>
    set({
      lesson: from ? (JSON.parse(JSON.stringify(from)) as Lesson) : emptyDraft(),
      shipped: false,
      step: 0,
      mode: 'author',
      error: null,
      importOpen,
    }),
  setDraftTitle: (title) => set((s) => (s.lesson ? { lesson: { ...s.lesson, title } } : {})),
  addStep: (step) =>
    set((s) =>
      s.lesson ? { lesson: withSteps(s.lesson, [...s.lesson.steps, step]), step: s.lesson.steps.length } : {},
    ),
  setNarration: (i, text) =>
    set((s) =>
      s.lesson
        ? {
            lesson: withSteps(
              s.lesson,
              s.lesson.steps.map((x, j) => (j === i ? { ...x, narration: text } : x)),
            ),
          }
        : {},
    ),
  setStepTitle: (i, title) =>
    set((s) => {
      if (!s.lesson) return {};
      const steps = s.lesson.steps.map((x, j) => {
        if (j !== i) return x;
        const { title: _old, ...rest } = x;
        void _old;
        return title === '' ? rest : { ...rest, title };
      });
      return { lesson: withSteps(s.lesson, steps) };
    }),
  setQuestion: (i, question) =>
    set((s) => {
      if (!s.lesson) return {};
      const steps = s.lesson.steps.map((x, j) => {
        if (j !== i) return x;
        const { question: _old, ...rest } = x;
        void _old;
        return question ? { ...rest, question } : rest;
      });
      return { lesson: withSteps(s.lesson, steps) };
    }),
  moveStep: (i, by) =>
    set((s) => {
      const l = s.lesson;
      const j = i + by;
      if (!l || j < 0 || j >= l.steps.length) return {};
      const steps = [...l.steps];
      [steps[i], steps[j]] = [steps[j]!, steps[i]!];
      return { lesson: withSteps(l, steps), step: s.step === i ? j : s.step === j ? i : s.step };
    }),
  deleteStep: (i) =>
    set((s) => {
      const l = s.lesson;
      if (!l) return {};
      const steps = l.steps.filter((_, j) => j !== i);
      return { lesson: withSteps(l, steps), step: clamp(s.step > i ? s.step - 1 : s.step, Math.max(1, steps.length)) };
    }),
  toggleImport: () => set((s) => ({ importOpen: !s.importOpen })),
  lessonFailed: (message) => set({ error: message }),
  dismissLessonError: () => set({ error: null }),
}));
