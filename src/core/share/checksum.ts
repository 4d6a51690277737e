import { toBase64url } from './base64url.ts';

/** Characters of checksum a v2 link carries (48 bits). */
export const CHECKSUM_CHARS = 8;

/**
 * A 48-bit checksum of a link's text, as 8 base64url characters. Two 32-bit multiply-xorshift
 * lanes (cyrb53's mixing) over every UTF-16 unit; any change to the text, including a cut,
 * survives with probability 2^-48. Not cryptographic: it detects damage, not forgery.
 */
export function linkChecksum(text: string): string {
  let h1 = 0xdeadbeef,
    h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const b = new Uint8Array([h1 >>> 24, (h1 >>> 16) & 255, (h1 >>> 8) & 255, h1 & 255, (h2 >>> 8) & 255, h2 & 255]);
  return toBase64url(b);
}
