import { defaultPreset } from '../core/presets/default.ts';
import { SEED_POLICY_IDS } from '../core/policies/index.ts';
import { decodeLink, LinkError, type DecodedLink } from '../core/share/index.ts';
import { applyView, runInWorker } from './sim/runner.ts';
import { useApp } from './state/store.ts';
import { openPracticeLink } from './state/panels.ts';
import { decodeSaved, readSaved } from './state/persist.ts';
import { useDraft } from './state/draft.ts';
import { useUndo } from './state/undo.ts';
import { takePresentFlag } from './presentFlag.ts';

/**
 * First load: a share link in the fragment if there is one, else the default scenario under the
 * four seed policies. A link that opens stays in the address bar as it is (its moment survives a
 * reload). A link that fails also stays there, says exactly what is wrong, and the default loads
 * beside it; if it decoded but its scenario is invalid, the editor holds that scenario to fix.
 */
export async function boot(opts: { restore: boolean } = { restore: true }): Promise<void> {
  const frag = takePresentFlag(location.hash.slice(1));
  if (openPracticeLink(frag)) return;
  if (frag.startsWith('lesson=')) return openLesson(frag, true);
  if (opts.restore && (await restoreSession(frag))) return;
  if (frag) await openLink(frag, 'first load');
  else await loadDefault(false);
}

/**
 * The saved session (state/persist.ts) comes back when the page opens with no link, or with the
 * very address it last showed itself (a reload: that fragment is the page's own link, without the
 * view, so the session's view is the fuller one). Any other link in the URL wins. The editor's
 * unapplied draft comes back either way. A session that cannot be read or run is dropped with a
 * one-line notice. Returns true if it put a run on screen.
 */
async function restoreSession(frag: string): Promise<boolean> {
  const read = readSaved();
  if (!read.ok) {
    useUndo.getState().noticeShown(read.notice);
    return false;
  }
  const saved = read.session;
  if (!saved) return false;
  if (saved.draft !== undefined) useDraft.getState().draftRestored(saved.draft);
  const dec = decodeSaved(saved);
  if (frag && frag !== saved.url) {
    // A new link replaces an edited scenario the user had: keep it one Undo away.
    if (dec.ok && !dec.link.preset)
      useUndo.getState().pushed(
        {
          scenarioText: JSON.stringify(dec.link.scenario, null, 2),
          policies: dec.link.policies,
          presetId: null,
          notice: 'custom scenario',
        },
        'This link replaced the edited scenario of your last visit.',
      );
    return false;
  }
  if (!dec.ok) {
    useUndo.getState().noticeShown(dec.notice);
    return false;
  }
  const link = dec.link;
  const ok = await runInWorker(JSON.stringify(link.scenario, null, 2), link.policies, {
    presetId: link.preset ?? null,
    notice: link.preset ? null : 'custom scenario',
    // A reload keeps its address as it was (a link to a moment keeps its view in the URL).
    keepUrl: frag !== '',
  });
  if (!ok) {
    const e = useApp.getState().error;
    useApp.getState().dismissError();
    useUndo.getState().noticeShown(`your saved session was not restored: ${e?.message ?? 'its scenario was refused'}`);
    return false;
  }
  if (link.view) applyView(link.view);
  return true;
}

/**
 * A lesson link (#lesson=…&step=k): lesson mode, loaded on demand, runs the step's scenario. If the
 * link is refused the reason is shown and, on a first load, the default scenario.
 */
async function openLesson(frag: string, first: boolean): Promise<void> {
  const { openLessonFragment } = await import('./components/lesson/open.ts');
  const refused = openLessonFragment(frag);
  if (refused === null) return;
  if (first) await loadDefault(true);
  useApp.getState().linkRejected({
    message: `the lesson link could not be opened: ${refused}`,
    path: '',
    fallback: `${first ? 'The default scenario is shown instead' : 'The scenario on screen is unchanged'}; the link is still in the address bar.`,
  });
}

/**
 * A link pasted into the address bar of an open tab changes only the fragment: open it like a
 * first load, except that a link that fails leaves the current run on screen (nothing the user
 * had is lost) and says why. The app's own URL updates use history.replaceState, which fires no
 * hashchange, so only a new link gets here.
 */
export function installHashChange(): void {
  window.addEventListener('hashchange', () => {
    const frag = takePresentFlag(location.hash.slice(1));
    if (openPracticeLink(frag)) return;
    if (frag.startsWith('lesson=')) void openLesson(frag, false);
    else if (frag) void openLink(frag, 'pasted');
  });
}

/**
 * Opens a link; it stays in the address bar either way. On failure the message says why and what
 * is on screen instead: on a first load the default scenario, for a pasted link the current run.
 * A link that decoded but whose scenario failed puts that scenario into the editor to fix.
 */
async function openLink(frag: string, how: 'first load' | 'pasted'): Promise<void> {
  const first = how === 'first load';
  const instead = first ? 'The default scenario is shown instead' : 'The scenario on screen is unchanged';
  let link: DecodedLink;
  try {
    link = decodeLink(frag);
  } catch (e) {
    if (first) await loadDefault(true);
    useApp.getState().linkRejected({
      message: e instanceof LinkError ? e.message : String(e),
      path: '',
      fallback: `${instead}; the link is still in the address bar.`,
    });
    return;
  }
  // A what-if fork of a preset opens with its diff against that preset.
  // (Its code, the fork and the diff, loads only for such a link.)
  if (link.whatif && (await (await import('./sim/fork.ts')).openForkLink(link))) return;
  const text = JSON.stringify(link.scenario, null, 2);
  const ok = await runInWorker(text, link.policies, {
    presetId: link.preset ?? null,
    notice: linkNotice(link),
    keepUrl: true,
  });
  if (ok) {
    if (link.view) applyView(link.view);
    return;
  }
  const e = useApp.getState().error;
  if (first) await loadDefault(true);
  useApp.getState().linkRejected(
    {
      message: `the ${first ? 'shared' : 'pasted'} link's scenario was rejected: ${e?.message ?? 'unknown error'}`,
      path: '',
      fallback: `${instead}; Edit JSON holds the link's scenario to fix.`,
    },
    text,
  );
}

/** What the page says about where the scenario came from: its name and the sender's note. */
export function linkNotice(link: DecodedLink): string | null {
  const note = link.note ? ` — the sender notes: “${link.note}”` : '';
  if (link.preset) return note ? `From a shared link${note}` : null;
  // The scenario's own name and description are shown beside this (App's blurb).
  return `From a shared link${note}`;
}

async function loadDefault(keepUrl: boolean): Promise<void> {
  await runInWorker(JSON.stringify(defaultPreset.scenario, null, 2), [...SEED_POLICY_IDS], {
    presetId: 'default',
    keepUrl,
  });
}
