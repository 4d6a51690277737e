import { useRun } from '../state/runData.ts';
import { fmtTime } from '../render/format.ts';
import type { Metrics } from '../../core/analysis/metrics.ts';

type Row = { label: string; get: (m: Metrics) => number; fmt?: (n: number) => string; /** lower is better */ low?: boolean };

const ROWS: Row[] = [
  { label: 'raised', get: (m) => m.raised },
  { label: 'delivered', get: (m) => m.delivered, low: false },
  { label: '  of which late', get: (m) => m.deliveredLate },
  { label: '  of which while masked (mask ignored)', get: (m) => m.deliveredWhileMasked, low: true },
  { label: 'lost', get: (m) => m.lost, low: true },
  { label: 'coalesced', get: (m) => m.coalesced, low: true },
  { label: 'held at end', get: (m) => m.pendingAtEnd, low: true },
  { label: 'never delivered (lost, held, or merged into one)', get: (m) => m.neverDelivered, low: true },
  { label: 'host MSI-X off while guest on (resizes)', get: (m) => m.resizes, low: true },
  { label: 'total loss window', get: (m) => m.lossWindowNs, fmt: fmtTime, low: true },
  { label: 'host IRQs / IRTEs peak', get: (m) => m.hostVectorsPeak, low: true },
  { label: 'host IRQs at end', get: (m) => m.hostVectorsFinal, low: true },
  { label: 'CPU vectors peak', get: (m) => m.cpuVectorsPeak, low: true },
  { label: 'host IRQ allocations (churn)', get: (m) => m.hostIrqAllocs, low: true },
  { label: 'host ops (ioctls)', get: (m) => m.hostOps, low: true },
  { label: 'allocation failures', get: (m) => m.allocFailures, low: true },
  { label: 'guest-visible failures', get: (m) => m.guestVisibleFailures, low: true },
  // No colouring: a policy that loses an interrupt can look faster than one that delivers it late.
  { label: 'delivery latency p99', get: (m) => m.latencyP99Ns, fmt: fmtTime },
];

/** Of `lost`: injected by the data hack through a stale route no handler listens on (shown after the causes). */
const SPURIOUS: Row = { label: '  of which spurious injections', get: (m) => m.spuriousInjections, low: true };

/** Per-policy metrics side by side; the worst value of each row is highlighted, the best in green. */
export function MetricsTable() {
  const run = useRun();
  if (!run) return null;
  const causes = [...new Set(run.runs.flatMap((r) => Object.keys(r.metrics.lostByCause)))].sort();
  const rows: Row[] = [...ROWS.slice(0, 5), ...causes.map((c) => ({ label: `  lost: ${c}`, get: (m: Metrics) => m.lostByCause[c] ?? 0, low: true })), SPURIOUS, ...ROWS.slice(5)];
  return (
    <table className="metrics" data-testid="metrics">
      <caption className="sr-only">Metrics per policy</caption>
      <thead>
        <tr>
          <th scope="col">metric</th>
          {run.runs.map((r) => (
            <th scope="col" key={r.policy}>{r.policy}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const vals = run.runs.map((r) => row.get(r.metrics));
          const max = Math.max(...vals), min = Math.min(...vals);
          const differ = max !== min;
          return (
            <tr key={row.label}>
              <th scope="row" style={{ whiteSpace: 'pre' }}>{row.label}</th>
              {vals.map((v, i) => (
                <td key={i} className={differ && row.low !== undefined ? (row.low ? (v === max && v > 0 ? 'worst' : v === min ? 'best' : '') : v === min ? 'worst' : v === max ? 'best' : '') : ''}>
                  {row.fmt ? row.fmt(v) : v}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
