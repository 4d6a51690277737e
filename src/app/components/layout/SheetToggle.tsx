import { useEffect } from 'react';
import { useApp } from '../../state/store.ts';
import { useLayout } from '../../state/layoutPrefs.ts';
import { practiceActive } from '../../state/panels.ts';

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
        // Not in practice: there the feedback (in the practice panel) explains the evidence, and an
        // open sheet would cover the panel's Next button on a phone, where the page does not scroll.
        if (s.selected && s.selected !== prev.selected && !practiceActive()) useLayout.getState().setSheetOpen(true);
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
