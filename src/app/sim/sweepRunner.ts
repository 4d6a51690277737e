import { Ev } from '../../core/engine/events.ts';
import { PRESETS } from '../../core/presets/index.ts';
import { validateScenario, ScenarioError } from '../../core/scenario/parse.ts';
import { trialScenario } from '../../core/sweep/randomise.ts';
import { hashText } from '../../core/sweep/seed.ts';
import { summarise, type PolicySummary } from '../../core/sweep/summary.ts';
import { applyVary, parseVary, type Vary } from '../../core/sweep/vary.ts';
import type { Scenario, SweepSpec } from '../../core/index.ts';
import type { CapacityOk, LossyTrial, RunError } from '../../worker/protocol.ts';
import { getRun } from '../state/runData.ts';
import { useApp } from '../state/store.ts';
import { useSweep, type SweepResult } from '../state/sweep.ts';
import { setCursor, setDomain } from '../state/viewport.ts';
import { guarded } from './client.ts';
import { runInWorker } from './runner.ts';
import { pageWorkers, runPagePool, type PoolRun } from './sweepPool.ts';
import { spawnSweepWorker } from './sweepWorkers.ts';

/**
 * While a sweep runs, the progress line refreshes every SWEEP_REFRESH_MS and the figures and plots
 * every PLOTS_EVERY ticks (once a second): redrawing four SVGs is the main thread's largest cost
 * during a sweep (measured: style, layout and paint of the dialog; npm run bench:sweep-ui).
 */
export const SWEEP_REFRESH_MS = 250;
export const PLOTS_EVERY = 4;

interface Current {
  run: PoolRun;
  spec: SweepSpec;
  base: Scenario;
  presetId: string | null;
  varyText: string | null;
  summaries: Map<number, { trials: number; summary: PolicySummary }>;
}
let current: Current | null = null;
/** The last sweep (open a trial of it after it finished). */
let last: Current | null = null;

/** The sweep's spec from the form and the scenario on screen; throws one line naming the field. */
export function specFromForm(scenario: Scenario): { spec: SweepSpec; varyText: string | null } {
  const f = useSweep.getState();
  if (!/^\d+$/.test(f.trials.trim()) || +f.trials < 1 || +f.trials > 10_000_000)
    throw new ScenarioError(`must be an integer 1..10000000, got "${f.trials}"`, 'trials');
  if (f.policies.length === 0) throw new ScenarioError('tick at least one policy', 'policies');
  const random: Record<string, number> = {};
  for (const k of ['phaseNs', 'rateJitter', 'jitterNs'] as const) {
    const t = f.random[k].trim();
    if (t === '') continue;
    const v = Number(t);
    if (!Number.isFinite(v)) throw new ScenarioError(`must be a number, got "${t}"`, `random.${k}`);
    if (v !== 0) random[k] = v;
  }
  const { random: _old, ...rest } = scenario;
  void _old;
  // Validated like a file: `random.jitterNs: must be an integer number of nanoseconds`.
  const s = validateScenario(Object.keys(random).length ? { ...rest, random } : rest);
  let vary: Vary | null = null,
    varyText: string | null = null;
  if (f.vary.param) {
    varyText = `${f.vary.param}=${f.vary.lo.trim()}..${f.vary.hi.trim()}:${f.vary.scale}:${f.vary.steps.trim()}`;
    vary = parseVary(varyText); // the CLI's --vary parser and its messages
    for (const v of vary.values) applyVary(s, vary.param, v);
  }
  return { spec: { scenario: s, policies: [...f.policies], trials: +f.trials, vary }, varyText };
}

/** `npx msix-lab sweep …` that prints the same numbers, when the scenario is an unmodified preset. */
function cliCommand(spec: SweepSpec, presetId: string | null, varyText: string | null): string | null {
  const p = PRESETS.find((x) => x.id === presetId);
  if (!p) return null;
  let same = false;
  try {
    same = hashText(JSON.stringify(validateScenario(p.scenario))) === hashText(JSON.stringify(spec.scenario));
  } catch {
    same = false;
  }
  if (!same) return null;
  const pol = spec.policies.join(spec.policies.some((x) => x.includes(',')) ? ';' : ',');
  return `npx msix-lab sweep ${p.id} --trials ${spec.trials} --policy '${pol}'${varyText ? ` --vary ${varyText}` : ''} --format json`;
}

function resultOf(c: Current, complete: boolean): SweepResult {
  const { spec, run } = c;
  return {
    policies: spec.policies,
    trials: spec.trials,
    seed: spec.scenario.seed ?? 1,
    scenarioHash: hashText(JSON.stringify(spec.scenario)),
    vary: spec.vary,
    points: run.accs.map((pt, p) => ({
      value: spec.vary ? spec.vary.values[p]! : null,
      results: pt.map((a, i) => {
        // A summary costs a few Garwood inversions; a (point, policy) whose trials did not change
        // since the last refresh keeps its summary (a --vary sweep fills one point at a time).
        const key = p * spec.policies.length + i;
        const hit = c.summaries.get(key);
        if (hit && hit.trials === a.trials) return hit.summary;
        const summary = summarise(spec.policies[i]!, a);
        c.summaries.set(key, { trials: a.trials, summary });
        return summary;
      }),
    })),
    lossy: run.lossy,
    complete,
    cli: cliCommand(spec, c.presetId, c.varyText),
  };
}

/** Starts a sweep of the scenario on screen with the panel's settings (cancels one in flight). */
export function startSweep(): void {
  const st = useSweep.getState();
  const scenario = getRun()?.scenario;
  if (!scenario) return st.sweepRejected('no scenario on screen yet');
  let spec: SweepSpec, varyText: string | null;
  try {
    ({ spec, varyText } = specFromForm(scenario));
  } catch (e) {
    const msg = e instanceof ScenarioError ? e.message : String(e);
    const path = e instanceof ScenarioError ? e.path : '';
    return st.sweepRejected(path && !msg.startsWith(path) ? `${path}: ${msg}` : msg);
  }
  cancelSweep();
  const workers = pageWorkers(navigator.hardwareConcurrency);
  const run = runPagePool(spec, workers, spawnSweepWorker);
  const c: Current = {
    run,
    spec,
    base: spec.scenario,
    presetId: useApp.getState().presetId,
    varyText,
    summaries: new Map(),
  };
  current = last = c;
  const t0 = performance.now();
  useSweep.getState().sweepStarted(workers, run.progress.total);
  // Progress and plots refresh on a timer, not per unit: the main thread's work stays a few ms a tick.
  const timer = setInterval(() => {
    const { done, total } = run.progress;
    const secs = (performance.now() - t0) / 1000;
    const rate = done > 0 ? done / secs : null;
    useSweep
      .getState()
      .sweepProgressed({ done, total, rate, etaS: rate ? (total - done) / rate : null, workers }, resultOf(c, false));
  }, SWEEP_REFRESH_MS);
  void run.done.then((r) => {
    clearInterval(timer);
    if (current === c) current = null;
    const { done, total } = run.progress;
    const secs = (performance.now() - t0) / 1000;
    useSweep
      .getState()
      .sweepProgressed(
        { done, total, rate: done / Math.max(1e-3, secs), etaS: r.complete ? 0 : null, workers },
        resultOf(c, r.complete),
      );
    if (r.error) useSweep.getState().sweepFailed(r.error.message, resultOf(c, false));
    else useSweep.getState().sweepFinished(resultOf(c, r.complete), r.complete ? 'done' : 'cancelled');
  });
}

/** Stops the sweep now: every pool Worker is terminated; the figures so far stay, marked partial. */
export function cancelSweep(): void {
  current?.run.cancel();
}

/** Loads the host capacity table for the scenario on screen (the page's simulation Worker). */
export async function loadCapacity(): Promise<void> {
  const st = useApp.getState();
  const cpus = Number(useSweep.getState().cpus);
  if (!Number.isInteger(cpus) || cpus < 1 || cpus > 100_000) {
    useSweep.getState().sweepRejected(`cpus: must be an integer 1..100000, got "${useSweep.getState().cpus}"`);
    return;
  }
  const pols = useSweep.getState().policies.length ? useSweep.getState().policies : st.policies;
  try {
    const r: CapacityOk | RunError = await guarded(
      (api) => api.capacity({ scenarioText: st.scenarioText, policies: pols }, cpus) as Promise<CapacityOk | RunError>,
      60_000,
    );
    if (r.ok) useSweep.getState().capacityLoaded(r);
    else useSweep.getState().sweepRejected(`capacity: ${r.message}`);
  } catch (e) {
    useSweep.getState().sweepRejected(`capacity: ${String((e as Error).message ?? e)}`);
  }
}

/**
 * Opens trial `l` in the timeline, as `msix-lab run --trial k` would run it (the point's scenario
 * randomised with trial k's seed), and puts the cursor and selection on its first loss in the
 * clicked policy's pane. The timeline shows the sweep's policies (up to the page's six), else
 * only that policy.
 */
export async function openTrial(l: LossyTrial): Promise<boolean> {
  const c = last;
  if (!c) return false;
  const base = c.spec.vary ? applyVary(c.base, c.spec.vary.param, c.spec.vary.values[l.point]!) : c.base;
  const s = trialScenario(base, l.trial);
  const policy = c.spec.policies[l.policy]!;
  const policies = c.spec.policies.length <= 6 ? c.spec.policies : [policy];
  const pane = policies.indexOf(policy);
  const where = c.spec.vary ? ` at ${c.spec.vary.param} = ${c.spec.vary.values[l.point]}` : '';
  const ok = await runInWorker(JSON.stringify(s, null, 2), policies, {
    presetId: null,
    notice: `Trial ${l.trial} of the sweep${where} (seed ${s.seed}; msix-lab run --trial ${l.trial}): ${l.lost} lost under ${policy}`,
  });
  if (!ok) return false;
  const log = getRun()?.runs[pane]?.log;
  if (!log) return true;
  let row = -1;
  for (let i = 0; i < log.length; i++)
    if (log.kind[i] === Ev.LOST) {
      row = i;
      break;
    }
  if (row < 0) return true;
  const t = log.t[row]!;
  useSweep.getState().closeSweep();
  // A window a few µs either side, so the loss and what led to it are both in view.
  setDomain(Math.max(0, t - 20_000), t + 20_000);
  setCursor(t, false);
  useApp.getState().select({ pane, row });
  return true;
}

/** Test hook: the first lossy trial of the last sweep (or null). */
export function firstLossyTrial(): LossyTrial | null {
  return last?.run.lossy[0] ?? null;
}
