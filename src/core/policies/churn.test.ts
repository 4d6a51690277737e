import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../analysis/metrics.ts';
import { Ev, Ioctl, Note, Path, Place } from '../engine/events.ts';
import type { SimResult } from '../machine/simulate.ts';
import { rowsOf, runSteps, step as s, type Row } from '../testing/harness.ts';

// The two policies of issue 6: dynamic allocation without the cache (the V2 revision of the
// dynamic MSI-X series) and IMS-backed emulation. Every scenario goes through `simulate`.

const set = (a: Uint8Array) => Array.from(a, (x, i) => (x ? i : -1)).filter((i) => i >= 0);
const allocated = (r: SimResult) => set(r.final.host.alloc);
const requested = (r: SimResult) => set(r.final.host.trig);
const opSeq = (r: SimResult, n: number) => rowsOf(r, Ev.GUEST_OP)[n]!.seq;
const opEnd = (r: SimResult, n: number) => rowsOf(r, Ev.GUEST_OP)[n + 1]?.seq ?? r.log.length;
/** Rows of `kinds` made by the n-th guest op. */
const ofOp = (r: SimResult, n: number, ...kinds: Parameters<typeof rowsOf>[1][]): Row[] =>
  rowsOf(r, ...kinds).filter((x) => x.seq >= opSeq(r, n) && x.seq < opEnd(r, n));
const notes = (r: SimResult, code: number) => rowsOf(r, Ev.NOTE).filter((x) => x.a === code);
const metrics = (r: SimResult) => computeMetrics(r.log.columns(), r.final, r.settings.reservationMode);

/** Vectors 0-2 requested, then a neighbour asks for `want` IRQs of a budget of 4 (we hold 3 + nothing spare). */
const tight = (want: number) => ({ host: { irqBudget: 4, neighbor: [{ at: 5_000, irqs: want }] } });
const threeUsed = [s.alloc(0, 3), s.request(1_000, 0), s.request(2_000, 1), s.request(3_000, 2)];

describe('dynamic allocation without the cache (V2 vfio_msi_set_vector_signal)', () => {
  it('on first use allocates like dynamic-alloc: |U ∪ {0}| allocated, |U| requested', () => {
    const r = runSteps(8, [s.alloc(0, 8), s.request(1_000, 3), s.request(2_000, 6)], 'dynamic-nocache');
    expect(allocated(r)).toEqual([0, 3, 6]);
    expect(requested(r)).toEqual([3, 6]);
    expect(rowsOf(r, Ev.HOST_FREE)).toHaveLength(0); // vector 0 never had a trigger, so it is never freed
  });

  it('a guest mask is one SET_IRQS that frees the IRQ and allocates it again (the merged code keeps it)', () => {
    const steps = [s.alloc(0, 2), s.request(1_000, 1), s.disableIrq(2_000, 1)];
    const r = runSteps(8, steps, 'dynamic-nocache');
    expect(
      ofOp(r, 2, Ev.IOCTL, Ev.HOST_FREE_IRQ, Ev.HOST_FREE, Ev.HOST_ALLOC, Ev.HOST_REQUEST).map(
        (x) => `${x.kind} ${x.vec}`,
      ),
    ).toEqual(['ioctl 1', 'host-free-irq 1', 'host-free 1', 'host-alloc 1', 'host-request 1']);
    expect(notes(r, Note.DYN_FREE)).toEqual([expect.objectContaining({ vec: 1, b: 0 })]);
    const cached = runSteps(8, steps, 'dynamic-alloc');
    expect(ofOp(cached, 2, Ev.HOST_FREE, Ev.HOST_ALLOC)).toHaveLength(0);
  });

  it('churns two IRQs (and IRTEs) per affinity change where dynamic-alloc churns none', () => {
    const steps = [s.alloc(0, 2), s.request(1_000, 0), s.affinity(2_000, 0, 3), s.affinity(3_000, 0, 5)];
    const m = metrics(runSteps(8, steps, 'dynamic-nocache'));
    const c = metrics(runSteps(8, steps, 'dynamic-alloc'));
    expect([m.hostIrqAllocs, m.hostIrqFrees]).toEqual([1 + 4, 4]);
    expect([c.hostIrqAllocs, c.hostIrqFrees]).toEqual([1, 0]);
    expect(m.hostOps).toBe(c.hostOps); // same ioctls: the churn is inside the kernel
  });

  it('loses the race for its freed IRQ to a waiting neighbour: the vector is dead and the guest is not told', () => {
    const steps = [
      ...threeUsed,
      s.disableIrq(10_000, 1),
      s.raise(11_000, 1),
      s.enableIrq(12_000, 1),
      s.raise(13_000, 1),
      s.raise(13_000, 2),
    ];
    const r = runSteps(8, steps, 'dynamic-nocache', tight(2));
    expect(notes(r, Note.NEIGHBOR).map((x) => [x.b, x.c])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(rowsOf(r, Ev.HOST_ALLOC_FAIL).map((x) => x.vec)).toEqual([1, 1]); // at the mask, again at the unmask
    expect(rowsOf(r, Ev.IOCTL).filter((x) => x.a === Ioctl.VFIO_SET_IRQS && x.c !== 0)).toHaveLength(2);
    expect(allocated(r)).toEqual([0, 2]);
    expect(r.final.host.enable).toBe(true);
    // Raises on vector 1 latch in the physical PBA (its entry has no IRQ) and never arrive; vector 2 works.
    expect(rowsOf(r, Ev.PEND)).toEqual([expect.objectContaining({ vec: 1, b: Place.HOST_PBA })]);
    expect(rowsOf(r, Ev.RAISE).find((x) => x.vec === 2)!.c).toBe(Path.IRQFD);
    const m = metrics(r);
    expect(m.neverDelivered).toBe(2);
    expect(m.guestVisibleFailures).toBe(0);
  });

  it('the cache (dynamic-alloc) under the same neighbour keeps every vector', () => {
    const steps = [
      ...threeUsed,
      s.disableIrq(10_000, 1),
      s.raise(11_000, 1),
      s.enableIrq(12_000, 1),
      s.raise(13_000, 1),
    ];
    const m = metrics(runSteps(8, steps, 'dynamic-alloc', tight(2)));
    expect([m.allocFailures, m.neverDelivered, m.hostIrqFrees]).toEqual([0, 0, 0]);
  });

  it('recovers the vector on a later mask or unmask once the neighbour has released IRQs, delivering the latched raise late', () => {
    const steps = [
      ...threeUsed,
      s.disableIrq(10_000, 1),
      s.raise(11_000, 1),
      s.enableIrq(12_000, 1),
      s.disableIrq(30_000, 1),
      s.enableIrq(31_000, 1),
    ];
    const r = runSteps(8, steps, 'dynamic-nocache', {
      host: {
        irqBudget: 4,
        neighbor: [
          { at: 5_000, irqs: 2 },
          { at: 20_000, irqs: 0 },
        ],
      },
    });
    expect(allocated(r)).toEqual([0, 1, 2]);
    expect(rowsOf(r, Ev.DELIVER)).toEqual([expect.objectContaining({ vec: 1, t: 31_000, c: 20_000 })]);
    expect(metrics(r).neverDelivered).toBe(0);
  });

  it('frees everything at guest MSI-X disable, like the merged code', () => {
    const r = runSteps(8, [s.alloc(0, 2), s.request(1_000, 1), s.freeVectors(2_000)], 'dynamic-nocache');
    expect(allocated(r)).toEqual([]);
    expect(r.final.host.enable).toBe(false);
  });
});

describe('IMS-backed emulation (our design of the "vfio/pci: Support IMS" RFC)', () => {
  it('guest enable allocates nothing: no vector 0, no MSI-X index to size', () => {
    const r = runSteps(8, [s.alloc(0, 4)], 'ims');
    expect(rowsOf(r, Ev.IOCTL).filter((x) => x.a === Ioctl.VFIO_SET_IRQS)).toEqual([
      expect.objectContaining({ vec: 0, b: 1, c: 0 }),
    ]);
    expect(rowsOf(r, Ev.HOST_ENABLE)).toEqual([expect.objectContaining({ a: 0 })]);
    expect(allocated(r)).toEqual([]);
  });

  it('each first unmask takes one slot for that vector; never a resize or a window', () => {
    const r = runSteps(8, [s.alloc(0, 8), s.request(1_000, 5), s.request(2_000, 2), s.request(3_000, 7)], 'ims');
    expect(allocated(r)).toEqual([2, 5, 7]);
    expect(notes(r, Note.IMS_ALLOC).map((x) => [x.vec, x.b])).toEqual([
      [5, 1],
      [2, 2],
      [7, 3],
    ]);
    expect(rowsOf(r, Ev.WINDOW_OPEN, Ev.HOST_DISABLE)).toHaveLength(0);
    expect(notes(r, Note.RESIZE)).toHaveLength(0);
  });

  it('its budget is the IMS store: past device.imsSlots only the new vector is dead', () => {
    const steps = [
      s.alloc(0, 4),
      s.request(1_000, 0),
      s.request(2_000, 1),
      s.request(3_000, 2),
      s.raise(4_000, 2),
      s.raise(4_000, 0),
    ];
    const r = runSteps(8, steps, 'ims', { device: { imsSlots: 2 } });
    expect(rowsOf(r, Ev.HOST_ALLOC_FAIL)).toEqual([expect.objectContaining({ vec: 2, a: 3, b: 2 })]);
    expect(requested(r)).toEqual([0, 1]);
    expect(rowsOf(r, Ev.RAISE).find((x) => x.vec === 0)!.c).toBe(Path.IRQFD);
    expect(metrics(r).neverDelivered).toBe(1);
    // The MSI-X policies do not draw on the store.
    expect(metrics(runSteps(8, steps, 'dynamic-alloc', { device: { imsSlots: 2 } })).allocFailures).toBe(0);
  });

  it('shares the store with a sibling virtual device (host.neighbor)', () => {
    const steps = [s.alloc(0, 4), s.request(1_000, 0), s.request(2_000, 1)];
    const r = runSteps(8, steps, 'ims', { device: { imsSlots: 3 }, host: { neighbor: [{ at: 0, irqs: 2 }] } });
    expect(requested(r)).toEqual([0]);
    expect(rowsOf(r, Ev.HOST_ALLOC_FAIL)).toEqual([expect.objectContaining({ vec: 1, b: 3 })]);
  });

  it('frees the slot on every trigger change (vfio_pci_ims_set_vector_signal) and takes a new one', () => {
    const r = runSteps(8, [s.alloc(0, 2), s.request(1_000, 1), s.affinity(2_000, 1, 4)], 'ims');
    expect(notes(r, Note.DYN_FREE)).toEqual([
      expect.objectContaining({ vec: 1, b: 1 }),
      expect.objectContaining({ vec: 1, b: 1 }),
    ]);
    expect(metrics(r)).toMatchObject({ hostIrqAllocs: 3, hostIrqFrees: 2 });
  });

  it('a raise before its vector has a slot latches and arrives when the slot is set up', () => {
    const r = runSteps(8, [s.alloc(0, 2), s.raise(500, 1), s.request(1_000, 1)], 'ims');
    expect(rowsOf(r, Ev.PEND)).toEqual([expect.objectContaining({ vec: 1, b: Place.HOST_PBA })]);
    expect(rowsOf(r, Ev.DELIVER)).toEqual([expect.objectContaining({ vec: 1, t: 1_000, c: 500 })]);
  });

  it('composes with other enable values: enable=all allocates slots only for the used vectors', () => {
    const r = runSteps(8, [s.alloc(0, 4), s.request(1_000, 2)], 'ims:enable=all');
    expect(allocated(r)).toEqual([2]);
  });
});
