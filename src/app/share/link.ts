import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

/**
 * Share links: the scenario and policies live in the URL fragment (never sent to a server),
 * as "#v1." + base64url(deflate(JSON)). The version prefix lets later formats migrate old links.
 */
export interface SharedState {
  scenario: unknown;
  policies: string[];
}

export class LinkError extends Error {
  override name = 'LinkError';
}

function toB64url(u8: Uint8Array): string {
  let s = '';
  for (let i = 0; i < u8.length; i++) s += String.fromCharCode(u8[i]!);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new LinkError('the link is damaged: it contains characters that base64url does not use');
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const u8 = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) u8[i] = b.charCodeAt(i);
  return u8;
}

export function encodeShare(state: SharedState): string {
  return 'v1.' + toB64url(deflateSync(strToU8(JSON.stringify({ s: state.scenario, p: state.policies })), { level: 9 }));
}

/** Decodes a fragment (without '#'). Throws LinkError with a specific message. */
export function decodeShare(fragment: string): SharedState {
  const m = /^v(\d+)\.(.*)$/s.exec(fragment);
  if (!m) throw new LinkError('this is not an msix-lab scenario link (it should start with #v1.)');
  if (m[1] !== '1') throw new LinkError(`this link uses format v${m[1]}, which this version of msix-lab does not know (it reads v1)`);
  let json: string;
  try {
    json = strFromU8(inflateSync(fromB64url(m[2]!)));
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError('the link is damaged: its data does not decompress (was it cut off when pasted?)');
  }
  let o: unknown;
  try {
    o = JSON.parse(json);
  } catch {
    throw new LinkError('the link is damaged: its data is not valid JSON');
  }
  const r = o as { s?: unknown; p?: unknown };
  if (!r || typeof r !== 'object' || !r.s || !Array.isArray(r.p) || !r.p.every((x) => typeof x === 'string')) {
    throw new LinkError('the link is damaged: it has no scenario or no policy list');
  }
  return { scenario: r.s, policies: r.p as string[] };
}
