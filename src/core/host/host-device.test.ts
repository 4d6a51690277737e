import { describe, expect, it } from 'vitest';
import { Ev, Loss, Note, Place, Target } from '../engine/events.ts';
import type { Settings } from '../scenario/parse.ts';
import { makeWorld, raiseOn, RecordingSink, rows, rowsOf } from '../testing/harness.ts';
import { HostDevice } from './host-device.ts';

// The physical device plus the host's PCI/MSI core (domain.md §1.5, §3.3-3.4, §4.1).

function device(size = 8, settings: Partial<Settings> = {}) {
  const w = makeWorld(size, settings);
  const host = new HostDevice(w, size);
  const sink = new RecordingSink();
  host.sink = sink;
  const raise = (v: number) => raiseOn(w, v, (vec, id, seq) => host.raise(vec, id, seq));
  return { w, host, sink, raise };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('HostDevice.enableMsix (msix_capability_init)', () => {
  it('sets Enable and allocates one IRQ per listed index', () => {
    const { w, host } = device(8);
    expect(host.enableMsix([0, 1, 2])).toBe(true);
    expect(host.enable).toBe(true);
    expect(host.nAlloc).toBe(3);
    expect(rows(w).map((r) => [r.kind, r.vec])).toEqual([
      ['host-enable', -1],
      ['host-alloc', 0],
      ['host-alloc', 1],
      ['host-alloc', 2],
    ]);
    expect(rowsOf(w, Ev.HOST_ENABLE)[0]!.a).toBe(3);
  });

  it('allocates but does not request: every entry stays masked in hardware', () => {
    const { host } = device(4);
    host.enableMsix([0, 1]);
    expect(host.nReq).toBe(0);
    expect(Array.from(host.trig)).toEqual([0, 0, 0, 0]);
  });

  it('refuses an empty allocation without logging anything', () => {
    const { w, host } = device(4);
    expect(host.enableMsix([])).toBe(false);
    expect(host.enable).toBe(false);
    expect(w.log.length).toBe(0);
  });

  it('throws when host MSI-X is already enabled (callers must shut down first)', () => {
    const { host } = device(4);
    host.enableMsix([0]);
    expect(() => host.enableMsix([1])).toThrow(/already enabled/);
  });
});

// domain.md §4.1: IRTE per allocated IRQ (irqBudget); CPU vectors per requested IRQ in reservation mode, else per allocated.
describe('HostDevice budgets', () => {
  it('fails the whole allocation when it exceeds irqBudget (all or nothing)', () => {
    const { w, host } = device(8, { irqBudget: 3 });
    expect(host.enableMsix(range(4))).toBe(false);
    expect(host.enable).toBe(false);
    expect(host.nAlloc).toBe(0);
    expect(rowsOf(w, Ev.HOST_ALLOC_FAIL)).toEqual([expect.objectContaining({ vec: -1, a: 4, b: 3 })]);
    expect(rowsOf(w, Ev.HOST_ALLOC, Ev.HOST_ENABLE)).toHaveLength(0);
  });

  it('allows an allocation exactly at irqBudget', () => {
    const { host } = device(8, { irqBudget: 4 });
    expect(host.enableMsix(range(4))).toBe(true);
  });

  it('in reservation mode an allocation holds no CPU vector: cpuVectorBudget does not limit it', () => {
    const { host } = device(8, { reservationMode: true, cpuVectorBudget: 1 });
    expect(host.enableMsix(range(8))).toBe(true);
    expect(host.cpuVectors).toBe(0);
  });

  it('in reservation mode request_irq assigns the CPU vector and fails past cpuVectorBudget', () => {
    const { w, host } = device(8, { reservationMode: true, cpuVectorBudget: 2 });
    host.enableMsix(range(4));
    expect(host.requestIrq(0, Target.KVM_IRQFD)).toBe(true);
    expect(host.requestIrq(1, Target.KVM_IRQFD)).toBe(true);
    expect(host.requestIrq(2, Target.KVM_IRQFD)).toBe(false);
    expect(host.cpuVectors).toBe(2);
    expect(host.trig[2]).toBe(0);
    expect(rowsOf(w, Ev.HOST_REQUEST_FAIL)).toEqual([expect.objectContaining({ vec: 2, a: 2, b: 2 })]);
  });

  it('without reservation mode every allocated IRQ holds a CPU vector, so cpuVectorBudget limits allocation', () => {
    const { w, host } = device(8, { reservationMode: false, cpuVectorBudget: 3 });
    expect(host.enableMsix(range(4))).toBe(false);
    expect(rowsOf(w, Ev.HOST_ALLOC_FAIL)).toEqual([expect.objectContaining({ a: 4, b: 3 })]);
    expect(host.enableMsix(range(3))).toBe(true);
    expect(host.cpuVectors).toBe(3);
  });

  it('without reservation mode request_irq needs no further CPU vector', () => {
    const { host } = device(8, { reservationMode: false, cpuVectorBudget: 2 });
    host.enableMsix([0, 1]);
    expect(host.requestIrq(0, Target.KVM_IRQFD)).toBe(true);
    expect(host.requestIrq(1, Target.KVM_IRQFD)).toBe(true);
    expect(host.cpuVectors).toBe(2);
  });

  it('reports the tighter of the two budgets when not in reservation mode', () => {
    const { w, host } = device(8, { reservationMode: false, irqBudget: 2, cpuVectorBudget: 5 });
    host.enableMsix(range(3));
    expect(rowsOf(w, Ev.HOST_ALLOC_FAIL)[0]).toMatchObject({ a: 3, b: 2 });
  });
});

// domain.md §3.4: pci_msix_alloc_irq_at, -ENOTSUPP unless dev->msix_enabled.
describe('HostDevice.allocAt (pci_msix_alloc_irq_at)', () => {
  it('fails while host MSI-X is disabled', () => {
    const { w, host } = device(8);
    expect(host.allocAt(3)).toBe(false);
    expect(w.log.length).toBe(0);
  });

  it('allocates exactly the requested index', () => {
    const { w, host } = device(8);
    host.enableMsix([0]);
    expect(host.allocAt(5)).toBe(true);
    expect(Array.from(host.alloc)).toEqual([1, 0, 0, 0, 0, 1, 0, 0]);
    expect(rowsOf(w, Ev.HOST_ALLOC).at(-1)).toMatchObject({ vec: 5 });
  });

  it('succeeds without a new allocation for an index already allocated', () => {
    const { w, host } = device(8);
    host.enableMsix([0]);
    const before = w.log.length;
    expect(host.allocAt(0)).toBe(true);
    expect(w.log.length).toBe(before);
    expect(host.nAlloc).toBe(1);
  });

  it('fails one index past irqBudget and names it', () => {
    const { w, host } = device(8, { irqBudget: 2 });
    host.enableMsix([0]);
    expect(host.allocAt(1)).toBe(true);
    expect(host.allocAt(6)).toBe(false);
    expect(rowsOf(w, Ev.HOST_ALLOC_FAIL)).toEqual([expect.objectContaining({ vec: 6, a: 3, b: 2 })]);
    expect(host.alloc[6]).toBe(0);
  });
});

describe('HostDevice.requestIrq / freeIrq', () => {
  it('refuses to request an index that is not allocated, or while disabled', () => {
    const { host } = device(4);
    expect(host.requestIrq(0, Target.KVM_IRQFD)).toBe(false);
    host.enableMsix([0]);
    expect(host.requestIrq(1, Target.KVM_IRQFD)).toBe(false);
  });

  it('records the trigger target and logs HOST_REQUEST', () => {
    const { w, host } = device(4);
    host.enableMsix([0, 1]);
    host.requestIrq(1, Target.USER_EVENTFD);
    expect(host.trig[1]).toBe(Target.USER_EVENTFD);
    expect(host.nReq).toBe(1);
    expect(rowsOf(w, Ev.HOST_REQUEST)).toEqual([expect.objectContaining({ vec: 1, a: Target.USER_EVENTFD })]);
  });

  it('free_irq masks the entry again but keeps the allocation', () => {
    const { w, host } = device(4);
    host.enableMsix([0]);
    host.requestIrq(0, Target.KVM_IRQFD);
    host.freeIrq(0);
    expect(host.trig[0]).toBe(0);
    expect(host.nReq).toBe(0);
    expect(host.alloc[0]).toBe(1);
    expect(rowsOf(w, Ev.HOST_FREE_IRQ)).toHaveLength(1);
  });

  it('free_irq of an entry that is not requested does nothing', () => {
    const { w, host } = device(4);
    host.enableMsix([0]);
    const before = w.log.length;
    host.freeIrq(0);
    expect(w.log.length).toBe(before);
  });
});

// domain.md §1.5: a masked vector raised sets the PBA bit and is sent on unmask.
describe('HostDevice raises and the physical PBA', () => {
  it('sends a raise on a requested entry to its target at once', () => {
    const { w, host, sink, raise } = device(4);
    host.enableMsix([0]);
    host.requestIrq(0, Target.KVM_IRQFD);
    const id = raise(0);
    expect(sink.fired).toEqual([{ vec: 0, target: Target.KVM_IRQFD, id, cause: rowsOf(w, Ev.RAISE)[0]!.seq }]);
  });

  it('signals INTx when host MSI-X Enable is 0', () => {
    const { w, sink, raise } = device(4);
    const id = raise(2);
    expect(sink.intxs).toEqual([{ vec: 2, id, cause: rowsOf(w, Ev.RAISE)[0]!.seq }]);
    expect(sink.fired).toHaveLength(0);
  });

  it('latches a raise on an allocated but not requested entry in the PBA', () => {
    const { w, host, sink, raise } = device(4);
    host.enableMsix([0]);
    const id = raise(0);
    expect(host.pba[0]).toBe(id);
    expect(rowsOf(w, Ev.PEND)).toEqual([expect.objectContaining({ vec: 0, a: id, b: Place.HOST_PBA })]);
    expect(sink.fired).toHaveLength(0);
  });

  it('latches a raise on an index that is not allocated at all', () => {
    const { host, raise } = device(4);
    host.enableMsix([0]);
    const id = raise(3);
    expect(host.pba[3]).toBe(id);
  });

  it('coalesces further raises into the latched bit', () => {
    const { w, host, raise } = device(4);
    host.enableMsix([0]);
    const first = raise(0);
    raise(0);
    expect(rowsOf(w, Ev.COALESCE)).toEqual([expect.objectContaining({ vec: 0, b: Place.HOST_PBA, c: first })]);
    expect(host.heldCount()).toBe(1);
  });

  it('sends the latched raise when the entry is requested (unmasked)', () => {
    const { w, host, sink, raise } = device(4);
    host.enableMsix([0]);
    const id = raise(0);
    host.requestIrq(0, Target.KVM_IRQFD);
    const req = rowsOf(w, Ev.HOST_REQUEST)[0]!;
    expect(rowsOf(w, Ev.HOST_PBA_CLR)).toEqual([expect.objectContaining({ vec: 0, a: 0, seq: req.seq + 1 })]);
    expect(sink.fired).toEqual([{ vec: 0, target: Target.KVM_IRQFD, id, cause: req.seq }]);
    expect(host.pba[0]).toBe(-1);
  });

  it('latches again between free_irq and the next request_irq', () => {
    const { host, sink, raise } = device(4);
    host.enableMsix([0]);
    host.requestIrq(0, Target.KVM_IRQFD);
    host.freeIrq(0);
    const id = raise(0);
    expect(sink.fired).toHaveLength(0);
    host.requestIrq(0, Target.USER_EVENTFD);
    expect(sink.fired).toEqual([expect.objectContaining({ id, target: Target.USER_EVENTFD })]);
  });

  it('loses a raise on a masked entry when the device does not latch (device.latchMasked=false)', () => {
    const { w, host, raise } = device(4, { latchMasked: false });
    host.enableMsix([0]);
    const id = raise(0);
    expect(rowsOf(w, Ev.LOST)).toEqual([expect.objectContaining({ vec: 0, a: id, b: Loss.DEVICE_NO_LATCH })]);
    expect(host.pba[0]).toBe(-1);
  });
});

// domain.md §1.5 "Pending bits across an Enable 1->0->1 cycle. Unknown ... a configurable device property."
describe('HostDevice.shutdown (pci_msix_shutdown + free)', () => {
  it('frees requested IRQs, clears Enable, then frees every allocation, in that order', () => {
    const { w, host } = device(4);
    host.enableMsix([0, 1, 2]);
    host.requestIrq(1, Target.KVM_IRQFD);
    const from = w.log.length;
    host.shutdown();
    expect(rows(w, from).map((r) => `${r.kind} ${r.vec}`)).toEqual([
      'host-free-irq 1',
      'host-disable -1',
      'host-free 0',
      'host-free 1',
      'host-free 2',
    ]);
    expect([host.enable, host.nAlloc, host.nReq]).toEqual([false, 0, 0]);
    expect(host.disableSeq).toBe(from + 1);
  });

  it('does nothing when already disabled', () => {
    const { w, host } = device(4);
    host.shutdown();
    expect(w.log.length).toBe(0);
    expect(host.disableSeq).toBe(-1);
  });

  it('clears latched PBA bits and loses their raises when pbaSurvivesDisable is false (the default)', () => {
    const { w, host, raise } = device(4);
    host.enableMsix([0, 1]);
    const id = raise(1);
    host.shutdown();
    expect(host.pba[1]).toBe(-1);
    expect(rowsOf(w, Ev.HOST_PBA_CLR)).toEqual([expect.objectContaining({ vec: 1, a: 1 })]);
    expect(rowsOf(w, Ev.LOST)).toEqual([
      expect.objectContaining({ vec: 1, a: id, b: Loss.PBA_CLEARED, cause: host.disableSeq }),
    ]);
  });

  it('keeps latched PBA bits across disable when pbaSurvivesDisable is true, and sends them at the next request_irq', () => {
    const { w, host, sink, raise } = device(4, { pbaSurvivesDisable: true });
    host.enableMsix([0, 1]);
    const id = raise(1);
    host.shutdown();
    expect(host.pba[1]).toBe(id);
    expect(rowsOf(w, Ev.LOST, Ev.HOST_PBA_CLR)).toHaveLength(0);
    host.enableMsix([0, 1]);
    host.requestIrq(1, Target.KVM_IRQFD);
    expect(sink.fired).toEqual([expect.objectContaining({ vec: 1, id })]);
  });

  it('lets the device fall back to INTx after shutdown', () => {
    const { host, sink, raise } = device(4);
    host.enableMsix([0]);
    host.requestIrq(0, Target.KVM_IRQFD);
    host.shutdown();
    raise(0);
    expect(sink.intxs).toHaveLength(1);
    expect(sink.fired).toHaveLength(0);
  });
});

// host.neighbor: another device drawing on the same budget (our model of the race for a freed IRQ).
describe('HostDevice neighbour and single frees', () => {
  const held = (w: ReturnType<typeof makeWorld>) =>
    rowsOf(w, Ev.NOTE)
      .filter((r) => r.a === Note.NEIGHBOR)
      .map((r) => [r.b, r.c]);

  it('takes what the budget has free and waits for the rest', () => {
    const { w, host } = device(8, { irqBudget: 4 });
    host.enableMsix([0, 1, 2]);
    host.neighborWants(3);
    expect(host.neighbor).toBe(1);
    expect(held(w)).toEqual([[1, 3]]);
  });

  it('shrinks what this device may allocate', () => {
    const { w, host } = device(8, { irqBudget: 4 });
    host.enableMsix([0]);
    host.neighborWants(3);
    expect(host.allocAt(1)).toBe(false);
    expect(rowsOf(w, Ev.HOST_ALLOC_FAIL).at(-1)).toMatchObject({ vec: 1, a: 5, b: 4 });
  });

  it('takes an IRQ this device frees at once while it still wants more (it wins the race)', () => {
    const { w, host } = device(8, { irqBudget: 3 });
    host.enableMsix([0, 1, 2]);
    host.neighborWants(1);
    expect(host.neighbor).toBe(0);
    host.freeOne(2);
    expect(host.neighbor).toBe(1);
    expect(host.allocAt(2)).toBe(false);
    expect(rowsOf(w, Ev.HOST_FREE).map((r) => r.vec)).toEqual([2]);
  });

  it('takes what a whole shutdown frees, up to what it wants', () => {
    const { host } = device(8, { irqBudget: 4 });
    host.enableMsix([0, 1, 2, 3]);
    host.neighborWants(2);
    host.shutdown();
    expect(host.neighbor).toBe(2);
    expect(host.enableMsix([0, 1, 2])).toBe(false);
  });

  it('releases the excess when it wants less, and never exceeds what it wants', () => {
    const { w, host } = device(8, { irqBudget: 10 });
    host.neighborWants(4);
    host.neighborWants(1);
    host.enableMsix([0]);
    host.freeOne(0);
    expect(host.neighbor).toBe(1);
    expect(held(w)).toEqual([
      [4, 4],
      [1, 1],
    ]);
  });

  it('freeOne refuses an index that is still requested or not allocated', () => {
    const { host } = device(8);
    host.enableMsix([0]);
    host.requestIrq(0, Target.KVM_IRQFD);
    expect(() => host.freeOne(0)).toThrow(/still requested/);
    expect(() => host.freeOne(1)).toThrow(/not allocated/);
  });

  it('an IMS store (slotBudget) caps allocations below irqBudget', () => {
    const { w, host } = device(8, { irqBudget: 100 });
    host.slotBudget = 2;
    host.enableIms();
    expect(rowsOf(w, Ev.HOST_ENABLE)).toEqual([expect.objectContaining({ a: 0 })]);
    expect([0, 1, 2].map((v) => host.allocAt(v))).toEqual([true, true, false]);
    expect(rowsOf(w, Ev.HOST_ALLOC_FAIL)).toEqual([expect.objectContaining({ vec: 2, a: 3, b: 2 })]);
  });
});
