/** Time labels (no d3: the initial bundle uses them before the timeline loads). */
/** Nanoseconds as a short label (850 ns, 12.5 µs, 3.2 ms): the core's one formatter, under the app's older name. */
export { fmtNs as fmtTime } from '../../core/format/time.ts';

/** An axis label with as many decimals as the tick step needs (deep zoom: "178.050 µs"). */
export function fmtTick(ns: number, step: number): string {
  const a = Math.max(Math.abs(ns), step);
  const [unit, div] = a >= 1e6 ? ['ms', 1e6] : a >= 1e3 ? ['µs', 1e3] : ['ns', 1];
  const decimals = Math.max(0, Math.min(6, Math.ceil(-Math.log10(step / div) - 1e-9)));
  return `${(ns / div).toFixed(decimals)} ${unit}`;
}
