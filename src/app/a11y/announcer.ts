import { getRun } from '../state/runData.ts';
import { useApp } from '../state/store.ts';
import { onViewport, viewport } from '../state/viewport.ts';
import { fmtNs } from '../../core/format/time.ts';
import { describeMoment, lossesBetween } from './moment.ts';

/** While playing, at most one announcement a second (a polite region that chattered would be useless). */
export const PLAYING_ANNOUNCE_MS = 1000;
/** After a step, wait this long for the cursor to settle (a held arrow key says only where it stopped). */
const SETTLE_MS = 250;

function region(): HTMLElement | null {
  return document.getElementById('live-status');
}

/**
 * Says every step and playback change in the polite live region (#live-status, in the transport
 * bar): where the cursor stopped and what happens there; while playing, the time and the losses
 * since the last announcement, at most once a second; on pause, where it paused. Every cursor
 * move replaces the sentence, so the region never keeps a stale one. An announcement made by a
 * command right after the move (next loss, next of a kind: more specific) is left in place.
 */
export function installAnnouncer(): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastPlayingSay = 0;
  let lastPlayingT = 0;
  let shownRun: object | null = null;
  const say = (text: string): void => {
    const el = region();
    if (el && el.textContent !== text) {
      el.textContent = text;
      el.title = text;
    }
  };
  onViewport((what) => {
    if (what !== 'cursor') return;
    const run = getRun();
    if (!run) return;
    // A new run puts the cursor at 0: nothing the user did, nothing to say.
    if (run !== shownRun) {
      shownRun = run;
      return;
    }
    if (useApp.getState().playing) {
      const now = performance.now();
      if (now - lastPlayingSay < PLAYING_ANNOUNCE_MS) return;
      lastPlayingSay = now;
      const t = viewport().cursor;
      const lost = lossesBetween(run.runs, lastPlayingT, t);
      lastPlayingT = t;
      say(`Playing, t = ${fmtNs(t)}${lost ? `; ${lost}` : ''}.`);
      return;
    }
    const before = region()?.textContent ?? '';
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const el = region();
      // A command announced something about this move meanwhile: keep it.
      if (el && el.textContent !== before) return;
      const r = getRun();
      if (r) say(describeMoment(r.runs, viewport().cursor));
    }, SETTLE_MS);
  });
  useApp.subscribe((s, prev) => {
    if (s.playing === prev.playing) return;
    const t = viewport().cursor;
    if (s.playing) {
      lastPlayingSay = performance.now();
      lastPlayingT = t;
      say(`Playing from t = ${fmtNs(t)}.`);
    } else {
      const run = getRun();
      say(`Paused. ${run ? describeMoment(run.runs, t) : `t = ${fmtNs(t)}.`}`);
    }
  });
}
