import { describe, expect, it } from 'vitest';
import { publicBase } from './publicUrl.ts';
import { fullPageUrl, isEmbed } from '../embed.ts';

describe('public link base', () => {
  it("is the page's own address without fragment or embed when none is configured", () => {
    expect(publicBase('http://127.0.0.1:4173/sub/?embed=1#v2.x', undefined)).toBe('http://127.0.0.1:4173/sub/');
    expect(publicBase('http://127.0.0.1:4173/#v2.x', '  ')).toBe('http://127.0.0.1:4173/');
  });

  it('is the configured public URL when there is one (absolute or relative to the page)', () => {
    expect(publicBase('http://127.0.0.1:4173/#v2.x', 'https://example.org/msix-lab/')).toBe(
      'https://example.org/msix-lab/',
    );
    expect(publicBase('http://127.0.0.1:4173/a/b/', '../')).toBe('http://127.0.0.1:4173/a/');
  });

  it('ignores a configured URL that is no page address', () => {
    expect(publicBase('http://127.0.0.1:4173/', 'javascript:alert(1)')).toBe('http://127.0.0.1:4173/');
  });
});

describe('embed', () => {
  it('is on only for embed=1', () => {
    expect(isEmbed('?embed=1')).toBe(true);
    expect(isEmbed('?x=2&embed=1')).toBe(true);
    expect(isEmbed('?embed=0')).toBe(false);
    expect(isEmbed('')).toBe(false);
  });

  it('links back to the full page at a fragment, keeping other parameters', () => {
    expect(fullPageUrl('https://h.org/lab/?embed=1&lang=en#old', 'v2.new')).toBe('https://h.org/lab/?lang=en#v2.new');
  });
});
