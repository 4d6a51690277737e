import { describe, expect, it } from 'vitest';
import { LESSONS, findLesson } from './index.ts';
import { parseLesson, stepScenario, type Lesson, type LessonStep } from '../lesson.ts';
import { parsePolicySpec } from '../../policies/index.ts';
import { findPreset } from '../../presets/index.ts';
import { runScenario, type PolicyRun } from '../../machine/run.ts';
import { keyToRow } from '../../share/event-key.ts';
import { Ev } from '../../engine/events.ts';
import { narrationText } from '../narration.ts';
import type { Question } from '../question.ts';
import { answerOf } from '../grade.ts';

/** Each distinct (scenario, policies) is simulated once for all lessons. */
const cache = new Map<string, PolicyRun[]>();
function runsOf(step: LessonStep): PolicyRun[] {
  const scenario = stepScenario(step);
  const id = JSON.stringify([scenario, step.policies]);
  let runs = cache.get(id);
  if (!runs) {
    runs = runScenario(scenario, step.policies.map(parsePolicySpec));
    cache.set(id, runs);
  }
  return runs;
}

/**
 * A question is answerable when the quiz's grader (the one the page uses) answers it from the
 * step's logs: `answerOf` throws one line naming the field for a raise, policy or guest op the run
 * does not have. The answer itself is never written in a lesson.
 */
function answerable(q: Question, runs: PolicyRun[]): string | null {
  try {
    answerOf(
      q,
      runs.map((r) => ({ policy: r.policy, log: r.log })),
    );
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('the shipped lessons', () => {
  it('are at least four, with unique ids', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(4);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    expect(findLesson('lazy-and-teardown')?.title).toMatch(/teardown/);
  });

  describe.each(LESSONS.map((l) => [l.id, l] as [string, Lesson]))('%s', (_id, lesson) => {
    it('validates, has 6 to 10 steps and cites its threads', () => {
      expect(parseLesson(JSON.parse(JSON.stringify(lesson)))).toEqual(lesson);
      expect(lesson.steps.length).toBeGreaterThanOrEqual(6);
      expect(lesson.steps.length).toBeLessThanOrEqual(10);
      expect(lesson.cites.length).toBeGreaterThan(0);
      for (const c of lesson.cites) expect(c.thread).toMatch(/20\d\d/);
      expect(lesson.steps.some((s) => s.question)).toBe(true);
    });

    it('names presets and policies that exist', () => {
      for (const step of lesson.steps) {
        if ('preset' in step.scenario) expect(findPreset(step.scenario.preset), step.scenario.preset).toBeDefined();
        for (const p of step.policies) expect(() => parsePolicySpec(p)).not.toThrow();
      }
    });

    it('every selection names an event of that run, the moment is inside the run, and every question is answerable', () => {
      lesson.steps.forEach((step, i) => {
        const runs = runsOf(step);
        const end = Math.max(...runs.map((r) => r.endNs));
        expect(step.moment.cursor, `step ${i + 1} cursor`).toBeLessThanOrEqual(end);
        expect(step.moment.window[0], `step ${i + 1} window`).toBeLessThan(end);
        const sel = step.moment.select;
        if (sel) {
          const run = runs[sel.pane]!;
          const row = keyToRow(run.log, sel.key);
          expect(row, `step ${i + 1}: ${JSON.stringify(sel.key)} in ${run.policy}`).toBeGreaterThanOrEqual(0);
          // The selected event is on screen when the step opens.
          expect(run.log.t[row]).toBeGreaterThanOrEqual(step.moment.window[0]);
          expect(run.log.t[row]).toBeLessThanOrEqual(step.moment.window[1]);
        }
        if (step.question) expect(answerable(step.question, runs), `step ${i + 1} question`).toBeNull();
      });
    });

    it('selects the kinds of event its narration talks about', () => {
      // A loss selected means the narration speaks of a loss or its cause; a failure, of failing.
      lesson.steps.forEach((step) => {
        const sel = step.moment.select;
        if (!sel || 'stream' in sel.key) return;
        const text = narrationText(step.narration).toLowerCase();
        if (sel.key.kind === 'lost') expect(text).toMatch(/lost|lose/);
        if (sel.key.kind === 'host-alloc-fail') expect(text).toMatch(/fail|no free slot|cannot be backed/);
        if (sel.key.kind === 'window-open') expect(text).toMatch(/window|re-assign|resize|teardown/);
      });
    });
  });

  it('the losses the lessons point at are real losses of the right cause', () => {
    // Lesson 1's reveal steps: the 5 µs raise is lost to host-msix-off, the 20 µs one to the window.
    const l = findLesson('lazy-and-teardown')!;
    const runs = runsOf(l.steps[2]!);
    const ts = runs[0]!.log;
    const r5 = keyToRow(ts, { t: 5000, kind: 'lost', vec: 0, k: 0 });
    const r20 = keyToRow(ts, { t: 20000, kind: 'lost', vec: 0, k: 0 });
    expect(ts.kind[r5]).toBe(Ev.LOST);
    expect(ts.kind[r20]).toBe(Ev.LOST);
    // dynamic-alloc loses neither raise.
    const da = runs[1]!.log;
    expect(keyToRow(da, { t: 5000, kind: 'lost', vec: 0, k: 0 })).toBe(-1);
    expect(keyToRow(da, { t: 20000, kind: 'lost', vec: 0, k: 0 })).toBe(-1);
  });
});
