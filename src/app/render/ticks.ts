import { ticks, tickStep } from 'd3';
import { fmtTick } from './format.ts';

/** Room one tick label needs (a "178.05 µs" label at 11–14 px plus a gap). */
export const TICK_SPACING_PX = 90;
/** A narrow pane still gets this many ticks: one lone tick says nothing about scale. */
export const MIN_TICKS = 3;

/**
 * The shared axis's ticks for a plot `plotWidth` px wide: as many as fit at TICK_SPACING_PX, at
 * least MIN_TICKS, labelled with as many decimals as the tick step needs (so "200 µs", never a
 * lone "200.000 µs": the step is d3's, not guessed from a single tick).
 */
export function axisTicks(
  domain: readonly [number, number],
  plotWidth: number,
): { values: number[]; labels: string[] } {
  const [a, b] = domain;
  let count = Math.max(MIN_TICKS - 1, Math.floor(plotWidth / TICK_SPACING_PX));
  let values = ticks(a, b, count);
  // d3 may round the count down (e.g. 2 → one "nice" tick): ask for more until there are enough.
  for (let k = 0; values.length < MIN_TICKS && k < 4; k++) values = ticks(a, b, ++count);
  const step = Math.abs(values.length > 1 ? values[1]! - values[0]! : tickStep(a, b, count)) || 1;
  return { values, labels: values.map((v) => fmtTick(v, step)) };
}
