import { ticks } from 'd3';
import type { Timeline } from '../../core/analysis/timeline.ts';
import { fmtNs } from '../../core/format/time.ts';
import { drawPane } from './drawPane.ts';
import { fmtTick } from './format.ts';
import { GUTTER, type TimeScale } from './geometry.ts';
import { layoutPane, type PaneLayout } from './layout.ts';
import type { Palette } from './palette.ts';

/*
 * The current view as one picture, for the SVG and PNG exports: a title line, the shared time
 * axis, every pane (its header line, then exactly what drawPane draws on screen for the visible
 * window) and the legend. Drawn through a canvas-shaped context, so the same code renders onto
 * an offscreen canvas (PNG) and into an SvgContext (SVG).
 */

export interface ScenePane {
  policy: string;
  title: string;
  timeline: Timeline;
  metrics: { raised: number; delivered: number; lost: number };
}

export interface SceneInput {
  /** "default · seed 1", say. */
  heading: string;
  panes: readonly ScenePane[];
  /** The visible window [t0, t1], ns. */
  domain: readonly [number, number];
  width: number;
  /** Expanded idle-vector groups, as on screen. */
  expanded: Record<string, boolean>;
}

const TITLE_H = 28,
  AXIS_H = 26,
  PANE_HEAD = 22,
  PANE_GAP = 10,
  LEGEND_ROW = 18;

/** The legend's items: the palette key and its words (as the page's Legend component). */
export const LEGEND: readonly [keyof Palette | 'hatch' | 'cross' | 'warn', string][] = [
  ['op', 'guest driver operation'],
  ['enable', 'host MSI-X on'],
  ['window', 'resize window (host MSI-X off)'],
  ['hostOff', 'host off, guest on'],
  ['off', 'MSI-X off on both sides'],
  ['hatch', 'guest entry masked'],
  ['pending', 'pending (PBA)'],
  ['alloc', 'host IRQ allocated'],
  ['reqIrqfd', 'requested → KVM irqfd'],
  ['reqUser', 'requested → QEMU eventfd'],
  ['reqKvm', 'requested → KVM assigned'],
  ['eventfd', 'unread eventfd'],
  ['delivered', 'delivered'],
  ['late', 'held, delivered late'],
  ['coalesced', 'coalesced'],
  ['cross', 'lost'],
  ['warn', 'failure or spec warning'],
];

/** Where everything goes: pane layouts and their tops, the legend's rows, the total height. */
export function sceneLayout(
  input: SceneInput,
  measure: (text: string) => number,
): { panes: { L: PaneLayout; top: number }[]; legendTop: number; legendRows: [number, number][][]; height: number } {
  let y = TITLE_H + AXIS_H;
  const panes = input.panes.map((p) => {
    const L = layoutPane(p.timeline, input.expanded);
    const top = y + PANE_HEAD;
    y = top + L.height + PANE_GAP;
    return { L, top };
  });
  // Legend items flow left to right and wrap: [item index, x] per row.
  const rows: [number, number][][] = [[]];
  let x = 12;
  LEGEND.forEach(([, label], i) => {
    const w = 16 + measure(label) + 14;
    if (x + w > input.width - 8 && rows[rows.length - 1]!.length) {
      rows.push([]);
      x = 12;
    }
    rows[rows.length - 1]!.push([i, x]);
    x += w;
  });
  const legendTop = y + 4;
  return { panes, legendTop, legendRows: rows, height: legendTop + rows.length * LEGEND_ROW + 8 };
}

/** Draws the scene (the caller sized the surface to `width` × sceneLayout().height). */
export function drawScene(
  ctx: CanvasRenderingContext2D,
  input: SceneInput,
  P: Palette,
  hatch: CanvasPattern | null,
): void {
  const { width } = input;
  ctx.font = '11px system-ui, sans-serif';
  const geo = sceneLayout(input, (s) => ctx.measureText(s).width);
  ctx.fillStyle = P.bg;
  ctx.fillRect(0, 0, width, geo.height);
  const [t0, t1] = input.domain;
  const x = ((t: number) => GUTTER + ((t - t0) / (t1 - t0 || 1)) * (width - 2 - GUTTER)) as TimeScale;
  x.invert = (px: number) => t0 + ((px - GUTTER) / (width - 2 - GUTTER)) * (t1 - t0);
  x.domain = () => [t0, t1];

  // Title.
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillStyle = P.text;
  ctx.font = '600 13px system-ui, sans-serif';
  ctx.fillText(`msix-lab · ${input.heading}`, 12, TITLE_H / 2);
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = P.muted;
  ctx.textAlign = 'right';
  ctx.fillText(`window ${fmtNs(t0)} – ${fmtNs(t1)}`, width - 8, TITLE_H / 2);

  // The shared time axis (the page's: d3 ticks, fmtTick labels).
  const axisY = TITLE_H + AXIS_H - 4;
  ctx.fillStyle = P.muted;
  ctx.fillRect(GUTTER, axisY, width - 2 - GUTTER, 1);
  const tv = ticks(t0, t1, Math.max(2, Math.floor((width - GUTTER) / 110)));
  const step = tv.length > 1 ? tv[1]! - tv[0]! : 1;
  ctx.textAlign = 'center';
  for (const t of tv) {
    const px = Math.round(x(t));
    ctx.fillRect(px, axisY - 5, 1, 5);
    ctx.fillText(fmtTick(t, step), px, axisY - 12);
  }

  // Panes.
  input.panes.forEach((p, i) => {
    const { L, top } = geo.panes[i]!;
    ctx.textAlign = 'left';
    ctx.fillStyle = P.text;
    ctx.font = '600 12px system-ui, sans-serif';
    const name = `${p.policy} — ${p.title}`;
    ctx.fillText(name, 12, top - PANE_HEAD / 2);
    const nameW = ctx.measureText(name).width;
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = p.metrics.lost ? P.lost : P.muted;
    ctx.fillText(
      `raised ${p.metrics.raised} · delivered ${p.metrics.delivered} · lost ${p.metrics.lost}`,
      12 + nameW + 12,
      top - PANE_HEAD / 2,
    );
    ctx.save();
    ctx.translate(0, top);
    drawPane(ctx, width, L, p.timeline, x, P, hatch);
    ctx.restore();
  });

  // Legend.
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'left';
  geo.legendRows.forEach((row, r) => {
    const cy = geo.legendTop + r * LEGEND_ROW + LEGEND_ROW / 2;
    for (const [i, lx] of row) {
      const [key, label] = LEGEND[i]!;
      if (key === 'cross') {
        ctx.strokeStyle = P.lost;
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(lx + 1, cy - 4);
        ctx.lineTo(lx + 9, cy + 4);
        ctx.moveTo(lx + 9, cy - 4);
        ctx.lineTo(lx + 1, cy + 4);
        ctx.stroke();
        ctx.lineWidth = 1;
      } else if (key === 'warn') {
        ctx.fillStyle = P.lost;
        ctx.beginPath();
        ctx.moveTo(lx + 5, cy - 5);
        ctx.lineTo(lx + 10, cy + 4);
        ctx.lineTo(lx, cy + 4);
        ctx.closePath();
        ctx.fill();
      } else {
        ctx.fillStyle = key === 'hatch' ? (hatch ?? P.masked) : P[key];
        ctx.fillRect(lx, cy - 5, 10, 10);
      }
      ctx.fillStyle = P.text;
      ctx.fillText(label, lx + 16, cy);
    }
  });
}
