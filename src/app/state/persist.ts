import { decodeLink, encodeLink, LinkError, type DecodedLink } from '../../core/share/index.ts';
import { currentShare } from '../sim/runner.ts';
import { getRun, subscribeRun } from './runData.ts';
import { useApp } from './store.ts';
import { onViewport } from './viewport.ts';
import { useDraft } from './draft.ts';

/**
 * The session in localStorage, so a reload (or the bare URL opened again) comes back to what was
 * on screen: scenario (edited or not), policies, view (cursor, window, selected event by its
 * stable key) and the editor's unapplied draft.
 *
 * Format: an envelope `{ v, link, url?, draft? }`. `link` is a share link's fragment written by
 * the core codec, so the scenario, policies and view use the link format, its versions and its
 * migration chain (src/core/share/payload.ts): there is no second format. The envelope has its
 * own version `v` and migrations (ENVELOPE_MIGRATIONS) for what only a session holds (the draft,
 * the address the page last showed). A corrupt entry, or one from a newer msix-lab, is ignored
 * with a one-line notice; reading never throws. Writing catches quota and privacy-mode errors.
 */
export const SESSION_KEY = 'msix-lab.session';
export const ENVELOPE_VERSION = 1;
/** A draft larger than this is not saved (the link cap bounds the rest). */
const MAX_DRAFT_CHARS = 4 * 1024 * 1024;

export interface SavedSession {
  /** A share link's fragment (no '#'): scenario, policies, preset, view. */
  link: string;
  /** The address bar's fragment when this was saved (the page's own link, without the view). */
  url?: string;
  /** The editor's unapplied text. */
  draft?: string;
}

/** ENVELOPE_MIGRATIONS[n] turns a version-n envelope into a version n+1 one (none yet). */
const ENVELOPE_MIGRATIONS: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {};

export type ReadResult = { ok: true; session: SavedSession | null } | { ok: false; notice: string };

/** Parses a stored entry (null: nothing saved). Never throws. */
export function parseSaved(raw: string | null): ReadResult {
  if (raw === null) return { ok: true, session: null };
  const bad = (why: string): ReadResult => ({ ok: false, notice: `your saved session was not restored: ${why}` });
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    return bad('it is not valid JSON (damaged storage)');
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return bad('it is not an object');
  let env = o as Record<string, unknown>;
  const v = env.v;
  if (!Number.isInteger(v) || (v as number) < 1) return bad('it has no format version');
  if ((v as number) > ENVELOPE_VERSION)
    return bad(`it was saved by a newer msix-lab (session format v${v}; this one reads up to v${ENVELOPE_VERSION})`);
  for (let n = v as number; n < ENVELOPE_VERSION; n++) env = ENVELOPE_MIGRATIONS[n]!(env);
  if (typeof env.link !== 'string' || env.link.length === 0) return bad('it holds no scenario link');
  const s: SavedSession = { link: env.link };
  if (typeof env.url === 'string') s.url = env.url;
  if (typeof env.draft === 'string') s.draft = env.draft;
  return { ok: true, session: s };
}

/** Decodes the saved link with the share codec (all its checks and migrations). */
export function decodeSaved(s: SavedSession): { ok: true; link: DecodedLink } | { ok: false; notice: string } {
  try {
    return { ok: true, link: decodeLink(s.link) };
  } catch (e) {
    return {
      ok: false,
      notice: `your saved session was not restored: ${e instanceof LinkError ? e.message : String(e)}`,
    };
  }
}

export function readSaved(): ReadResult {
  let raw: string | null;
  try {
    raw = localStorage.getItem(SESSION_KEY);
  } catch {
    return { ok: true, session: null }; // storage disabled: nothing to restore, nothing to say
  }
  return parseSaved(raw);
}

/** The envelope for what is on screen now, or null when there is no run to save. */
export function sessionNow(): string | null {
  if (!getRun() || useApp.getState().policies.length === 0) return null;
  let link: string;
  try {
    link = encodeLink(currentShare(true));
  } catch {
    return null; // what a link cannot hold (e.g. a scenario over the link cap) is not saved
  }
  const env: Record<string, unknown> = { v: ENVELOPE_VERSION, link };
  const frag = location.hash.slice(1);
  if (frag) env.url = frag;
  const draft = useDraft.getState().text;
  if (draft !== null && draft.length <= MAX_DRAFT_CHARS) env.draft = draft;
  return JSON.stringify(env);
}

let lastWarned = false;

/** Writes the session now. Storage full or refused: says so once, and the page goes on. */
export function saveNow(): void {
  const env = sessionNow();
  if (env === null) return;
  try {
    localStorage.setItem(SESSION_KEY, env);
    lastWarned = false;
  } catch (e) {
    if (!lastWarned) {
      lastWarned = true;
      const quota = e instanceof DOMException && /quota/i.test(e.name + e.message);
      onPersistNotice?.(
        quota
          ? 'this browser’s storage is full: the session is not saved (share a link or download the scenario to keep it)'
          : 'this browser refuses storage here: the session is not saved',
      );
    }
  }
}

let onPersistNotice: ((msg: string) => void) | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

/** Coalesces the many changes of a drag or playback into one write. */
function scheduleSave(): void {
  if (timer !== null) return;
  timer = setTimeout(() => {
    timer = null;
    saveNow();
  }, 400);
}

/**
 * Saves the session whenever what it holds changes (a new run, policies, selection, the view,
 * the draft), at most every 400 ms, and once more when the page is hidden or closed.
 * `notice` shows a one-line message (storage full or refused).
 */
export function installPersistence(notice: (msg: string) => void): void {
  onPersistNotice = notice;
  subscribeRun(scheduleSave);
  useApp.subscribe((s, p) => {
    if (s.scenarioText !== p.scenarioText || s.policies !== p.policies || s.selected !== p.selected) scheduleSave();
  });
  useDraft.subscribe((s, p) => {
    if (s.text !== p.text) scheduleSave();
  });
  onViewport(scheduleSave);
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    saveNow();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
}
