import * as d3 from 'd3';
import { axisTitles, frame, styleAxis, type Colours } from './frame.ts';

/** One policy's estimate with its interval (and what the page shows when nothing was seen). */
export interface IntervalRow {
  label: string;
  colour: string;
  /** null: undefined (no resize seen). */
  est: number | null;
  low: number | null;
  high: number | null;
  /** The closed form at the same windows, when the core provides it. */
  closed: number | null;
  /** Nothing seen: the rule-of-three upper bound (drawn as a bar from 0, labelled). */
  r3: number | null;
  /** Text after the figures (e.g. "needs ≈ 2.1 M trials for ±10 %"). */
  note: string;
  /** What the bound from 0 is called (default: the rule of three). */
  zeroBound?: string;
}

/**
 * Horizontal interval plot: one row per policy, the estimate as a dot, its 95 % interval as a bar,
 * the closed form as an open diamond, and for a policy that lost nothing a hatched bar up to the
 * rule-of-three bound, labelled. On a log axis zero sits at the left edge, marked "0".
 */
export function drawIntervals(
  el: SVGSVGElement,
  rows: IntervalRow[],
  o: { width: number; log: boolean; xLabel: string; fmt: (x: number) => string; c: Colours },
): void {
  const rowH = 26,
    left = Math.min(150, Math.round(o.width * 0.3)),
    right = 16,
    top = 8,
    bottom = 34;
  const height = top + bottom + rowH * Math.max(1, rows.length);
  const svg = frame(el, o.width, height, o.c);
  const vals = rows.flatMap((r) => [r.est, r.low, r.high, r.closed, r.r3]).filter((v): v is number => v !== null);
  const maxV = Math.max(1e-12, ...vals);
  const minPos = Math.min(maxV, ...vals.filter((v) => v > 0));
  const x = o.log
    ? d3
        .scaleLog()
        .domain([Math.max(1e-12, minPos / 3), maxV * 1.5])
        .range([left, o.width - right])
        .clamp(true)
    : d3
        .scaleLinear()
        .domain([0, maxV * 1.05])
        .nice()
        .range([left, o.width - right]);
  const xAt = (v: number): number => (o.log && v <= 0 ? left : x(v));
  const ax = svg
    .append('g')
    .attr('transform', `translate(0,${height - bottom})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor((o.width - left - right) / 90)), o.log ? '.0e' : '~s'));
  styleAxis(ax, o.c);
  axisTitles(
    svg,
    { left, right, top, bottom, width: o.width, height },
    o.xLabel + (o.log ? ' (log; 0 at the left edge)' : ''),
    null,
    o.c,
    4,
  );
  rows.forEach((r, i) => {
    const y = top + i * rowH + rowH / 2;
    const g = svg.append('g').attr('data-policy', r.label);
    g.append('text')
      .attr('x', left - 8)
      .attr('y', y + 4)
      .attr('text-anchor', 'end')
      .attr('fill', o.c.text)
      .text(r.label.length > 22 ? r.label.slice(0, 21) + '…' : r.label)
      .append('title')
      .text(r.label);
    if (r.est === null) {
      g.append('text')
        .attr('x', left + 4)
        .attr('y', y + 4)
        .attr('fill', o.c.muted)
        .text('no resize seen');
      return;
    }
    if (r.r3 !== null) {
      g.append('rect')
        .attr('x', left)
        .attr('y', y - 5)
        .attr('width', Math.max(1, xAt(r.r3) - left))
        .attr('height', 10)
        .attr('fill', r.colour)
        .attr('fill-opacity', 0.18)
        .attr('stroke', r.colour)
        .attr('stroke-dasharray', '3 2')
        .attr('data-testid', 'r3-bar');
      g.append('text')
        .attr('x', Math.min(o.width - right - 4, xAt(r.r3) + 4))
        .attr('y', y + 4)
        .attr('text-anchor', xAt(r.r3) > o.width - 180 ? 'end' : 'start')
        .attr('fill', o.c.text)
        .text(`0 seen: < ${o.fmt(r.r3)} (${r.zeroBound ?? 'rule of three'})${r.note ? '; ' + r.note : ''}`);
    } else if (r.low !== null && r.high !== null) {
      g.append('line')
        .attr('x1', xAt(r.low))
        .attr('x2', xAt(r.high))
        .attr('y1', y)
        .attr('y2', y)
        .attr('stroke', r.colour)
        .attr('stroke-width', 3);
      for (const v of [r.low, r.high])
        g.append('line')
          .attr('x1', xAt(v))
          .attr('x2', xAt(v))
          .attr('y1', y - 6)
          .attr('y2', y + 6)
          .attr('stroke', r.colour)
          .attr('stroke-width', 1.5);
      g.append('circle').attr('cx', xAt(r.est)).attr('cy', y).attr('r', 4.5).attr('fill', r.colour);
      const lab = `${o.fmt(r.est)} [${o.fmt(r.low)}, ${o.fmt(r.high)}]${r.note ? '; ' + r.note : ''}`;
      const xl = xAt(r.high) + 6;
      g.append('text')
        .attr('x', xl > o.width - 200 ? xAt(r.low) - 6 : xl)
        .attr('y', y + 4)
        .attr('text-anchor', xl > o.width - 200 ? 'end' : 'start')
        .attr('fill', o.c.text)
        .text(lab);
    }
    if (r.closed !== null) {
      const cx = xAt(r.closed);
      g.append('path')
        .attr('d', `M${cx},${y - 7}L${cx + 5},${y}L${cx},${y + 7}L${cx - 5},${y}Z`)
        .attr('fill', 'none')
        .attr('stroke', o.c.text)
        .attr('stroke-width', 1.2)
        .append('title')
        .text(`closed form: ${o.fmt(r.closed)}`);
    }
  });
}
