import type { Scenario, Step } from './schema.ts';

/**
 * Work estimate of a scenario, per policy, before it runs: raises (what limits.maxEvents has
 * always bounded) and log rows (what costs time and memory, including guest steps, which raise
 * nothing but can write thousands of rows: 2000 × `linux-alloc-vectors nvec=2048` is ~20 M rows).
 *
 * The row counts are upper bounds measured on the policies at tableSize 2048 (estimate.test.ts
 * checks them against real runs): a raise writes at most ROWS_PER_RAISE rows; a driver op
 * writes at most a few rows per table entry it touches; a resize (teardown/setup, pci-assign
 * re-setup, allocate-all at enable) touches at most every vector up to the highest one in use,
 * about 5 rows each (free, alloc, request, route).
 */
export const ROWS_PER_RAISE = 4;
/** Bytes one log row costs in the typed columns (log.ts: 2 × f64 + 3 × i32 + i16 + u8). */
export const BYTES_PER_ROW = 35;
const ROWS_PER_ENTRY = 5;
/**
 * pci-assign (data-hack) re-assigns every entry whose data is non-zero on each change, up to
 * the 256 entries KVM lets the guest see: a full-table op costs up to ~14 rows per such entry.
 */
const PCI_ASSIGN_ROWS_PER_ENTRY = 16;
const PCI_ASSIGN_ENTRIES = 256;
const OP_ROWS = 16;

export interface StepWork {
  raises: number;
  rows: number;
}

/**
 * Raises of one traffic step (the documented validation formula, SCENARIO.md §5): exact for
 * `raise` and `burst`; for `poisson` its expected count (what limits.maxEvents bounds).
 * The one place a step's raises are counted: the log's pre-sizing (raiseCapacity) builds on it.
 */
export function raisesOf(st: Step): number {
  if (st.op === 'raise')
    return st.every === undefined || st.until === undefined ? 1 : Math.floor((st.until - st.at) / st.every) + 1;
  if (st.op === 'poisson') return Math.ceil((st.until - st.at) / st.meanNs);
  if (st.op === 'burst') return st.count;
  return 0;
}

/**
 * A Poisson stream's count is random: the log is pre-sized for its mean plus 10% plus 8, which
 * covers all but a vanishing share of seeds (beyond it the log grows; it only costs a copy).
 */
const POISSON_HEADROOM = 1.1;
const POISSON_SLACK = 8;

/** Raises to pre-size the event log for (engine/traffic.ts Traffic.estimate; machine/simulate.ts adds the guest's rows). */
export function raiseCapacity(steps: readonly Step[]): number {
  let n = 0;
  for (const st of steps)
    n +=
      st.op === 'poisson'
        ? Math.ceil(((st.until - st.at) / st.meanNs) * POISSON_HEADROOM) + POISSON_SLACK
        : raisesOf(st);
  return n;
}

/**
 * Calls `each` with the running totals after every step, in file order (so a caller can name
 * the first step that crosses a limit). Returns the totals.
 */
export function estimateWork(s: Scenario, each?: (i: number, total: StepWork) => void): StepWork {
  const T = s.device.tableSize;
  const rewrite = s.guest?.freebsdRewriteTable ?? false;
  let top = 0; // highest vector index in use + 1: how far a resize reaches
  const handlers = new Set<number>();
  const fullTable = ROWS_PER_ENTRY * T + PCI_ASSIGN_ROWS_PER_ENTRY * Math.min(T, PCI_ASSIGN_ENTRIES) + OP_ROWS;
  const total = { raises: 0, rows: 0 };
  const resize = (v: number): number => {
    top = Math.min(T, Math.max(top, v + 1));
    return ROWS_PER_ENTRY * top + OP_ROWS;
  };
  s.steps.forEach((st, i) => {
    let rows: number;
    switch (st.op) {
      case 'raise':
      case 'poisson':
      case 'burst': {
        const r = raisesOf(st);
        total.raises += r;
        rows = ROWS_PER_RAISE * r;
        break;
      }
      case 'linux-alloc-vectors': // message for every entry, mask every entry, allocate-all backs them all
      case 'linux-free-vectors':
      case 'freebsd-alloc-msix':
      case 'freebsd-release-msix':
      case 'config-write': // an Enable change sets up or tears down every allocated vector
        rows = fullTable;
        break;
      case 'table-write':
        rows = (st.offset & 15) === 12 ? resize(st.offset >> 4) : OP_ROWS; // an unmask may grow the host side
        break;
      case 'freebsd-setup-intr':
        handlers.add(st.vector);
        // hw.pci.msix_rewrite_table: every setup rewrites and unmasks every handler, each unmask a possible resize.
        rows = rewrite ? fullTable + handlers.size * resize(st.vector) : resize(st.vector);
        break;
      case 'linux-request-irq':
      case 'linux-enable-irq':
      case 'linux-set-affinity':
      case 'linux-alloc-irq-at':
        rows = resize(st.vector);
        break;
      default: // disable/free/teardown (one mask write), mailbox (a request and a reply)
        rows = OP_ROWS;
    }
    total.rows += rows;
    each?.(i, total);
  });
  return total;
}

/** "~1.2 GB" / "~35 MB" for a row count. */
export function formatBytes(rows: number): string {
  const b = rows * BYTES_PER_ROW;
  return b >= 1e9 ? `~${(b / 1e9).toFixed(1)} GB` : `~${Math.max(1, Math.round(b / 1e6))} MB`;
}
