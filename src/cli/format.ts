import { formatMetric, indentedLabel, metricRows, type PolicyRun } from '../core/index.ts';

type Run = Pick<PolicyRun, 'policy' | 'metrics'>;

/** Fixed-width table of the headline metrics, one column per policy (rows: core/analysis/metric-rows.ts). */
export function formatTable(runs: readonly Run[]): string {
  const rows = metricRows(runs.map((r) => r.metrics));
  const head = ['', ...runs.map((r) => r.policy)];
  const body = rows.map((row) => [indentedLabel(row), ...runs.map((r) => formatMetric(row, row.get(r.metrics)))]);
  const all = [head, ...body];
  const widths = head.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]): string =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
