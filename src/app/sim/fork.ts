import { Outcome } from '../../core/analysis/timeline.ts';
import { findPreset } from '../../core/presets/index.ts';
import type { DecodedLink, LinkWhatIf } from '../../core/share/index.ts';
import { diffRuns, type DiffSide, type PolicyDiff } from '../../core/whatif/diff.ts';
import { applyWhatIf, guestStepOrder, stepLabel, type WhatIf } from '../../core/whatif/fork.ts';
import type { Scenario } from '../../core/scenario/schema.ts';
import type { RunOk } from '../../worker/protocol.ts';
import { getRun, subscribeRun } from '../state/runData.ts';
import { useApp } from '../state/store.ts';
import { useWhatIf, type ForkBase, type PaneRings } from '../state/whatif.ts';
import { applyView, runInWorker } from './runner.ts';

/**
 * What-if forks on the page: the fork is the scenario on screen with one edit (core/whatif/fork.ts),
 * simulated in the Worker like any run (the previous run stays on screen until it arrives); then
 * the diff against the run before the first fork is computed from the two runs' raise columns.
 */

/** Set while a fork's own run is in flight: any other run that lands clears the fork. */
let expectFork = false;
subscribeRun(() => {
  if (expectFork) expectFork = false;
  else if (useWhatIf.getState().base) useWhatIf.getState().forkCleared();
});

const EDIT_KIND: Record<WhatIf['kind'], LinkWhatIf['edit']> = {
  shift: 'move',
  swap: 'swap',
  drop: 'drop',
  guest: 'guest',
};

function baseOfScreen(): ForkBase | null {
  const run = getRun();
  if (!run) return null;
  const st = useApp.getState();
  return { scenarioText: st.scenarioText, policies: st.policies, presetId: st.presetId, notice: st.notice, run };
}

/** Forks the scenario on screen with `edit` (pane: whose log a raw-guest switch reads) and runs it. */
export async function forkWith(edit: WhatIf, pane: number): Promise<boolean> {
  const run = getRun();
  if (!run) return false;
  const f = applyWhatIf(run.scenario, edit, run.runs[pane]?.log);
  if (!f.ok) {
    useWhatIf.getState().forkFailed(f.message);
    return false;
  }
  const base = useWhatIf.getState().base ?? baseOfScreen()!;
  const link: LinkWhatIf = {
    ...(base.presetId ? { base: base.presetId } : {}),
    step: f.step,
    edit: EDIT_KIND[edit.kind],
  };
  return runFork(f.scenario, f.summary, link, base, { select: { pane, step: f.step } });
}

async function runFork(
  fork: Scenario | Record<string, unknown>,
  summary: string,
  link: LinkWhatIf,
  base: ForkBase,
  opts: { keepUrl?: boolean; select?: { pane: number; step: number } },
): Promise<boolean> {
  const hadFork = useWhatIf.getState().base !== null;
  useWhatIf.getState().forkStarted(base, summary, link);
  expectFork = true;
  const ok = await runInWorker(JSON.stringify(fork, null, 2), base.policies, {
    presetId: null,
    notice: `What if: ${summary}`,
    ...(opts.keepUrl ? { keepUrl: true } : {}),
  });
  if (!ok) {
    expectFork = false;
    const e = useApp.getState().error;
    useApp.getState().dismissError();
    if (!hadFork) useWhatIf.getState().forkCleared();
    useWhatIf.getState().forkFailed(`the fork was not run: ${e?.message ?? 'unknown error'}`);
    return false;
  }
  const after = getRun()!;
  const diff = diffRuns(sidesOf(base.run), sidesOf(after));
  useWhatIf.getState().forkShown(diff, ringsOf(after, diff));
  // The edited operation stays selected, so the next what-if (another +5 µs) is one click away.
  const sel = opts.select;
  const p = sel ? after.runs[sel.pane] : undefined;
  if (sel && p && sel.step >= 0) {
    const opId = guestStepOrder(after.scenario).indexOf(sel.step);
    if (opId >= 0 && opId < p.timeline.ops.n)
      useApp.getState().select({ pane: sel.pane, row: p.timeline.ops.row[opId]! });
  }
  return true;
}

function sidesOf(r: RunOk): DiffSide[] {
  return r.runs.map((p) => ({ policy: p.policy, raises: p.timeline.raises, metrics: p.metrics }));
}

/** The rings per pane of `after`: every raise whose outcome changed (or that exists in one run only). */
function ringsOf(after: RunOk, diff: PolicyDiff[]): PaneRings[] {
  return after.runs.map((p) => {
    const d = diff.find((x) => x.policy === p.policy);
    const n = d?.changes.length ?? 0;
    const out: PaneRings = { t: new Float64Array(n), vec: new Int16Array(n), worse: new Uint8Array(n) };
    d?.changes.forEach((c, i) => {
      out.t[i] = c.t;
      out.vec[i] = c.vec;
      out.worse[i] = c.after === Outcome.LOST || c.after === -1 ? 1 : 0;
    });
    return out;
  });
}

/** Back to the run before the first fork (re-simulated: the base's columns were handed to the diff only). */
export async function backToOriginal(): Promise<void> {
  const b = useWhatIf.getState().base;
  if (!b) return;
  await runInWorker(b.scenarioText, b.policies, { presetId: b.presetId, notice: b.notice });
}

/**
 * Opens a shared fork of a preset: the preset first (it becomes the diff's base), then the fork,
 * so the recipient sees the same rings and deltas as the sender. False: not a fork of a known
 * preset, or the preset run failed (the caller opens the link as a plain scenario).
 */
export async function openForkLink(link: DecodedLink): Promise<boolean> {
  const w = link.whatif;
  const p = w?.base ? findPreset(w.base) : undefined;
  if (!w || !p) return false;
  const ok = await runInWorker(JSON.stringify(p.scenario, null, 2), link.policies, { presetId: p.id, keepUrl: true });
  if (!ok) return false;
  const base = baseOfScreen()!;
  const steps = (link.scenario as { steps?: unknown[] }).steps;
  const st =
    w.step >= 0 && Array.isArray(steps) ? (steps[w.step] as Parameters<typeof stepLabel>[0] | undefined) : undefined;
  const what = st && typeof st === 'object' && 'op' in st ? `${stepLabel(st)} (steps[${w.step}])` : 'a guest operation';
  const done = await runFork(link.scenario, `${w.edit} of ${what}, from a shared link`, w, base, { keepUrl: true });
  if (done && link.view) applyView(link.view);
  return done;
}
