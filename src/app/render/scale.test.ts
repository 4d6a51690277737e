import { describe, expect, it } from 'vitest';
import { fmtTick, fmtTime } from './format.ts';

describe('time labels', () => {
  it('pick ns, µs or ms with sensible precision', () => {
    expect(fmtTime(850)).toBe('850 ns');
    expect(fmtTime(12_500)).toBe('12.5 µs');
    expect(fmtTime(1_250)).toBe('1.25 µs');
    expect(fmtTime(250_000)).toBe('250 µs');
    expect(fmtTime(3_200_000)).toBe('3.2 ms');
    expect(fmtTime(0)).toBe('0 ns');
  });
});

describe('axis ticks', () => {
  it('show distinct labels at every zoom level', () => {
    expect([178_000, 178_010, 178_020].map((t) => fmtTick(t, 10))).toEqual(['178.00 µs', '178.01 µs', '178.02 µs']);
    expect([0, 50_000, 100_000].map((t) => fmtTick(t, 50_000))).toEqual(['0 µs', '50 µs', '100 µs']);
    expect(fmtTick(2_500_000, 500_000)).toBe('2.5 ms');
    expect(fmtTick(850, 50)).toBe('850 ns');
  });
});
