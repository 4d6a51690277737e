import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

/**
 * Share links: the scenario and policies live in the URL fragment (never sent to a server),
 * as "#v1." + base64url(deflate(JSON)). The version prefix lets later formats migrate old links.
 */
export interface SharedState {
  scenario: unknown;
  policies: string[];
  /** The preset the scenario came from, so the link keeps its story (optional). */
  preset?: string;
  /** "This moment": cursor, visible window and selected event (optional). */
  view?: SharedView;
}

export interface SharedView {
  cursor: number;
  domain: [number, number];
  /** Selected log row as [pane, row]. */
  selected?: [number, number];
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
  const o: Record<string, unknown> = { s: state.scenario, p: state.policies };
  if (state.preset) o.id = state.preset;
  if (state.view) o.v = { c: state.view.cursor, d: state.view.domain, ...(state.view.selected ? { sel: state.view.selected } : {}) };
  return 'v1.' + toB64url(deflateSync(strToU8(JSON.stringify(o)), { level: 9 }));
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
  const r = o as { s?: unknown; p?: unknown; id?: unknown; v?: { c?: unknown; d?: unknown; sel?: unknown } };
  if (!r || typeof r !== 'object' || !r.s || !Array.isArray(r.p) || !r.p.every((x) => typeof x === 'string')) {
    throw new LinkError('the link is damaged: it has no scenario or no policy list');
  }
  const out: SharedState = { scenario: r.s, policies: r.p as string[] };
  if (typeof r.id === 'string') out.preset = r.id;
  // The view is a nicety: a malformed one is ignored rather than failing the whole link.
  const v = r.v;
  const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (v && num(v.c) && Array.isArray(v.d) && v.d.length === 2 && v.d.every(num)) {
    out.view = { cursor: v.c, domain: [v.d[0] as number, v.d[1] as number] };
    if (Array.isArray(v.sel) && v.sel.length === 2 && v.sel.every((x) => Number.isInteger(x) && (x as number) >= 0)) out.view.selected = [v.sel[0] as number, v.sel[1] as number];
  }
  return out;
}
