import { useEffect, useMemo, useState } from 'react';
import {
  checkQuestion,
  draftFromPage,
  draftOf,
  KIND_LABELS,
  KIND_NEEDS,
  opIdAt,
  opName,
  questionOf,
  raiseRefAt,
  type QuestionDraft,
} from '../../../core/teach/author.ts';
import { QUESTION_KINDS, type QuestionKind } from '../../../core/teach/generate.ts';
import type { Lesson, LessonStep } from '../../../core/teach/lesson.ts';
import { fmtNs } from '../../../core/format/time.ts';
import { useLesson } from '../../state/lesson.ts';
import { useRun } from '../../state/runData.ts';
import { useApp } from '../../state/store.ts';
import { viewport } from '../../state/viewport.ts';
import { showStep, stepRunOnScreen } from './driver.ts';

/** A number input's value as an integer >= 0, or null when it is not one. */
const intOrNull = (s: string): number | null => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : null);

/**
 * "Add a question" for one step of the lesson being written. The parameters come from the page
 * (the selected raise, the selected event's guest op, the step's panes), and the card shows what
 * the learner will be asked and the simulator's answer, graded live by the real grader on the
 * step's run (core/teach/author.ts). A question that cannot be graded says why in one line and
 * cannot be saved.
 */
export function QuestionEditor({ lesson, index, onDone }: { lesson: Lesson; index: number; onDone: () => void }) {
  const step: LessonStep = lesson.steps[index]!;
  const run = useRun();
  const selected = useApp((s) => s.selected);
  // The step's own run (null while another run is on screen: the step is shown first).
  const onScreen = useMemo(() => (run ? stepRunOnScreen(step) : null), [run, step]);
  const runs = onScreen?.runs;
  const [draft, setDraft] = useState<QuestionDraft | null>(null);

  useEffect(() => {
    if (!onScreen) void showStep(lesson, index);
    // Only when the step changes: showing it again on every edit would reset the author's selection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, step.scenario, step.policies]);

  useEffect(() => {
    if (!runs || draft) return;
    const ctx = { runs, selected: useApp.getState().selected, cursor: viewport().cursor };
    setDraft(step.question ? draftOf(step.question, runs) : draftFromPage('raise-lost', ctx));
  }, [runs, draft, step.question]);

  if (!runs || !draft)
    return (
      <div className="qedit" data-testid="question-editor">
        <p className="muted">Showing step {index + 1}’s run to ask about it…</p>
      </div>
    );

  const built = questionOf(draft, runs);
  const checked = typeof built === 'string' ? built : checkQuestion(built, runs);
  const error = typeof checked === 'string' ? checked : null;
  const set = (patch: Partial<QuestionDraft>): void => setDraft({ ...draft, ...patch });
  const needs = KIND_NEEDS[draft.kind];
  const sel = selected && runs[selected.pane] ? selected : null;
  const selRaise = sel ? raiseRefAt(runs[sel.pane]!.log, sel.row) : null;
  const selOp = sel ? opIdAt(runs[sel.pane]!.log, sel.row) : null;
  const save = (): void => {
    if (typeof built === 'string' || error) return;
    useLesson.getState().setQuestion(index, built);
    onDone();
  };

  return (
    <div className="qedit" data-testid="question-editor">
      <label className="lesson-field">
        <span>Question</span>
        <select
          value={draft.kind}
          onChange={(e) => set({ kind: e.target.value as QuestionKind })}
          data-testid="question-kind"
        >
          {QUESTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {draft.kind !== 'latest-delivery' && (
        <label className="lesson-field">
          <span>Policy (a pane of this step)</span>
          <select value={draft.policy} onChange={(e) => set({ policy: e.target.value })} data-testid="question-policy">
            {runs.map((r) => (
              <option key={r.policy} value={r.policy}>
                {r.policy}
              </option>
            ))}
          </select>
        </label>
      )}
      {needs === 'raise' && (
        <fieldset className="qedit-params">
          <legend>The raise (its time and traffic stream)</legend>
          <div className="row wrap">
            <label className="lesson-field">
              <span>t (ns)</span>
              <input
                inputMode="numeric"
                value={draft.raise ? String(draft.raise.t) : ''}
                onChange={(e) => {
                  const t = intOrNull(e.target.value);
                  set({ raise: t === null ? null : { t, stream: draft.raise?.stream ?? 0 } });
                }}
                data-testid="question-raise-t"
              />
            </label>
            <label className="lesson-field">
              <span>stream</span>
              <input
                inputMode="numeric"
                value={draft.raise ? String(draft.raise.stream) : ''}
                onChange={(e) => {
                  const s = intOrNull(e.target.value);
                  set({ raise: s === null || !draft.raise ? null : { t: draft.raise.t, stream: s } });
                }}
                data-testid="question-raise-stream"
              />
            </label>
            <button
              className="btn"
              disabled={!selRaise}
              onClick={() => set({ raise: selRaise, ...(sel ? { policy: runs[sel.pane]!.policy } : {}) })}
              data-testid="question-use-raise"
            >
              Use the selected raise
            </button>
          </div>
        </fieldset>
      )}
      {needs === 'step' && (
        <fieldset className="qedit-params">
          <legend>The guest operation (its op id: 0, 1, 2 … in the order the vCPU runs them)</legend>
          <div className="row wrap">
            <label className="lesson-field">
              <span>op id</span>
              <input
                inputMode="numeric"
                value={draft.step === null ? '' : String(draft.step)}
                onChange={(e) => set({ step: intOrNull(e.target.value) })}
                data-testid="question-op"
              />
            </label>
            <button
              className="btn"
              disabled={selOp === null}
              onClick={() => set({ step: selOp, ...(sel ? { policy: runs[sel.pane]!.policy } : {}) })}
              data-testid="question-use-op"
            >
              Use the selected guest op
            </button>
          </div>
          {draft.step !== null && (
            <span className="muted">{opName(runs, draft.policy, draft.step) ?? 'no such op in this run'}</span>
          )}
        </fieldset>
      )}
      {error ? (
        <p className="lesson-error" role="alert" data-testid="question-error">
          Not saved: {error}
        </p>
      ) : (
        typeof checked !== 'string' && (
          <div className="qedit-preview" data-testid="question-preview">
            <p>
              <span className="muted">The learner sees:</span>{' '}
              <b data-testid="question-preview-prompt">{checked.prompt}</b>
            </p>
            <p>
              <span className="muted">The simulator answers (graded on this step’s run):</span>{' '}
              <b data-testid="question-preview-answer">{checked.answer}</b>
            </p>
            <p className="qedit-why">{checked.explanation}</p>
          </div>
        )
      )}
      <div className="row wrap">
        <button className="btn primary" onClick={save} disabled={!!error} data-testid="question-save">
          Save question
        </button>
        <button className="btn" onClick={onDone} data-testid="question-cancel">
          Cancel
        </button>
      </div>
      {draft.raise && needs === 'raise' && (
        <span className="muted">
          Asked at {fmtNs(draft.raise.t)}: the learner sees the timeline up to there until they answer.
        </span>
      )}
    </div>
  );
}
