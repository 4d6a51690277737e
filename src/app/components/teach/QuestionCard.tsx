import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { grade, momentOf, type Evidence, type Graded } from '../../../core/teach/grade.ts';
import { choicesOf, promptOf, type Choice } from '../../../core/teach/prompt.ts';
import type { Answer, Question } from '../../../core/teach/question.ts';
import type { Runs } from '../../../core/teach/runs.ts';
import { fmtNs } from '../../../core/format/time.ts';
import { useRun } from '../../state/runData.ts';
import { useApp } from '../../state/store.ts';
import { useTeach } from '../../state/teach.ts';
import { setCursor, setDomain, viewport } from '../../state/viewport.ts';

export interface QuestionCardProps {
  question: Question;
  /**
   * The panes to grade against: `{ policy, log }[]` (core/teach/runs.ts). Defaults to the run on
   * screen (state/runData.ts), which is also where the feedback's evidence is selected, so pass
   * runs only when they are that run's panes.
   */
  runs?: unknown;
  /**
   * Called on every answer the learner gives (a wrong one may be followed by another); the first
   * call says whether they got it at the first try (practice scores that).
   */
  onAnswered?: (correct: boolean) => void;
  /**
   * Move focus to the question when it appears (lesson mode: a lecturer at the keyboard, or a
   * remote, reaches the answers with one Tab instead of walking the whole page).
   */
  focusOnShow?: boolean;
}

/** Moves the view to one evidence row: selects it, puts the cursor on it and brings it into view. */
export function showEvidence(ev: Evidence): void {
  useApp.getState().select({ pane: ev.pane, row: ev.row });
  const [a, b] = viewport().domain;
  if (ev.t < a || ev.t > b) setDomain(ev.t - (b - a) / 2, ev.t + (b - a) / 2);
  setCursor(ev.t, false);
}

const labelOf = (choices: Choice[], a: Answer): string => choices.find((c) => c.value === a)?.label ?? String(a);

/**
 * A predict-then-reveal question. While unanswered it hides the spoilers (state/teach.ts: badges,
 * metrics, event table, overview marks and the panes after the question's moment) and puts the
 * cursor just before that moment. A wrong answer says so and lets the learner try again (or give
 * up); a right answer, or giving up, reveals everything, selects the evidence on the timeline and
 * explains it. Every answer comes from the simulator's log (core/teach/grade.ts).
 */
export function QuestionCard({ question, runs, onAnswered, focusOnShow = false }: QuestionCardProps) {
  const current = useRun();
  const panes = (runs as Runs | undefined) ?? current?.runs;
  const [wrong, setWrong] = useState<Answer[]>([]);
  const [result, setResult] = useState<Graded | null>(null);
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const choicesBox = useRef<HTMLDivElement>(null);
  const feedback = useRef<HTMLDivElement>(null);
  /** Brings the feedback on screen (a narration column or a phone page may have it below the fold). */
  const showFeedback = (): void => feedback.current?.scrollIntoView?.({ block: 'nearest' });
  const view = useMemo(() => {
    if (!panes) return null;
    try {
      return {
        prompt: promptOf(question, panes),
        choices: choicesOf(question, panes),
        moment: momentOf(question, panes),
      };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [question, panes]);

  // A new question starts unanswered.
  useEffect(() => {
    setWrong([]);
    setResult(null);
  }, [question, panes]);

  const ready = !!view && !('error' in view);
  useEffect(() => {
    if (focusOnShow && ready) heading.current?.focus({ preventScroll: false });
  }, [focusOnShow, ready, question]);

  // Spoilers stay hidden while this card is unanswered; revealed on answer and on unmount.
  const moment = view && 'moment' in view && view.moment !== undefined ? view.moment : null;
  useEffect(() => {
    if (moment === null || result) return;
    useTeach.getState().hideSpoilers(moment);
    useApp.getState().select(null);
    const [a, b] = viewport().domain;
    if (moment < a || moment > b) setDomain(moment - (b - a) / 2, moment + (b - a) / 2);
    // The cursor must not stand past the moment (what is "at the cursor" must still be the past);
    // a cursor already before it (a lesson step's own moment) stays where its author put it.
    if (viewport().cursor >= moment) setCursor(Math.max(0, moment - 1), false);
    return () => useTeach.getState().revealSpoilers();
  }, [moment, result]);

  if (!panes) return <p className="qcard">The question waits for the simulation…</p>;
  if (!view || 'error' in view)
    return (
      <p className="qcard" role="alert">
        This question does not fit the run on screen: {view?.error}
      </p>
    );

  const answer = (a: Answer): void => {
    const g = grade(question, a, panes);
    onAnswered?.(g.correct);
    if (!g.correct) {
      setWrong((w) => [...w, a]);
      // The tried button is disabled and drops focus: keep it on the answers for another try.
      requestAnimationFrame(() => {
        choicesBox.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus({ preventScroll: true });
        showFeedback();
      });
      return;
    }
    setResult(g);
    if (g.evidence[0]) showEvidence(g.evidence[0]);
    // Every answer is disabled now: focus returns to the question (the feedback is read out).
    requestAnimationFrame(() => {
      heading.current?.focus({ preventScroll: true });
      showFeedback();
    });
  };
  const giveUp = (): void => {
    const g = grade(question, '\u0000', panes); // no choice's value: graded wrong, with the expected answer
    setResult(g);
    if (g.evidence[0]) showEvidence(g.evidence[0]);
    requestAnimationFrame(showFeedback);
  };

  return (
    <section className="qcard" aria-labelledby={`${id}-q`} data-testid="question">
      <h3 id={`${id}-q`} className="qprompt" ref={heading} tabIndex={-1}>
        {view.prompt}
      </h3>
      {!result && (
        <p className="qhint">
          Predict, then answer: the counts, the metrics and the timeline after t = {fmtNs(view.moment)} are hidden until
          you do.
        </p>
      )}
      <div
        className={
          view.choices.length > 12 && view.choices.every((c) => c.label.length <= 3) ? 'qchoices many' : 'qchoices'
        }
        role="group"
        aria-label="answers"
        ref={choicesBox}
      >
        {view.choices.map((c) => {
          const tried = wrong.includes(c.value);
          const right = result && result.accepted.includes(c.value);
          return (
            <button
              key={String(c.value)}
              className={`btn qchoice${tried ? ' wrong' : ''}${right ? ' right' : ''}`}
              disabled={!!result || tried}
              aria-pressed={tried || !!right}
              onClick={() => answer(c.value)}
              data-testid="choice"
              data-label={c.label}
            >
              {c.label}
            </button>
          );
        })}
      </div>
      <div aria-live="polite" data-testid="feedback" ref={feedback}>
        {!result && wrong.length > 0 && (
          <p className="qwrong">
            Not quite: {labelOf(view.choices, wrong[wrong.length - 1]!)} is not what the simulator does. Try again, or{' '}
            <button className="btn" onClick={giveUp} data-testid="give-up">
              show me
            </button>
          </p>
        )}
        {result && (
          <div className={result.correct ? 'qright' : 'qreveal'}>
            <p>
              <b>{result.correct ? 'Right.' : `The simulator says: ${labelOf(view.choices, result.expected)}.`}</b>{' '}
              {result.explanation}
            </p>
            {result.evidence.length > 0 && (
              <ul className="qevidence" aria-label="evidence on the timeline">
                {result.evidence.map((ev, k) => (
                  <li key={k}>
                    <button className="btn" onClick={() => showEvidence(ev)} data-testid="evidence">
                      {ev.policy} at {fmtNs(ev.t)}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
