import { LinkError } from './errors.ts';
import { MAX_LINK_POLICIES, MAX_NOTE_CHARS } from './limits.ts';

/**
 * The JSON inside a link, per format version, and the migration chain between versions.
 * A link of version N is read by migrating its payload N → N+1 → … → CURRENT and then checking
 * it strictly as the current format. Old formats are never edited: add a version and a migration.
 */
export const CURRENT_VERSION = 2;

/** v1 (the first app, 2026): the scenario always, the preset it came from, the view by row. */
export interface WireV1 {
  s: unknown;
  p: unknown;
  id?: unknown;
  v?: { c?: unknown; d?: unknown; sel?: unknown };
}

/** A selection on the wire: a raise key, another row's key, or (from v1 links only) a raw row. */
export type WireSel =
  | { p: number; t: number; s: number; k: number }
  | { p: number; t: number; e: string; x: number; k: number }
  | { p: number; row: number };

/**
 * v2: an unedited preset is just its id (`id`, no `s`); an edited scenario is `s` (no `id`).
 * Both at once only come from migrated v1 links: `id` is then kept only if `s` is still that
 * preset's scenario. `note` is the sender's; `v` the moment (cursor, window, selected event).
 */
export interface WireV2 {
  id?: string;
  s?: Record<string, unknown>;
  p: string[];
  note?: string;
  v?: { c: number; d: [number, number]; sel?: WireSel };
  /** A what-if fork (optional, issue 9): `b` the base preset it forked, `st` the edited step (-1: none), `e` the edit kind. */
  w?: WireWhatIf;
}

export const WHATIF_EDITS = ['move', 'swap', 'drop', 'guest'] as const;
export interface WireWhatIf {
  b?: string;
  st: number;
  e: (typeof WHATIF_EDITS)[number];
}

function checkWhatIf(x: unknown): WireWhatIf {
  if (!isObj(x)) throw shape('w must be an object');
  onlyKeys(x, ['b', 'st', 'e'], 'w');
  if (!int(x.st) || x.st < -1) throw shape('w.st must be a step index or -1');
  if (typeof x.e !== 'string' || !(WHATIF_EDITS as readonly string[]).includes(x.e))
    throw shape(`w.e must be one of ${WHATIF_EDITS.join(', ')}`);
  const out: WireWhatIf = { st: x.st, e: x.e as WireWhatIf['e'] };
  if (x.b !== undefined) {
    if (typeof x.b !== 'string' || x.b.length === 0 || x.b.length > 100) throw shape('w.b must be a preset id');
    out.b = x.b;
  }
  return out;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const int = (x: unknown): x is number => Number.isInteger(x);
const shape = (msg: string): LinkError => new LinkError('shape', `the link is damaged: ${msg}`);

/** v1 → v2. v1 was lenient about its view (a malformed one was ignored), so this is too. */
function v1ToV2(raw: unknown): unknown {
  if (!isObj(raw)) throw shape('it has no scenario or no policy list');
  const r = raw as unknown as WireV1;
  if (!r.s || !Array.isArray(r.p) || !r.p.every((x) => typeof x === 'string'))
    throw shape('it has no scenario or no policy list');
  const out: Record<string, unknown> = { s: r.s, p: r.p };
  if (typeof r.id === 'string') out.id = r.id;
  const v = r.v;
  if (
    isObj(v) &&
    num(v.c) &&
    Array.isArray(v.d) &&
    v.d.length === 2 &&
    v.d.every(num) &&
    (v.d[0] as number) < (v.d[1] as number)
  ) {
    const view: Record<string, unknown> = { c: v.c, d: v.d };
    if (Array.isArray(v.sel) && v.sel.length === 2 && v.sel.every((x) => int(x) && (x as number) >= 0))
      view.sel = { p: v.sel[0], row: v.sel[1] };
    out.v = view;
  }
  return out;
}

/** MIGRATIONS[n] turns a version-n payload into a version n+1 one. */
export const MIGRATIONS: Record<number, (raw: unknown) => unknown> = { 1: v1ToV2 };

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(o))
    if (!allowed.includes(k)) throw shape(`${where} has an unknown field "${k}" (allowed: ${allowed.join(', ')})`);
}

function checkSel(x: unknown, policies: number): WireSel {
  if (!isObj(x)) throw shape('v.sel must be an object');
  if (!int(x.p) || x.p < 0 || x.p >= policies) throw shape(`v.sel.p must be a pane index 0..${policies - 1}`);
  if ('row' in x) {
    onlyKeys(x, ['p', 'row'], 'v.sel');
    if (!int(x.row) || x.row < 0) throw shape('v.sel.row must be an integer >= 0');
    return { p: x.p, row: x.row };
  }
  if (!num(x.t) || x.t < 0) throw shape('v.sel.t must be a time >= 0');
  if (!int(x.k) || x.k < 0) throw shape('v.sel.k must be an integer >= 0');
  if ('s' in x) {
    onlyKeys(x, ['p', 't', 's', 'k'], 'v.sel');
    if (!int(x.s)) throw shape('v.sel.s must be an integer (a traffic stream)');
    return { p: x.p, t: x.t, s: x.s, k: x.k };
  }
  onlyKeys(x, ['p', 't', 'e', 'x', 'k'], 'v.sel');
  if (typeof x.e !== 'string' || x.e.length === 0 || x.e.length > 40) throw shape('v.sel.e must be an event kind name');
  if (!int(x.x)) throw shape('v.sel.x must be an integer (a vector, or -1)');
  return { p: x.p, t: x.t, e: x.e, x: x.x, k: x.k };
}

/** Strict check of a current-version payload. Duplicate policies are checked by the codec. */
export function checkV2(raw: unknown): WireV2 {
  if (!isObj(raw)) throw shape('its data is not an object');
  onlyKeys(raw, ['id', 's', 'p', 'note', 'v', 'w'], 'it');
  const out: WireV2 = { p: [] };
  if (raw.id !== undefined) {
    if (typeof raw.id !== 'string' || raw.id.length === 0 || raw.id.length > 100) throw shape('id must be a preset id');
    out.id = raw.id;
  }
  if (raw.s !== undefined) {
    if (!isObj(raw.s)) throw shape('its scenario (s) is not a JSON object');
    out.s = raw.s;
  }
  if (out.id === undefined && out.s === undefined) throw shape('it names no preset (id) and carries no scenario (s)');
  const p = raw.p;
  if (!Array.isArray(p) || p.length === 0 || p.length > MAX_LINK_POLICIES)
    throw shape(`p must list 1 to ${MAX_LINK_POLICIES} policies`);
  p.forEach((x, i) => {
    if (typeof x !== 'string' || x.length === 0 || x.length > 200)
      throw shape(`p[${i}] must be a policy spec (a string of 1..200 characters)`);
  });
  out.p = p as string[];
  if (raw.note !== undefined) {
    if (typeof raw.note !== 'string' || raw.note.length > MAX_NOTE_CHARS)
      throw shape(`note must be a string of at most ${MAX_NOTE_CHARS} characters`);
    out.note = raw.note;
  }
  if (raw.v !== undefined) {
    const v = raw.v;
    if (!isObj(v)) throw shape('v must be an object');
    onlyKeys(v, ['c', 'd', 'sel'], 'v');
    if (!num(v.c)) throw shape('v.c (the cursor) must be a finite number');
    if (!Array.isArray(v.d) || v.d.length !== 2 || !v.d.every(num) || !((v.d[0] as number) < (v.d[1] as number)))
      throw shape('v.d (the visible window) must be [from, to] with from < to');
    out.v = { c: v.c, d: [v.d[0] as number, v.d[1] as number] };
    if (v.sel !== undefined) out.v.sel = checkSel(v.sel, out.p.length);
  }
  if (raw.w !== undefined) out.w = checkWhatIf(raw.w);
  return out;
}
