import { useEffect } from 'react';
import { useApp } from '../../state/store.ts';
import { useLayout } from '../../state/layoutPrefs.ts';
import { practiceActive } from '../../state/panels.ts';
import { useLesson } from '../../state/lesson.ts';

/**
 * On narrow screens and in presentation mode the inspector is a bottom sheet (CSS, "layout:
 * responsive"): folded to its title until something is selected, then open (folded again when the selection is cleared); this button folds
 * and unfolds it. Hidden by CSS where the inspector is a side column.
 */
export function SheetToggle() {
  const open = useLayout((s) => s.sheetOpen);
  useEffect(() => {
    document.documentElement.dataset.sheet = open ? 'open' : 'folded';
  }, [open]);
  useEffect(
    () =>
      useApp.subscribe((s, prev) => {
        // Not in practice nor in a lesson: there the feedback or the narration explains the
        // selection (a step's event, a question's evidence), and an open sheet would cover the
        // panel's Next button and feedback on a phone, and the narration column on a projector.
        if (s.selected && s.selected !== prev.selected && !practiceActive() && !useLesson.getState().lesson)
          useLayout.getState().setSheetOpen(true);
        // Esc (or a new run) clears the selection: the sheet folds and gives the panes back.
        if (!s.selected && prev.selected) useLayout.getState().setSheetOpen(false);
      }),
    [],
  );
  return (
    <button
      className="btn sheet-toggle"
      aria-expanded={open}
      aria-controls="inspector-sheet"
      onClick={() => useLayout.getState().setSheetOpen(!open)}
      data-testid="sheet-toggle"
    >
      {open ? 'Hide the inspector ▾' : 'Show the inspector ▴'}
    </button>
  );
}
