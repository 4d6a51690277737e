import { useEffect, useState } from 'react';

/** Presentation mode's vertical budget (px), matching the CSS under "layout: presentation mode". */
const AXIS_PX = 26;
/** Per pane: its one-line header (18), border and margin (2), the guest and host lanes with gaps (54). */
const PANE_PX = 74;
export const PRESENT_MIN_ROW = 12;
const PRESENT_MAX_ROW = 32;

/**
 * Row height that fits `panes` panes of `rows` rows each into a window `height` px tall without
 * scrolling, never under 12 px (legible on a projector: a short window scrolls rather than squints).
 */
export function presentRowHeight(height: number, panes: number, rows: number): number {
  const n = Math.max(1, panes);
  const fit = Math.floor((height - AXIS_PX - n * PANE_PX) / (n * Math.max(1, rows)));
  return Math.max(PRESENT_MIN_ROW, Math.min(PRESENT_MAX_ROW, fit));
}

/** The window's inner height, updated on resize. */
export function useWindowHeight(): number {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = (): void => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}
