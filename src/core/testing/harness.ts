/**
 * Shared helpers for the core's unit tests (not part of the public API, not used at run time).
 *
 * - `makeWorld` builds a World with resolved settings and optional overrides.
 * - `drain` runs a Block generator to completion without the scheduler (the vCPU's waits are
 *   summed, not simulated), so a component can be driven synchronously.
 * - `rows` / `rowsOf` turn the struct-of-arrays log into plain objects that read well in assertions.
 * - `writes` condenses CFG_WRITE / TBL_WRITE rows into one string each, for exact-order checks.
 * - `raiseOn` appends a RAISE row the way Traffic.raise does and hands it to a receiver.
 * - `RecordingSink` is a HostSink that remembers what the host device forwarded.
 * - `runSteps` validates a scenario made of the given steps and runs it through `simulate`.
 */
import { Ev, EV_NAMES, type EvKind } from '../engine/events.ts';
import { World } from '../engine/world.ts';
import type { Block } from '../hv/block.ts';
import type { HostSink } from '../host/host-device.ts';
import { simulate, type SimResult } from '../machine/simulate.ts';
import { resolveSettings, validateScenario, type Settings } from '../scenario/parse.ts';
import type { Scenario, Step } from '../scenario/schema.ts';

export function makeSettings(tableSize: number, overrides: Partial<Settings> = {}): Settings {
  const base = resolveSettings(validateScenario({ version: 1, device: { tableSize }, steps: [] }));
  return { ...base, ...overrides, tableSize };
}

export function makeWorld(tableSize: number, overrides: Partial<Settings> = {}): World {
  return new World(makeSettings(tableSize, overrides));
}

/** Runs a Block to completion; returns the total ns it asked to wait. */
export function drain(b: Block): number {
  let waited = 0;
  for (let r = b.next(); !r.done; r = b.next()) waited += r.value;
  return waited;
}

export interface Row {
  seq: number;
  t: number;
  kind: string;
  vec: number;
  a: number;
  b: number;
  c: number;
  cause: number;
}

export function rows(w: World | SimResult, from = 0): Row[] {
  const log = w.log;
  const out: Row[] = [];
  for (let i = from; i < log.length; i++) {
    out.push({
      seq: i,
      t: log.t[i]!,
      kind: EV_NAMES[log.kind[i]!] ?? String(log.kind[i]),
      vec: log.vec[i]!,
      a: log.a[i]!,
      b: log.b[i]!,
      c: log.c[i]!,
      cause: log.cause[i]!,
    });
  }
  return out;
}

/** Rows of the given kinds, in log order. */
export function rowsOf(w: World | SimResult, ...kinds: EvKind[]): Row[] {
  const names = new Set(kinds.map((k) => EV_NAMES[k]));
  return rows(w).filter((r) => names.has(r.kind));
}

const WORD = ['lo', 'hi', 'data', 'ctrl'];
const hex = (x: number): string => '0x' + (x >>> 0).toString(16);

/**
 * Guest register writes as compact strings, in order:
 *   "cfg @2/2 = 0xc00f"  (offset / size = value)
 *   "tbl 3.ctrl = 0x1"   (entry . word = value)
 */
export function writes(w: World | SimResult, from = 0): string[] {
  const out: string[] = [];
  for (const r of rows(w, from)) {
    if (r.kind === EV_NAMES[Ev.CFG_WRITE]) out.push(`cfg @${r.a}/${r.b} = ${hex(r.c)}`);
    else if (r.kind === EV_NAMES[Ev.TBL_WRITE]) out.push(`tbl ${r.vec}.${WORD[r.a]} = ${hex(r.b)}`);
  }
  return out;
}

/** Table writes that set (m=1) or clear (m=0) the entry mask bit, as "mask v" / "unmask v". */
export function maskWrites(w: World | SimResult, from = 0): string[] {
  return rows(w, from)
    .filter((r) => r.kind === EV_NAMES[Ev.TBL_WRITE] && r.a === 3)
    .map((r) => `${r.b & 1 ? 'mask' : 'unmask'} ${r.vec}`);
}

/** Appends a RAISE row for vector v (as Traffic.raise does) and passes it to `to`. Returns the raise id. */
export function raiseOn(w: World, v: number, to: (v: number, id: number, seq: number) => void): number {
  const seq = w.pushRaise(v, 0);
  const id = w.raises - 1;
  to(v, id, seq);
  return id;
}

/** A HostSink that records every call. */
export class RecordingSink implements HostSink {
  readonly fired: { vec: number; target: number; id: number; cause: number }[] = [];
  readonly intxs: { vec: number; id: number; cause: number }[] = [];
  fire(vec: number, target: number, id: number, cause: number): void {
    this.fired.push({ vec, target, id, cause });
  }
  intx(vec: number, id: number, cause: number): void {
    this.intxs.push({ vec, id, cause });
  }
}

export type ScenarioExtras = Omit<Partial<Scenario>, 'steps' | 'device'> & { device?: Partial<Scenario['device']> };

export function scenarioOf(tableSize: number, steps: Step[], extras: ScenarioExtras = {}): Scenario {
  const { device, ...rest } = extras;
  return validateScenario({ version: 1, ...rest, device: { tableSize, ...device }, steps });
}

/** Validates and simulates a scenario of `steps` under `policy`. */
export function runSteps(tableSize: number, steps: Step[], policy: string, extras: ScenarioExtras = {}): SimResult {
  return simulate(scenarioOf(tableSize, steps, extras), policy);
}

/** Shortcuts for building steps. */
export const step = {
  cfg: (at: number, offset: number, size: 1 | 2 | 4, value: number): Step => ({
    at,
    op: 'config-write',
    offset,
    size,
    value,
  }),
  tbl: (at: number, entry: number, word: number, value: number): Step => ({
    at,
    op: 'table-write',
    offset: entry * 16 + word * 4,
    size: 4,
    value,
  }),
  raise: (at: number, vector: number): Step => ({ at, op: 'raise', vector }),
  alloc: (at: number, nvec: number): Step => ({ at, op: 'linux-alloc-vectors', nvec }),
  request: (at: number, vector: number, noAutoEn?: boolean): Step =>
    noAutoEn === undefined
      ? { at, op: 'linux-request-irq', vector }
      : { at, op: 'linux-request-irq', vector, noAutoEn },
  enableIrq: (at: number, vector: number): Step => ({ at, op: 'linux-enable-irq', vector }),
  disableIrq: (at: number, vector: number): Step => ({ at, op: 'linux-disable-irq', vector }),
  freeIrq: (at: number, vector: number): Step => ({ at, op: 'linux-free-irq', vector }),
  affinity: (at: number, vector: number, cpu: number): Step => ({ at, op: 'linux-set-affinity', vector, cpu }),
  freeVectors: (at: number): Step => ({ at, op: 'linux-free-vectors' }),
  allocAt: (at: number, vector: number): Step => ({ at, op: 'linux-alloc-irq-at', vector }),
  bsdAlloc: (at: number, count: number): Step => ({ at, op: 'freebsd-alloc-msix', count }),
  bsdSetup: (at: number, vector: number): Step => ({ at, op: 'freebsd-setup-intr', vector }),
  bsdTeardown: (at: number, vector: number): Step => ({ at, op: 'freebsd-teardown-intr', vector }),
  bsdRelease: (at: number): Step => ({ at, op: 'freebsd-release-msix' }),
};

/** Writes made by the guest op started by the n-th GUEST_OP row. */
export function writesOfOp(r: ReturnType<typeof runSteps>, n: number): string[] {
  const ops = rowsOf(r, Ev.GUEST_OP);
  const start = ops[n]!.seq;
  const end = ops[n + 1]?.seq ?? r.log.length;
  return writes(r, start).slice(0, writes(r, start).length - writes(r, end).length);
}
