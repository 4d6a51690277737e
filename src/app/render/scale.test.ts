import { describe, expect, it } from 'vitest';
import { fmtTime } from './scale.ts';

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
