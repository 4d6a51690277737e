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
import type { RunEstimate, RunRequest, RunResponse, SimApi } from './protocol.ts';
import { estimateWork, formatBytes } from '../core/scenario/estimate.ts';

/**
 * Estimated log rows, summed over all panes, the page accepts. Measured (docs/PERFORMANCE.md?
 * no: see the e2e `limits.spec.ts` and the report of issue 6): beyond this the Worker's run, the
 * transfer and the first frames block the page for seconds and playback stutters. Raises per
 * policy × policies: at ~4 rows a raise, 6 panes × 250,000 raises.
 */
export const MAX_BROWSER_ROWS = 6_000_000;

/** The page's cap, in one line naming the work and pointing at the CLI; null when within it. */
function overBrowserCap(rowsPerPolicy: number, panes: number): string | null {
  const rows = rowsPerPolicy * panes;
  if (rows <= MAX_BROWSER_ROWS) return null;
  const fmt = (x: number): string => x.toLocaleString('en-US');
  return `this scenario writes about ${fmt(rowsPerPolicy)} log rows per policy × ${panes} ${panes === 1 ? 'policy' : 'policies'} = ${fmt(rows)} (${formatBytes(rows)}); the browser view holds up to ${fmt(MAX_BROWSER_ROWS)} (run it with the CLI: npx msix-lab run scenario.json, or compare fewer policies)`;
}

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
        // The page holds every row of every pane, guest steps' rows included: beyond the cap,
        // use the CLI (which keeps one policy's log at a time and prints metrics).
        const over = overBrowserCap(estimateWork(scenario).rows, policies.length);
        if (over) return { ok: false, message: over, path: 'steps' };
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
    async estimate(req: RunRequest): Promise<RunEstimate | null> {
      try {
        return { rows: estimateWork(parseScenarioText(req.scenarioText)).rows * Math.max(1, parsePolicyList(req.policies.join(';')).length) };
      } catch {
        return null;
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
