import { deflateSync, strFromU8, strToU8 } from 'fflate';
import { findPreset, PRESETS } from '../presets/index.ts';
import { parsePolicySpec } from '../policies/index.ts';
import { fromBase64url, toBase64url } from './base64url.ts';
import { CHECKSUM_CHARS, linkChecksum } from './checksum.ts';
import { LinkError } from './errors.ts';
import type { EventKey } from './event-key.ts';
import { inflateCapped } from './inflate.ts';
import { parseBoundedJson } from './json.ts';
import { MAX_INFLATED_BYTES, MAX_JSON_DEPTH, MAX_LINK_CHARS, MAX_NOTE_CHARS } from './limits.ts';
import { checkV2, CURRENT_VERSION, MIGRATIONS, type WireSel, type WireV2, type WireWhatIf } from './payload.ts';

/**
 * Share links: "#v2.<checksum>.<base64url(deflate(JSON))>" in the URL fragment (never sent to
 * a server). One codec for the page and the CLI; pure (no DOM, no Node), so both read and write
 * exactly the same links. Format history and the payload's fields: payload.ts, docs/SCENARIO.md.
 */
export const DEFAULT_LINK_BASE = 'http://127.0.0.1:5173/';

/** A selected event: by its stable key, or (only from v1 links) by the raw row the v1 link held. */
export type LinkSelection = { pane: number; key: EventKey } | { pane: number; row: number };

export interface LinkView {
  cursor: number;
  domain: [number, number];
  selected?: LinkSelection;
}

/** What a link says. */
export interface LinkState {
  /** The scenario (as JSON data; the run validates it, so a link can carry an invalid one). */
  scenario: unknown;
  policies: string[];
  /** The preset the scenario is, unedited (then the link carries only this id). */
  preset?: string;
  /** The sender's note (≤ MAX_NOTE_CHARS). */
  note?: string;
  view?: LinkView;
  /** A what-if fork: the preset it forked (then the page shows the diff against it) and the edited step. */
  whatif?: LinkWhatIf;
}

export interface LinkWhatIf {
  base?: string;
  /** Index of the edited step in the fork's scenario, or -1 (a drop, a whole-guest switch). */
  step: number;
  edit: WireWhatIf['e'];
}

export interface DecodedLink extends LinkState {
  scenario: Record<string, unknown>;
  /** The format version the link was written in (older ones were migrated). */
  version: number;
  /** The scenario's name, if it has one. */
  name?: string;
}

/** Key-sorted JSON: two scenarios are "the same" when this is equal (key order is not meaning). */
function canonicalJson(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The id of the preset whose scenario `scenario` is exactly (preferring `hint`), if any. */
export function matchPreset(scenario: unknown, hint?: string): string | undefined {
  const want = canonicalJson(scenario);
  const h = hint ? findPreset(hint) : undefined;
  if (h && canonicalJson(h.scenario) === want) return h.id;
  return PRESETS.find((p) => canonicalJson(p.scenario) === want)?.id;
}

/** Refuses the same policy twice (two panes that would be added and removed together). */
function checkDuplicates(policies: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const p of policies) {
    let canon: string;
    try {
      canon = parsePolicySpec(p).spec;
    } catch {
      canon = p.trim(); // unknown specs are reported by the run, with the policy parser's message
    }
    const prev = seen.get(canon);
    if (prev !== undefined)
      throw new LinkError(
        'duplicate-policy',
        prev === p
          ? `the link lists the policy "${p}" twice`
          : `the link lists the same policy twice ("${prev}" and "${p}")`,
      );
    seen.set(canon, p);
  }
}

/**
 * The fragment (no '#') of a link given as a whole URL, "#…" or the bare fragment. Whitespace
 * (a mail client's line wrap, also percent-encoded) and punctuation that followed the link in a sentence are dropped:
 * neither occurs in a link, and the checksum confirms what is left.
 */
export function linkFragment(input: string): string {
  if (input.length > MAX_LINK_CHARS)
    throw new LinkError(
      'too-long',
      `the link is ${input.length} characters long, more than the ${MAX_LINK_CHARS} any msix-lab link has`,
    );
  let s = input;
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(hash + 1);
  // A browser percent-encodes a space pasted into a link (%20); a link itself never holds '%'.
  if (s.includes('%')) {
    try {
      s = decodeURIComponent(s);
    } catch {
      /* a stray '%': left as is, refused below as a character base64url does not use */
    }
  }
  return s.replace(/\s+/g, '').replace(/[.,;:!?)\]}>'"]+$/, '');
}

function selToWire(sel: LinkSelection): WireSel {
  if ('row' in sel) return { p: sel.pane, row: sel.row };
  const k = sel.key;
  return 'stream' in k
    ? { p: sel.pane, t: k.t, s: k.stream, k: k.k }
    : { p: sel.pane, t: k.t, e: k.kind, x: k.vec, k: k.k };
}

function selFromWire(w: WireSel): LinkSelection {
  if ('row' in w) return { pane: w.p, row: w.row };
  if ('s' in w) return { pane: w.p, key: { t: w.t, stream: w.s, k: w.k } };
  return { pane: w.p, key: { t: w.t, kind: w.e, vec: w.x, k: w.k } };
}

/**
 * The fragment (no '#') of a link to `state`. An unedited preset is written as its id only, so
 * the link stays short; anything else carries the scenario. Throws LinkError for what a link
 * cannot hold (duplicate policies, a note too long, a payload over the decompression cap).
 */
export function encodeLink(state: LinkState): string {
  const id = matchPreset(state.scenario, state.preset);
  const wire: WireV2 = id
    ? { id, p: [...state.policies] }
    : { s: state.scenario as Record<string, unknown>, p: [...state.policies] };
  if (state.note !== undefined && state.note !== '') wire.note = state.note;
  if (state.view) {
    wire.v = { c: state.view.cursor, d: [state.view.domain[0], state.view.domain[1]] };
    if (state.view.selected) wire.v.sel = selToWire(state.view.selected);
  }
  if (state.whatif)
    wire.w = {
      ...(state.whatif.base ? { b: state.whatif.base } : {}),
      st: state.whatif.step,
      e: state.whatif.edit,
    };
  if (wire.note !== undefined && wire.note.length > MAX_NOTE_CHARS)
    throw new LinkError(
      'shape',
      `the note is ${wire.note.length} characters long; a link carries at most ${MAX_NOTE_CHARS}`,
    );
  // Never write a link this codec would refuse.
  checkV2(wire);
  checkDuplicates(wire.p);
  const bytes = strToU8(JSON.stringify(wire));
  if (bytes.length > MAX_INFLATED_BYTES)
    throw new LinkError(
      'too-large',
      `the scenario is ${Math.round(bytes.length / 1024)} KB as JSON, over the ${MAX_INFLATED_BYTES / 1024 / 1024} MB a link may hold: share it as a file`,
    );
  const payload = toBase64url(deflateSync(bytes, { level: 9 }));
  const head = `v${CURRENT_VERSION}.`;
  return `${head}${linkChecksum(head + payload)}.${payload}`;
}

/** A whole URL: `base` (its own fragment dropped) + '#' + the link. */
export function linkUrl(state: LinkState, base: string = DEFAULT_LINK_BASE): string {
  const h = base.indexOf('#');
  return (h >= 0 ? base.slice(0, h) : base) + '#' + encodeLink(state);
}

/**
 * Reads a link (URL, "#fragment" or bare fragment) of any known format version. Throws only
 * LinkError, with a message saying what is wrong. The work is bounded: see limits.ts.
 */
export function decodeLink(input: string): DecodedLink {
  const frag = linkFragment(input);
  const m = /^v(\d{1,9})\.(.*)$/s.exec(frag);
  if (!m)
    throw new LinkError(
      'not-a-link',
      `this is not an msix-lab scenario link (it should start with #v${CURRENT_VERSION}.)`,
    );
  const version = Number(m[1]);
  if (version > CURRENT_VERSION)
    throw new LinkError(
      'unknown-version',
      `this link uses format v${version}, made by a newer msix-lab; this version reads formats v1 to v${CURRENT_VERSION} (update msix-lab to open it)`,
    );
  if (version < 1 || m[1] !== String(version))
    throw new LinkError(
      'unknown-version',
      `this link uses format v${m[1]}, which does not exist (msix-lab reads formats v1 to v${CURRENT_VERSION})`,
    );
  let payload = m[2]!;
  if (version >= 2) {
    const dot = payload.indexOf('.');
    const sum = dot < 0 ? '' : payload.slice(0, dot);
    if (sum.length !== CHECKSUM_CHARS)
      throw new LinkError('checksum', 'the link is damaged: its checksum is missing (was it cut off when pasted?)');
    payload = payload.slice(dot + 1);
    const want = linkChecksum(`v${m[1]}.` + payload);
    if (want !== sum)
      throw new LinkError(
        'checksum',
        'the link is damaged: checksum mismatch (a character was changed, added or lost when it was copied)',
      );
  }
  let json: string;
  const bytes = inflateCapped(fromBase64url(payload), MAX_INFLATED_BYTES);
  try {
    json = strFromU8(bytes);
  } catch {
    throw new LinkError('corrupt', 'the link is damaged: its data is not UTF-8 text');
  }
  let raw = parseBoundedJson(json, MAX_JSON_DEPTH);
  for (let v = version; v < CURRENT_VERSION; v++) raw = MIGRATIONS[v]!(raw);
  const w = checkV2(raw);
  checkDuplicates(w.p);

  let scenario: Record<string, unknown>;
  let preset: string | undefined;
  if (w.s === undefined) {
    const p = findPreset(w.id!);
    if (!p)
      throw new LinkError(
        'unknown-preset',
        `this link names the preset "${w.id}", which this version of msix-lab does not have (it has ${PRESETS.map((x) => x.id).join(', ')})`,
      );
    scenario = JSON.parse(JSON.stringify(p.scenario)) as Record<string, unknown>;
    preset = p.id;
  } else {
    scenario = w.s;
    // A migrated v1 link names its preset and carries the scenario: the id holds only if unedited.
    if (w.id !== undefined && matchPreset(scenario, w.id) === w.id) preset = w.id;
  }
  const out: DecodedLink = { version, scenario, policies: w.p };
  if (preset) out.preset = preset;
  if (typeof scenario.name === 'string') out.name = scenario.name;
  if (w.note !== undefined) out.note = w.note;
  if (w.v) {
    out.view = { cursor: w.v.c, domain: [w.v.d[0], w.v.d[1]] };
    if (w.v.sel) out.view.selected = selFromWire(w.v.sel);
  }
  if (w.w) out.whatif = { ...(w.w.b ? { base: w.w.b } : {}), step: w.w.st, edit: w.w.e };
  return out;
}
