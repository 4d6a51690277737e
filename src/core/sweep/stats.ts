/**
 * The few statistics a sweep needs, written out (no dependency) and tested against published values
 * (stats.test.ts). All intervals are two-sided 95 % unless a z is passed.
 */

/** Standard normal quantile for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion k/n (Wilson 1927; Newcombe 1998, method 3).
 * Unlike the normal (Wald) interval it stays inside [0, 1] and is not degenerate at k = 0.
 */
export function wilson(k: number, n: number, z = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = k / n,
    z2 = z * z;
  const den = 1 + z2 / n;
  const mid = (p + z2 / (2 * n)) / den;
  const half = (z / den) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: k === 0 ? 0 : Math.max(0, mid - half), high: k === n ? 1 : Math.min(1, mid + half) };
}

/** Rule of three (Hanley & Lippman-Hand 1983): 0 events in n trials gives a 95 % upper bound of ~3/n. */
export function ruleOfThree(n: number): number {
  return n > 0 ? Math.min(1, 3 / n) : 1;
}

/** ln Γ(x), Lanczos (g = 7, n = 9), |error| < 1e-13 for x > 0. */
export function lnGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = g[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += g[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised lower incomplete gamma P(a, x) (series for x < a + 1, else Lentz continued fraction). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lead = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a,
      term = sum;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(lead));
  }
  const tiny = 1e-300;
  let b = x + 1 - a,
    c = 1 / tiny,
    d = 1 / b,
    h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(lead) * h);
}

/** x with P(a, x) = q, by bisection on a bracket (monotone in x); relative precision ~1e-12. */
function gammaPInv(a: number, q: number): number {
  let lo = 0,
    hi = Math.max(1, a);
  while (gammaP(a, hi) < q) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (gammaP(a, mid) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Garwood's exact interval for a Poisson mean given k observed events (Garwood 1936):
 * low = χ²(α/2; 2k)/2, high = χ²(1 − α/2; 2k + 2)/2, i.e. the Gamma(k) and Gamma(k + 1) quantiles.
 * For k = 0 the low end is 0 and the high end is −ln(α/2) ≈ 3.689.
 */
export function garwood(k: number, alpha = 0.05): Interval {
  const low = k === 0 ? 0 : gammaPInv(k, alpha / 2);
  const high = gammaPInv(k + 1, 1 - alpha / 2);
  return { low, high };
}

/**
 * Sample size n for which a binomial proportion p is estimated with a 95 % half-width of
 * `rel` × p (normal approximation): n = z²(1 − p) / (rel² p).
 */
export function samplesForRelativePrecision(p: number, rel: number, z = Z95): number {
  if (!(p > 0)) return Infinity;
  return Math.ceil((z * z * (1 - p)) / (rel * rel * p));
}
