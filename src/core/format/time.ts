/**
 * The one formatter of a duration or an instant in nanoseconds, for every reader of a run: the
 * explanations, the CLI table and the page's labels (the app's allowlist includes this module).
 * Three significant digits, trailing zeros dropped, in the largest unit that keeps the value at
 * or above 1: "850 ns", "1.25 µs", "12.3 µs", "3.2 ms", "1.5 s". Three, not more: the page's
 * transport shows the cursor's time beside the overview slider, and a label that grows by a digit
 * as the cursor moves would resize the slider under the pointer.
 *
 * Invariant: the shown value is below 1000 of its unit (a value that rounds up to 1000 moves to
 * the next unit: 999 999 ns is "1 ms", not "1000 µs").
 */
const UNITS: readonly (readonly [string, number])[] = [
  ['s', 1e9],
  ['ms', 1e6],
  ['µs', 1e3],
];

/** Three significant digits of x (for 1 <= |x| < 1000; the caller handles a round-up to 1000). */
function digits(x: number): number {
  const a = Math.abs(x);
  const d = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return +x.toFixed(d);
}

export function fmtNs(ns: number): string {
  const a = Math.abs(ns);
  for (let u = 0; u < UNITS.length; u++) {
    const [name, div] = UNITS[u]!;
    if (a < div) continue;
    const v = digits(ns / div);
    // Rounded up to 1000 of this unit: one unit larger (no larger unit than s: "1000 s" stays).
    if (Math.abs(v) >= 1000 && u > 0) return `${digits(ns / UNITS[u - 1]![1])} ${UNITS[u - 1]![0]}`;
    return `${v} ${name}`;
  }
  const r = Math.round(ns);
  // 999.6 ns rounds to 1000: that is 1 µs.
  return Math.abs(r) >= 1000 ? `${digits(ns / 1e3)} µs` : `${r} ns`;
}
