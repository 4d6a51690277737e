import {
  stepPresetId,
  stepScenario,
  LessonError,
  type Lesson,
  type LessonStep,
  type Moment,
} from '../../../core/teach/lesson.ts';
import { lessonFragment } from '../../../core/teach/lesson-link.ts';
import { parsePolicySpec } from '../../../core/policies/index.ts';
import { encodeLink, keyToRow } from '../../../core/share/index.ts';
import { currentShare, runInWorker } from '../../sim/runner.ts';
import { getRun } from '../../state/runData.ts';
import type { RunOk } from '../../../worker/protocol.ts';
import { useApp } from '../../state/store.ts';
import { useLesson } from '../../state/lesson.ts';
import { setCursor, setDomain, viewport } from '../../state/viewport.ts';

/**
 * Drives the page to the lesson's current step: runs the step's scenario under its policies if
 * that is not what is on screen, then sets the window (animated unless the user prefers reduced
 * motion), the cursor and the selected event, found by its stable key. While playing, the URL
 * follows (#lesson=…&step=k, replaceState: no history entry per step) so a reload resumes there.
 *
 * A step is re-applied only when what it shows changes (its scenario, policies or moment, or
 * which step it is), not when its narration is edited.
 */
const ANIMATE_MS = 450;

let installed = false;
let lastKey = '';
let token = 0;
let anim = 0;

const reducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Eases the visible window to [a, b] (instantly under reduced motion). */
function moveWindow(a: number, b: number): void {
  cancelAnimationFrame(anim);
  const [a0, b0] = viewport().domain;
  if (reducedMotion() || (a0 === a && b0 === b)) {
    setDomain(a, b);
    return;
  }
  const t0 = performance.now();
  const frame = (now: number): void => {
    const u = Math.min(1, (now - t0) / ANIMATE_MS);
    const e = u < 0.5 ? 2 * u * u : 1 - (-2 * u + 2) ** 2 / 2;
    if (u >= 1) setDomain(a, b);
    else setDomain(a0 + (a - a0) * e, b0 + (b - b0) * e);
    if (u < 1) anim = requestAnimationFrame(frame);
  };
  anim = requestAnimationFrame(frame);
}

function applyMoment(m: Moment, animate: boolean): void {
  if (animate) moveWindow(m.window[0], m.window[1]);
  else {
    cancelAnimationFrame(anim);
    setDomain(m.window[0], m.window[1]);
  }
  setCursor(m.cursor, false);
  const sel = m.select;
  const log = sel && getRun()?.runs[sel.pane]?.log;
  const row = sel && log ? keyToRow(log, sel.key) : -1;
  // A key this run does not have (the model changed) selects nothing rather than another event.
  useApp.getState().select(sel && row >= 0 ? { pane: sel.pane, row } : null);
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The run on screen if it is `step`'s (its scenario under its policies), else null: what the
 * author's question editor grades against. A step that does not validate has no run.
 */
export function stepRunOnScreen(step: LessonStep): RunOk | null {
  const run = getRun();
  if (!run) return null;
  try {
    const scenario = stepScenario(step);
    const policies = step.policies.map((p) => parsePolicySpec(p).spec);
    return JSON.stringify(run.scenario) === JSON.stringify(scenario) && sameList(run.policies, policies) ? run : null;
  } catch {
    return null;
  }
}

/** Shows step `index` of `lesson`. Resolves false if the step could not be shown (the error is set). */
export async function showStep(lesson: Lesson, index: number): Promise<boolean> {
  const step = lesson.steps[index];
  if (!step) return false;
  const my = ++token;
  let scenario: unknown;
  let policies: string[];
  try {
    scenario = stepScenario(step, `steps[${index}].scenario`);
    policies = step.policies.map((p) => parsePolicySpec(p).spec);
  } catch (e) {
    useLesson.getState().lessonFailed(e instanceof LessonError ? e.message : String(e));
    return false;
  }
  // Both sides are validateScenario's output (the Worker's and ours), so equal JSON is the same scenario.
  const run = getRun();
  const same =
    run !== null && JSON.stringify(run.scenario) === JSON.stringify(scenario) && sameList(run.policies, policies);
  if (!same) {
    const ok = await runInWorker(JSON.stringify(scenario, null, 2), policies, {
      presetId: stepPresetId(step) ?? null,
      keepUrl: true,
    });
    if (my !== token) return false; // a later step was asked for meanwhile
    if (!ok) {
      useLesson
        .getState()
        .lessonFailed(`step ${index + 1} could not be shown: ${useApp.getState().error?.message ?? 'the run failed'}`);
      return false;
    }
  }
  applyMoment(step.moment, same);
  return true;
}

function syncUrl(): void {
  const s = useLesson.getState();
  try {
    if (s.lesson && s.mode === 'play' && s.lesson.steps.length > 0)
      history.replaceState(null, '', '#' + lessonFragment(s.lesson, s.step + 1, s.shipped));
    else if (!s.lesson && getRun()) history.replaceState(null, '', '#' + encodeLink(currentShare(false)));
  } catch {
    /* a sandboxed frame may refuse; lesson mode works without the URL */
  }
}

function viewKey(): string {
  const s = useLesson.getState();
  const step = s.lesson?.steps[s.step];
  if (!s.lesson || !step) return '';
  return JSON.stringify([s.step, step.scenario, step.policies, step.moment]);
}

/** Subscribes the driver to the lesson store (once) and shows the current step. */
export function installLessonDriver(): void {
  if (installed) return;
  installed = true;
  useLesson.subscribe((s, prev) => {
    const key = viewKey();
    if (key !== lastKey) {
      lastKey = key;
      if (key && s.lesson) void showStep(s.lesson, s.step);
    }
    if (s.lesson !== prev.lesson || s.step !== prev.step || s.mode !== prev.mode || s.shipped !== prev.shipped)
      if (s.mode === 'play' || !s.lesson) syncUrl();
  });
}
