/** Left gutter (CSS px) for lane and row labels; time maps to [GUTTER, width]. */
export const GUTTER = 72;

/** A d3-like linear time scale: ns -> CSS px. */
export interface TimeScale {
  (t: number): number;
  invert(x: number): number;
  domain(): number[];
}
