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

describe('links made by earlier versions keep working', () => {
  // A v1 link as the app wrote it (golden fixture: if this stops decoding, old links in mailing
  // lists stop working; add a migration instead of changing this string).
  const V1 = 'v1.NYxBCsMgEEXv8tcGklIoeI0uQxZTHajUalArbcW7d4pkN8N7_zVk6IbKKbsYoBeFzGyhLwqWqzP8x4Vunq_uK8-5i1F4l9naQAV6Vog7NLwLr_dE3kczVTYlpgyFICf0qashL_OhJ3KZRRiqZPomaSErLBWa7mQegu0n0NOZ0cXWfw';
  it('decodes the v1 fixture to the exact scenario and policies', () => {
    expect(decodeShare(V1)).toEqual({
      scenario: { version: 1, seed: 7, device: { tableSize: 4 }, steps: [{ at: 0, op: 'linux-alloc-vectors', nvec: 2 }, { at: 100, op: 'raise', vector: 0 }] },
      policies: ['data-hack', 'dynamic-alloc'],
    });
  });
});

describe('links that point at a moment', () => {
  it('carry the preset, the cursor, the visible window and the selected event', () => {
    const s = { scenario: defaultPreset.scenario, policies: ['data-hack'], preset: 'default', view: { cursor: 150_000, domain: [100_000, 200_000] as [number, number], selected: [0, 42] as [number, number] } };
    expect(decodeShare(encodeShare(s))).toEqual(s);
  });
  it('ignore a malformed view instead of rejecting the link', () => {
    const f = encodeShare({ scenario: defaultPreset.scenario, policies: ['data-hack'] });
    const bad = encodeShare({ scenario: defaultPreset.scenario, policies: ['data-hack'], view: { cursor: Number.NaN, domain: [0, 1] } });
    expect(decodeShare(bad)).toEqual(decodeShare(f));
  });
});
