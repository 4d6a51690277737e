import { beforeEach, describe, expect, it } from 'vitest';
import { useLesson } from './lesson.ts';
import { LESSONS } from '../../core/teach/lessons/index.ts';
import type { LessonStep } from '../../core/teach/lesson.ts';

const step = (narration: string): LessonStep => ({
  scenario: { preset: 'default' },
  policies: ['dynamic-alloc'],
  moment: { cursor: 0, window: [0, 1000] },
  narration,
});
const narrations = (): string[] => useLesson.getState().lesson!.steps.map((s) => s.narration);

describe('lesson store', () => {
  beforeEach(() => useLesson.getState().exitLesson());

  it('plays a lesson, keeping the step in range', () => {
    const l = LESSONS[0]!;
    const st = useLesson.getState();
    st.openLesson(l, 99, true);
    expect(useLesson.getState()).toMatchObject({ step: l.steps.length - 1, mode: 'play', shipped: true });
    st.next();
    expect(useLesson.getState().step).toBe(l.steps.length - 1);
    st.goTo(-5);
    expect(useLesson.getState().step).toBe(0);
    st.prev();
    expect(useLesson.getState().step).toBe(0);
    st.next();
    expect(useLesson.getState().step).toBe(1);
    st.exitLesson();
    expect(useLesson.getState().lesson).toBeNull();
  });

  it('authoring: add, narrate, reorder and delete steps; the current step follows its step', () => {
    const st = useLesson.getState();
    st.startAuthoring();
    expect(useLesson.getState()).toMatchObject({ mode: 'author', shipped: false });
    st.addStep(step('a'));
    st.addStep(step('b'));
    st.addStep(step('c'));
    expect(useLesson.getState().step).toBe(2);
    st.setNarration(0, 'A');
    st.moveStep(2, -1);
    expect(narrations()).toEqual(['A', 'c', 'b']);
    expect(useLesson.getState().step).toBe(1); // "c" moved, and stays current
    st.moveStep(0, -1); // the first cannot go up
    expect(narrations()).toEqual(['A', 'c', 'b']);
    st.deleteStep(0);
    expect(narrations()).toEqual(['c', 'b']);
    expect(useLesson.getState().step).toBe(0);
    st.setStepTitle(1, 'Title');
    expect(useLesson.getState().lesson!.steps[1]!.title).toBe('Title');
    st.setStepTitle(1, '');
    expect('title' in useLesson.getState().lesson!.steps[1]!).toBe(false);
  });

  it('a step question is set, replaced and removed without touching the other steps', () => {
    const st = useLesson.getState();
    st.startAuthoring();
    st.addStep(step('a'));
    st.addStep(step('b'));
    st.setQuestion(1, { kind: 'first-loss-vector', policy: 'dynamic-alloc' });
    expect(useLesson.getState().lesson!.steps[1]!.question).toEqual({
      kind: 'first-loss-vector',
      policy: 'dynamic-alloc',
    });
    st.setQuestion(1, { kind: 'host-irqs-after', policy: 'dynamic-alloc', step: 2 });
    expect(useLesson.getState().lesson!.steps[1]!.question).toMatchObject({ kind: 'host-irqs-after', step: 2 });
    expect('question' in useLesson.getState().lesson!.steps[0]!).toBe(false);
    st.setQuestion(1, null);
    expect('question' in useLesson.getState().lesson!.steps[1]!).toBe(false);
  });

  it('editing a copy never changes the shipped lesson', () => {
    const l = LESSONS[1]!;
    const before = JSON.stringify(l);
    useLesson.getState().startAuthoring(l);
    useLesson.getState().setNarration(0, 'changed');
    useLesson.getState().deleteStep(1);
    expect(JSON.stringify(l)).toBe(before);
  });
});
