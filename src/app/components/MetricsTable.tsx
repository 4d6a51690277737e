import { useRun } from '../state/runData.ts';
import { useTeach } from '../state/teach.ts';
import { formatMetric, indentedLabel, judge, metricRows } from '../../core/analysis/metric-rows.ts';
import { MetricDelta } from './whatif/WhatIfBar.tsx';

/** Per-policy metrics side by side; the worst value of each row is highlighted, the best in green (rows: core/analysis/metric-rows.ts). */
export function MetricsTable() {
  const run = useRun();
  const hidden = useTeach((s) => s.hidden);
  if (!run) return null;
  if (hidden)
    return (
      <p className="muted" data-testid="metrics-hidden">
        The metrics are hidden until you answer the question: they would give the answer away.
      </p>
    );
  const rows = metricRows(run.runs.map((r) => r.metrics));
  return (
    <table className="metrics" data-testid="metrics">
      <caption className="sr-only">Metrics per policy</caption>
      <thead>
        <tr>
          <th scope="col">metric</th>
          {run.runs.map((r) => (
            <th scope="col" key={r.policy}>
              {r.policy}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const vals = run.runs.map((r) => row.get(r.metrics));
          const marks = judge(row, vals);
          return (
            <tr key={row.key}>
              <th scope="row" style={{ whiteSpace: 'pre' }}>
                {indentedLabel(row)}
              </th>
              {vals.map((v, i) => (
                <td key={i} className={marks[i]}>
                  {formatMetric(row, v)}
                  <MetricDelta policy={run.runs[i]!.policy} rowKey={row.key} unit={row.unit} better={row.better} />
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
