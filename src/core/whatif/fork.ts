import { Ev } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { col } from '../engine/schema.ts';
import type { Scenario, Step } from '../scenario/schema.ts';

/**
 * "What if…" edits of one guest operation (issue 9). Pure scenario → scenario functions: the
 * fork is the current scenario with one edit, and the page simulates it like any other scenario.
 *
 * Guest operations are found in a log by their op id (the GUEST_OP row's `opId`): the driver
 * numbers the guest steps in the order the vCPU starts them, which is the scenario's guest steps
 * sorted by `at`, ties in scenario order (machine/simulate.ts pushes them on a (time, prio, seq)
 * queue; guest/vcpu.ts runs them one at a time in arrival order). `guestStepOrder` is that map.
 */
export type WhatIf =
  /** Move the step by deltaNs (negative: earlier); its time is clamped at 0. */
  | { kind: 'shift'; step: number; deltaNs: number }
  /** Swap the step with the guest step the vCPU runs just before / after it (each keeps its time slot). */
  | { kind: 'swap'; step: number; with: 'prev' | 'next' }
  /** Remove the step. */
  | { kind: 'drop'; step: number }
  /** Rewrite every driver step for another guest (see `switchGuest`). `log` is needed only for 'raw'. */
  | { kind: 'guest'; to: GuestKind };

export type GuestKind = 'linux' | 'freebsd' | 'raw';
export const GUEST_KINDS: readonly GuestKind[] = ['linux', 'freebsd', 'raw'];

export type ForkResult =
  | {
      ok: true;
      scenario: Scenario;
      /** Index (in the fork's steps) of the edited step, or -1 (a drop, or a whole-guest switch). */
      step: number;
      /** One line saying what changed, e.g. "request_irq(9) moved 5 µs later (300 µs → 305 µs)". */
      summary: string;
    }
  | { ok: false; message: string };

const TRAFFIC = new Set<Step['op']>(['raise', 'poisson', 'burst']);
export const isGuestStep = (s: Step): boolean => !TRAFFIC.has(s.op);

/** Scenario step indices of the guest steps, in the order the vCPU runs them (index = op id). */
export function guestStepOrder(scenario: Scenario): number[] {
  const idx: number[] = [];
  scenario.steps.forEach((s, i) => {
    if (isGuestStep(s)) idx.push(i);
  });
  // Array.prototype.sort is stable: equal times keep scenario order, as the queue's sequence does.
  return idx.sort((a, b) => scenario.steps[a]!.at - scenario.steps[b]!.at);
}

/** The scenario step a GUEST_OP row ran, or -1 (the row is not a guest operation of this scenario). */
export function stepOfOpRow(scenario: Scenario, log: LogColumns, row: number): number {
  if (row < 0 || row >= log.length || log.kind[row] !== Ev.GUEST_OP) return -1;
  return guestStepOrder(scenario)[log[col(Ev.GUEST_OP, 'opId')][row]!] ?? -1;
}

/** A step in words: "request_irq(9) at 300 µs" style, from the scenario (no log needed). */
export function stepLabel(s: Step): string {
  const v = 'vector' in s ? `(${s.vector})` : '';
  return `${s.op}${v}`;
}

const fmtUs = (ns: number): string => `${+(ns / 1000).toFixed(3)} µs`;

const clone = <T>(s: T): T => JSON.parse(JSON.stringify(s)) as T;

/** Applies one what-if edit. Never throws: an edit that makes no sense says why in one line. */
export function applyWhatIf(scenario: Scenario, edit: WhatIf, log?: LogColumns): ForkResult {
  if (edit.kind === 'guest') return switchGuest(scenario, edit.to, log);
  const i = edit.step;
  const st = scenario.steps[i];
  if (!st || !isGuestStep(st)) return { ok: false, message: `steps[${i}] is not a guest operation` };
  const out = clone(scenario);
  switch (edit.kind) {
    case 'shift': {
      if (!Number.isInteger(edit.deltaNs) || edit.deltaNs === 0)
        return { ok: false, message: 'the move must be a whole, non-zero number of nanoseconds' };
      const at = Math.max(0, st.at + edit.deltaNs);
      if (at === st.at) return { ok: false, message: `${stepLabel(st)} is already at t = 0` };
      out.steps[i]!.at = at;
      const dir = at > st.at ? 'later' : 'earlier';
      return {
        ok: true,
        scenario: out,
        step: i,
        summary: `${stepLabel(st)} moved ${fmtUs(Math.abs(at - st.at))} ${dir} (${fmtUs(st.at)} → ${fmtUs(at)})`,
      };
    }
    case 'swap': {
      const order = guestStepOrder(scenario);
      const k = order.indexOf(i);
      const j = order[edit.with === 'next' ? k + 1 : k - 1];
      if (j === undefined)
        return {
          ok: false,
          message: `${stepLabel(st)} is the ${edit.with === 'next' ? 'last' : 'first'} guest operation: nothing to swap it with`,
        };
      const other = scenario.steps[j]!;
      // Each step takes the other's time slot and array position, so the vCPU runs them swapped
      // even when their times are equal (ties run in scenario order).
      out.steps[i] = { ...clone(other), at: st.at };
      out.steps[j] = { ...clone(st), at: other.at };
      return {
        ok: true,
        scenario: out,
        step: j,
        summary: `${stepLabel(st)} and ${stepLabel(other)} swapped (${stepLabel(other)} now at ${fmtUs(st.at)}, ${stepLabel(st)} at ${fmtUs(other.at)})`,
      };
    }
    case 'drop':
      out.steps.splice(i, 1);
      return { ok: true, scenario: out, step: -1, summary: `${stepLabel(st)} at ${fmtUs(st.at)} dropped` };
  }
}

/** Which guest the scenario's driver steps are written for ('mixed' if both, 'raw' if neither). */
export function guestKindOf(scenario: Scenario): GuestKind | 'mixed' {
  let linux = false,
    bsd = false;
  for (const s of scenario.steps) {
    if (s.op.startsWith('linux-')) linux = true;
    if (s.op.startsWith('freebsd-')) bsd = true;
  }
  return linux && bsd ? 'mixed' : linux ? 'linux' : bsd ? 'freebsd' : 'raw';
}

type Mapped = Step | Step[] | string;

/**
 * Linux → FreeBSD, the nearest equivalents (sys/dev/pci/pci.c): pci_alloc_irq_vectors →
 * pci_alloc_msix, request_irq / enable_irq → bus_setup_intr (entry written and unmasked),
 * free_irq / disable_irq → bus_teardown_intr (masked), pci_free_irq_vectors → pci_release_msix.
 * Simplification: FreeBSD has no disable depth, so enable/disable_irq map to setup/teardown.
 * No equivalent (a string says why): IRQF_NO_AUTOEN, irq_set_affinity (bus_bind_intr is not
 * modelled), pci_msix_alloc_irq_at (FreeBSD allocates every vector up front).
 */
function toFreeBsd(s: Step): Mapped {
  switch (s.op) {
    case 'linux-alloc-vectors':
      return { at: s.at, op: 'freebsd-alloc-msix', count: s.nvec };
    case 'linux-request-irq':
      if (s.noAutoEn) return 'request_irq with IRQF_NO_AUTOEN has no FreeBSD equivalent';
      return { at: s.at, op: 'freebsd-setup-intr', vector: s.vector };
    case 'linux-enable-irq':
      return { at: s.at, op: 'freebsd-setup-intr', vector: s.vector };
    case 'linux-free-irq':
    case 'linux-disable-irq':
      return { at: s.at, op: 'freebsd-teardown-intr', vector: s.vector };
    case 'linux-free-vectors':
      return { at: s.at, op: 'freebsd-release-msix' };
    case 'linux-set-affinity':
      return 'irq_set_affinity has no modelled FreeBSD equivalent (bus_bind_intr)';
    case 'linux-alloc-irq-at':
      return 'pci_msix_alloc_irq_at has no FreeBSD equivalent (FreeBSD allocates every vector in pci_alloc_msix)';
    default:
      return s;
  }
}

/** FreeBSD → Linux, the inverse of toFreeBsd (setup → request_irq, teardown → free_irq). */
function toLinux(s: Step): Mapped {
  switch (s.op) {
    case 'freebsd-alloc-msix':
      return { at: s.at, op: 'linux-alloc-vectors', nvec: s.count };
    case 'freebsd-setup-intr':
      return { at: s.at, op: 'linux-request-irq', vector: s.vector };
    case 'freebsd-teardown-intr':
      return { at: s.at, op: 'linux-free-irq', vector: s.vector };
    case 'freebsd-release-msix':
      return { at: s.at, op: 'linux-free-vectors' };
    default:
      return s;
  }
}

/**
 * Every driver step as the raw register writes it made in `log` (config-write / table-write
 * steps at the times they happened). Mailbox steps stay: they are not driver MSI-X code.
 * Simplification: the writes (and their times) are those of one policy's run; under another
 * policy a blocked vCPU could have made them later.
 */
function toRaw(scenario: Scenario, log: LogColumns): Step[] | string {
  const order = guestStepOrder(scenario);
  const opIdCol = log[col(Ev.GUEST_OP, 'opId')];
  const cfgOff = log[col(Ev.CFG_WRITE, 'offset')],
    cfgSize = log[col(Ev.CFG_WRITE, 'size')],
    cfgVal = log[col(Ev.CFG_WRITE, 'value')];
  const tWord = log[col(Ev.TBL_WRITE, 'word')],
    tVal = log[col(Ev.TBL_WRITE, 'value')];
  // opOf[row]: the step index whose operation this row belongs to (cause chain root), or -1.
  const opOf = new Int32Array(log.length).fill(-1);
  const writes = new Map<number, Step[]>();
  for (let r = 0; r < log.length; r++) {
    const k = log.kind[r]!;
    if (k === Ev.GUEST_OP) opOf[r] = order[opIdCol[r]!] ?? -1;
    else if (log.cause[r]! >= 0) opOf[r] = opOf[log.cause[r]!]!;
    const s = opOf[r]!;
    if (s < 0 || (k !== Ev.CFG_WRITE && k !== Ev.TBL_WRITE)) continue;
    const list = writes.get(s) ?? [];
    if (k === Ev.CFG_WRITE) {
      const size = cfgSize[r]!;
      if (size !== 1 && size !== 2 && size !== 4) return `a config write of size ${size} cannot be a step`;
      list.push({ at: log.t[r]!, op: 'config-write', offset: cfgOff[r]!, size, value: cfgVal[r]! >>> 0 });
    } else
      list.push({
        at: log.t[r]!,
        op: 'table-write',
        size: 4,
        offset: log.vec[r]! * 16 + tWord[r]! * 4,
        value: tVal[r]! >>> 0,
      });
    writes.set(s, list);
  }
  const steps: Step[] = [];
  scenario.steps.forEach((s, i) => {
    if (!isGuestStep(s) || s.op === 'mailbox' || s.op === 'config-write' || s.op === 'table-write') steps.push(s);
    else steps.push(...(writes.get(i) ?? []));
  });
  return steps;
}

/** Rewrites the scenario's driver steps for another guest; says which steps have no equivalent. */
export function switchGuest(scenario: Scenario, to: GuestKind, log?: LogColumns): ForkResult {
  const from = guestKindOf(scenario);
  if (from === to) return { ok: false, message: `the scenario's guest is already ${to}` };
  const out = clone(scenario);
  if (to === 'raw') {
    if (!log) return { ok: false, message: 'a raw guest needs a run to read the register writes from' };
    const steps = toRaw(scenario, log);
    if (typeof steps === 'string') return { ok: false, message: steps };
    out.steps = steps;
    return {
      ok: true,
      scenario: out,
      step: -1,
      summary: `guest switched from ${from} to raw register writes (the writes this run's driver made)`,
    };
  }
  if (from === 'raw') return { ok: false, message: `raw register writes have no ${to} driver operations to map to` };
  const map = to === 'freebsd' ? toFreeBsd : toLinux;
  const missing: string[] = [];
  const steps: Step[] = [];
  scenario.steps.forEach((s, i) => {
    const m = map(s);
    if (typeof m === 'string') missing.push(`steps[${i}]: ${m}`);
    else steps.push(...(Array.isArray(m) ? m : [m]));
  });
  if (missing.length)
    return {
      ok: false,
      message: `no ${to} mapping: ${missing.slice(0, 2).join('; ')}${missing.length > 2 ? ` (and ${missing.length - 2} more)` : ''}`,
    };
  out.steps = steps;
  return { ok: true, scenario: out, step: -1, summary: `guest switched from ${from} to ${to}` };
}
