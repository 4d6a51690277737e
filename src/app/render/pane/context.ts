import type { Timeline } from '../../../core/analysis/timeline.ts';
import { GUTTER, type TimeScale } from '../geometry.ts';
import type { PaneLayout } from '../layout.ts';
import type { Palette } from '../palette.ts';
import type { Ctx2D } from '../surface.ts';

/** What every lane of one pane's base layer draws with: one object instead of eight arguments. */
export interface LaneContext {
  ctx: Ctx2D;
  /** Canvas width (CSS px); time maps to [GUTTER, width]. */
  width: number;
  L: PaneLayout;
  tl: Timeline;
  x: TimeScale;
  /** x clamped to the plot: bars that start before the window or end after it stay inside. */
  xl: (t: number) => number;
  /** The visible time window (ns). */
  t0: number;
  t1: number;
  P: Palette;
  /** The masked-entry pattern (null: plain colour). */
  hatch: CanvasPattern | null;
  /** Guest operation whose label wins over its neighbours' (the selected one), or -1. */
  selectedOp: number;
}

export function laneContext(
  ctx: Ctx2D,
  width: number,
  L: PaneLayout,
  tl: Timeline,
  x: TimeScale,
  P: Palette,
  hatch: CanvasPattern | null,
  selectedOp = -1,
): LaneContext {
  const [t0, t1] = x.domain() as [number, number];
  const xl = (t: number): number => Math.max(GUTTER, Math.min(width, x(t)));
  return { ctx, width, L, tl, x, xl, t0, t1, P, hatch, selectedOp };
}
