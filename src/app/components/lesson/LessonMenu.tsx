import { useState } from 'react';
import type { Lesson } from '../../../core/teach/lesson.ts';
import { startPractice } from '../../state/panels.ts';
import { useLayout } from '../../state/layoutPrefs.ts';
import { MenuButton, MenuGroup, MenuItem, MenuSeparator } from '../layout/MenuButton.tsx';
import type * as OpenApi from './open.ts';

type OpenModule = typeof OpenApi;

const go = (f: (m: OpenModule) => void): void => void import('./open.ts').then(f);

/**
 * The header's "Learn" menu: the shipped lessons, "Write a lesson", "Import a lesson", Practice and the glossary.
 * The list and lesson mode's code load on demand (open.ts) when the menu first opens, and practice's
 * when it starts (state/panels.ts), so the page's first chunk carries none of them.
 */
export function LessonMenu() {
  const [lessons, setLessons] = useState<readonly Lesson[] | null>(null);
  const load = (): void => {
    if (!lessons) void import('./open.ts').then((m) => setLessons(m.LESSONS));
  };
  return (
    <MenuButton label="Learn ▾" menuLabel="learn" testid="lessons-menu" title="Lessons and practice" onOpen={load}>
      <MenuGroup label="lessons">
        {!lessons && <p className="menu-hint menu-loading">Loading the lessons…</p>}
        {lessons?.map((l, i) => (
          <MenuItem
            key={l.id}
            onSelect={() => go((m) => m.playShipped(l.id))}
            testid={`lesson-open-${l.id}`}
            hint={`${l.steps.length} steps · ${l.summary}`}
          >
            {i + 1}. {l.title}
          </MenuItem>
        ))}
      </MenuGroup>
      <MenuSeparator />
      <MenuItem
        onSelect={() => go((m) => m.authorLesson())}
        testid="lesson-write"
        hint="Capture moments as steps and narrate them"
      >
        Write a lesson…
      </MenuItem>
      <MenuItem
        onSelect={() => go((m) => m.authorLesson(undefined, true))}
        testid="lesson-import-menu"
        hint="From a JSON file or pasted text"
      >
        Import a lesson…
      </MenuItem>
      <MenuSeparator />
      <MenuItem onSelect={startPractice} testid="practice" hint="Predict, then check: random questions, graded">
        Practice
      </MenuItem>
      <MenuItem
        onSelect={() => useLayout.getState().openGlossary()}
        testid="glossary-menu"
        keyHint="G"
        hint="What the jargon means"
      >
        Glossary
      </MenuItem>
    </MenuButton>
  );
}
