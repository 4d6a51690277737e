import type {
  Scenario,
  LogColumns,
  Metrics,
  Timeline,
  CapacityRow,
  PolicyAccJson,
  SweepSpec,
  Unit,
  AnyImport,
} from '../core/index.ts';

/** What the page asks the Worker to run. The scenario travels as text so the Worker validates it. */
export interface RunRequest {
  scenarioText: string;
  policies: string[];
  seed?: number;
}

export interface RunError {
  ok: false;
  message: string;
  path: string;
}

export interface PaneRun {
  policy: string;
  title: string;
  summary: string;
  metrics: Metrics;
  hash: string;
  endNs: number;
  visibleSize: number;
  /** Which guest-visible front end the policy emulates (the page's replay sizes the table by it). */
  frontEnd: 'qemu-msix' | 'pci-assign';
  log: LogColumns;
  timeline: Timeline;
}

export interface RunOk {
  ok: true;
  runId: number;
  tableSize: number;
  /** The validated scenario, normalised (what a share link encodes). */
  scenario: Scenario;
  /** Canonical policy specs. */
  policies: string[];
  seed: number;
  runs: PaneRun[];
  /** Worker time spent simulating, ms (for the status line; measured in the Worker). */
  elapsedMs: number;
}

export type RunResponse = RunOk | RunError;

/** The work a run would do, for the page's watchdog timeout (null: the run will fail fast). */
export interface RunEstimate {
  /** Estimated log rows, summed over the policies. */
  rows: number;
}

/** Real device data to import (issue 7): lspci output, a QEMU trace or a scenario JSON, detected by content. */
export interface ImportRequest {
  text: string;
  /** The device to import when the text lists several (lspci BDF or vfio device name). */
  device?: string;
}

/** The parsed import (summary, warnings, scenario) and the scenario as text, ready for run(). */
export type ImportResponse = { ok: true; result: AnyImport; scenarioText: string } | { ok: false; message: string };
/** What the page's export menu asks the Worker to build (issue 7): large runs never block the page. */
export type ExportKind = 'perfetto' | 'metrics-csv' | 'events-csv';

/**
 * The Worker keeps nothing of a run, so an export re-runs it from the same inputs (the model is
 * deterministic) instead of copying every log back from the page; `hashes` (the page's run, per
 * policy) prove the export is of the run on screen.
 */
export interface ExportRequest extends RunRequest {
  kind: ExportKind;
  /** The scenario's name, for the trace's metadata. */
  name: string;
  hashes: string[];
}

/** The file's bytes (UTF-8), transferred. */
export type ExportResponse = { ok: true; bytes: Uint8Array } | RunError;
/**
 * A trial that lost interrupts (any cause), so the page can open it in the timeline. Per unit and
 * policy the Worker reports the first LOSSY_PER_UNIT such trials and, for each loss count, the
 * first trial with that count: the page's merge of those is the same whatever the pool size.
 */
export interface LossyTrial {
  point: number;
  trial: number;
  /** Index into the sweep's policies. */
  policy: number;
  lost: number;
}

/** Trials [unit.from, unit.to) at one point, folded (the accumulators the core merges). */
export interface SweepUnitResult {
  ok: true;
  accs: PolicyAccJson[];
  lossy: LossyTrial[];
}

export interface CapacityOk {
  ok: true;
  irteLimit: number;
  cpuVectorLimit: number;
  cpus: number;
  rows: CapacityRow[];
}

export interface SimApi {
  /** Runs every policy; the result's columns are transferred (the Worker keeps no copy). */
  run(req: RunRequest): Promise<RunResponse>;
  /** Builds an export of a run (perfetto trace or CSV) and transfers its bytes. */
  exportRun(req: ExportRequest): Promise<ExportResponse>;
  /** Validates and estimates without simulating (quick: no simulation). */
  estimate(req: RunRequest): Promise<RunEstimate | null>;
  /** Parses an import off the main thread (a multi-MB trace takes longer than a frame). */
  importText(req: ImportRequest): Promise<ImportResponse>;
  /** Fixes the sweep this Worker runs units of (a pool Worker: one sweep per Worker life). */
  sweepStart(spec: SweepSpec): Promise<void>;
  /** Runs trials [unit.from, unit.to) of the started sweep (`msix-lab sweep`'s runUnit, the same numbers). */
  sweepUnit(unit: Unit): Promise<SweepUnitResult | RunError>;
  /** `msix-lab capacity`: host IRQs / IRTEs and CPU vectors per device, and the host's limits. */
  capacity(req: RunRequest, cpus: number): Promise<CapacityOk | RunError>;
}
