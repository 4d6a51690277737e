import { useLesson } from '../../state/lesson.ts';
import { getRun } from '../../state/runData.ts';
import { QuestionCard } from '../teach/QuestionCard.tsx';
import { Narration } from './Narration.tsx';
import { LessonAuthor } from './LessonAuthor.tsx';
import { authorLesson } from './open.ts';

/**
 * Lesson mode's side panel (below the timeline on narrow screens): the lesson and step, the
 * narration, the step's question, previous/next. Step changes are announced politely.
 */
export default function LessonPanel() {
  const lesson = useLesson((s) => s.lesson);
  const mode = useLesson((s) => s.mode);
  const index = useLesson((s) => s.step);
  const error = useLesson((s) => s.error);
  if (!lesson) return null;
  if (mode === 'author') return <LessonAuthor />;
  const step = lesson.steps[index];
  const n = lesson.steps.length;
  const st = useLesson.getState();
  return (
    <aside className="lesson" aria-label="lesson" data-testid="lesson-panel">
      <div className="lesson-head">
        <div>
          <div className="lesson-kicker">Lesson</div>
          <h2 data-testid="lesson-title">{lesson.title}</h2>
        </div>
        <button className="btn" onClick={() => st.exitLesson()} data-testid="lesson-exit">
          Exit lesson
        </button>
      </div>
      <nav className="lesson-nav" aria-label="lesson steps">
        <button className="btn" onClick={() => st.prev()} disabled={index === 0} data-testid="lesson-prev">
          ← Previous
        </button>
        <span className="lesson-counter" data-testid="lesson-counter">
          Step {index + 1} of {n}
        </span>
        <button className="btn primary" onClick={() => st.next()} disabled={index >= n - 1} data-testid="lesson-next">
          Next →
        </button>
      </nav>
      <div className="sr-only" aria-live="polite" data-testid="lesson-live">
        {step ? `Step ${index + 1} of ${n}${step.title ? `: ${step.title}` : ''}` : ''}
      </div>
      {error && (
        <p className="lesson-error" role="alert" data-testid="lesson-error">
          {error}{' '}
          <button className="btn" onClick={() => st.dismissLessonError()}>
            Dismiss
          </button>
        </p>
      )}
      {step && (
        <article className="lesson-step" key={index}>
          {step.title && <h3 data-testid="lesson-step-title">{step.title}</h3>}
          <div className="narration" data-testid="lesson-narration">
            <Narration text={step.narration} />
          </div>
          {step.question && <QuestionCard question={step.question} runs={getRun()?.runs} focusOnShow />}
        </article>
      )}
      <p className="lesson-hint">
        <kbd>PageDown</kbd> or <kbd>→</kbd> next, <kbd>PageUp</kbd> or <kbd>←</kbd> previous.
      </p>
      {lesson.cites.length > 0 && (
        <details className="lesson-cites">
          <summary>Sources</summary>
          <ul>
            {lesson.cites.map((c, i) => (
              <li key={i}>
                {c.url ? (
                  <a href={c.url} target="_blank" rel="noreferrer noopener">
                    {c.thread}
                  </a>
                ) : (
                  c.thread
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      <button className="btn" onClick={() => authorLesson(lesson)} data-testid="lesson-edit">
        Edit a copy
      </button>
    </aside>
  );
}
