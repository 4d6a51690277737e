import { LinkError } from './errors.ts';

/** base64url without padding (RFC 4648 §5), written out because the core has no btoa/atob. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

export function toBase64url(u8: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < u8.length; i += 3) {
    const n = (u8[i]! << 16) | (u8[i + 1]! << 8) | u8[i + 2]!;
    s += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = u8.length - i;
  if (rest === 1) {
    const n = u8[i]! << 16;
    s += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (u8[i]! << 16) | (u8[i + 1]! << 8);
    s += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return s;
}

/** Strict decode: any character outside the alphabet, or an impossible length, is a LinkError. */
export function fromBase64url(s: string): Uint8Array {
  if (s.length % 4 === 1)
    throw new LinkError(
      'corrupt',
      'the link is damaged: its data has an impossible length (was it cut off when pasted?)',
    );
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let acc = 0,
    bits = 0,
    o = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? INDEX[c]! : -1;
    if (v < 0)
      throw new LinkError(
        'bad-characters',
        `the link is damaged: it contains characters that base64url does not use (${JSON.stringify(s[i])} at ${i})`,
      );
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out;
}
