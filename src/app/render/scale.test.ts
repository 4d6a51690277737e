import { describe, expect, it } from 'vitest';
import { fmtNs } from '../../core/format/time.ts';
import { fmtTick, fmtTime } from './format.ts';

describe('time labels', () => {
  it("are the core's one ns formatter (its cases: core/format/time.test.ts)", () => {
    expect(fmtTime).toBe(fmtNs);
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
