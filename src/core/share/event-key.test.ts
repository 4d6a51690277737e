import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ev, type EvKind } from '../engine/events.ts';
import { EventLog, type LogColumns } from '../engine/log.ts';
import { POLICIES, parsePolicySpec } from '../policies/index.ts';
import { PRESETS } from '../presets/index.ts';
import { runScenario } from '../machine/run.ts';
import { validateScenario } from '../scenario/parse.ts';
import { keyToRow, rowToKey } from './event-key.ts';

const ALL = POLICIES.map((p) => parsePolicySpec(p.id));
const runs = PRESETS.flatMap((p) =>
  runScenario(validateScenario(p.scenario), ALL).map((r) => ({ id: `${p.id}/${r.policy}`, log: r.log })),
);

type Row = [t: number, kind: EvKind, vec: number, a: number, b: number, c: number];
const rowsOf = (log: LogColumns): Row[] =>
  Array.from({ length: log.length }, (_, i) => [
    log.t[i]!,
    log.kind[i]! as EvKind,
    log.vec[i]!,
    log.a[i]!,
    log.b[i]!,
    log.c[i]!,
  ]);
function logOf(rows: Row[]): LogColumns {
  const l = new EventLog(rows.length);
  for (const r of rows) l.push(r[0], r[1], r[2], r[3], r[4], r[5], -1);
  return l.columns();
}

describe('event keys', () => {
  it('name every row of every preset under every policy uniquely: key → row inverts row → key', () => {
    let n = 0;
    for (const { id, log } of runs) {
      for (let r = 0; r < log.length; r++) {
        const k = rowToKey(log, r);
        if (keyToRow(log, k) !== r) throw new Error(`${id}: row ${r} → ${JSON.stringify(k)} → ${keyToRow(log, k)}`);
        n++;
      }
    }
    expect(n).toBeGreaterThan(10_000);
  });

  it('a raise is named by time, stream and ordinal; other rows by time, kind name, vector and ordinal', () => {
    const { log } = runs.find((r) => r.id === 'default/data-hack')!;
    const raise = log.kind.indexOf(Ev.RAISE);
    expect(rowToKey(log, raise)).toEqual({ t: log.t[raise], stream: log.b[raise], k: 0 });
    const lost = log.kind.indexOf(Ev.LOST);
    expect(rowToKey(log, lost)).toEqual({ t: log.t[lost], kind: 'lost', vec: log.vec[lost], k: 0 });
    expect(keyToRow(log, { t: log.t[lost]!, kind: 'no-such-kind', vec: 0, k: 0 })).toBe(-1);
    expect(keyToRow(log, { t: 1e15, stream: 0, k: 0 })).toBe(-1);
    expect(() => rowToKey(log, log.length)).toThrow(RangeError);
  });

  it('survive a model change that inserts rows (before, at the same time, between equal rows): the key finds the same event, the row number does not', () => {
    const { log } = runs.find((r) => r.id === 'default/data-hack')!;
    const base = rowsOf(log);
    let rowMoved = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: base.length - 1 }),
        fc.array(fc.record({ at: fc.integer({ min: 0, max: base.length }), raise: fc.boolean() }), {
          minLength: 1,
          maxLength: 30,
        }),
        (target, inserts) => {
          const key = rowToKey(log, target);
          // Insert rows that are not this event: a NOTE on a vector no table has, or a raise of
          // a stream no scenario has, at the time of their neighbour (t stays non-decreasing).
          const rows: (Row & { orig?: number })[] = base.map((r, i) => Object.assign([...r] as Row, { orig: i }));
          for (const ins of [...inserts].sort((x, y) => y.at - x.at)) {
            const t = rows[Math.min(ins.at, rows.length - 1)]![0];
            const t0 = ins.at > 0 ? rows[ins.at - 1]![0] : t;
            const row: Row = ins.raise ? [t0, Ev.RAISE, 0, 999, 12_345, 0] : [t0, Ev.NOTE, 4_000, 1, 0, 0];
            rows.splice(ins.at, 0, row);
          }
          const changed = logOf(rows);
          const want = rows.findIndex((r) => r.orig === target);
          if (want !== target) rowMoved++;
          expect(keyToRow(changed, key)).toBe(want);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
    expect(rowMoved).toBeGreaterThan(100);
  });
});
