import { getRun } from '../state/runData.ts';
import { useApp } from '../state/store.ts';
import { viewport } from '../state/viewport.ts';
import { drawScene, sceneLayout, type SceneInput } from './exportScene.ts';
import { invalidatePalette, palette, type Palette } from './palette.ts';
import { SvgContext, HATCH } from './toSvg.ts';

/* The current view as SVG or PNG, in either theme (the export menu's image items). */

export type ImageTheme = 'light' | 'dark';

/**
 * A theme's palette, read from the stylesheet's custom properties: the root's theme is switched
 * for one synchronous style read and switched back before anything paints, so the picture uses
 * exactly the colours the page would, in a theme the page may not be showing.
 */
export function themePalette(theme: ImageTheme): Palette {
  const root = document.documentElement;
  const was = root.dataset.theme;
  root.dataset.theme = theme;
  invalidatePalette();
  const p = { ...palette() };
  if (was === undefined) delete root.dataset.theme;
  else root.dataset.theme = was;
  invalidatePalette();
  return p;
}

/** What the screen shows now: every pane's visible window, at the panes' width. */
export function currentScene(): SceneInput | null {
  const run = getRun();
  if (!run) return null;
  const st = useApp.getState();
  const box = document.querySelector('.canvasBox');
  const width = Math.max(480, Math.round(box?.getBoundingClientRect().width ?? 1200));
  const name = run.scenario.name ?? st.presetId ?? 'custom scenario';
  return {
    heading: `${name} · seed ${run.seed}`,
    panes: run.runs.map((r) => ({ policy: r.policy, title: r.title, timeline: r.timeline, metrics: r.metrics })),
    domain: [...viewport().domain] as [number, number],
    width,
    expanded: st.expandedGroups,
  };
}

let measurer: CanvasRenderingContext2D | null = null;
/** Text width with a real canvas, so labels fit in the SVG as they do on screen. */
function measure(font: string, text: string): number {
  measurer ??= document.createElement('canvas').getContext('2d')!;
  measurer.font = font;
  return measurer.measureText(text).width;
}

export function sceneSvg(input: SceneInput, theme: ImageTheme): string {
  const P = themePalette(theme);
  const height = sceneLayout(input, (s) => measure('11px system-ui, sans-serif', s)).height;
  const svg = new SvgContext(input.width, height, measure, { bg: P.masked, line: P.coalesced });
  drawScene(svg.asContext(), input, P, HATCH);
  return svg.toString();
}

/** PNG at 2× (crisp on slides), drawn by the canvas code itself onto an offscreen canvas. */
export function scenePng(input: SceneInput, theme: ImageTheme, scale = 2): Promise<Blob> {
  const P = themePalette(theme);
  const height = sceneLayout(input, (s) => measure('11px system-ui, sans-serif', s)).height;
  const c = document.createElement('canvas');
  c.width = Math.round(input.width * scale);
  c.height = Math.round(height * scale);
  const ctx = c.getContext('2d')!;
  ctx.scale(scale, scale);
  drawScene(ctx, input, P, hatchPattern(ctx, P));
  // drawPane clears its own area (transparent on a canvas): the background goes underneath.
  ctx.globalCompositeOperation = 'destination-over';
  ctx.fillStyle = P.bg;
  ctx.fillRect(0, 0, input.width, height);
  return new Promise((resolve, reject) =>
    c.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
  );
}

/** The masked-entry hatch of the theme (as PaneView's, in the picture's palette). */
function hatchPattern(ctx: CanvasRenderingContext2D, P: Palette): CanvasPattern | null {
  const c = document.createElement('canvas');
  c.width = c.height = 6;
  const g = c.getContext('2d')!;
  g.fillStyle = P.masked;
  g.fillRect(0, 0, 6, 6);
  g.strokeStyle = P.coalesced;
  g.globalAlpha = 0.45;
  g.beginPath();
  g.moveTo(0, 6);
  g.lineTo(6, 0);
  g.stroke();
  return ctx.createPattern(c, 'repeat');
}
