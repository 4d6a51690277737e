import type { Lesson } from '../lesson.ts';
import { dataHackLesson } from './data-hack.ts';
import { dynamicLimits } from './dynamic-limits.ts';
import { lazyAndTeardown } from './lazy-and-teardown.ts';
import { paravirtAndIms } from './paravirt-and-ims.ts';

/** The lessons the page ships, in teaching order; ids are stable (lesson links name them). */
export const LESSONS: readonly Lesson[] = [lazyAndTeardown, dataHackLesson, dynamicLimits, paravirtAndIms];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
