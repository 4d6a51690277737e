import { fmtNs } from '../format/time.ts';
import type { Metrics } from './metrics.ts';

/**
 * The metrics shown side by side per policy, declared once: the CLI's table (cli/format.ts) and
 * the page's MetricsTable both render these rows, in this order. A row's `better` says which
 * way is good when the policies differ (the page colours best and worst); rows without it are
 * not judged (latency: a policy that loses an interrupt can look faster than one that delivers
 * it late). `depth` 1 rows break down the row above them.
 */
export interface MetricRow {
  /** Stable id (the Metrics field, or `lost:<cause>`). */
  readonly key: string;
  readonly label: string;
  readonly depth: 0 | 1;
  readonly unit: 'count' | 'ns';
  readonly better?: 'lower' | 'higher';
  get(m: Metrics): number;
}

type Field = { [K in keyof Metrics]: Metrics[K] extends number ? K : never }[keyof Metrics];

const row = (
  key: Field,
  label: string,
  better?: 'lower' | 'higher',
  unit: 'count' | 'ns' = 'count',
  depth: 0 | 1 = 0,
): MetricRow => ({
  key,
  label,
  depth,
  unit,
  ...(better ? { better } : {}),
  get: (m) => m[key],
});

/** Rows before the per-cause loss rows (which follow `lost`). */
const HEAD: readonly MetricRow[] = [
  row('raised', 'raised'),
  row('delivered', 'delivered', 'higher'),
  row('deliveredLate', 'of which late (held first)', undefined, 'count', 1),
  row('deliveredWhileMasked', 'of which while masked (mask ignored)', 'lower', 'count', 1),
  row('lost', 'lost', 'lower'),
];
/** Of `lost`: injected by the data hack through a stale route no handler listens on (after the causes). */
const SPURIOUS = row('spuriousInjections', 'of which spurious injections', 'lower', 'count', 1);
const TAIL: readonly MetricRow[] = [
  row('coalesced', 'coalesced', 'lower'),
  row('pendingAtEnd', 'held at end', 'lower'),
  row('neverDelivered', 'never delivered (lost, held, or merged into one)', 'lower'),
  row('resizes', 'host MSI-X off while guest on (resizes)', 'lower'),
  row('lossWindowNs', 'total loss window', 'lower', 'ns'),
  row('hostVectorsPeak', 'host IRQs / IRTEs peak', 'lower'),
  row('hostVectorsFinal', 'host IRQs at end', 'lower'),
  row('cpuVectorsPeak', 'CPU vectors peak', 'lower'),
  row('hostIrqAllocs', 'host IRQ allocations (churn)', 'lower'),
  row('hostIrqFrees', 'host IRQ frees', 'lower'),
  row('hostOps', 'host ops (ioctls)', 'lower'),
  row('allocFailures', 'allocation failures', 'lower'),
  row('guestVisibleFailures', 'guest-visible failures', 'lower'),
  row('latencyP99Ns', 'delivery latency p99', undefined, 'ns'),
];

/** Every loss cause any of these runs has, sorted (each gets a row). */
export function lossCauses(metrics: readonly Metrics[]): string[] {
  return [...new Set(metrics.flatMap((m) => Object.keys(m.lostByCause)))].sort();
}

/** The rows for a set of runs: the declared rows with one `lost: <cause>` row per cause seen. */
export function metricRows(metrics: readonly Metrics[]): MetricRow[] {
  const causes = lossCauses(metrics).map((c): MetricRow => ({
    key: `lost:${c}`,
    label: `lost: ${c}`,
    depth: 1,
    unit: 'count',
    better: 'lower',
    get: (m) => m.lostByCause[c] ?? 0,
  }));
  return [...HEAD, ...causes, SPURIOUS, ...TAIL];
}

/** A row's value in words. */
export function formatMetric(r: MetricRow, v: number): string {
  return r.unit === 'ns' ? fmtNs(v) : String(v);
}

/** The label with its indent (two spaces per depth), as both tables print it. */
export function indentedLabel(r: MetricRow): string {
  return '  '.repeat(r.depth) + r.label;
}

/**
 * Per value, whether it is the best or the worst of its row ('' if the row is not judged, or
 * every policy agrees). The worst "lower is better" value must be above 0 to be called worst.
 */
export function judge(r: MetricRow, vals: readonly number[]): ('best' | 'worst' | '')[] {
  const max = Math.max(...vals),
    min = Math.min(...vals);
  if (!r.better || max === min) return vals.map(() => '');
  if (r.better === 'lower') return vals.map((v) => (v === max && v > 0 ? 'worst' : v === min ? 'best' : ''));
  return vals.map((v) => (v === min ? 'worst' : v === max ? 'best' : ''));
}
