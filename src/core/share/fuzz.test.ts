import { strToU8 } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets/index.ts';
import { toBase64url } from './base64url.ts';
import { linkChecksum } from './checksum.ts';
import { decodeLink, encodeLink, type DecodedLink } from './codec.ts';
import { LinkError } from './errors.ts';

/**
 * Random and mutated links (more than 10^4 in all) fed to the decoder: it returns a well-formed
 * link or throws a LinkError, nothing else (no RangeError from deep JSON, no TypeError from a
 * missing field). Its work is bounded by construction (limits.ts), so no input can hang it.
 */
const RUNS = 2_600; // × 4 properties = 10 400 links

function decodeOrLinkError(input: string): DecodedLink | LinkError {
  try {
    const d = decodeLink(input);
    // Whatever decodes is well formed.
    expect(typeof d.scenario === 'object' && d.scenario !== null && !Array.isArray(d.scenario)).toBe(true);
    expect(d.policies.length).toBeGreaterThanOrEqual(1);
    expect(d.policies.length).toBeLessThanOrEqual(6);
    expect(new Set(d.policies).size).toBe(d.policies.length);
    return d;
  } catch (e) {
    if (!(e instanceof LinkError))
      throw new Error(`decodeLink threw ${String(e)} for ${JSON.stringify(input.slice(0, 200))}`);
    expect(e.message.length).toBeGreaterThan(10);
    expect(e.message).not.toMatch(/\n/);
    return e;
  }
}

/** Raw DEFLATE in stored blocks (RFC 1951 §3.2.4): valid input for the inflater, built in microseconds. */
function stored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65_535));
  const out = new Uint8Array(data.length + 5 * blocks);
  for (let b = 0, o = 0; b < blocks; b++) {
    const part = data.subarray(b * 65_535, (b + 1) * 65_535);
    const len = part.length;
    out.set([b === blocks - 1 ? 1 : 0, len & 255, len >> 8, ~len & 255, (~len >> 8) & 255], o);
    out.set(part, o + 5);
    o += 5 + len;
  }
  return out;
}

const forge = (json: string): string => {
  const payload = toBase64url(stored(strToU8(json)));
  return `v2.${linkChecksum('v2.' + payload)}.${payload}`;
};

const SEEDS: string[] = [
  'v1.NYxBCsMgEEXv8tcGklIoeI0uQxZTHajUalArbcW7d4pkN8N7_zVk6IbKKbsYoBeFzGyhLwqWqzP8x4Vunq_uK8-5i1F4l9naQAV6Vog7NLwLr_dE3kczVTYlpgyFICf0qashL_OhJ3KZRRiqZPomaSErLBWa7mQegu0n0NOZ0cXWfw',
  ...PRESETS.slice(0, 4).map((p, i) =>
    encodeLink({
      scenario: i % 2 ? { ...p.scenario, seed: 99 } : p.scenario,
      policies: ['data-hack', 'dynamic-alloc'],
      preset: p.id,
      note: 'n',
      view: { cursor: 5, domain: [0, 10], selected: { pane: 1, key: { t: 5, stream: 0, k: 0 } } },
    }),
  ),
];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** One edit of a string: substitute, insert, delete, cut, duplicate a slice, or swap two characters. */
const mutation = fc.record({
  op: fc.integer({ min: 0, max: 5 }),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 40 }),
  ch: fc.constantFrom(...(B64 + '.#v %{}[]"\\').split('')),
});
function mutate(s: string, m: { op: number; at: number; len: number; ch: string }): string {
  const i = s.length ? m.at % s.length : 0;
  switch (m.op) {
    case 0:
      return s.slice(0, i) + m.ch + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + m.ch + s.slice(i);
    case 2:
      return s.slice(0, i) + s.slice(i + m.len);
    case 3:
      return s.slice(0, i);
    case 4:
      return s.slice(0, i) + s.slice(i, i + m.len).repeat(3) + s.slice(i);
    default:
      return i + 1 < s.length ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s;
  }
}

describe('the link decoder under fuzzing', () => {
  it('random strings (link-shaped or not)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'v1.', 'v2.', 'v3.', '#v2.', 'http://x/#v2.'),
        fc.string({ unit: fc.constantFrom(...(B64 + '.').split('')), maxLength: 300 }),
        (head, body) => {
          decodeOrLinkError(head + body);
        },
      ),
      { numRuns: RUNS, seed: 1 },
    );
  });

  it('real links with 1–4 random edits', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, ms) => {
        decodeOrLinkError(ms.reduce(mutate, seed));
      }),
      { numRuns: RUNS, seed: 2 },
    );
  });

  it('checksummed links around edited payload JSON (what a buggy or hostile encoder writes)', () => {
    const jsons = [
      JSON.stringify({
        id: 'default',
        p: ['data-hack', 'dynamic-alloc'],
        note: 'x',
        v: { c: 5, d: [0, 10], sel: { p: 1, t: 5, e: 'lost', x: 0, k: 0 } },
      }),
      JSON.stringify({
        s: PRESETS[1]!.scenario,
        p: ['data-hack'],
        v: { c: 5, d: [0, 10], sel: { p: 0, t: 5, s: 1, k: 2 } },
      }),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...jsons), fc.array(mutation, { minLength: 1, maxLength: 6 }), (json, ms) => {
        decodeOrLinkError(forge(ms.reduce(mutate, json)));
      }),
      { numRuns: RUNS, seed: 3 },
    );
  });

  it('checksummed links around arbitrary JSON values, deep nesting included', () => {
    const payload = fc.oneof(
      fc.jsonValue({ maxDepth: 6 }),
      fc.record(
        {
          s: fc.jsonValue({ maxDepth: 4 }),
          p: fc.array(fc.constantFrom('data-hack', 'dynamic-alloc', 'data-hack:growth=static', 'x', ''), {
            maxLength: 8,
          }),
        },
        { requiredKeys: [] },
      ),
      fc.record(
        {
          id: fc.constantFrom('default', 'nope', 5),
          p: fc.jsonValue({ maxDepth: 2 }),
          v: fc.jsonValue({ maxDepth: 3 }),
          note: fc.jsonValue({ maxDepth: 1 }),
        },
        { requiredKeys: ['p'] },
      ),
      fc.integer({ min: 1, max: 5_000 }).map((n) => ({
        s: JSON.parse('['.repeat(Math.min(n, 30)) + ']'.repeat(Math.min(n, 30))),
        p: ['data-hack'],
        deep: '['.repeat(n),
      })),
    );
    fc.assert(
      fc.property(payload, fc.integer({ min: 0, max: 5_000 }), (x, deep) => {
        const text = JSON.stringify(x) ?? 'null';
        decodeOrLinkError(
          forge(deep % 7 === 0 ? `{"s":${'['.repeat(deep)}${']'.repeat(deep)},"p":["data-hack"]}` : text),
        );
      }),
      { numRuns: RUNS, seed: 4 },
    );
  });
});
