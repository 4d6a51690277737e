import { scaleLinear } from 'd3';
import { GUTTER, type TimeScale } from './geometry.ts';
import { viewport } from '../state/viewport.ts';

/** The shared time scale for a canvas of `width` CSS px: visible domain -> [GUTTER, width]. */
export function timeScale(width: number): TimeScale {
  const [a, b] = viewport().domain;
  return scaleLinear()
    .domain([a, b])
    .range([GUTTER, Math.max(GUTTER + 1, width)]) as unknown as TimeScale;
}

export { fmtTime, fmtTick } from './format.ts';
