import { useState } from 'react';
import { lessonJson, parseLesson, parseLessonText, LessonError, type Lesson } from '../../../core/teach/lesson.ts';
import { lessonFragment } from '../../../core/teach/lesson-link.ts';
import { narrationText } from '../../../core/teach/narration.ts';
import { useLesson } from '../../state/lesson.ts';
import { captureStep } from './capture.ts';
import { authorLesson, playLesson } from './open.ts';
import { QuestionEditor } from './QuestionEditor.tsx';
import { KIND_LABELS } from '../../../core/teach/author.ts';

const oneLine = (e: unknown): string =>
  e instanceof LessonError ? e.message : e instanceof Error ? e.message : String(e);

/** The draft, validated as a lesson file would be; the reason goes to the panel's error line. */
function validDraft(): Lesson | null {
  const s = useLesson.getState();
  try {
    return parseLesson(JSON.parse(JSON.stringify(s.lesson)));
  } catch (e) {
    s.lessonFailed(`this lesson is not ready: ${oneLine(e)}`);
    return null;
  }
}

function download(lesson: Lesson): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([lessonJson(lesson)], { type: 'application/json' }));
  a.download = `${lesson.id}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 0);
}

/** Reads a lesson file or pasted JSON into the draft (nothing changes if it is refused). */
function importText(text: string): void {
  try {
    authorLesson(parseLessonText(text));
  } catch (e) {
    useLesson.getState().lessonFailed(`the lesson was not imported: ${oneLine(e)}`);
  }
}

/** Writing a lesson: capture moments as steps, type their narration, reorder, export, import, share. */
export function LessonAuthor() {
  const lesson = useLesson((s) => s.lesson)!;
  const current = useLesson((s) => s.step);
  const error = useLesson((s) => s.error);
  const importOpen = useLesson((s) => s.importOpen);
  const [paste, setPaste] = useState('');
  const [shareUrl, setShareUrl] = useState('');
  /** The step whose question is being written (one at a time: it grades on the run on screen). */
  const [asking, setAsking] = useState<number | null>(null);
  const st = useLesson.getState();
  const add = (): void => {
    const step = captureStep();
    if (typeof step === 'string') st.lessonFailed(step);
    else {
      st.dismissLessonError();
      st.addStep(step);
    }
  };
  const share = async (): Promise<void> => {
    const l = validDraft();
    if (!l) return;
    const url = `${location.origin}${location.pathname}#${lessonFragment(l, 1, false)}`;
    setShareUrl(url);
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      /* the link is shown to copy by hand */
    }
  };
  return (
    <aside className="lesson author" aria-label="write a lesson" data-testid="lesson-author">
      <div className="lesson-head">
        <div>
          <div className="lesson-kicker">Write a lesson</div>
          <label className="lesson-field">
            <span>Title</span>
            <input
              value={lesson.title}
              onChange={(e) => st.setDraftTitle(e.target.value)}
              data-testid="lesson-draft-title"
              maxLength={200}
            />
          </label>
        </div>
        <button className="btn" onClick={() => st.exitLesson()} data-testid="lesson-exit">
          Close
        </button>
      </div>
      <p className="lesson-hint">
        Set up the view (scenario, policies, zoom, cursor, a selected event), then add it as a step and say what to see.
      </p>
      <button className="btn primary" onClick={add} data-testid="lesson-add-step">
        + Add this moment as a step
      </button>
      {error && (
        <p className="lesson-error" role="alert" data-testid="lesson-error">
          {error}{' '}
          <button className="btn" onClick={() => st.dismissLessonError()}>
            Dismiss
          </button>
        </p>
      )}
      <ol className="lesson-steps" data-testid="lesson-steps">
        {lesson.steps.map((s, i) => (
          <li key={i} className={i === current ? 'current' : ''}>
            <div className="row">
              <strong>Step {i + 1}</strong>
              <span className="muted">
                {'preset' in s.scenario ? s.scenario.preset : 'custom scenario'} · {s.policies.join(', ')}
              </span>
            </div>
            <input
              placeholder="step title (optional)"
              aria-label={`title of step ${i + 1}`}
              value={s.title ?? ''}
              maxLength={120}
              onChange={(e) => st.setStepTitle(i, e.target.value)}
            />
            <textarea
              aria-label={`narration of step ${i + 1}`}
              placeholder="What should the class see here? Blank line: new paragraph; `code`; *emphasis*."
              value={s.narration}
              rows={4}
              onChange={(e) => st.setNarration(i, e.target.value)}
              data-testid={`lesson-narration-input-${i}`}
            />
            <div className="row">
              <button className="btn" onClick={() => st.goTo(i)} title="Show this step's moment">
                Show
              </button>
              <button
                className="btn"
                onClick={() => st.moveStep(i, -1)}
                disabled={i === 0}
                aria-label={`move step ${i + 1} up`}
              >
                ↑
              </button>
              <button
                className="btn"
                onClick={() => st.moveStep(i, 1)}
                disabled={i === lesson.steps.length - 1}
                aria-label={`move step ${i + 1} down`}
              >
                ↓
              </button>
              <button className="btn" onClick={() => st.deleteStep(i)} aria-label={`delete step ${i + 1}`}>
                Delete
              </button>
              <span className="muted preview" aria-hidden="true">
                {narrationText(s.narration).slice(0, 40)}
              </span>
            </div>
            {asking === i ? (
              <QuestionEditor lesson={lesson} index={i} onDone={() => setAsking(null)} />
            ) : (
              <div className="row wrap" data-testid={`lesson-question-${i}`}>
                {s.question && (
                  <span className="muted" title={KIND_LABELS[s.question.kind]}>
                    Question: {KIND_LABELS[s.question.kind]}
                  </span>
                )}
                <button
                  className="btn"
                  onClick={() => setAsking(i)}
                  aria-label={`${s.question ? 'Edit question' : 'Add a question'}, step ${i + 1}`}
                  data-testid={`lesson-ask-${i}`}
                >
                  {s.question ? 'Edit question' : 'Add a question'}
                </button>
                {s.question && (
                  <button
                    className="btn"
                    onClick={() => st.setQuestion(i, null)}
                    aria-label={`Remove question, step ${i + 1}`}
                    data-testid={`lesson-unask-${i}`}
                  >
                    Remove question
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
      <div className="row wrap">
        <button
          className="btn"
          onClick={() => {
            const l = validDraft();
            if (l) playLesson(l, 0, false);
          }}
          data-testid="lesson-play-draft"
        >
          ▶ Play
        </button>
        <button
          className="btn"
          onClick={() => {
            const l = validDraft();
            if (l) download(l);
          }}
          data-testid="lesson-export"
        >
          Export JSON
        </button>
        <button className="btn" onClick={() => void share()} data-testid="lesson-share">
          Share link
        </button>
        <button
          className="btn"
          aria-expanded={importOpen}
          onClick={() => st.toggleImport()}
          data-testid="lesson-import-toggle"
        >
          Import…
        </button>
      </div>
      {shareUrl && (
        <label className="lesson-field">
          <span>Link (copied)</span>
          <input readOnly value={shareUrl} onFocus={(e) => e.target.select()} data-testid="lesson-share-url" />
        </label>
      )}
      {importOpen && (
        <div className="lesson-import" data-testid="lesson-import">
          <label className="lesson-field">
            <span>Lesson file</span>
            <input
              type="file"
              accept=".json,application/json"
              data-testid="lesson-import-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void f.text().then(importText);
                e.target.value = '';
              }}
            />
          </label>
          <label className="lesson-field">
            <span>or paste its JSON</span>
            <textarea
              rows={4}
              value={paste}
              onChange={(e) => setPaste(e.target.value)}
              data-testid="lesson-import-text"
            />
          </label>
          <button className="btn" onClick={() => importText(paste)} data-testid="lesson-import-load">
            Load pasted lesson
          </button>
        </div>
      )}
    </aside>
  );
}
