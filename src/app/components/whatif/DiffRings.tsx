import { useEffect, useRef } from 'react';
import { firstAtOrAfter } from '../../../core/analysis/timeline.ts';
import { addLayer } from '../../render/raf.ts';
import { GUTTER } from '../../render/geometry.ts';
import type { PaneLayout } from '../../render/layout.ts';
import { palette } from '../../render/palette.ts';
import { timeScale } from '../../render/scale.ts';
import { viewport } from '../../state/viewport.ts';
import { useWhatIf, type PaneRings } from '../../state/whatif.ts';

/**
 * The what-if diff layer of one pane: a ring around every raise whose outcome the fork changed
 * (red: the fork lost it, or it vanished; green: saved or delivered differently). A canvas of its
 * own over the pane, redrawn only when the rings, the window or the width change — never per
 * playback frame. Dense diffs stay cheap: only rings inside the visible window are drawn.
 */
export function DiffRings({ index, layout }: { index: number; layout: PaneLayout }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rings = useWhatIf((s) => s.rings?.[index] ?? null);
  useEffect(() => {
    const c = ref.current!;
    const ctx = c.getContext('2d')!;
    let width = 0;
    let key = '';
    const ro = new ResizeObserver((e) => {
      width = e[0]!.contentRect.width;
      const dpr = window.devicePixelRatio || 1;
      c.width = Math.round(width * dpr);
      c.height = Math.round(layout.height * dpr);
      c.style.width = `${width}px`;
      c.style.height = `${layout.height}px`;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      key = '';
      draw();
    });
    ro.observe(c.parentElement!);
    const draw = (): void => {
      const [a, b] = viewport().domain;
      const P = palette();
      const k = `${a}|${b}|${width}|${P.lost}`;
      if (k === key || width === 0) return;
      key = k;
      // How many rings are visible: end-to-end tests read it from the canvas.
      const n = paint(ctx, width, layout, rings, P.lost, P.delivered);
      c.dataset.rings = String(n);
      // No rings (the usual case): no canvas for the compositor to copy at every commit (surface.ts).
      c.style.display = n ? '' : 'none';
    };
    const off = addLayer('overlay', draw);
    return () => {
      off();
      ro.disconnect();
    };
  }, [index, layout, rings]);
  return <canvas ref={ref} className="diff-rings" aria-hidden="true" data-testid={`diff-rings-${index}`} />;
}

function paint(
  ctx: CanvasRenderingContext2D,
  width: number,
  L: PaneLayout,
  R: PaneRings | null,
  worse: string,
  better: string,
): number {
  ctx.clearRect(0, 0, width, L.height);
  if (!R) return 0;
  const x = timeScale(width);
  const [a, b] = viewport().domain;
  let n = 0;
  ctx.lineWidth = 2;
  ctx.setLineDash([3, 2]);
  for (let i = firstAtOrAfter(R.t, a); i < R.t.length && R.t[i]! <= b; i++) {
    const row = L.rows[L.rowOfVector[R.vec[i]!]!];
    if (!row) continue;
    const px = x(R.t[i]!);
    if (px < GUTTER) continue;
    ctx.strokeStyle = R.worse[i] ? worse : better;
    ctx.beginPath();
    ctx.arc(px, row.y + row.h / 2, Math.max(6, row.h * 0.8), 0, Math.PI * 2);
    ctx.stroke();
    n++;
  }
  ctx.setLineDash([]);
  ctx.lineWidth = 1;
  return n;
}
