import {
  buildTimeline,
  timelineBuffers,
  parsePolicyList,
  parseScenarioText,
  PolicyError,
  resolveSettings,
  runScenario,
  ScenarioError,
  StateIndex,
  type MachineState,
} from '../core/index.ts';
import type { RunRequest, RunResponse, SimApi } from './protocol.ts';
import { Traffic } from '../core/engine/traffic.ts';

/** Raises per policy the page will hold (log + timeline for 4-6 panes stay in a few hundred MB). */
export const MAX_BROWSER_RAISES = 2_000_000;
const estimateRaises = (steps: Parameters<typeof Traffic.estimate>[0]): number => Traffic.estimate(steps);

type Transfer = <T>(x: T, transfer: Transferable[]) => T;

/**
 * The Worker's API: runs scenarios with the core and keeps the latest run's logs so the
 * inspector can ask for state at any row. Log columns are transferred, never copied.
 */
export function createSimService(transfer: Transfer, clock: () => number = () => performance.now()): SimApi {
  let runId = 0;
  let indexes: { size: number; frontEnds: ('qemu-msix' | 'pci-assign')[]; built: (StateIndex | null)[]; logs: RunResponse & { ok: true } } | null = null;

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
        const runs = runScenario(scenario, policies, req.seed).map((r) => ({ ...r, timeline: buildTimeline(r.log, scenario.device.tableSize, r.visibleSize, r.endNs) }));
        const res = { ok: true as const, runId: ++runId, tableSize: scenario.device.tableSize, scenario, policies: policies.map((p) => p.spec), seed: settings.seed, runs, elapsedMs: clock() - t0 };
        // Keep copies for stateAt; the originals are transferred to the page.
        const kept = { ...res, runs: runs.map((r) => ({ ...r, log: { ...r.log, t: r.log.t.slice(), kind: r.log.kind.slice(), vec: r.log.vec.slice(), a: r.log.a.slice(), b: r.log.b.slice(), c: r.log.c.slice(), cause: r.log.cause.slice() } })) };
        indexes = { size: scenario.device.tableSize, frontEnds: policies.map((p) => p.axes.frontEnd), built: policies.map(() => null), logs: kept };
        const buffers = runs.flatMap((r) => [r.log.t.buffer, r.log.kind.buffer, r.log.vec.buffer, r.log.a.buffer, r.log.b.buffer, r.log.c.buffer, r.log.cause.buffer, ...timelineBuffers(r.timeline)]);
        return transfer(res, buffers as Transferable[]);
      } catch (e) {
        if (e instanceof ScenarioError) return { ok: false, message: e.message, path: e.path };
        if (e instanceof PolicyError) return { ok: false, message: e.message, path: 'policies' };
        return { ok: false, message: `internal error: ${(e as Error).message}`, path: '' };
      }
    },
    async stateAt(id: number, pane: number, rows: number): Promise<MachineState | null> {
      if (!indexes || indexes.logs.runId !== id) return null;
      const run = indexes.logs.runs[pane];
      if (!run) return null;
      let idx = indexes.built[pane];
      if (!idx) idx = indexes.built[pane] = new StateIndex(run.log, indexes.size, indexes.frontEnds[pane]!);
      const s = idx.at(rows);
      return transfer(s, [s.guest.table.buffer, s.guest.masked.buffer, s.guest.pba.buffer, s.host.alloc.buffer, s.host.trig.buffer, s.host.pba.buffer, s.qemu.efd.buffer, s.qemu.handler.buffer] as Transferable[]);
    },
  };
}
