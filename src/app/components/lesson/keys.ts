import { useApp } from '../../state/store.ts';
import { useLesson } from '../../state/lesson.ts';

/**
 * Lesson keys, while a lesson plays: PageDown / PageUp (what presentation remotes send) and → / ←
 * go to the next / previous step. Registered in the capture phase so that, in lesson mode, → and ←
 * step the lesson instead of the event cursor (keyboard.ts); nothing else is taken over (Space
 * still plays). Ignored while typing, in a dialog or with a modifier; the arrows are also left to
 * a focused dropdown or slider, PageDown/PageUp never are (a remote sends nothing else).
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
      const remote = e.key === 'PageDown' || e.key === 'PageUp';
      // A presentation remote sends only PageDown/PageUp: they step the lesson from anywhere but
      // a text field, so focus left on a dropdown or a slider (after choosing a speed, say) cannot
      // swallow them. The arrows keep their meaning on those controls.
      const typing = t?.closest?.(
        'textarea, [contenteditable="true"], input:not([type="range"]):not([type="checkbox"]):not([type="radio"]):not([type="button"])',
      );
      if (typing || (!remote && t?.closest?.('select, input, [role="slider"]'))) return;
      let dir = 0;
      if (e.key === 'PageDown' || e.key === 'ArrowRight') dir = 1;
      else if (e.key === 'PageUp' || e.key === 'ArrowLeft') dir = -1;
      if (!dir) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      // Out of the dropdown or slider: the next keys (Space to play, L) reach the page again.
      if (remote) (t?.closest?.('select, input, [role="slider"]') as HTMLElement | null)?.blur();
      if (dir > 0) l.next();
      else l.prev();
    },
    { capture: true },
  );
}
