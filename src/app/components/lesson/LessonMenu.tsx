import { useEffect, useRef, useState } from 'react';
import type { Lesson } from '../../../core/teach/lesson.ts';
import type * as OpenApi from './open.ts';

type OpenModule = typeof OpenApi;

/**
 * The header's "Lessons" menu: the shipped lessons, "Write a lesson" and "Import a lesson".
 * The list and lesson mode's code load on demand (open.ts) when the menu first opens, so the page's
 * first chunk carries neither. Escape or a click outside closes it.
 */
export function LessonMenu() {
  const [open, setOpen] = useState(false);
  const [lessons, setLessons] = useState<readonly Lesson[] | null>(null);
  useEffect(() => {
    if (open && !lessons) void import('./open.ts').then((m) => setLessons(m.LESSONS));
  }, [open, lessons]);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event): void => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open]);
  const go = (f: (m: OpenModule) => void): void => {
    setOpen(false);
    void import('./open.ts').then(f);
  };
  return (
    <div className="lesson-menu" ref={box}>
      <button
        className="btn"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="lessons-menu"
      >
        Lessons ▾
      </button>
      {open && (
        <div className="lesson-menu-list" role="group" aria-label="lessons">
          {!lessons && <p className="item">Loading the lessons…</p>}
          {lessons?.map((l, i) => (
            <button
              key={l.id}
              className="item"
              onClick={() => go((m) => m.playShipped(l.id))}
              data-testid={`lesson-open-${l.id}`}
            >
              <strong>
                {i + 1}. {l.title}
              </strong>
              <span>
                {l.steps.length} steps · {l.summary}
              </span>
            </button>
          ))}
          <hr />
          <button className="item" onClick={() => go((m) => m.authorLesson())} data-testid="lesson-write">
            <strong>Write a lesson…</strong>
            <span>Capture moments as steps and narrate them</span>
          </button>
          <button
            className="item"
            onClick={() => go((m) => m.authorLesson(undefined, true))}
            data-testid="lesson-import-menu"
          >
            <strong>Import a lesson…</strong>
            <span>From a JSON file or pasted text</span>
          </button>
        </div>
      )}
    </div>
  );
}
