import { closeSync, openSync, writeSync } from 'node:fs';
import type { LogColumns } from '../core/index.ts';

/** A user error in an export or filter option: one line on stderr, exit status 2. */
export class ExportOptionError extends Error {}

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9 };

/**
 * A time for `--from`/`--to`: "20us", "1.5ms", "300ns", "2s" or plain nanoseconds ("1500"). The
 * model's clock is integer ns, so the result is rounded to the nearest ns.
 */
export function parseTimeArg(flag: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ns|us|µs|ms|s)?\s*$/.exec(text);
  if (!m) throw new ExportOptionError(`${flag} must be a time such as 20us, 1.5ms, 300ns or plain ns, got "${text}"`);
  const ns = Math.round(Number(m[1]) * UNIT_NS[m[2] ?? 'ns']!);
  if (!Number.isSafeInteger(ns)) throw new ExportOptionError(`${flag} is too large: "${text}"`);
  return ns;
}

/** `--vector 3 --vector 5,7` (commander collects the values): vector numbers, checked against the table. */
export function parseVectors(values: readonly string[], tableSize: number): Set<number> {
  const out = new Set<number>();
  for (const v of values.flatMap((s) => s.split(','))) {
    const t = v.trim();
    if (!/^\d+$/.test(t) || Number(t) >= tableSize)
      throw new ExportOptionError(
        `--vector must be a vector number 0..${tableSize - 1} (repeat it or give a comma list), got "${v}"`,
      );
    out.add(Number(t));
  }
  return out;
}

/** Which rows a row-based output (`--format log`) prints. */
export interface RowFilter {
  from: number;
  to: number;
  /** Only rows about these vectors (rows with no vector are then left out); null: every row. */
  vectors: Set<number> | null;
}

export function rowFilter(o: { from?: string; to?: string; vector?: string[] }, tableSize: number): RowFilter | null {
  if (o.from === undefined && o.to === undefined && !o.vector?.length) return null;
  const from = o.from === undefined ? 0 : parseTimeArg('--from', o.from);
  const to = o.to === undefined ? Infinity : parseTimeArg('--to', o.to);
  if (from > to) throw new ExportOptionError(`--from (${o.from}) is after --to (${o.to})`);
  return { from, to, vectors: o.vector?.length ? parseVectors(o.vector, tableSize) : null };
}

/** The rows of a log that pass the filter, as [from, to) runs (consecutive rows grouped, so printing stays chunked). */
export function* filteredRuns(log: LogColumns, f: RowFilter): Generator<[number, number]> {
  // Rows are in time order: the time bounds are two binary searches.
  const lo = lowerBound(log.t, log.length, f.from);
  const hi = lowerBound(log.t, log.length, f.to + 0.5);
  if (!f.vectors) {
    if (lo < hi) yield [lo, hi];
    return;
  }
  let start = -1;
  for (let i = lo; i < hi; i++) {
    const keep = f.vectors.has(log.vec[i]!);
    if (keep && start < 0) start = i;
    if (!keep && start >= 0) {
      yield [start, i];
      start = -1;
    }
  }
  if (start >= 0) yield [start, hi];
}

function lowerBound(t: Float64Array, n: number, x: number): number {
  let a = 0,
    b = n;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (t[m]! < x) a = m + 1;
    else b = m;
  }
  return a;
}

/**
 * Where the output goes: standard output, or `--out FILE` (written chunk by chunk, so a
 * multi-hundred-MB trace never sits in memory whole). `close` must be called at the end.
 */
export function openOutput(
  out: (s: string) => void,
  file: string | undefined,
): { write: (s: string) => void; close: () => void } {
  if (file === undefined) return { write: out, close: () => undefined };
  let fd: number;
  try {
    fd = openSync(file, 'w');
  } catch (e) {
    throw new ExportOptionError(`--out cannot write "${file}" (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return {
    write: (s) => {
      writeSync(fd, s);
    },
    close: () => closeSync(fd),
  };
}
