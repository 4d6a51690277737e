import { defaultPreset } from '../core/presets/default.ts';
import { SEED_POLICY_IDS } from '../core/policies/index.ts';
import { decodeLink, LinkError, type DecodedLink } from '../core/share/index.ts';
import { applyView, runInWorker } from './sim/runner.ts';
import { useApp } from './state/store.ts';
import { takePresentFlag } from './presentFlag.ts';

/**
 * First load: a share link in the fragment if there is one, else the default scenario under the
 * four seed policies. A link that opens stays in the address bar as it is (its moment survives a
 * reload). A link that fails also stays there, says exactly what is wrong, and the default loads
 * beside it; if it decoded but its scenario is invalid, the editor holds that scenario to fix.
 */
export async function boot(): Promise<void> {
  const frag = takePresentFlag(location.hash.slice(1));
  if (frag) await openLink(frag, 'first load');
  else await loadDefault(false);
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
    if (frag) void openLink(frag, 'pasted');
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
  return `Scenario from a shared link${link.name ? `: ${link.name}` : ''}${note}`;
}

async function loadDefault(keepUrl: boolean): Promise<void> {
  await runInWorker(JSON.stringify(defaultPreset.scenario, null, 2), [...SEED_POLICY_IDS], {
    presetId: 'default',
    keepUrl,
  });
}
