import type { LogColumns } from '../engine/log.ts';
import { CODE_TABLES, decode, declOf, KINDS } from '../engine/schema.ts';
import { describeRow } from '../analysis/golden.ts';
import type { Metrics } from '../analysis/metrics.ts';
import { metricRows } from '../analysis/metric-rows.ts';

/*
 * CSV for spreadsheets (RFC 4180: comma-separated, CRLF line ends, a field with a comma, a quote
 * or a line break in double quotes, quotes doubled).
 *
 * Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or CR) as a
 * formula, and text from a scenario (its name, a policy spec) ends up in cells. Every *text* cell
 * that starts with one of those gets a leading apostrophe (OWASP's advice). Numbers are written
 * as numbers (a vector of -1 stays -1): only finite numbers the model computed reach them.
 */

/** One cell. */
export type Cell = string | number;

const RISKY = /^[=+\-@\t\r]/;

/** A cell as RFC 4180 text, with text guarded against formula injection. */
export function csvCell(x: Cell): string {
  if (typeof x === 'number') return Number.isFinite(x) ? String(x) : '';
  const s = RISKY.test(x) ? `'${x}` : x;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record, CRLF-terminated. */
export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/**
 * Metrics per policy: the rows of `metricRows` (the CLI table and the page's MetricsTable), one
 * column per policy. Durations in ns (the `unit` column says which rows are).
 */
export function metricsCsv(runs: readonly { policy: string; metrics: Metrics }[]): string {
  const rows = metricRows(runs.map((r) => r.metrics));
  let s = csvLine(['metric', 'label', 'unit', ...runs.map((r) => r.policy)]);
  for (const row of rows) s += csvLine([row.key, row.label, row.unit, ...runs.map((r) => row.get(r.metrics))]);
  return s;
}

/**
 * The event log's columns, derived from the schema: every field name any kind declares, once, in
 * declaration order (a kind leaves the others empty), `vec` as "vector". A code field is its
 * code's name ("resize-window"); everything else its number. `text` is the row in words (the
 * golden and `--format log` form).
 */
export const EVENT_FIELDS: readonly string[] = (() => {
  const seen = new Set<string>(['vec']);
  const out: string[] = [];
  for (const k of KINDS)
    for (const name of Object.keys(declOf(k)!.fields)) {
      if (seen.has(name)) continue;
      seen.add(name);
      out.push(name);
    }
  return out;
})();

export const EVENT_HEADER: readonly string[] = [
  'seq',
  't_ns',
  'policy',
  'kind',
  'cause',
  'vector',
  ...EVENT_FIELDS,
  'text',
];

/** The header line of the events CSV. */
export function eventsCsvHeader(): string {
  return csvLine(EVENT_HEADER);
}

/** Rows [from, to) of one policy's log as CSV records (no header: callers stream policies and chunks). */
export function eventsCsvRows(policy: string, log: LogColumns, from = 0, to = log.length): string {
  let s = '';
  const width = EVENT_FIELDS.length;
  for (let i = from; i < to; i++) {
    const e = decode(log, i) as unknown as Record<string, number>;
    const d = declOf(e.kind!)!;
    const fields: Cell[] = new Array<Cell>(width).fill('');
    for (const [name, f] of Object.entries(d.fields)) {
      if (name === 'vec') continue;
      const v = e[name]!;
      fields[FIELD_INDEX.get(name)!] = f.table ? (CODE_TABLES[f.table].names[v] ?? v) : v;
    }
    s += csvLine([i, e.t!, policy, d.name, e.cause!, 'vec' in d.fields ? e.vec! : '', ...fields, describeRow(log, i)]);
  }
  return s;
}

const FIELD_INDEX = new Map(EVENT_FIELDS.map((n, i) => [n, i]));

/** Every policy's log as one CSV (header + one record per row, policies in order). */
export function eventsCsv(runs: Iterable<{ policy: string; log: LogColumns }>): string {
  let s = eventsCsvHeader();
  for (const r of runs) s += eventsCsvRows(r.policy, r.log);
  return s;
}
