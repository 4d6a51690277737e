import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmtNs } from './time.ts';

describe('fmtNs (the one ns formatter)', () => {
  it('picks the largest unit that keeps the value at or above 1, with 3 significant digits', () => {
    expect(fmtNs(0)).toBe('0 ns');
    expect(fmtNs(850)).toBe('850 ns');
    expect(fmtNs(1_000)).toBe('1 µs');
    expect(fmtNs(1_250)).toBe('1.25 µs');
    expect(fmtNs(12_345)).toBe('12.3 µs');
    expect(fmtNs(250_000)).toBe('250 µs');
    expect(fmtNs(123_456)).toBe('123 µs');
    expect(fmtNs(200_300)).toBe('200 µs');
    expect(fmtNs(3_200_000)).toBe('3.2 ms');
    expect(fmtNs(12_345_678)).toBe('12.3 ms');
    expect(fmtNs(1_500_000_000)).toBe('1.5 s');
    expect(fmtNs(-2_500)).toBe('-2.5 µs');
  });

  it('never shows 1000 of a unit: a value that rounds up moves to the next unit', () => {
    expect(fmtNs(999.6)).toBe('1 µs');
    expect(fmtNs(999_999)).toBe('1 ms');
    expect(fmtNs(999_960_000)).toBe('1 s');
  });

  it('for any value: a number below 1000 and one of the four units; parsing it back is within 0.5%', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (ns) => {
        const m = /^(-?[\d.]+) (ns|µs|ms|s)$/.exec(fmtNs(ns));
        expect(m).not.toBeNull();
        const v = Number(m![1]);
        const div = { ns: 1, µs: 1e3, ms: 1e6, s: 1e9 }[m![2] as 'ns' | 'µs' | 'ms' | 's'];
        if (m![2] !== 's') expect(v).toBeLessThan(1000);
        expect(Math.abs(v * div - ns)).toBeLessThanOrEqual(Math.max(0.5, ns * 5e-3));
      }),
    );
  });
});
