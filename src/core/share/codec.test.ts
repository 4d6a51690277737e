import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets/index.ts';
import { defaultPreset } from '../presets/default.ts';
import { deflateBomb } from '../testing/deflate-bomb.ts';
import { inflateCapped } from './inflate.ts';
import { toBase64url } from './base64url.ts';
import { linkChecksum } from './checksum.ts';
import { decodeLink, encodeLink, linkFragment, linkUrl, type LinkState } from './codec.ts';
import { LinkError, type LinkErrorCode } from './errors.ts';
import { LINK_FILE_CHARS, LINK_WARN_CHARS, linkSizeAdvice, MAX_LINK_CHARS } from './limits.ts';

const SEED4 = ['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc'];
const edited = { ...defaultPreset.scenario, seed: 8 };

/** A v2 link with a valid checksum around any JSON text: what a hostile encoder can produce. */
function forge(json: string): string {
  return forgeDeflated(deflateSync(strToU8(json)));
}
function forgeDeflated(data: Uint8Array): string {
  const payload = toBase64url(data);
  return `v2.${linkChecksum('v2.' + payload)}.${payload}`;
}

function codeOf(f: () => unknown): LinkErrorCode | 'no error' {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LinkError);
    return (e as LinkError).code;
  }
  return 'no error';
}

describe('encode → decode', () => {
  it('an unedited preset carries only its id, the policies and the view', () => {
    const s: LinkState = {
      scenario: defaultPreset.scenario,
      policies: ['data-hack'],
      preset: 'default',
      view: { cursor: 5, domain: [0, 10] },
    };
    const f = encodeLink(s);
    expect(f).toMatch(/^v2\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+$/);
    expect(f.length).toBeLessThan(120);
    expect(decodeLink(f)).toEqual({ ...s, version: 2, name: 'default' });
  });

  it('a scenario equal to a preset is written as that preset even when the caller did not say so', () => {
    const d = decodeLink(
      encodeLink({ scenario: JSON.parse(JSON.stringify(defaultPreset.scenario)), policies: ['data-hack'] }),
    );
    expect(d.preset).toBe('default');
  });

  it('an edited preset carries the scenario and no preset id', () => {
    const f = encodeLink({ scenario: edited, policies: SEED4, preset: 'default', note: 'seed 8' });
    const d = decodeLink(f);
    expect(d.preset).toBeUndefined();
    expect(d.scenario).toEqual(edited);
    expect(d.note).toBe('seed 8');
  });

  it('every preset: a link under the four seed policies is at most 500 characters with the default base URL', () => {
    for (const p of PRESETS) {
      const url = linkUrl({
        scenario: p.scenario,
        policies: SEED4,
        preset: p.id,
        view: {
          cursor: 123_456,
          domain: [100_000, 200_000],
          selected: { pane: 3, key: { t: 123_456, stream: 2, k: 0 } },
        },
      });
      expect(url.length, p.id).toBeLessThanOrEqual(500);
      expect(url.startsWith('http://127.0.0.1:5173/#v2.')).toBe(true);
    }
  });

  it('reads a whole URL, a #fragment or the bare fragment, ignoring line wraps and trailing punctuation', () => {
    const f = encodeLink({ scenario: edited, policies: ['data-hack'] });
    const want = decodeLink(f);
    expect(decodeLink('#' + f)).toEqual(want);
    expect(decodeLink('https://example.org/msix/?x=1#' + f)).toEqual(want);
    expect(decodeLink(`<https://example.org/#${f.slice(0, 30)}\n  ${f.slice(30)}>.`)).toEqual(want);
    expect(linkFragment(' #v2.abc). ')).toBe('v2.abc');
    expect(decodeLink('http://x/#' + f.slice(0, 25) + '%20%0A' + f.slice(25))).toEqual(want);
    expect(linkFragment('#v2.a%zzb')).toBe('v2.a%zzb');
  });

  it('keys and rows in the selection round-trip', () => {
    for (const selected of [
      { pane: 0, key: { t: 5000, stream: -2, k: 3 } },
      { pane: 1, key: { t: 0, kind: 'guest-op', vec: -1, k: 0 } },
      { pane: 1, row: 7 },
    ]) {
      const s: LinkState = {
        scenario: edited,
        policies: ['data-hack', 'dynamic-alloc'],
        view: { cursor: 1.5, domain: [0.25, 99.75], selected },
      };
      expect(decodeLink(encodeLink(s)).view).toEqual(s.view);
    }
  });
});

describe('refusals: one typed error with a specific message', () => {
  const good = encodeLink({ scenario: edited, policies: ['data-hack'] });

  it('not a link, unknown and future versions', () => {
    expect(() => decodeLink('hello')).toThrow(/not an msix-lab scenario link \(it should start with #v2\.\)/);
    expect(() => decodeLink('v3.abc')).toThrow(
      /format v3, made by a newer msix-lab; this version reads formats v1 to v2 \(update msix-lab/,
    );
    expect(() => decodeLink('v0.abc')).toThrow(/format v0, which does not exist/);
    expect(() => decodeLink('v01.abc')).toThrow(/format v01, which does not exist/);
    expect(codeOf(() => decodeLink('v99999.abc'))).toBe('unknown-version');
  });

  it('every single-character substitution, deletion and cut of a v2 link is refused, never decoded to something else', () => {
    const alphabet = 'AZaz09-_';
    let n = 0;
    for (let i = 0; i < good.length; i++) {
      for (const c of alphabet) {
        if (c === good[i]) continue;
        const bad = good.slice(0, i) + c + good.slice(i + 1);
        expect(
          codeOf(() => decodeLink(bad)),
          bad,
        ).not.toBe('no error');
        n++;
      }
      expect(codeOf(() => decodeLink(good.slice(0, i) + good.slice(i + 1)))).not.toBe('no error');
      if (i > 0) expect(codeOf(() => decodeLink(good.slice(0, i)))).not.toBe('no error');
    }
    expect(n).toBeGreaterThan(1000);
    expect(() => decodeLink(good.slice(0, good.length - 1) + (good.endsWith('A') ? 'B' : 'A'))).toThrow(
      /the link is damaged: checksum mismatch/,
    );
  });

  it('a missing checksum, and characters outside base64url', () => {
    expect(() => decodeLink('v2.' + good.slice(12))).toThrow(/checksum is missing/);
    expect(() => decodeLink('v1.a*b')).toThrow(/characters that base64url does not use/);
  });

  it('data that does not decompress, is not JSON, or lacks fields', () => {
    expect(() => decodeLink('v1.garbage')).toThrow(/does not decompress/);
    expect(() => decodeLink(forge('{"s":'))).toThrow(/not valid JSON/);
    expect(() => decodeLink(forge('{"p":["data-hack"]}'))).toThrow(
      /names no preset \(id\) and carries no scenario \(s\)/,
    );
    expect(() => decodeLink(forge('{"s":{},"p":[]}'))).toThrow(/p must list 1 to 6 policies/);
    expect(() => decodeLink(forge('{"s":[],"p":["x"]}'))).toThrow(/scenario \(s\) is not a JSON object/);
    expect(() => decodeLink(forge('{"s":{},"p":["x"],"zz":1}'))).toThrow(/unknown field "zz"/);
    expect(() => decodeLink(forge('{"s":{},"p":["x"],"v":{"c":0,"d":[5,1]}}'))).toThrow(/v\.d \(the visible window\)/);
    expect(() => decodeLink(forge('{"s":{},"p":["x"],"v":{"c":0,"d":[0,1],"sel":{"p":1,"row":0}}}'))).toThrow(
      /v\.sel\.p must be a pane index 0\.\.0/,
    );
    expect(() => decodeLink(forge(JSON.stringify({ s: {}, p: ['x'], note: 'n'.repeat(501) })))).toThrow(
      /note must be a string of at most 500/,
    );
  });

  it('duplicate policies, also when spelled differently', () => {
    expect(() => decodeLink(forge('{"s":{},"p":["data-hack","data-hack"]}'))).toThrow(
      /lists the policy "data-hack" twice/,
    );
    expect(() => decodeLink(forge('{"s":{},"p":["data-hack","data-hack:frontend=pci-assign"]}'))).toThrow(
      /same policy twice \("data-hack" and "data-hack:frontend=pci-assign"\)/,
    );
    expect(() => encodeLink({ scenario: edited, policies: ['dynamic-alloc', 'dynamic-alloc'] })).toThrow(LinkError);
  });

  it('an unknown preset', () => {
    expect(() => decodeLink(forge('{"id":"nope","p":["data-hack"]}'))).toThrow(
      /names the preset "nope", which this version of msix-lab does not have/,
    );
  });

  it('deep nesting is refused before JSON.parse', () => {
    const deep = '{"s":{"x":' + '['.repeat(100_000) + ']'.repeat(100_000) + '},"p":["data-hack"]}';
    expect(() => decodeLink(forge(deep))).toThrow(/nests deeper than 32 levels/);
    // Brackets inside strings do not count.
    expect(
      decodeLink(forge(JSON.stringify({ s: { name: '['.repeat(100) + '\\"[' }, p: ['data-hack'] }))).scenario,
    ).toEqual({ name: '['.repeat(100) + '\\"[' });
  });

  it('a 100 MB deflate bomb is refused by the decompression cap, in v1 and v2 links', () => {
    // The helper's output is a real deflate stream: check it on a small size first.
    const small = inflateCapped(deflateBomb(100_000), 1 << 20);
    expect(small.length).toBe(1 + 258 * Math.ceil(99_999 / 258));
    expect(small.every((b) => b === 0)).toBe(true);
    const bomb = deflateBomb(100 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(700_000);
    expect(() => decodeLink(forgeDeflated(bomb))).toThrow(/grows beyond 4 MB when decompressed/);
    expect(codeOf(() => decodeLink('v1.' + toBase64url(bomb)))).toBe('too-large');
  });

  it('an overlong link is refused before any work', () => {
    expect(codeOf(() => decodeLink('v2.' + 'A'.repeat(MAX_LINK_CHARS)))).toBe('too-long');
  });
});

describe('linkSizeAdvice', () => {
  it('ok up to 2000 characters, a warning above, a file above 8000', () => {
    expect(linkSizeAdvice(LINK_WARN_CHARS).level).toBe('ok');
    expect(linkSizeAdvice(LINK_WARN_CHARS + 1)).toMatchObject({
      level: 'warn',
      message: expect.stringMatching(/2001 characters/),
    });
    expect(linkSizeAdvice(LINK_FILE_CHARS).level).toBe('warn');
    expect(linkSizeAdvice(LINK_FILE_CHARS + 1)).toMatchObject({
      level: 'file',
      message: expect.stringMatching(/as a JSON file/),
    });
  });
});

describe('what-if links', () => {
  it('carry the fork (base preset, edited step, edit kind) through a round trip, and refuse a bad one', () => {
    const scenario = { version: 1, device: { tableSize: 2 }, steps: [{ at: 5, op: 'linux-alloc-vectors', nvec: 2 }] };
    const link = encodeLink({
      scenario,
      policies: ['dynamic-alloc'],
      whatif: { base: 'default', step: 0, edit: 'move' },
    });
    expect(decodeLink(link).whatif).toEqual({ base: 'default', step: 0, edit: 'move' });
    expect(() => encodeLink({ scenario, policies: ['dynamic-alloc'], whatif: { step: -2, edit: 'move' } })).toThrow(
      /w.st must be a step index or -1/,
    );
  });
});
