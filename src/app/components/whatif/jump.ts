import { getRun } from '../../state/runData.ts';
import { useApp } from '../../state/store.ts';
import { setCursor, setDomain, viewport } from '../../state/viewport.ts';
import { raiseRow } from '../../render/hitTest.ts';

/**
 * Selects raise `j` of pane `pane` and brings its mark into view: the cursor goes to it, the
 * window pans (keeping its zoom) when the mark is outside it or within 5 % of an edge, and the
 * pane scrolls into view.
 */
export function jumpToRaise(pane: number, j: number): void {
  const p = getRun()?.runs[pane];
  if (!p || j < 0 || j >= p.timeline.raises.n) return;
  const R = p.timeline.raises;
  const row = raiseRow(p.timeline, j);
  // A loss is drawn where it ended; anything else where it was raised.
  const t = R.end[j]! > R.t[j]! && R.endRow[j]! >= 0 && row === R.endRow[j] ? R.end[j]! : R.t[j]!;
  const [a, b] = viewport().domain;
  const w = b - a;
  if (t < a + w * 0.05 || t > b - w * 0.05) setDomain(t - w / 2, t + w / 2);
  setCursor(t, false);
  useApp.getState().select({ pane, row });
  document.querySelector(`[data-testid="pane-${pane}"]`)?.scrollIntoView({
    block: 'nearest',
    behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth',
  });
}
