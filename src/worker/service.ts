import {
  buildTimeline,
  timelineBuffers,
  parsePolicyList,
  parseScenarioText,
  PolicyError,
  resolveSettings,
  runScenario,
  ScenarioError,
  estimateWork,
  formatBytes,
  importText,
  ImportError,
  runUnit,
  accToJson,
  capacity,
  IOMMU_IRTES,
  USABLE_VECTORS_PER_CPU,
  type SweepSpec,
} from '../core/index.ts';
import type {
  ImportRequest,
  ImportResponse,
  LossyTrial,
  RunEstimate,
  RunError,
  RunRequest,
  RunResponse,
  SimApi,
} from './protocol.ts';
import { buildExport } from './export.ts';

/** Lossy trials a unit reports per policy besides the first of each loss count (protocol.ts LossyTrial). */
export const LOSSY_PER_UNIT = 32;

/** A failure as one line for the page (the same mapping for every request). */
function toRunError(e: unknown): RunError {
  if (e instanceof ScenarioError) return { ok: false, message: e.message, path: e.path };
  if (e instanceof PolicyError) return { ok: false, message: e.message, path: 'policies' };
  return { ok: false, message: `internal error: ${(e as Error).message}`, path: '' };
}

/**
 * What the page accepts, summed over all panes (measured in headless Chromium on this 2-core
 * machine under heavy load, 6 policies, see the issue-6 report): the time to draw a playback
 * frame grows with the raises on screen. On a 2048-entry table with 64 streams the frame p95 was
 * 60 ms at 5,000 raises per policy, 212 ms at 20,000, 0.9 s at 50,000, 1.8 s at 100,000 (on a
 * 64-entry table, 41 ms at 100,000); loading took 13 s at 100,000 and 31 s at 500,000.
 * MAX_BROWSER_RAISES admits the UI benchmark's reference run (4 × ~100,000 raises,
 * scripts/ui-bench.ts) and nothing larger. MAX_BROWSER_ROWS bounds memory (guest steps
 * included): ~35 bytes a row in the log plus the timeline, ~115 MB of heap at 6 M rows.
 */
export const MAX_BROWSER_RAISES = 500_000;
export const MAX_BROWSER_ROWS = 6_000_000;

/** The page's cap, in one line naming the work and pointing at the CLI; null when within it. */
function overBrowserCap(work: { raises: number; rows: number }, panes: number): string | null {
  const fmt = (x: number): string => x.toLocaleString('en-US');
  const times = `× ${panes} ${panes === 1 ? 'policy' : 'policies'}`;
  const cli = '(run it with the CLI: npx msix-lab run scenario.json, or compare fewer policies)';
  if (work.raises * panes > MAX_BROWSER_RAISES) {
    return `this scenario raises about ${fmt(work.raises)} interrupts per policy ${times} = ${fmt(work.raises * panes)}; the browser view plays back up to ${fmt(MAX_BROWSER_RAISES)} ${cli}`;
  }
  if (work.rows * panes > MAX_BROWSER_ROWS) {
    return `this scenario writes about ${fmt(work.rows)} log rows per policy ${times} = ${fmt(work.rows * panes)} (${formatBytes(work.rows * panes)}); the browser view holds up to ${fmt(MAX_BROWSER_ROWS)} ${cli}`;
  }
  return null;
}

type Transfer = <T>(x: T, transfer: Transferable[]) => T;

/**
 * The Worker's API: runs scenarios with the core. Log and timeline columns are transferred to the
 * page, never copied, and the Worker keeps nothing of a run: the page replays the log itself for
 * the inspector (core/replay), so the Worker holds no second copy of every log.
 */
export function createSimService(transfer: Transfer, clock: () => number = () => performance.now()): SimApi {
  let runId = 0;
  let sweep: { spec: SweepSpec; cache: Map<string, unknown> } | null = null;

  return {
    async run(req: RunRequest): Promise<RunResponse> {
      try {
        const t0 = clock();
        const scenario = parseScenarioText(req.scenarioText);
        const policies = parsePolicyList(req.policies.join(';'));
        // The page holds every row of every pane, guest steps' rows included: beyond the cap,
        // use the CLI (which keeps one policy's log at a time and prints metrics).
        const over = overBrowserCap(estimateWork(scenario), policies.length);
        if (over) return { ok: false, message: over, path: 'steps' };
        const settings = resolveSettings(scenario, req.seed);
        const runs = runScenario(scenario, policies, req.seed).map((r, i) => ({
          ...r,
          frontEnd: policies[i]!.axes.frontEnd,
          timeline: buildTimeline(r.log, scenario.device.tableSize, r.visibleSize, r.endNs),
        }));
        const res = {
          ok: true as const,
          runId: ++runId,
          tableSize: scenario.device.tableSize,
          scenario,
          policies: policies.map((p) => p.spec),
          seed: settings.seed,
          runs,
          elapsedMs: clock() - t0,
        };
        const buffers = runs.flatMap((r) => [
          r.log.t.buffer,
          r.log.kind.buffer,
          r.log.vec.buffer,
          r.log.a.buffer,
          r.log.b.buffer,
          r.log.c.buffer,
          r.log.cause.buffer,
          ...timelineBuffers(r.timeline),
        ]);
        return transfer(res, buffers as Transferable[]);
      } catch (e) {
        if (e instanceof ScenarioError) return { ok: false, message: e.message, path: e.path };
        if (e instanceof PolicyError) return { ok: false, message: e.message, path: 'policies' };
        return { ok: false, message: `internal error: ${(e as Error).message}`, path: '' };
      }
    },
    async exportRun(req) {
      const r = buildExport(req);
      return r.ok ? transfer(r, [r.bytes.buffer as ArrayBuffer]) : r;
    },
    async estimate(req: RunRequest): Promise<RunEstimate | null> {
      try {
        return {
          rows:
            estimateWork(parseScenarioText(req.scenarioText)).rows *
            Math.max(1, parsePolicyList(req.policies.join(';')).length),
        };
      } catch {
        return null;
      }
    },
    async importText(req: ImportRequest): Promise<ImportResponse> {
      try {
        const result = importText(req.text, req.device ? { device: req.device } : {});
        return { ok: true, result, scenarioText: JSON.stringify(result.scenario, null, 2) };
      } catch (e) {
        if (e instanceof ImportError) return { ok: false, message: e.message };
        return { ok: false, message: `internal error: ${(e as Error).message}` };
      }
    },
    async sweepStart(spec) {
      sweep = { spec, cache: new Map() };
    },
    async sweepUnit(unit) {
      try {
        if (!sweep) throw new Error('sweepUnit before sweepStart');
        const lossy: LossyTrial[] = [];
        const kept = sweep.spec.policies.map(() => ({ n: 0, counts: new Set<number>() }));
        const accs = runUnit(sweep.spec, unit, sweep.cache, (trial, policy, t) => {
          if (t.lost === 0) return;
          const k = kept[policy]!;
          // Trials arrive in order, so these are the unit's first lossy trials and first of each count.
          if (k.n < LOSSY_PER_UNIT || !k.counts.has(t.lost))
            lossy.push({ point: unit.point, trial, policy, lost: t.lost });
          k.n++;
          k.counts.add(t.lost);
        });
        return { ok: true as const, accs: accs.map(accToJson), lossy };
      } catch (e) {
        return toRunError(e);
      }
    },
    async capacity(req, cpus) {
      try {
        const scenario = parseScenarioText(req.scenarioText);
        const rows = capacity(scenario, parsePolicyList(req.policies.join(';')), cpus);
        return { ok: true as const, irteLimit: IOMMU_IRTES, cpuVectorLimit: USABLE_VECTORS_PER_CPU * cpus, cpus, rows };
      } catch (e) {
        return toRunError(e);
      }
    },
  };
}
