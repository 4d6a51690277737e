import { createRng } from './rng.ts';
import { Traffic, type Q_RAISE } from './traffic.ts';
import { World } from './world.ts';
import { GuestBus } from '../guest/bus.ts';
import { GuestDriver, type GuestStep } from '../guest/driver.ts';
import { PRIO_STEP, Q_RESUME, Q_STEP, Vcpu } from '../guest/vcpu.ts';
import type { Hypervisor } from '../hv/hypervisor.ts';
import { PciAssign } from '../hv/pci-assign.ts';
import { VfioPci } from '../hv/vfio-pci.ts';
import { HostDevice } from '../host/host-device.ts';
import { parsePolicySpec, type ResolvedPolicy } from '../policies/index.ts';
import { resolveSettings, ScenarioError, type Settings } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { EventLog } from './log.ts';
import { captureState, type MachineState } from '../analysis/state.ts';

const QT_RESUME = Q_RESUME;

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

/** Builds the machine for one policy: host device, hypervisor front end, guest, traffic. */
export function buildMachine(scenario: Scenario, policy: ResolvedPolicy, settings: Settings) {
  // Most raises are one row; guest steps are a few rows each (a 2048-entry mask-all is 2048).
  const w = new World(settings, Math.min(Traffic.estimate(scenario.steps) + scenario.steps.length * 16 + 1024, 1 << 26));
  const host = new HostDevice(w, settings.tableSize);
  const hv: Hypervisor = policy.axes.frontEnd === 'pci-assign' ? new PciAssign(w, host, policy.axes) : new VfioPci(w, host, policy.axes);
  host.sink = hv;
  const traffic = new Traffic(w, host, createRng(settings.seed));
  const bus = new GuestBus(w, hv);
  const vcpu = new Vcpu(w, new GuestDriver(w, bus, host, traffic));
  const guestSteps: GuestStep[] = [];
  for (const st of scenario.steps) {
    if (st.op === 'raise' || st.op === 'poisson' || st.op === 'burst') traffic.add(st);
    else {
      w.queue.push(st.at, PRIO_STEP, Q_STEP, guestSteps.length);
      guestSteps.push(st);
    }
  }
  return { w, host, hv, traffic, vcpu, guestSteps };
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
  const { w, traffic, vcpu, guestSteps } = m;
  const q = w.queue;
  const out = { time: 0, type: 0, arg: 0 };
  const max = settings.maxEvents;
  let n = 0;
  // The hot loop: nearly every entry is a raise, handled by Traffic.fire (the whole raise path
  // compiles into that one function). Guest work and the runaway error live in separate functions
  // so that this loop stays small.
  while (q.size > 0) {
    if (++n > max) runaway(max, w.now);
    q.pop(out);
    w.now = out.time;
    if (out.type === (3 satisfies typeof Q_RAISE)) traffic.fire(out.arg); // a literal: see world.ts
    else guestEvent(vcpu, out.type === QT_RESUME ? null : guestSteps[out.arg]!);
  }
  return { policy, settings, log: w.log, final: captureState(m), endNs: w.now };
}

/** A vCPU queue entry: a blocked step resumes (step null), or a guest step's time has come. */
function guestEvent(vcpu: Vcpu, step: GuestStep | null): void {
  if (step === null) vcpu.resume();
  else vcpu.arrive(step);
}

function runaway(max: number, now: number): never {
  throw new ScenarioError(
    `runaway scenario: more than ${max.toLocaleString('en-US')} events by t=${now} ns; set limits.maxEvents to allow more`,
    'limits.maxEvents',
  );
}
