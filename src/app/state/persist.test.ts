import { describe, expect, it } from 'vitest';
import { parseSaved, ENVELOPE_VERSION } from './persist.ts';

describe('saved session envelope', () => {
  it('reads nothing saved as no session', () => {
    expect(parseSaved(null)).toEqual({ ok: true, session: null });
  });

  it('reads the current version with its link, address and draft', () => {
    const raw = JSON.stringify({ v: ENVELOPE_VERSION, link: 'v2.abcdefgh.xyz', url: 'v2.q', draft: '{"x":' });
    expect(parseSaved(raw)).toEqual({ ok: true, session: { link: 'v2.abcdefgh.xyz', url: 'v2.q', draft: '{"x":' } });
  });

  it('drops fields of the wrong type rather than failing', () => {
    const raw = JSON.stringify({ v: 1, link: 'v2.a.b', url: 3, draft: null });
    expect(parseSaved(raw)).toEqual({ ok: true, session: { link: 'v2.a.b' } });
  });

  it.each([
    ['{"v":1,"link":', /not valid JSON/],
    ['"text"', /not an object/],
    ['[]', /not an object/],
    ['{"link":"v2.a.b"}', /no format version/],
    ['{"v":0,"link":"v2.a.b"}', /no format version/],
    ['{"v":1.5,"link":"v2.a.b"}', /no format version/],
    ['{"v":1}', /holds no scenario link/],
    ['{"v":1,"link":""}', /holds no scenario link/],
  ])('refuses %s with a one-line notice', (raw, why) => {
    const r = parseSaved(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.notice).toMatch(/^your saved session was not restored: /);
      expect(r.notice).toMatch(why);
      expect(r.notice).not.toContain('\n');
    }
  });

  it('refuses a newer version by name', () => {
    const r = parseSaved(JSON.stringify({ v: ENVELOPE_VERSION + 1, link: 'v9.x', future: true }));
    expect(r).toEqual({
      ok: false,
      notice: `your saved session was not restored: it was saved by a newer msix-lab (session format v${ENVELOPE_VERSION + 1}; this one reads up to v${ENVELOPE_VERSION})`,
    });
  });
});
