import type { Timeline } from '../../core/analysis/timeline.ts';
import type { TimeScale } from './geometry.ts';
import type { PaneLayout } from './layout.ts';
import type { Palette } from './palette.ts';
import type { Ctx2D } from './surface.ts';
import { labelPx } from './textScale.ts';
import { laneContext } from './pane/context.ts';
import { drawGuestLane } from './pane/guestLane.ts';
import { drawHostLane } from './pane/hostLane.ts';
import { drawWarnings, drawWindows } from './pane/marks.ts';
import { drawRaises } from './pane/raises.ts';
import { drawRowLabels, drawRowState } from './pane/rows.ts';

export { GUTTER, type TimeScale } from './geometry.ts';

/**
 * Draws a pane's base layer: lanes, vector-table state, host state, resize windows and every
 * raise (binned per pixel and row, worst outcome wins). Pure drawing: it reads the timeline and
 * the palette and knows nothing about the simulation. The same calls draw the page's canvases
 * and the SVG export (toSvg.ts). `selectedOp`: the guest operation whose label wins (-1: none).
 */
export function drawPane(
  ctx: Ctx2D,
  width: number,
  L: PaneLayout,
  tl: Timeline,
  x: TimeScale,
  P: Palette,
  hatch: CanvasPattern | null,
  selectedOp = -1,
): void {
  const c = laneContext(ctx, width, L, tl, x, P, hatch, selectedOp);
  ctx.clearRect(0, 0, width, L.height);
  ctx.font = `${labelPx(11)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  drawRowLabels(c);
  ctx.font = `${labelPx(11)}px system-ui, sans-serif`;
  drawGuestLane(c);
  drawHostLane(c);
  for (const r of L.rows) drawRowState(c, r);
  drawWindows(c);
  drawRaises(c);
  drawWarnings(c);
}
