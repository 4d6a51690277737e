import { Ev } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { col, declOf, describeEvent } from '../engine/schema.ts';

/**
 * The fields of one log row, in words (used by golden files, the CLI's log format and the UI's
 * event table). Each kind's text is declared with its fields in engine/schema.ts.
 */
export function describeRow(log: LogColumns, i: number): string {
  return describeEvent(log, i);
}

/** One readable line per log row: time, seq, kind, fields, cause. Used for golden files. */
export function goldenText(log: LogColumns, from = 0, to = log.length): string {
  const lines: string[] = [];
  for (let i = from; i < to; i++) {
    const cause = log.cause[i]!;
    lines.push(
      `${String(log.t[i]).padStart(9)}  ${String(i).padStart(4)}  ${(declOf(log.kind[i]!)?.name ?? `kind-${log.kind[i]}`).padEnd(15)} ${describeRow(log, i)}${cause >= 0 ? `  <- ${cause}` : ''}`.trimEnd(),
    );
  }
  return lines.join('\n');
}

/**
 * The golden form of a log, kept reviewable without dropping information:
 * - runs of raises delivered in the same instant (RAISE rows with c > 0) become one line with
 *   their count per vector;
 * - runs of rows that differ only in their vector number (same time, kind and cause, vectors
 *   ascending by one: a 2048-entry mask-all, a 1501-vector allocation) become one "vA..vB" line.
 */
export function condensedGolden(log: LogColumns): string {
  const lines: string[] = [];
  let n = 0;
  let first = 0,
    last = 0;
  const per = new Map<number, number>();
  const flush = (): void => {
    if (n === 0) return;
    const vs = [...per.entries()]
      .sort((x, y) => x[0] - y[0])
      .map(([v, k]) => `v${v}:${k}`)
      .join(' ');
    lines.push(
      `${String(first).padStart(9)}  ....  ${n} raise${n > 1 ? 's' : ''} delivered directly until t=${last} (${vs})`,
    );
    n = 0;
    per.clear();
  };
  const path = log[col(Ev.RAISE, 'path')];
  const sig = (i: number): string =>
    `${log.t[i]}|${log.kind[i]}|${log.cause[i]}|${describeRow(log, i).replace(/\bv\d+\b/, 'v*')}`;
  for (let i = 0; i < log.length; i++) {
    if (log.kind[i] === Ev.RAISE && path[i]! > 0) {
      if (n === 0) first = log.t[i]!;
      last = log.t[i]!;
      n++;
      per.set(log.vec[i]!, (per.get(log.vec[i]!) ?? 0) + 1);
      continue;
    }
    flush();
    let j = i;
    if (log.vec[i]! >= 0 && log.kind[i] !== Ev.RAISE) {
      const s0 = sig(i);
      while (j + 1 < log.length && log.vec[j + 1] === log.vec[j]! + 1 && sig(j + 1) === s0) j++;
    }
    if (j - i >= 2) {
      const line = goldenText(log, i, i + 1).replace(/\bv\d+\b/, `v${log.vec[i]}..v${log.vec[j]}`);
      lines.push(`${line}  [${j - i + 1} rows ${i}..${j}]`);
      i = j;
    } else lines.push(goldenText(log, i, i + 1));
  }
  flush();
  return lines.join('\n') + '\n';
}
