import { describe, expect, it } from 'vitest';
import { computeMetrics } from './metrics.ts';
import { explainRow } from './explain.ts';
import { buildTimeline, GBit, HBit, Outcome, firstAtOrAfter, lastAtOrBefore, timelineBuffers } from './timeline.ts';
import { Ev, Loss } from '../engine/events.ts';
import { simulate } from '../machine/simulate.ts';
import { parsePolicySpec, POLICIES } from '../policies/index.ts';
import { PRESETS } from '../presets/index.ts';
import { validateScenario } from '../scenario/parse.ts';
import { runSteps, step as s } from '../testing/harness.ts';

function run(presetId: string, policy: string) {
  const preset = PRESETS.find((p) => p.id === presetId)!;
  const r = simulate(validateScenario(preset.scenario), parsePolicySpec(policy));
  const log = r.log.columns();
  return {
    r,
    log,
    tl: buildTimeline(log, r.settings.tableSize, r.final.guest.size, r.endNs),
    m: computeMetrics(log, r.final, true),
  };
}

describe('timeline model', () => {
  for (const preset of PRESETS) {
    for (const p of POLICIES) {
      it(`${preset.id}/${p.id}: raise outcomes and windows agree with the metrics`, () => {
        const { tl, m } = run(preset.id, p.id);
        const count = (o: number) => tl.raises.outcome.filter((x) => x === o).length;
        expect(tl.raises.n).toBe(m.raised);
        expect(count(Outcome.DIRECT) + count(Outcome.LATE)).toBe(m.delivered);
        expect(count(Outcome.LATE)).toBe(m.deliveredLate);
        expect(count(Outcome.COALESCED)).toBe(m.coalesced);
        expect(count(Outcome.LOST)).toBe(m.lost);
        expect(count(Outcome.PENDING)).toBe(m.pendingAtEnd);
        expect(tl.windows.n).toBe(m.resizes);
        // The step function keeps the last value per instant; back-to-back resizes can peak within one instant.
        expect(Math.max(...tl.global.nAlloc)).toBeLessThanOrEqual(m.hostVectorsPeak);
        expect(tl.global.nAlloc[tl.global.n - 1]).toBe(m.hostVectorsFinal);
        for (let i = 1; i < tl.raises.n; i++) expect(tl.raises.t[i]).toBeGreaterThanOrEqual(tl.raises.t[i - 1]!);
      });
    }
  }

  it('tracks per-vector guest and host state as run-length changes', () => {
    const { tl } = run('default', 'dynamic-alloc');
    // Vector 2 (IRQF_NO_AUTOEN) stays masked until enable_irq at 150 µs, with data written at alloc.
    const g = tl.guest;
    const at = (v: number, time: number): number => g.bits[lastAtOrBefore(g.t, time, g.start[v]!, g.start[v + 1]!)]!;
    expect(at(2, 100_000) & GBit.MASKED).toBeTruthy();
    expect(at(2, 100_000) & GBit.DATA).toBeTruthy();
    expect(at(2, 160_000) & GBit.MASKED).toBeFalsy();
    const h = tl.host;
    const hat = (v: number, time: number): number =>
      h.bits[lastAtOrBefore(h.t, time, h.start[v]!, h.start[v + 1]!)] ?? 0;
    expect(hat(2, 100_000) & HBit.HOST_PBA).toBeTruthy(); // the early raise is latched in the device PBA
    expect(hat(2, 160_000) & HBit.REQ_IRQFD).toBeTruthy();
  });

  it('indexes every held raise by end time and every loss, and transfers the index with the other buffers', () => {
    const { tl } = run('default', 'teardown-setup');
    const R = tl.raises;
    const held = [...R.outcome.keys()].filter((i) => R.outcome[i] !== Outcome.DIRECT);
    expect([...tl.held.id].sort((p, q) => p - q)).toEqual(held);
    for (let j = 1; j < tl.held.n; j++) expect(tl.held.end[j]).toBeGreaterThanOrEqual(tl.held.end[j - 1]!);
    for (let j = 0; j < tl.held.n; j++) expect(tl.held.end[j]).toBe(R.end[tl.held.id[j]!]);
    expect([...tl.losses.id].sort((p, q) => p - q)).toEqual(held.filter((i) => R.outcome[i] === Outcome.LOST));
    expect(tl.losses.n).toBeGreaterThan(0);
    const bufs = timelineBuffers(tl);
    expect(new Set(bufs).size, 'every buffer once (postMessage refuses duplicates)').toBe(bufs.length);
    for (const a of [tl.held.id, tl.held.end, tl.held.minStart, tl.losses.id, tl.losses.end])
      expect(bufs).toContain(a.buffer);
  });

  it('binary searches', () => {
    const a = [1, 2, 2, 5];
    expect(lastAtOrBefore(a, 2)).toBe(2);
    expect(lastAtOrBefore(a, 0)).toBe(-1);
    expect(firstAtOrAfter(a, 2)).toBe(1);
    expect(firstAtOrAfter(a, 6)).toBe(4);
  });
});

describe('explanations', () => {
  it('explains a resize-window loss with the growth, the function and the triggering driver op', () => {
    const { log } = run('default', 'teardown-setup');
    const i = [...log.kind.keys()].find((r) => log.kind[r] === Ev.LOST && log.b[r] === Loss.RESIZE_WINDOW)!;
    const e = explainRow(log, i);
    expect(e.title).toMatch(/LOST/);
    expect(e.sentence).toMatch(/grew the MSI-X index from 1 to 2 vectors/);
    expect(e.sentence).toMatch(/unmasking vector 1 in request_irq\(1\)/);
    expect(e.fn).toMatch(/vfio_msix_vector_do_use/);
    expect(log.cause[e.chain[e.chain.length - 1]!]).toBe(-1);
    expect(log.kind[e.chain[e.chain.length - 1]!]).toBe(Ev.GUEST_OP);
  });

  it('explains the data hack injecting a raise on a masked vector through its placeholder route (stale-route)', () => {
    const { log } = run('default', 'data-hack');
    const i = [...log.kind.keys()].find((r) => log.kind[r] === Ev.LOST)!;
    const e = explainRow(log, i);
    expect(e.sentence).toMatch(
      /had vector 0 masked since reset.*kvm_assigned_dev_thread_msix.*no mask check.*empty branch.*data 0x40ef, Linux's MANAGED_IRQ_SHUTDOWN_VECTOR placeholder.*spurious interrupt/,
    );
    expect(e.sentence).toMatch(/pci_alloc_irq_vectors/); // the route was captured at the MaskAll-clear re-setup
    expect(e.fn).toMatch(/kvm_assigned_dev_thread_msix.*assigned_dev_msix_mmio_write/);
  });

  it("explains a delivery while masked: the route still carried the driver's message", () => {
    const r = runSteps(8, [s.alloc(0, 2), s.request(1000, 1), s.disableIrq(2000, 1), s.raise(3000, 1)], 'data-hack');
    const log = r.log.columns();
    const i = [...log.kind.keys()].find((k) => log.kind[k] === Ev.RAISE)!;
    const e = explainRow(log, i);
    expect(e.title).toMatch(/delivered while masked/);
    expect(e.sentence).toMatch(/masked since t=2 µs.*no mask check.*empty branch.*handler listens on.*mask violation/);
    expect(e.fn).toMatch(/kvm_assigned_dev_thread_msix/);
  });

  it('explains a stale delivery through the eventfd under single-vector', () => {
    const { log } = run('default', 'single-vector');
    const i = [...log.kind.keys()].find((r) => log.kind[r] === Ev.DELIVER)!;
    expect(explainRow(log, i).sentence).toMatch(/eventfd.*stale/);
  });

  it('explains a mailbox timeout and a failed setup', () => {
    const mb = run('vf-pf-mailbox', 'teardown-setup').log;
    const i = [...mb.kind.keys()].find((r) => mb.kind[r] === Ev.MAILBOX)!;
    expect(explainRow(mb, i).sentence).toMatch(/never answered/);
    const ex = run('host-vector-exhaustion', 'teardown-setup').log;
    const j = [...ex.kind.keys()].find((r) => ex.kind[r] === Ev.LOST && ex.b[r] === Loss.HOST_MSIX_OFF)!;
    expect(explainRow(ex, j).sentence).toMatch(/failed.*every vector is dead/);
  });

  it('has a sentence for every row of every preset', () => {
    for (const preset of PRESETS.slice(0, 3)) {
      const { log } = run(preset.id, 'single-vector');
      for (let i = 0; i < log.length; i++) expect(explainRow(log, i).sentence.length).toBeGreaterThan(3);
    }
  });
});

describe('raise journeys', () => {
  it('follow a held raise from the device PBA to a late delivery through the irqfd', async () => {
    const { raiseJourney } = await import('./explain.ts');
    const { log, tl } = run('default', 'dynamic-alloc');
    const late = [...tl.raises.outcome.keys()].find(
      (i) => tl.raises.outcome[i] === Outcome.LATE && tl.raises.vec[i] === 2,
    )!;
    const hops = raiseJourney(log, late);
    expect(hops.map((h) => h.stage)).toEqual(['device', 'host', 'host', 'guest']);
    expect(hops[1]!.text).toMatch(/latched in the device PBA/);
    expect(hops[3]!.text).toMatch(/90 µs after the raise/);
  });
  it('end in a loss with its short cause', async () => {
    const { raiseJourney } = await import('./explain.ts');
    const { log, tl } = run('default', 'teardown-setup');
    const lost = [...tl.raises.outcome.keys()].find(
      (i) => tl.raises.outcome[i] === Outcome.LOST && tl.raises.vec[i] === 1,
    )!;
    const hops = raiseJourney(log, lost);
    expect(hops.at(-1)).toMatchObject({ stage: 'lost', text: expect.stringMatching(/resize window/) });
  });
});

describe('never-delivered accounting', () => {
  it('counts raises stranded on vectors the host could not back, not only losses', () => {
    const { m } = run('host-vector-exhaustion', 'dynamic-alloc');
    expect(m.lost).toBe(0);
    expect(m.neverDelivered).toBe(m.coalesced + m.pendingAtEnd); // vectors 8..11 never get a host IRQ
    expect(m.neverDelivered).toBeGreaterThan(100);
  });
  it('is zero when every raise reached the guest, and at least the losses otherwise', () => {
    expect(run('default', 'dynamic-alloc').m.neverDelivered).toBe(0);
    const ts = run('default', 'teardown-setup').m;
    expect(ts.neverDelivered).toBe(ts.lost);
  });
});

describe('warning signs', () => {
  it('mark host failures on the host side and guest-visible trouble on the guest side', () => {
    const ex = run('host-vector-exhaustion', 'teardown-setup').tl.warnings;
    expect(ex.n).toBeGreaterThan(0);
    expect([...ex.host].every((h) => h === 1)).toBe(true);
    const mb = run('vf-pf-mailbox', 'teardown-setup');
    expect(mb.tl.warnings.n).toBe(1);
    expect(mb.log.kind[mb.tl.warnings.row[0]!]).toBe(Ev.MAILBOX);
    expect(mb.tl.warnings.host[0]).toBe(0);
    const af = run('affinity-change', 'dynamic-alloc');
    expect([...af.tl.warnings.row].some((r) => af.log.kind[r] === Ev.NOTE)).toBe(true);
    expect(run('default', 'dynamic-alloc').tl.warnings.n).toBe(0);
  });
});
