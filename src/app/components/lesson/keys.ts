import { useApp } from '../../state/store.ts';
import { useLesson } from '../../state/lesson.ts';

/**
 * Lesson keys, while a lesson plays: PageDown / PageUp (what presentation remotes send) and → / ←
 * go to the next / previous step. Registered in the capture phase so that, in lesson mode, → and ←
 * step the lesson instead of the event cursor (keyboard.ts); nothing else is taken over (Space
 * still plays). Ignored while typing, on a slider (its arrows move it), in a dialog or with a modifier.
 */
let installed = false;

export function installLessonKeys(): void {
  if (installed) return;
  installed = true;
  window.addEventListener(
    'keydown',
    (e) => {
      const l = useLesson.getState();
      if (!l.lesson || l.mode !== 'play') return;
      if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
      const app = useApp.getState();
      if (app.helpOpen || app.editorOpen) return;
      const t = e.target as HTMLElement | null;
      if (t?.closest?.('input, textarea, select, [contenteditable="true"], [role="slider"]')) return;
      let dir = 0;
      if (e.key === 'PageDown' || e.key === 'ArrowRight') dir = 1;
      else if (e.key === 'PageUp' || e.key === 'ArrowLeft') dir = -1;
      if (!dir) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (dir > 0) l.next();
      else l.prev();
    },
    { capture: true },
  );
}
