import { describe, expect, it } from 'vitest';
import { encodeLessonPayload, isLessonFragment, lessonFragment, parseLessonFragment } from './lesson-link.ts';
import { LESSONS } from './lessons/index.ts';
import { LessonError } from './lesson.ts';
import { LinkError } from '../share/errors.ts';

const lesson = LESSONS[0]!;

describe('lesson links', () => {
  it('name a shipped lesson by id with a 1-based step', () => {
    const f = lessonFragment(lesson, 3, true);
    expect(f).toBe(`lesson=${lesson.id}&step=3`);
    expect(isLessonFragment(f)).toBe(true);
    expect(parseLessonFragment(f)).toEqual({ lesson: lesson.id, step: 3 });
    expect(parseLessonFragment(`lesson=${lesson.id}`).step).toBe(1);
  });
  it('carry any other lesson whole, and read it back equal', () => {
    const custom = { ...lesson, id: 'my-lesson', title: 'Mine' };
    const f = lessonFragment(custom, 2, false);
    expect(f).toMatch(/^lesson=l1\.[A-Za-z0-9_-]{8}\./);
    expect(parseLessonFragment(f)).toEqual({ lesson: custom, step: 2 });
  });
  it('refuse a damaged payload by its checksum, in one line', () => {
    const p = encodeLessonPayload(lesson);
    const bad = p.slice(0, -3) + (p.endsWith('A') ? 'B' : 'A') + p.slice(-2);
    expect(() => parseLessonFragment(`lesson=${bad}`)).toThrow(LinkError);
    expect(() => parseLessonFragment(`lesson=${bad}`)).toThrow(/checksum mismatch/);
  });
  it('refuse a bad step or a bad id', () => {
    expect(() => parseLessonFragment(`lesson=${lesson.id}&step=0`)).toThrow(LessonError);
    expect(() => parseLessonFragment(`lesson=${lesson.id}&step=x`)).toThrow(/step must be a step number/);
    expect(() => parseLessonFragment('lesson=<script>')).toThrow(/not a lesson id/);
    expect(() => parseLessonFragment('lesson=')).toThrow(/names no lesson/);
  });
  it('validate the lesson a link carries', () => {
    const broken = { ...lesson, steps: [] };
    expect(() => parseLessonFragment(`lesson=${encodeLessonPayload(broken as never)}`)).toThrow(
      'steps: a lesson needs at least one step',
    );
  });
});
