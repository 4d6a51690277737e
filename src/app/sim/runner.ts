import { sim } from './client.ts';
import { setRun, getRun } from '../state/runData.ts';
import { useApp } from '../state/store.ts';
import { setExtent, setCursor } from '../state/viewport.ts';
import { encodeShare } from '../share/link.ts';
import { lastOverlay } from '../testHooks.ts';

/**
 * Asks the Worker to run a scenario under the given policies. On success the run replaces the
 * current one and the URL fragment becomes its share link; on failure the error is shown and the
 * current run stays on screen untouched.
 */
export async function runInWorker(scenarioText: string, policies: string[], opts: { presetId?: string | null; notice?: string | null } = {}): Promise<boolean> {
  const st = useApp.getState();
  st.set({ status: 'running' });
  const r = await sim().run({ scenarioText, policies });
  if (!r.ok) {
    useApp.getState().set({ status: getRun() ? 'ready' : 'error', error: { message: r.message, path: r.path } });
    return false;
  }
  // Let the browser finish handling the Worker's message before React renders the new run.
  await new Promise<void>((res) => setTimeout(res, 0));
  setRun(r);
  lastOverlay.length = r.runs.length;
  const end = Math.max(1, ...r.runs.map((x) => x.endNs));
  setExtent(end);
  setCursor(0, false);
  useApp.getState().set({
    status: 'ready',
    error: null,
    scenarioText,
    policies: r.policies,
    presetId: opts.presetId === undefined ? useApp.getState().presetId : opts.presetId,
    notice: opts.notice === undefined ? null : opts.notice,
    runVersion: useApp.getState().runVersion + 1,
    selected: null,
    hover: null,
    playing: false,
  });
  // The share link (a deflate of the scenario) is written after the run is on screen.
  setTimeout(() => {
    try {
      history.replaceState(null, '', '#' + encodeShare({ scenario: r.scenario, policies: r.policies }));
    } catch {
      /* a sandboxed frame may refuse; the app works without the link */
    }
  }, 0);
  return true;
}
