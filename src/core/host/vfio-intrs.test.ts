import { describe, expect, it } from 'vitest';
import { Ev, Ioctl, Note, Target } from '../engine/events.ts';
import type { Settings } from '../scenario/parse.ts';
import { makeWorld, RecordingSink, rows, rowsOf } from '../testing/harness.ts';
import { HostDevice } from './host-device.ts';
import { EINVAL, ENOSPC, VfioKernel } from './vfio-intrs.ts';

// The host kernel's VFIO_DEVICE_SET_IRQS for the MSI-X index (drivers/vfio/pci/vfio_pci_intrs.c),
// domain.md §3.2b, §3.3 (kernel side of the resize), §3.4 (dynamic), §3.6.

const T = Target.KVM_IRQFD;
const U = Target.USER_EVENTFD;

function kernel(size = 8, dyn = false, settings: Partial<Settings> = {}) {
  const w = makeWorld(size, settings);
  const host = new HostDevice(w, size);
  host.sink = new RecordingSink();
  const k = new VfioKernel(w, host, dyn);
  return { w, host, k };
}

/** A kernel with the INTx index already torn down (what QEMU's vfio_msix_enable does first). */
function msixReady(size = 8, dyn = false, settings: Partial<Settings> = {}) {
  const m = kernel(size, dyn, settings);
  m.k.intxDisable();
  return m;
}

const requested = (host: HostDevice) => Array.from(host.trig, (t, i) => (t ? i : -1)).filter((i) => i >= 0);
const allocated = (host: HostDevice) => Array.from(host.alloc, (a, i) => (a ? i : -1)).filter((i) => i >= 0);

describe('INTx index', () => {
  it('starts in INTx mode and rejects MSI-X SET_IRQS with -EINVAL until INTx is disabled', () => {
    const { w, host, k } = kernel();
    expect(k.irqType).toBe('intx');
    const r = k.setIrqs(0, [T]);
    expect(r.err).toBe(EINVAL);
    expect(w.log.c[r.seq]).toBe(EINVAL);
    expect(host.enable).toBe(false);
  });

  it('intxDisable logs one ioctl and is idempotent', () => {
    const { w, k } = kernel();
    k.intxDisable();
    k.intxDisable();
    expect(rowsOf(w, Ev.IOCTL).map((r) => r.a)).toEqual([Ioctl.VFIO_INTX_DISABLE]);
    expect(k.irqType).toBe('none');
  });

  it('intxEnable runs only from the none state', () => {
    const { w, k } = msixReady();
    k.intxEnable();
    expect(k.irqType).toBe('intx');
    k.intxEnable();
    expect(rowsOf(w, Ev.IOCTL).filter((r) => r.a === Ioctl.VFIO_INTX_ENABLE)).toHaveLength(1);
  });
});

describe('SET_IRQS from irq_type NONE: vfio_msi_enable(start + count) then vfio_msi_set_block', () => {
  it('fd -1 at vector 0 enables host MSI-X with vector 0 allocated but not requested (vfio_enable_msix_no_vec)', () => {
    const { w, host, k } = msixReady();
    const r = k.setIrqs(0, [-1]);
    expect(r.err).toBe(0);
    expect(rowsOf(w, Ev.IOCTL).at(-1)).toMatchObject({ vec: 0, a: Ioctl.VFIO_SET_IRQS, b: 1, c: 0 });
    expect(host.enable).toBe(true);
    expect(allocated(host)).toEqual([0]);
    expect(requested(host)).toEqual([]);
    expect(k.irqType).toBe('msix');
  });

  it('allocates start+count contiguous vectors and requests only those with an fd', () => {
    const { host, k } = msixReady();
    k.setIrqs(0, [T, -1, U]);
    expect(allocated(host)).toEqual([0, 1, 2]);
    expect(requested(host)).toEqual([0, 2]);
    expect(host.trig[2]).toBe(U);
  });

  it('SET_IRQS(k, 1) allocates k+1 vectors and binds only k (the partial recovery of §3.3)', () => {
    const { host, k } = msixReady();
    k.setIrqs(3, [T]);
    expect(allocated(host)).toEqual([0, 1, 2, 3]);
    expect(requested(host)).toEqual([3]);
  });

  it('fails with the host left disabled when the allocation exceeds the budget', () => {
    const { host, k } = msixReady(8, false, { irqBudget: 2 });
    expect(k.setIrqs(0, [T, T, T]).err).toBe(ENOSPC);
    expect(host.enable).toBe(false);
    expect(k.irqType).toBe('none');
  });

  it('disables MSI-X again when binding fails after the enable', () => {
    const { host, k } = msixReady(8, false, { reservationMode: true, cpuVectorBudget: 1 });
    expect(k.setIrqs(0, [T, T]).err).toBe(ENOSPC);
    expect(host.enable).toBe(false);
    expect(host.nAlloc).toBe(0);
    expect(k.irqType).toBe('none');
  });

  it('points every row it causes back to the IOCTL row', () => {
    const { w, k } = msixReady();
    const { seq } = k.setIrqs(0, [T]);
    for (const r of rows(w, seq + 1)) expect(r.cause).toBe(seq);
  });
});

describe('SET_IRQS on an enabled index, static allocation (NORESIZE host, !has_dyn_msix)', () => {
  it('rebinds an allocated vector: free_irq then request_irq with the new target', () => {
    const { w, host, k } = msixReady();
    k.setIrqs(0, [T, T]);
    const from = w.log.length;
    expect(k.setIrqs(1, [U]).err).toBe(0);
    expect(rows(w, from).map((r) => r.kind)).toEqual(['ioctl', 'host-free-irq', 'host-request']);
    expect(host.trig[1]).toBe(U);
  });

  it('fd -1 unbinds a vector and keeps its allocation', () => {
    const { host, k } = msixReady();
    k.setIrqs(0, [T, T]);
    k.setIrqs(0, [-1]);
    expect(requested(host)).toEqual([1]);
    expect(allocated(host)).toEqual([0, 1]);
  });

  it('refuses a vector outside the enabled set with -EINVAL and leaves the others bound', () => {
    const { host, k } = msixReady();
    k.setIrqs(0, [T, T]);
    expect(k.setIrqs(5, [T]).err).toBe(EINVAL);
    expect(requested(host)).toEqual([0, 1]);
    expect(allocated(host)).toEqual([0, 1]);
    expect(host.enable).toBe(true);
  });

  // vfio_msi_set_block: "on error, unwind only [start, j) with fd -1".
  it('on error unwinds the vectors it already bound in this call, but not the allocations', () => {
    const { host, k } = msixReady();
    k.setIrqs(0, [-1, -1]); // two allocated, none bound
    expect(k.setIrqs(0, [T, T, T]).err).toBe(EINVAL); // index 2 is outside the set
    expect(requested(host)).toEqual([]);
    expect(allocated(host)).toEqual([0, 1]);
    expect(host.enable).toBe(true);
  });

  it('does not unwind vectors before start', () => {
    const { host, k } = msixReady();
    k.setIrqs(0, [T, -1, -1]);
    expect(k.setIrqs(1, [T, T, T]).err).toBe(EINVAL); // index 3 is outside
    expect(requested(host)).toEqual([0]);
  });

  it('rejects an index beyond the device table with -EINVAL', () => {
    const { k } = msixReady(4);
    k.setIrqs(0, [-1]);
    expect(k.setIrqs(4, [T]).err).toBe(EINVAL);
  });
});

describe('SET_IRQS on an enabled index, dynamic allocation (has_dyn_msix, Linux >= ~6.5)', () => {
  it('allocates exactly the new index with pci_msix_alloc_irq_at, then requests it', () => {
    const { w, host, k } = msixReady(8, true);
    k.setIrqs(0, [-1]);
    const from = w.log.length;
    expect(k.setIrqs(5, [T]).err).toBe(0);
    expect(rows(w, from).map((r) => `${r.kind} ${r.vec}`)).toEqual([
      'ioctl 5',
      'host-alloc 5',
      'note 5',
      'host-request 5',
    ]);
    expect(rowsOf(w, Ev.NOTE).at(-1)!.a).toBe(Note.DYN_ALLOC);
    expect(allocated(host)).toEqual([0, 5]);
    expect(host.enable).toBe(true);
  });

  it('never toggles host Enable while growing', () => {
    const { w, k } = msixReady(8, true);
    k.setIrqs(0, [-1]);
    for (const v of [3, 1, 7]) k.setIrqs(v, [T]);
    expect(rowsOf(w, Ev.HOST_DISABLE)).toHaveLength(0);
    expect(rowsOf(w, Ev.HOST_ENABLE)).toHaveLength(1);
  });

  it('keeps an unbound vector allocated as a cache and reuses it without a new allocation', () => {
    const { w, host, k } = msixReady(8, true);
    k.setIrqs(0, [-1]);
    k.setIrqs(4, [T]);
    k.setIrqs(4, [-1]);
    expect(allocated(host)).toEqual([0, 4]);
    const from = w.log.length;
    k.setIrqs(4, [U]);
    expect(rows(w, from).map((r) => r.kind)).toEqual(['ioctl', 'host-request']);
  });

  it('a failed allocation kills only the new vector; the others stay bound', () => {
    const { host, k } = msixReady(8, true, { irqBudget: 2 });
    k.setIrqs(0, [-1]);
    k.setIrqs(1, [T]);
    expect(k.setIrqs(2, [T]).err).toBe(ENOSPC);
    expect(requested(host)).toEqual([1]);
    expect(allocated(host)).toEqual([0, 1]);
    expect(host.enable).toBe(true);
  });

  it('a sparse SET_IRQS(0, n) allocates only the indices that have an fd', () => {
    const { host, k } = msixReady(8, true);
    k.setIrqs(0, [-1]);
    k.setIrqs(0, [-1, -1, T, -1, T]);
    expect(allocated(host)).toEqual([0, 2, 4]);
    expect(requested(host)).toEqual([2, 4]);
  });
});

describe('SET_IRQS DATA_NONE count 0 (vfio_device_irq_disable)', () => {
  it('frees every IRQ, clears host Enable and returns to irq_type NONE', () => {
    const { w, host, k } = msixReady();
    k.setIrqs(0, [T, U]);
    const seq = k.disable();
    expect(w.log.c[seq]).toBe(0);
    expect(rowsOf(w, Ev.IOCTL).at(-1)).toMatchObject({ a: Ioctl.VFIO_SET_IRQS_DISABLE, b: 0 });
    expect([host.enable, host.nAlloc, host.nReq, k.irqType]).toEqual([false, 0, 0, 'none']);
    expect(rowsOf(w, Ev.HOST_DISABLE)[0]!.cause).toBe(seq);
  });

  it('answers -EINVAL and changes nothing when MSI-X is not the active index', () => {
    const { w, host, k } = msixReady();
    const seq = k.disable();
    expect(w.log.c[seq]).toBe(EINVAL);
    expect(k.irqType).toBe('none');
    expect(host.enable).toBe(false);
  });

  it('after a disable the next SET_IRQS enables from scratch', () => {
    const { host, k } = msixReady();
    k.setIrqs(0, [T]);
    k.disable();
    expect(k.setIrqs(0, [T, T]).err).toBe(0);
    expect(allocated(host)).toEqual([0, 1]);
  });
});
