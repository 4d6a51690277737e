import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from './link.ts';
import { defaultPreset } from '../../core/presets/default.ts';

describe('share links', () => {
  it('round-trip a scenario and its policies, short enough to paste', () => {
    const s = { scenario: defaultPreset.scenario, policies: ['data-hack', 'dynamic-alloc'] };
    const f = encodeShare(s);
    expect(f).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(f.length).toBeLessThan(700);
    expect(decodeShare(f)).toEqual(s);
  });
  it('reject damaged links with a specific reason', () => {
    const f = encodeShare({ scenario: defaultPreset.scenario, policies: ['data-hack'] });
    expect(() => decodeShare('hello')).toThrow(/not an msix-lab scenario link/);
    expect(() => decodeShare('v9.abc')).toThrow(/format v9/);
    expect(() => decodeShare(f.slice(0, 40))).toThrow(/damaged: its data does not decompress/);
    expect(() => decodeShare('v1.a b')).toThrow(/characters/);
  });
});
