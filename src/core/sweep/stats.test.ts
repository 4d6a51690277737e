import { describe, expect, it } from 'vitest';
import { garwood, lnGamma, ruleOfThree, samplesForRelativePrecision, wilson } from './stats.ts';

describe('sweep statistics against published values', () => {
  // Newcombe, "Two-sided confidence intervals for the single proportion", Stat. Med. 17 (1998),
  // Table II, method 3 (Wilson score, no continuity correction), to the 4 decimals printed there.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1],
  ])('Wilson %i/%i = [%f, %f]', (k, n, lo, hi) => {
    const w = wilson(k, n);
    expect(w.low).toBeCloseTo(lo, 4);
    expect(w.high).toBeCloseTo(hi, 4);
  });

  it('Wilson stays inside [0, 1] and contains k/n', () => {
    for (const n of [1, 2, 7, 100, 1e6]) {
      for (const k of [0, 1, Math.floor(n / 2), n - 1, n].filter((x) => x >= 0 && x <= n)) {
        const w = wilson(k, n);
        expect(w.low).toBeGreaterThanOrEqual(0);
        expect(w.high).toBeLessThanOrEqual(1);
        expect(w.low).toBeLessThanOrEqual(k / n);
        expect(w.high).toBeGreaterThanOrEqual(k / n);
      }
    }
  });

  it('rule of three: 3/n, and close to the exact bound 1 - 0.05^(1/n) for large n', () => {
    expect(ruleOfThree(300)).toBe(0.01);
    expect(ruleOfThree(1e6)).toBe(3e-6);
    const exact = 1 - Math.pow(0.05, 1 / 1e4);
    expect(Math.abs(ruleOfThree(1e4) - exact) / exact).toBeLessThan(0.002);
    expect(ruleOfThree(0)).toBe(1);
  });

  // Exact (Garwood) 95 % limits for a Poisson count, as tabulated e.g. by Ulm, Am. J. Epidemiol. 131 (1990).
  it.each([
    [0, 0, 3.689],
    [1, 0.0253, 5.572],
    [2, 0.2422, 7.225],
    [5, 1.6235, 11.668],
    [10, 4.7954, 18.39],
    [100, 81.364, 121.627],
  ])('Garwood k=%i = [%f, %f]', (k, lo, hi) => {
    const g = garwood(k);
    expect(g.low).toBeCloseTo(lo, 3);
    expect(g.high).toBeCloseTo(hi, 3);
  });

  it('ln Γ against factorials and Γ(1/2) = √π', () => {
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    expect(lnGamma(171)).toBeCloseTo(706.5730622457874, 8);
  });

  it('samples for a relative precision: z²(1-p)/(r²p), infinite when p is 0', () => {
    expect(samplesForRelativePrecision(0.5, 0.1)).toBe(Math.ceil((1.959963984540054 ** 2 * 0.5) / (0.01 * 0.5)));
    expect(samplesForRelativePrecision(0, 0.1)).toBe(Infinity);
  });
});
