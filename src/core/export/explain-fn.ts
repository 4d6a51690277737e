import { Ev } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { col, declOf, KINDS, type Column } from '../engine/schema.ts';
import { causeChain, explainRow } from '../analysis/explain.ts';

/**
 * The function an explanation names (`explainRow(log, i).fn`), for every row of a large log.
 *
 * explainRow is written for one click: a few of its answers scan the log backwards (when the
 * guest last masked a vector), so calling it on each of 10^5 raises could be quadratic. But the
 * function it names depends only on the cause chain's kinds and codes, never on times or raise
 * ids: `fn` is memoised on that signature (each row of the chain: its kind, its code fields, the
 * sign of its vector, and a note's first number, which picks between the IMS and the MSI-X
 * revision of a free). `explain-fn.test.ts` checks the memo against explainRow on every row of
 * every preset under every policy, so a new dependency in explainRow fails the test rather than
 * going stale here.
 */
export function explainFnOf(log: LogColumns): (row: number) => string {
  const memo = new Map<string, string>();
  return (row) => {
    const chain = causeChain(log, row);
    let key = '';
    for (const r of chain) {
      const k = log.kind[r]!;
      key += `${k}:${log.vec[r]! < 0 ? 'n' : 'p'}`;
      for (const c of CODE_COLS[k] ?? []) key += `:${log[c][r]}`;
      if (k === Ev.NOTE) key += `:${log[NOTE_X][r]}`;
      key += '|';
    }
    let fn = memo.get(key);
    if (fn === undefined) {
      fn = explainRow(log, row).fn;
      memo.set(key, fn);
    }
    return fn;
  };
}

const NOTE_X = col(Ev.NOTE, 'x');

/** Per kind, the columns of its code-valued fields (GuestOp, Ioctl, Path, Place, Loss, Note...). */
const CODE_COLS: ReadonlyArray<readonly Column[] | undefined> = (() => {
  const out: (readonly Column[] | undefined)[] = [];
  for (const k of KINDS)
    out[k] = Object.values(declOf(k)!.fields)
      .filter((f) => f.table)
      .map((f) => f.col);
  return out;
})();
