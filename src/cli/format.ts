import type { PolicyRun } from '../core/index.ts';

type Run = Pick<PolicyRun, 'policy' | 'metrics'>;

/** Fixed-width table of the headline metrics, one column per policy. */
export function formatTable(runs: readonly Run[]): string {
  const rows: [string, (r: Run) => string][] = [
    ['raised', (r) => String(r.metrics.raised)],
    ['delivered', (r) => String(r.metrics.delivered)],
    ['  late (held first)', (r) => String(r.metrics.deliveredLate)],
    ['  while masked', (r) => String(r.metrics.deliveredWhileMasked)],
    ['coalesced', (r) => String(r.metrics.coalesced)],
    ['lost', (r) => String(r.metrics.lost)],
    ...lossRows(runs),
    ['  spurious injections', (r) => String(r.metrics.spuriousInjections)],
    ['pending at end', (r) => String(r.metrics.pendingAtEnd)],
    ['never delivered', (r) => String(r.metrics.neverDelivered)],
    ['host vectors (IRTEs) peak', (r) => String(r.metrics.hostVectorsPeak)],
    ['host vectors final', (r) => String(r.metrics.hostVectorsFinal)],
    ['CPU vectors peak', (r) => String(r.metrics.cpuVectorsPeak)],
    ['host IRQ allocs / frees', (r) => `${r.metrics.hostIrqAllocs} / ${r.metrics.hostIrqFrees}`],
    ['host ops (ioctls)', (r) => String(r.metrics.hostOps)],
    ['resizes', (r) => String(r.metrics.resizes)],
    ['loss window', (r) => fmtNs(r.metrics.lossWindowNs)],
    ['alloc failures', (r) => String(r.metrics.allocFailures)],
    ['guest-visible failures', (r) => String(r.metrics.guestVisibleFailures)],
    ['latency p99', (r) => fmtNs(r.metrics.latencyP99Ns)],
  ];
  const head = ['', ...runs.map((r) => r.policy)];
  const body = rows.map(([k, f]) => [k, ...runs.map(f)]);
  const all = [head, ...body];
  const widths = head.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]): string => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function lossRows(runs: readonly Run[]): [string, (r: Run) => string][] {
  const causes = [...new Set(runs.flatMap((r) => Object.keys(r.metrics.lostByCause)))].sort();
  return causes.map((c) => [`  ${c}`, (r: Run) => String(r.metrics.lostByCause[c] ?? 0)]);
}

export function fmtNs(ns: number): string {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(3)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(3)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns} ns`;
}
