import { createRng } from '../engine/rng.ts';
import { Q_RAISE, Traffic } from '../engine/traffic.ts';
import { World } from '../engine/world.ts';
import { GuestBus } from '../guest/bus.ts';
import { GuestDriver, type GuestStep } from '../guest/driver.ts';
import { GuestHandlers } from '../guest/handlers.ts';
import { PRIO_STEP, Q_RESUME, Q_STEP, Vcpu } from '../guest/vcpu.ts';
import type { Hypervisor } from '../hv/hypervisor.ts';
import { PciAssign } from '../hv/pci-assign.ts';
import { VfioPci } from '../hv/vfio-pci.ts';
import { HostDevice, Q_NEIGHBOR } from '../host/host-device.ts';
import { parsePolicySpec, type ResolvedPolicy } from '../policies/index.ts';
import { resolveSettings, ROWS_PER_EVENT_LIMIT, ScenarioError, type Settings } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { EventLog } from '../engine/log.ts';
import type { MachineState } from '../replay/machine-state.ts';

const QT_RAISE = Q_RAISE,
  QT_RESUME = Q_RESUME;

export interface SimOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
}

export interface SimResult {
  policy: ResolvedPolicy;
  settings: Settings;
  log: EventLog;
  /** Every piece of state at the end of the run (the same shape the log reducer rebuilds). */
  final: MachineState;
  /** Virtual time of the last event. */
  endNs: number;
}

export type Machine = ReturnType<typeof buildMachine>;

/** Builds the machine for one policy: host device, hypervisor front end, guest, traffic. */
export function buildMachine(scenario: Scenario, policy: ResolvedPolicy, settings: Settings) {
  // Most raises are one row; guest steps are a few rows each (a 2048-entry mask-all is 2048).
  const w = new World(
    settings,
    Math.min(Traffic.estimate(scenario.steps) + scenario.steps.length * 16 + 1024, 1 << 26),
  );
  const host = new HostDevice(w, settings.tableSize);
  const handlers = new GuestHandlers(); // the guest's side; only pci-assign's masked injections ask it
  const hv: Hypervisor =
    policy.axes.frontEnd === 'pci-assign'
      ? new PciAssign(w, host, policy.axes, handlers)
      : new VfioPci(w, host, policy.axes);
  host.sink = hv;
  const traffic = new Traffic(w, host, createRng(settings.seed));
  const bus = new GuestBus(w, hv);
  const vcpu = new Vcpu(w, new GuestDriver(w, bus, host, traffic, handlers));
  const guestSteps: GuestStep[] = [];
  for (const st of scenario.steps) {
    if (st.op === 'raise' || st.op === 'poisson' || st.op === 'burst') traffic.add(st);
    else {
      w.queue.push(st.at, PRIO_STEP, Q_STEP, guestSteps.length);
      guestSteps.push(st);
    }
  }
  // The neighbour's requests (host.neighbor) run like guest steps at equal times, after them.
  settings.neighbor.forEach((n, i) => w.queue.push(n.at, PRIO_STEP, Q_NEIGHBOR, i));
  return { w, host, hv, traffic, vcpu, guestSteps };
}

/** The whole machine's state now, from each component's snapshot() (what the log replay rebuilds). */
export function snapshotMachine(m: Pick<Machine, 'w' | 'host' | 'hv'>): MachineState {
  return { rows: m.w.log.length, ...m.hv.snapshot(), host: m.host.snapshot() };
}

function runaway(max: number, now: number): ScenarioError {
  return new ScenarioError(
    `runaway scenario: more than ${max.toLocaleString('en-US')} events by t=${now} ns; set limits.maxEvents to allow more`,
    'limits.maxEvents',
  );
}

/** Guest steps can write thousands of rows in one queue entry: rows have their own bound. */
function rowsRunaway(maxRows: number, now: number): ScenarioError {
  return new ScenarioError(
    `runaway scenario: more than ${maxRows.toLocaleString('en-US')} log rows by t=${now} ns; set limits.maxEvents to allow more`,
    'limits.maxEvents',
  );
}

/**
 * Runs a validated scenario under one policy. Deterministic: the same scenario, policy and seed
 * give the same log, bit for bit, in Node and in a Worker. Throws ScenarioError if the run
 * processes more than limits.maxEvents queue entries (a runaway guard).
 */
export function simulate(scenario: Scenario, policySpec: string | ResolvedPolicy, opts: SimOptions = {}): SimResult {
  const policy = typeof policySpec === 'string' ? parsePolicySpec(policySpec) : policySpec;
  const settings = resolveSettings(scenario, opts.seed);
  const m = buildMachine(scenario, policy, settings);
  const { w, traffic } = m;
  const q = w.queue;
  const out = { time: 0, type: 0, arg: 0 };
  const max = settings.maxEvents;
  // Guest steps can write thousands of rows in one queue entry: rows have their own bound.
  const maxRows = ROWS_PER_EVENT_LIMIT * max;
  let n = 0;
  // The hot loop: nearly every entry is a raise, handled by Traffic.fire (the whole raise path
  // compiles into that one function). Guest work, the neighbour and the runaway errors live in
  // separate functions so that this loop stays small.
  while (q.size > 0) {
    if (w.log.length > maxRows) throw rowsRunaway(maxRows, w.now);
    if (++n > max) throw runaway(max, w.now);
    q.pop(out);
    w.now = out.time;
    if (out.type === (3 satisfies typeof Q_RAISE))
      traffic.fire(out.arg); // a literal: see world.ts
    else otherEvent(m, settings, out.type, out.arg);
  }
  return { policy, settings, log: w.log, final: snapshotMachine(m), endNs: w.now };
}

/** A queue entry that is not a raise: a blocked guest step resumes, a step's time has come, or the neighbour asks. */
function otherEvent(m: Machine, settings: Settings, type: number, arg: number): void {
  if (type === QT_RESUME) m.vcpu.resume();
  else if (type === Q_NEIGHBOR) m.host.neighborWants(settings.neighbor[arg]!.irqs);
  else m.vcpu.arrive(m.guestSteps[arg]!);
}

/**
 * The same run, stopping at reset and after every queue entry so a test can look at the live machine mid-run
 * (the replay-equals-live property). Not used in production: simulate's loop stays tight. The two
 * loops must dispatch identically; a test checks that they produce the same log.
 */
export function* stepSimulate(
  scenario: Scenario,
  policySpec: string | ResolvedPolicy,
  opts: SimOptions = {},
): Generator<Machine, SimResult, void> {
  const policy = typeof policySpec === 'string' ? parsePolicySpec(policySpec) : policySpec;
  const settings = resolveSettings(scenario, opts.seed);
  const m = buildMachine(scenario, policy, settings);
  const { w, traffic, vcpu, guestSteps } = m;
  const q = w.queue;
  const out = { time: 0, type: 0, arg: 0 };
  const maxRows = ROWS_PER_EVENT_LIMIT * settings.maxEvents;
  let n = 0;
  yield m; // at reset, before the first queue entry
  while (q.size > 0) {
    if (w.log.length > maxRows) throw rowsRunaway(maxRows, w.now);
    if (++n > settings.maxEvents) throw runaway(settings.maxEvents, w.now);
    q.pop(out);
    w.now = out.time;
    if (out.type === QT_RAISE) traffic.fire(out.arg);
    else if (out.type === QT_RESUME) vcpu.resume();
    else if (out.type === Q_NEIGHBOR) m.host.neighborWants(settings.neighbor[out.arg]!.irqs);
    else vcpu.arrive(guestSteps[out.arg]!);
    yield m;
  }
  return { policy, settings, log: w.log, final: snapshotMachine(m), endNs: w.now };
}
