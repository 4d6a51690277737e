import {
  buildTimeline,
  timelineBuffers,
  parsePolicyList,
  parseScenarioText,
  PolicyError,
  resolveSettings,
  runScenario,
  ScenarioError,
  estimateRaises,
} from '../core/index.ts';
import type { RunRequest, RunResponse, SimApi } from './protocol.ts';

/** Raises per policy the page will hold (log + timeline for 4-6 panes stay in a few hundred MB). */
export const MAX_BROWSER_RAISES = 2_000_000;

type Transfer = <T>(x: T, transfer: Transferable[]) => T;

/**
 * The Worker's API: runs scenarios with the core. Log and timeline columns are transferred to the
 * page, never copied, and the Worker keeps nothing of a run: the page replays the log itself for
 * the inspector (core/replay), so the Worker holds no second copy of every log.
 */
export function createSimService(transfer: Transfer, clock: () => number = () => performance.now()): SimApi {
  let runId = 0;

  return {
    async run(req: RunRequest): Promise<RunResponse> {
      try {
        const t0 = clock();
        const scenario = parseScenarioText(req.scenarioText);
        const policies = parsePolicyList(req.policies.join(';'));
        // The page holds every row of every pane: beyond this, use the CLI (which streams nothing
        // to a browser and only prints metrics).
        const raises = estimateRaises(scenario.steps);
        if (raises > MAX_BROWSER_RAISES) {
          return { ok: false, message: `this scenario raises about ${raises.toLocaleString('en-US')} interrupts per policy; the browser view handles up to ${MAX_BROWSER_RAISES.toLocaleString('en-US')} (run it with the CLI: npx msix-lab run scenario.json)`, path: 'steps' };
        }
        const settings = resolveSettings(scenario, req.seed);
        const runs = runScenario(scenario, policies, req.seed).map((r, i) => ({ ...r, frontEnd: policies[i]!.axes.frontEnd, timeline: buildTimeline(r.log, scenario.device.tableSize, r.visibleSize, r.endNs) }));
        const res = { ok: true as const, runId: ++runId, tableSize: scenario.device.tableSize, scenario, policies: policies.map((p) => p.spec), seed: settings.seed, runs, elapsedMs: clock() - t0 };
        const buffers = runs.flatMap((r) => [r.log.t.buffer, r.log.kind.buffer, r.log.vec.buffer, r.log.a.buffer, r.log.b.buffer, r.log.c.buffer, r.log.cause.buffer, ...timelineBuffers(r.timeline)]);
        return transfer(res, buffers as Transferable[]);
      } catch (e) {
        if (e instanceof ScenarioError) return { ok: false, message: e.message, path: e.path };
        if (e instanceof PolicyError) return { ok: false, message: e.message, path: 'policies' };
        return { ok: false, message: `internal error: ${(e as Error).message}`, path: '' };
      }
    },
  };
}
