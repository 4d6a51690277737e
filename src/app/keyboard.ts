import { useApp } from './state/store.ts';
import { panBy, resetZoom, setCursor, viewport, zoomBy } from './state/viewport.ts';
import { nextLoss, setPlaying, stepEvent } from './playback.ts';
import { useLayout } from './state/layoutPrefs.ts';
import { isCharacterKey, layoutKey } from './layoutKeys.ts';

/** Global shortcuts (listed in the ? overlay). Ignored while typing in a field or a dialog is open. */
export function installKeyboard(): void {
  window.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    const st = useApp.getState();
    if (e.key === 'Escape') {
      if (!st.helpOpen && !st.editorOpen) st.select(null);
      return;
    }
    if (st.helpOpen || st.editorOpen || useLayout.getState().glossaryOpen) return;
    if (t.closest('input, textarea, select, [contenteditable="true"]')) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    // WCAG 2.1.4: single-character shortcuts can be turned off (help dialog; layoutPrefs.ts).
    if (!useLayout.getState().shortcuts && isCharacterKey(e.key)) return;
    // Letters work in both cases (the help lists them in capitals), except L: Shift+L is the
    // previous loss.
    const k = e.key.length === 1 && e.key !== 'L' ? e.key.toLowerCase() : e.key;
    if (layoutKey(k)) {
      e.preventDefault();
      return;
    }
    let handled = true;
    if (k === ' ' && !t.closest('button')) setPlaying(!st.playing);
    else if (k === 'ArrowRight' && !t.closest('[role="slider"]')) stepEvent(1);
    else if (k === 'ArrowLeft' && !t.closest('[role="slider"]')) stepEvent(-1);
    else if (k === 'l') nextLoss(1);
    else if (k === 'L') nextLoss(-1);
    else if (k === 'w' || k === '+' || k === '=') zoomBy(2);
    else if (k === 's' || k === '-') zoomBy(0.5);
    else if (k === 'a') panBy(-0.2);
    else if (k === 'd') panBy(0.2);
    else if (k === '0') resetZoom();
    else if (k === 'Home') setCursor(viewport().extent[0]);
    else if (k === 'End') setCursor(viewport().extent[1]);
    else if (k === 't') st.toggleTable();
    else if (k === 'e') st.openEditor();
    else if (k === '?') st.openHelp();
    else handled = false;
    if (handled) e.preventDefault();
  });
}
