import { describe, expect, it } from 'vitest';
import { axisTicks, MIN_TICKS } from './ticks.ts';

describe('axisTicks', () => {
  it('gives a narrow pane at least three ticks with short labels (issue 9: a lone "200.000 µs")', () => {
    for (const w of [60, 120, 180, 240, 318]) {
      const { values, labels } = axisTicks([0, 408_000], w);
      expect(values.length).toBeGreaterThanOrEqual(MIN_TICKS);
      for (const l of labels) expect(l.length).toBeLessThanOrEqual(8);
      expect(labels).not.toContain('200.000 µs');
    }
  });

  it('adds ticks with the width, and labels deep zooms with the decimals the step needs', () => {
    expect(axisTicks([0, 408_000], 1200).values.length).toBeGreaterThan(axisTicks([0, 408_000], 300).values.length);
    const deep = axisTicks([178_000, 178_100], 300);
    expect(deep.labels.every((l) => /^178\.\d{2,3} µs$/.test(l))).toBe(true);
    expect(new Set(deep.labels).size).toBe(deep.labels.length);
  });
});
