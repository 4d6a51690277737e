import { useEffect, useRef, useState } from 'react';
import * as d3 from 'd3';
import { useRun } from '../state/runData.ts';
import { onViewport, panBy, setDomain, viewport } from '../state/viewport.ts';
import { GUTTER } from '../render/drawPane.ts';
import { axisTicks } from '../render/ticks.ts';
import { PaneView } from './PaneView.tsx';
import { Legend } from './Legend.tsx';

/**
 * The stack of policy panes under one shared time axis. One d3-zoom behaviour on the container
 * drives the shared viewport (Ctrl/⌘+wheel or pinch zooms, drag pans, Shift+wheel pans), so every
 * pane always shows the same window.
 */
export function Panes() {
  const run = useRun();
  const ref = useRef<HTMLDivElement>(null);
  // Panes mount one per frame, so a new run's first render is several short tasks, not one long one.
  // The count belongs to its run (a new run starts at 1 in the same render): a separate reset
  // effect raced the next frame's increment and could leave a run with fewer panes than policies.
  const [progress, setProgress] = useState<{ run: typeof run; n: number }>({ run, n: 1 });
  const mounted = progress.run === run ? progress.n : 1;
  useEffect(() => {
    if (!run || mounted >= run.runs.length) return;
    const id = requestAnimationFrame(() => setProgress({ run, n: mounted + 1 }));
    return () => cancelAnimationFrame(id);
  }, [run, mounted]);
  const axisRef = useRef<SVGSVGElement>(null);

  useEffect(() => {
    const el = ref.current!;
    const svg = d3.select(axisRef.current!);
    // Width from the ResizeObserver, never a synchronous clientWidth read (that forces a layout).
    let cachedWidth = 0;
    const width = (): number => cachedWidth;
    const drawAxis = (): void => {
      const w = width();
      svg.attr('width', w).attr('height', 24);
      const x = d3
        .scaleLinear()
        .domain(viewport().domain)
        .range([GUTTER, w - 2]);
      let g = svg.select<SVGGElement>('g.ax');
      if (g.empty()) g = svg.append('g').attr('class', 'ax');
      // Tick count and label precision from the plot's width (ticks.ts): a narrow pane gets 3+ short labels.
      const { values, labels } = axisTicks(viewport().domain, w - GUTTER);
      g.attr('transform', 'translate(0,22)').call(
        d3
          .axisTop(x)
          .tickValues(values)
          .tickFormat((_, i) => labels[i] ?? ''),
      );
    };
    // Map the shared domain to a d3-zoom transform over the full extent, and back.
    const baseScale = (): d3.ScaleLinear<number, number> =>
      d3.scaleLinear().domain(viewport().extent).range([GUTTER, width()]);
    let syncing = false;
    const zoom = d3
      .zoom<HTMLDivElement, unknown>()
      .scaleExtent([1, 1e7])
      // d3's default multiplies Ctrl+wheel by 10 (for pinch); a mouse notch would zoom ~4x.
      .wheelDelta((e: WheelEvent) => -e.deltaY * (e.deltaMode === 1 ? 0.05 : e.deltaMode ? 1 : 0.002))
      .filter((e: Event) =>
        e.type === 'wheel'
          ? (e as WheelEvent).ctrlKey || (e as WheelEvent).metaKey
          : e.type.startsWith('touch')
            ? // Touch pans and pinches only on a timeline canvas (touch-action: none there); elsewhere the page scrolls.
              e.target instanceof HTMLCanvasElement
            : !(e as MouseEvent).button && e.type !== 'dblclick',
      )
      .on('zoom', (e: d3.D3ZoomEvent<HTMLDivElement, unknown>) => {
        if (syncing) return;
        const [a, b] = e.transform.rescaleX(baseScale()).domain() as [number, number];
        setDomain(a, b);
      });
    const sel = d3.select(el).call(zoom).on('dblclick.zoom', null);
    const sync = (): void => {
      const s0 = baseScale();
      const [a, b] = viewport().domain;
      const [e0, e1] = viewport().extent;
      const k = (e1 - e0) / Math.max(1, b - a);
      syncing = true;
      zoom.transform(sel, d3.zoomIdentity.translate(GUTTER - k * s0(a), 0).scale(k));
      syncing = false;
    };
    const onWheel = (e: WheelEvent): void => {
      if (e.shiftKey && !e.ctrlKey) {
        e.preventDefault();
        panBy((e.deltaY || e.deltaX) / 1000);
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    const off = onViewport((what) => {
      if (what === 'domain') {
        drawAxis();
        sync();
      }
    });
    const ro = new ResizeObserver((entries) => {
      cachedWidth = entries[0]?.contentRect.width ?? el.clientWidth;
      drawAxis();
      sync();
    });
    ro.observe(el);
    return () => {
      off();
      ro.disconnect();
      el.removeEventListener('wheel', onWheel);
      sel.on('.zoom', null);
    };
  }, [run]);

  return (
    <div className="panes" ref={ref} data-testid="panes" tabIndex={-1}>
      <div className="axis">
        <svg ref={axisRef} role="img" aria-label="shared time axis" />
      </div>
      {run?.runs.slice(0, mounted).map((r, i) => (
        <PaneView key={`${run.runId}-${i}-${r.policy}`} index={i} />
      ))}
      <Legend />
    </div>
  );
}
