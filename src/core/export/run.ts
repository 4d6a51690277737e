import type { LogColumns } from '../engine/log.ts';

/**
 * What the exporters need of one policy's run: its log and its sizes, nothing of the machine.
 * The CLI builds it from `runScenario`, the Worker from the columns the page sends back.
 */
export interface ExportRun {
  /** The policy spec ("dynamic-alloc", "single-vector:enable=vector0-fd-1"). */
  policy: string;
  /** The policy's title, when known (the process name says it beside the spec). */
  title?: string;
  log: LogColumns;
  endNs: number;
  /** The device's table size and the entries the guest sees. */
  tableSize: number;
  visibleSize: number;
}

/** What names a run's exports (trace metadata, CSV file names). */
export interface ExportMeta {
  /** The scenario's name (or preset id). */
  scenario: string;
  seed?: number;
}
