/** Exports of a run to the tools engineers use: Perfetto (trace-event JSON), CSV, scenario JSON. */
export { perfettoChunks, perfettoTrace, MAX_LOSS_SENTENCES } from './perfetto.ts';
export {
  csvCell,
  csvLine,
  metricsCsv,
  eventsCsv,
  eventsCsvHeader,
  eventsCsvRows,
  EVENT_FIELDS,
  EVENT_HEADER,
  type Cell,
} from './csv.ts';
export { explainFnOf } from './explain-fn.ts';
export { checkTrace, type TraceSummary } from './trace-check.ts';
export type { ExportRun, ExportMeta } from './run.ts';

/** The scenario as a pretty JSON file (two-space indent, trailing newline): what the editor and `run` read back. */
export function scenarioJson(scenario: unknown): string {
  return JSON.stringify(scenario, null, 2) + '\n';
}
