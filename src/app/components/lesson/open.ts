import { parseLessonFragment } from '../../../core/teach/lesson-link.ts';
import { findLesson, LESSONS } from '../../../core/teach/lessons/index.ts';
import { LessonError, type Lesson } from '../../../core/teach/lesson.ts';
import { LinkError } from '../../../core/share/index.ts';
import { useLesson } from '../../state/lesson.ts';
import { installLessonDriver } from './driver.ts';
import { installLessonKeys } from './keys.ts';

/**
 * The ways into lesson mode, loaded on demand (this module pulls in the lesson format's
 * validation): a link (#lesson=<id>|<payload>&step=k, on first load or pasted), the Lessons menu,
 * an import. Each installs the driver and the keys once, then sets the lesson store.
 */
export { LESSONS };

function ready(): void {
  installLessonDriver();
  installLessonKeys();
}

/** Plays `lesson` from 0-based `step`. */
export function playLesson(lesson: Lesson, step: number, shipped: boolean): void {
  ready();
  useLesson.getState().openLesson(lesson, step, shipped);
}

export function playShipped(id: string, step = 0): boolean {
  const l = findLesson(id);
  if (l) playLesson(l, step, true);
  return !!l;
}

/** Starts writing a lesson (a copy of `from`, or empty). */
export function authorLesson(from?: Lesson, importOpen = false): void {
  ready();
  useLesson.getState().startAuthoring(from, importOpen);
}

/**
 * Opens a lesson link. Returns null once the lesson plays, or the one-line reason the link was
 * refused (the caller says so and shows what it would show without it).
 */
export function openLessonFragment(frag: string): string | null {
  let lesson: Lesson | undefined;
  let step: number;
  let shipped = true;
  try {
    const ref = parseLessonFragment(frag);
    step = ref.step;
    if (typeof ref.lesson === 'string') {
      lesson = findLesson(ref.lesson);
      if (!lesson)
        throw new LessonError(
          `this link names the lesson "${ref.lesson}", which this version of msix-lab does not have (it has ${LESSONS.map((l) => l.id).join(', ')})`,
        );
    } else {
      lesson = ref.lesson;
      shipped = false;
    }
  } catch (e) {
    return e instanceof LessonError || e instanceof LinkError ? e.message : String(e);
  }
  playLesson(lesson, Math.min(step, lesson.steps.length) - 1, shipped);
  return null;
}
