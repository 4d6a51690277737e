import * as d3 from 'd3';
import { axes, axisTitles, frame, legendLabel, type Colours } from './frame.ts';

/** P against the varied parameter, per policy, with the Wilson band. */
export interface CurveSeries {
  label: string;
  colour: string;
  points: { x: number; est: number | null; low: number | null; high: number | null }[];
}

export function drawCurves(
  el: SVGSVGElement,
  series: CurveSeries[],
  o: { width: number; xLog: boolean; yLog: boolean; xLabel: string; yLabel: string; c: Colours },
): void {
  const height = 260,
    left = 64,
    right = o.width < 560 ? 100 : 150,
    top = 10,
    bottom = 40;
  const svg = frame(el, o.width, height, o.c);
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series
    .flatMap((s) => s.points.flatMap((p) => [p.est, p.low, p.high]))
    .filter((v): v is number => v !== null);
  const maxY = Math.max(1e-9, ...ys);
  const minPos = Math.min(maxY, ...ys.filter((v) => v > 0));
  const x = o.xLog
    ? d3
        .scaleLog()
        .domain([Math.max(1, d3.min(xs) ?? 1), Math.max(2, d3.max(xs) ?? 2)])
        .range([left, o.width - right])
    : d3
        .scaleLinear()
        .domain(d3.extent(xs) as [number, number])
        .range([left, o.width - right]);
  const y = o.yLog
    ? d3
        .scaleLog()
        .domain([minPos / 3, maxY * 1.5])
        .range([height - bottom, top])
        .clamp(true)
    : d3
        .scaleLinear()
        .domain([0, maxY * 1.05])
        .nice()
        .range([height - bottom, top]);
  const box = { left, right, top, bottom, width: o.width, height };
  axes(svg, box, d3.axisBottom(x).ticks(6, '~s'), d3.axisLeft(y).ticks(5, o.yLog ? '.0e' : '~g'), o.c);
  axisTitles(svg, box, o.xLabel, o.yLabel + (o.yLog ? ' (log)' : ''), o.c);
  const yAt = (v: number): number => (o.yLog && v <= 0 ? height - bottom : y(v));
  series.forEach((s, i) => {
    const pts = s.points.filter((p) => p.est !== null) as { x: number; est: number; low: number; high: number }[];
    const g = svg.append('g').attr('data-policy', s.label);
    g.append('path')
      .attr(
        'd',
        d3
          .area<(typeof pts)[number]>()
          .x((p) => x(p.x))
          .y0((p) => yAt(p.low))
          .y1((p) => yAt(p.high))(pts),
      )
      .attr('fill', s.colour)
      .attr('fill-opacity', 0.15);
    g.append('path')
      .attr(
        'd',
        d3
          .line<(typeof pts)[number]>()
          .x((p) => x(p.x))
          .y((p) => yAt(p.est))(pts),
      )
      .attr('fill', 'none')
      .attr('stroke', s.colour)
      .attr('stroke-width', 2);
    for (const p of pts)
      g.append('circle').attr('cx', x(p.x)).attr('cy', yAt(p.est)).attr('r', 3).attr('fill', s.colour);
    legendLabel(g, box, i, s.label, s.colour);
  });
}
