import * as d3 from 'd3';

/**
 * What the sweep panel's d3 plots share: colours, the frame, axes and their titles, number formats.
 * React owns each <svg> element; the draw functions (one file per plot beside this one) own what is
 * inside: they clear and redraw it. Colours are resolved to literal values at draw time, so an
 * exported SVG or PNG looks like the page without its stylesheet.
 */

export interface Colours {
  text: string;
  muted: string;
  grid: string;
  bg: string;
  danger: string;
}

export function coloursOf(el: Element): Colours {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string): string => cs.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1d2330'),
    muted: v('--muted', '#5d6472'),
    grid: v('--border', '#d9dbe0'),
    bg: v('--panel', '#ffffff'),
    danger: v('--danger', '#b3261e'),
  };
}

/** One colour per policy (by index in the sweep), the same in every plot. */
export const policyColour = (i: number): string => d3.schemeTableau10[i % 10]!;

const FONT = '11px system-ui, sans-serif';

export type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;

export function frame(el: SVGSVGElement, width: number, height: number, c: Colours): Svg {
  const svg = d3.select(el);
  svg.selectAll('*').remove();
  svg
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .style('font', FONT);
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', c.bg);
  return svg;
}

export function styleAxis(g: d3.Selection<SVGGElement, unknown, null, undefined>, c: Colours): void {
  g.selectAll('text').attr('fill', c.muted).style('font', FONT);
  g.selectAll('line,path').attr('stroke', c.grid);
}

/** A probability or rate as the page prints it: 3 significant digits, small values in e-notation. */
export function fmtP(x: number): string {
  if (x === 0) return '0';
  if (x < 1e-3) return x.toExponential(2);
  return d3.format('.3~g')(x);
}
export const fmtPct = (x: number): string =>
  x === 0 ? '0 %' : x < 1e-5 ? `${(x * 100).toExponential(1)} %` : `${d3.format('.3~g')(x * 100)} %`;

/** The plot area inside the frame: the axes sit on its left and bottom edges. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}

/** Draws the bottom and left axes of the plot area, styled. */
export function axes(
  svg: Svg,
  b: Box,
  bottomAxis: d3.Axis<d3.NumberValue>,
  leftAxis: d3.Axis<d3.NumberValue>,
  c: Colours,
): void {
  styleAxis(
    svg
      .append('g')
      .attr('transform', `translate(0,${b.height - b.bottom})`)
      .call(bottomAxis),
    c,
  );
  styleAxis(svg.append('g').attr('transform', `translate(${b.left},0)`).call(leftAxis), c);
}

/** The x title under the plot area and the y title rotated along its left edge (either may be omitted). */
export function axisTitles(svg: Svg, b: Box, x: string | null, y: string | null, c: Colours, xBaseline = 6): void {
  if (x !== null)
    svg
      .append('text')
      .attr('x', (b.left + b.width - b.right) / 2)
      .attr('y', b.height - xBaseline)
      .attr('text-anchor', 'middle')
      .attr('fill', c.muted)
      .text(x);
  if (y !== null)
    svg
      .append('text')
      .attr('transform', `translate(12,${(b.top + b.height - b.bottom) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .attr('fill', c.muted)
      .text(y);
}

/** A series label in the right-hand legend column, shortened to 15 characters. */
export function legendLabel(
  svg: d3.Selection<SVGGElement, unknown, null, undefined> | Svg,
  b: Box,
  i: number,
  label: string,
  colour: string,
): void {
  svg
    .append('text')
    .attr('x', b.width - b.right + 8)
    .attr('y', b.top + 12 + i * 16)
    .attr('fill', colour)
    .text(label.length > 15 ? label.slice(0, 14) + '…' : label);
}
