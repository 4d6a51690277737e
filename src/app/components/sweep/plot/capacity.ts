import * as d3 from 'd3';
import { axes, axisTitles, frame, legendLabel, type Colours } from './frame.ts';

/** Host resources against devices per host, with the IOMMU's and the CPUs' limits marked. */
export interface CapacityLine {
  label: string;
  colour: string;
  irtesPerDevice: number;
  cpuVectorsPerDevice: number;
}

export const CAPACITY_DEVICES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];

export function drawCapacity(
  el: SVGSVGElement,
  lines: CapacityLine[],
  o: { width: number; irteLimit: number; cpuVectorLimit: number; c: Colours },
): void {
  const height = 280,
    left = 64,
    right = 150,
    top = 10,
    bottom = 40;
  const svg = frame(el, o.width, height, o.c);
  const x = d3
    .scaleLog()
    .domain([1, 65536])
    .range([left, o.width - right]);
  const maxY = Math.max(
    o.irteLimit,
    o.cpuVectorLimit,
    ...lines.map((l) => 65536 * Math.max(l.irtesPerDevice, l.cpuVectorsPerDevice)),
  );
  const y = d3
    .scaleLog()
    .domain([1, maxY * 2])
    .range([height - bottom, top])
    .clamp(true);
  const box = { left, right, top, bottom, width: o.width, height };
  axes(svg, box, d3.axisBottom(x).ticks(6, '~s'), d3.axisLeft(y).ticks(6, '~s'), o.c);
  axisTitles(svg, box, 'guests × devices per host (every device at its peak at once)', 'in use (log)', o.c);
  for (const [v, text] of [
    [o.irteLimit, `IOMMU: ${o.irteLimit.toLocaleString('en-US')} IRTEs`],
    [o.cpuVectorLimit, `CPU vectors: ${o.cpuVectorLimit.toLocaleString('en-US')} (~200/CPU)`],
  ] as const) {
    svg
      .append('line')
      .attr('x1', left)
      .attr('x2', o.width - right)
      .attr('y1', y(v))
      .attr('y2', y(v))
      .attr('stroke', o.c.danger)
      .attr('stroke-dasharray', '6 3');
    svg
      .append('text')
      .attr('x', left + 4)
      .attr('y', y(v) - 4)
      .attr('fill', o.c.danger)
      .text(text);
  }
  lines.forEach((l, i) => {
    const g = svg.append('g').attr('data-policy', l.label);
    for (const [per, dash] of [
      [l.irtesPerDevice, null],
      [l.cpuVectorsPerDevice, '2 3'],
    ] as const) {
      if (per <= 0) continue;
      const p = g
        .append('path')
        .attr(
          'd',
          d3
            .line<number>()
            .x((d) => x(d))
            .y((d) => y(d * per))(CAPACITY_DEVICES),
        )
        .attr('fill', 'none')
        .attr('stroke', l.colour)
        .attr('stroke-width', 2);
      if (dash) p.attr('stroke-dasharray', dash);
    }
    legendLabel(g, box, i, l.label, l.colour);
  });
  svg
    .append('text')
    .attr('x', o.width - right + 8)
    .attr('y', top + 12 + lines.length * 16 + 6)
    .attr('fill', o.c.muted)
    .text('— IRTEs, ··· vectors');
}
