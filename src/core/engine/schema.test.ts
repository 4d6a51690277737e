import { describe, expect, it } from 'vitest';
import { Ev, EV_NAMES, type EvKind } from './events.ts';
import type { LogColumns } from './log.ts';
import {
  assertNever,
  CODE_TABLES,
  COLUMNS,
  decode,
  declOf,
  describeEvent,
  encode,
  KINDS,
  RAISE_ID_COL,
  RAISE_ROW_KINDS,
  SCHEMA,
  type LogEvent,
} from './schema.ts';
import { simulate } from '../machine/simulate.ts';
import { parsePolicySpec, POLICIES } from '../policies/index.ts';
import { PRESETS } from '../presets/index.ts';
import { validateScenario } from '../scenario/parse.ts';
import { explainRow } from '../analysis/explain.ts';

const evCodes = (): EvKind[] => (Object.values(Ev) as EvKind[]).slice().sort((x, y) => x - y);

describe('event schema: one declaration per kind', () => {
  it('declares every Ev code, under the name EV_NAMES gives it, and nothing else', () => {
    expect(KINDS).toEqual(evCodes());
    for (const k of evCodes()) {
      const d = declOf(k);
      expect(d, `Ev code ${k}`).toBeDefined();
      expect(d!.name).toBe(EV_NAMES[k]);
      expect(d!.doc.length).toBeGreaterThan(5);
      expect(d!.title.length).toBeGreaterThan(2);
      expect(d!.sentence.length).toBeGreaterThan(5);
    }
  });

  it("maps each kind's fields to distinct columns, with a unit, and a code table exactly for code fields", () => {
    for (const k of KINDS) {
      const fields = Object.entries(declOf(k)!.fields);
      const cols = fields.map(([, f]) => f.col);
      expect(new Set(cols).size, `${EV_NAMES[k]}: two fields share a column`).toBe(cols.length);
      for (const [name, f] of fields) {
        expect(COLUMNS, `${EV_NAMES[k]}.${name}`).toContain(f.col);
        expect(f.doc.length, `${EV_NAMES[k]}.${name} has a doc`).toBeGreaterThan(2);
        expect(f.unit === 'code', `${EV_NAMES[k]}.${name}: unit code <=> table`).toBe(f.table !== undefined);
      }
      // The vector column is always called vec, so consumers can read it without knowing the kind.
      for (const [name, f] of fields) if (f.col === 'vec') expect(name).toBe('vec');
    }
  });

  it('names every entry of every code table', () => {
    for (const [table, { codes, names }] of Object.entries(CODE_TABLES)) {
      const values = Object.values(codes) as number[];
      expect(new Set(values).size, `${table}: codes are distinct`).toBe(values.length);
      for (const [key, v] of Object.entries(codes))
        expect(names[v as number], `${table}.${key} (${v}) has a name`).toMatch(/\S/);
    }
  });

  it('keeps every raise id in one column and declares the raise roles', () => {
    expect(RAISE_ID_COL).toBe('a');
    expect([...RAISE_ROW_KINDS].sort((x, y) => x - y)).toEqual([Ev.RAISE, Ev.DELIVER, Ev.PEND, Ev.COALESCE, Ev.LOST]);
    for (const k of KINDS) expect(declOf(k)!.outcome !== undefined, EV_NAMES[k]).toBe(declOf(k)!.raise === 'end');
    for (const k of KINDS) for (const c of declOf(k)!.causes) expect(KINDS).toContain(c);
  });

  it('makes a switch over LogEvent kinds exhaustive at compile time', () => {
    // A decoder switch that forgets a kind does not type-check: `e` is not `never` at assertNever.
    // (npm run typecheck checks this file, so the directive fails the build if the check ever stops working.)
    const forgetsMailbox = (e: LogEvent): string => {
      switch (e.kind) {
        case Ev.GUEST_OP:
        case Ev.CFG_WRITE:
        case Ev.CTRL:
        case Ev.TBL_WRITE:
        case Ev.GUEST_MASK:
        case Ev.GUEST_PBA_CLR:
        case Ev.IGNORED:
        case Ev.IOCTL:
        case Ev.HOST_ENABLE:
        case Ev.HOST_DISABLE:
        case Ev.HOST_ALLOC:
        case Ev.HOST_FREE:
        case Ev.HOST_ALLOC_FAIL:
        case Ev.HOST_REQUEST:
        case Ev.HOST_FREE_IRQ:
        case Ev.HOST_REQUEST_FAIL:
        case Ev.HOST_PBA_CLR:
        case Ev.EFD_CLR:
        case Ev.QEMU_HANDLER:
        case Ev.WINDOW_OPEN:
        case Ev.WINDOW_CLOSE:
        case Ev.RAISE:
        case Ev.DELIVER:
        case Ev.PEND:
        case Ev.COALESCE:
        case Ev.LOST:
        case Ev.NOTE:
          return SCHEMA[e.kind].name;
        default:
          // @ts-expect-error -- Ev.MAILBOX is not handled, so e is not never here.
          return assertNever(e);
      }
    };
    const mailbox = { kind: Ev.MAILBOX, seq: 0, t: 0, cause: -1, ok: 1, waitedNs: 5 } as const;
    expect(() => forgetsMailbox(mailbox)).toThrow(/unhandled event kind 51/);
    // Narrowing gives the kind's named fields.
    const e: LogEvent = mailbox;
    if (e.kind === Ev.MAILBOX) expect(e.waitedNs).toBe(5);
  });
});

describe('decoding every preset log under every policy', () => {
  const logs: { id: string; log: LogColumns }[] = [];
  for (const preset of PRESETS)
    for (const p of POLICIES)
      logs.push({
        id: `${preset.id}/${p.id}`,
        log: simulate(validateScenario(preset.scenario), parsePolicySpec(p.id)).log.columns(),
      });

  it('round-trips: encoding a decoded row gives back its columns (the schema declares every column in use)', () => {
    for (const { id, log } of logs) {
      for (let i = 0; i < log.length; i++) {
        const row = encode(decode(log, i));
        const raw = {
          t: log.t[i],
          kind: log.kind[i],
          vec: log.vec[i],
          a: log.a[i],
          b: log.b[i],
          c: log.c[i],
          cause: log.cause[i],
        };
        if (
          row.vec !== raw.vec ||
          row.a !== raw.a ||
          row.b !== raw.b ||
          row.c !== raw.c ||
          row.t !== raw.t ||
          row.cause !== raw.cause ||
          row.kind !== raw.kind
        ) {
          expect(row, `${id} row ${i} (${EV_NAMES[log.kind[i]!]})`).toEqual(raw);
        }
      }
    }
  });

  it('gives each row a cause of a declared kind (or none where the kind may be a root)', () => {
    for (const { id, log } of logs) {
      for (let i = 0; i < log.length; i++) {
        const d = declOf(log.kind[i]!)!,
          c = log.cause[i]!;
        if (c < 0) expect(d.root, `${id} row ${i}: ${d.name} without a cause`).toBe(true);
        else if (!d.causes.includes(log.kind[c]! as EvKind))
          expect.fail(`${id} row ${i}: ${d.name} caused by ${EV_NAMES[log.kind[c]!]}, not declared`);
      }
    }
  });

  it('explains and describes every row through the decoded union', () => {
    for (const { log } of logs.slice(0, 7)) {
      for (let i = 0; i < log.length; i++) {
        const e = decode(log, i);
        expect(e.kind).toBe(log.kind[i]);
        expect(e.seq).toBe(i);
        expect(explainRow(log, i).sentence).toMatch(/\S.*[.)]$/);
        expect(describeEvent(log, i)).toBe(declOf(e.kind)!.text(e as never));
      }
    }
  });

  it('refuses a kind it does not know, naming the row', () => {
    const log = simulate(validateScenario(PRESETS[0]!.scenario), parsePolicySpec('data-hack')).log.columns();
    const bad = { ...log, kind: log.kind.slice() };
    bad.kind[3] = 99;
    expect(() => decode(bad, 3)).toThrow('log row 3: unknown event kind 99');
    expect(describeEvent(bad, 3)).toBe('');
  });
});
