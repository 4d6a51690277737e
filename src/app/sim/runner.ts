import { guarded, runSim, WorkerFault } from './client.ts';
import type { RunResponse } from '../../worker/protocol.ts';
import { getRun, setRun } from '../state/runData.ts';
import { useApp } from '../state/store.ts';
import { setExtent, setCursor, setDomain, viewport } from '../state/viewport.ts';
import { encodeLink, keyToRow, rowToKey, type LinkState, type LinkView } from '../../core/share/index.ts';
import { useWhatIf } from '../state/whatif.ts';
import { resetOverlays } from '../testHooks.ts';

/** Validation and the estimate are quick: a Worker silent this long is dead or stuck. */
const ESTIMATE_TIMEOUT_MS = 15_000;
/**
 * The run's watchdog: a base plus 5 µs per estimated log row (all panes). Measured in Node at
 * ~0.7 µs a row (simulation + metrics), and the timeline build roughly doubles it; the rest is
 * headroom for a slow or busy machine. At the page's cap (6 M rows) it is 50 s.
 */
export const runTimeoutMs = (rows: number): number => 20_000 + rows * 0.005;

let generation = 0;

/**
 * Asks the Worker to run a scenario under the given policies. On success the run replaces the
 * current one and the URL fragment becomes its share link (unless `keepUrl`: a shared link that
 * was opened stays in the address bar as it is, view included, so a reload reopens that moment;
 * a link that failed stays too, so nothing the user had is lost); on failure (bad input, cancel,
 * a dead or stuck Worker) one line says why and the current run stays on screen untouched. A
 * newer run replaces an older one still in flight.
 */
export async function runInWorker(
  scenarioText: string,
  policies: string[],
  opts: { presetId?: string | null; notice?: string | null; keepUrl?: boolean } = {},
): Promise<boolean> {
  const gen = ++generation;
  useApp.getState().runStarted();
  const req = { scenarioText, policies };
  let r: RunResponse;
  try {
    const est = await guarded((api) => api.estimate(req), ESTIMATE_TIMEOUT_MS);
    r = await runSim(req, runTimeoutMs(est?.rows ?? 0));
  } catch (e) {
    if (gen !== generation) return false; // superseded: the newer run owns the status line
    const f =
      e instanceof WorkerFault ? e : new WorkerFault('crashed', `the simulation failed: ${String(e).slice(0, 80)}`);
    if (f.kind === 'cancelled') useApp.getState().runCancelled();
    else useApp.getState().runFailed({ message: `${f.message}; a fresh Worker was started`, path: '' });
    return false;
  }
  if (gen !== generation) return false;
  // When the Worker's answer arrived (a test checks the run-view chunk was requested before it).
  performance.mark('msix:worker-answered');
  if (!r.ok) {
    useApp.getState().runFailed({ message: r.message, path: r.path });
    return false;
  }
  // Let the browser finish handling the Worker's message before React renders the new run.
  await new Promise<void>((res) => setTimeout(res, 0));
  setRun(r);
  resetOverlays(r.runs.length);
  const end = Math.max(1, ...r.runs.map((x) => x.endNs));
  setExtent(end);
  setCursor(0, false);
  // Same task as setRun: React renders the new run and its cleared selection together.
  useApp.getState().runSucceeded({ scenarioText, policies: r.policies, presetId: opts.presetId, notice: opts.notice });
  // The share link (a deflate of the scenario) is written after the run is on screen.
  if (!opts.keepUrl)
    setTimeout(() => {
      try {
        history.replaceState(null, '', '#' + encodeLink(currentShare(false)));
      } catch {
        /* a sandboxed frame may refuse; the app works without the link */
      }
    }, 0);
  return true;
}

/**
 * The share state of what is on screen: scenario, policies, its preset, and (withView) the
 * cursor, visible window and selected event, so a link can point at one interrupt. The event is
 * named by its stable key (time, stream or kind, ordinal), never its row, which model changes move.
 */
export function currentShare(withView: boolean): LinkState {
  const run = getRun();
  const st = useApp.getState();
  const v = viewport();
  const log = st.selected ? run?.runs[st.selected.pane]?.log : undefined;
  const sel =
    st.selected && log && st.selected.row < log.length
      ? { pane: st.selected.pane, key: rowToKey(log, st.selected.row) }
      : undefined;
  return {
    scenario: run?.scenario ?? JSON.parse(st.scenarioText || '{}'),
    policies: st.policies,
    ...(st.presetId ? { preset: st.presetId } : {}),
    // A what-if fork on screen: the link also names its base preset and edited step (issue 9).
    ...(useWhatIf.getState().link ? { whatif: useWhatIf.getState().link! } : {}),
    ...(withView
      ? {
          view: {
            cursor: v.cursor,
            domain: [v.domain[0], v.domain[1]] as [number, number],
            ...(sel ? { selected: sel } : {}),
          },
        }
      : {}),
  };
}

/**
 * Applies a shared view after the run is on screen (out-of-range values are clamped or dropped).
 * The selected event is found by its key; a key this run does not have (the model changed since
 * the link was made) selects nothing rather than another event. v1 links hold a row number.
 */
export function applyView(view: LinkView): void {
  const run = getRun();
  setDomain(view.domain[0], view.domain[1]);
  setCursor(view.cursor, false);
  const sel = view.selected;
  const log = sel && run?.runs[sel.pane]?.log;
  if (sel && log) {
    const row = 'key' in sel ? keyToRow(log, sel.key) : sel.row;
    if (row >= 0 && row < log.length) useApp.getState().select({ pane: sel.pane, row });
  }
}
