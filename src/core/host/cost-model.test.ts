import { describe, expect, it } from 'vitest';
import { defaultResizeWindowNs, RESIZE_BASE_NS, RESIZE_PER_FREED_VECTOR_NS } from './cost-model.ts';

describe('defaultResizeWindowNs', () => {
  it('is the base cost when no vector is freed', () => {
    expect(defaultResizeWindowNs(0)).toBe(RESIZE_BASE_NS);
  });

  it('grows linearly with the vectors freed', () => {
    expect(defaultResizeWindowNs(5) - defaultResizeWindowNs(4)).toBe(RESIZE_PER_FREED_VECTOR_NS);
    expect(defaultResizeWindowNs(10)).toBe(RESIZE_BASE_NS + 10 * RESIZE_PER_FREED_VECTOR_NS);
  });

  it('returns integer nanoseconds', () => {
    expect(Number.isInteger(defaultResizeWindowNs(17))).toBe(true);
  });
});
