import { describe, expect, it } from 'vitest';
import { Ev, Ioctl, Target } from '../engine/events.ts';
import type { Settings } from '../scenario/parse.ts';
import { makeWorld, RecordingSink, rowsOf } from '../testing/harness.ts';
import { HostDevice } from './host-device.ts';
import { KvmAssign } from './kvm-assign.ts';
import { ENOSPC, ENXIO } from './vfio-intrs.ts';

// Legacy KVM device assignment's MSI-X ioctls as pci-assign drives them (domain.md §3.1).

function kvm(size = 8, settings: Partial<Settings> = {}) {
  const w = makeWorld(size, settings);
  const host = new HostDevice(w, size);
  host.sink = new RecordingSink();
  return { w, host, kvm: new KvmAssign(w, host) };
}

function assignEntries(k: KvmAssign, entries: number[]) {
  k.initVectors(entries.length);
  for (const e of entries) k.setVector(e);
  return k.assign();
}

describe('KvmAssign.assign (KVM_ASSIGN_DEV_IRQ)', () => {
  it('logs SET_MSIX_NR, one SET_MSIX_ENTRY per entry, then ASSIGN_DEV_IRQ', () => {
    const { w, kvm: k } = kvm();
    assignEntries(k, [1, 3]);
    expect(rowsOf(w, Ev.IOCTL).map((r) => [r.a, r.vec, r.b])).toEqual([
      [Ioctl.KVM_ASSIGN_SET_MSIX_NR, -1, 2],
      [Ioctl.KVM_ASSIGN_SET_MSIX_ENTRY, 1, 1],
      [Ioctl.KVM_ASSIGN_SET_MSIX_ENTRY, 3, 1],
      [Ioctl.KVM_ASSIGN_DEV_IRQ, -1, 2],
    ]);
  });

  it('enables host MSI-X with exactly the listed entries and binds every one of them to KVM', () => {
    const { host, kvm: k } = kvm();
    const r = assignEntries(k, [1, 3]);
    expect(r.err).toBe(0);
    expect(k.assigned).toBe(true);
    expect(Array.from(host.alloc)).toEqual([0, 1, 0, 1, 0, 0, 0, 0]);
    expect(host.trig[1]).toBe(Target.KVM_ASSIGNED);
    expect(host.trig[3]).toBe(Target.KVM_ASSIGNED);
    expect(host.nReq).toBe(2);
  });

  it('a new SET_MSIX_NR starts a fresh entry list', () => {
    const { host, kvm: k } = kvm();
    k.initVectors(2);
    k.setVector(0);
    k.setVector(1);
    k.initVectors(1);
    k.setVector(5);
    k.assign();
    expect(Array.from(host.alloc)).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('fails with -ENOSPC and leaves the host off when the IRQ budget is too small', () => {
    const { w, host, kvm: k } = kvm(8, { irqBudget: 1 });
    const r = assignEntries(k, [0, 1]);
    expect(r.err).toBe(ENOSPC);
    expect(w.log.c[r.seq]).toBe(ENOSPC);
    expect(host.enable).toBe(false);
    expect(k.assigned).toBe(false);
  });

  it('fails with -ENOSPC and shuts the host down again when a request_irq fails', () => {
    const { w, host, kvm: k } = kvm(8, { reservationMode: true, cpuVectorBudget: 1 });
    const r = assignEntries(k, [0, 1]);
    expect(r.err).toBe(ENOSPC);
    expect(host.enable).toBe(false);
    expect(host.nAlloc).toBe(0);
    expect(rowsOf(w, Ev.HOST_REQUEST_FAIL)).toHaveLength(1);
  });
});

describe('KvmAssign.deassign (KVM_DEASSIGN_DEV_IRQ)', () => {
  it('answers -ENXIO when nothing is assigned', () => {
    const { w, host, kvm: k } = kvm();
    const r = k.deassign();
    expect(r.err).toBe(ENXIO);
    expect(w.log.c[r.seq]).toBe(ENXIO);
    expect(host.disableSeq).toBe(-1);
  });

  it('frees every vector and disables host MSI-X', () => {
    const { w, host, kvm: k } = kvm();
    assignEntries(k, [0, 2]);
    const r = k.deassign();
    expect(r.err).toBe(0);
    expect([host.enable, host.nAlloc, host.nReq, k.assigned]).toEqual([false, 0, 0, false]);
    expect(rowsOf(w, Ev.HOST_DISABLE)[0]!.cause).toBe(r.seq);
  });

  it('answers 0 and frees the INTx when only INTx is assigned (kvm_deassign_irq: -ENXIO only if irq_requested_type is 0)', () => {
    const { w, host, kvm: k } = kvm();
    k.intxAssigned = true;
    const r = k.deassign();
    expect(r.err).toBe(0);
    expect(w.log.c[r.seq]).toBe(0);
    expect(k.intxAssigned).toBe(false);
    expect(host.disableSeq).toBe(-1); // MSI-X was never on: nothing to shut down
    expect(k.deassign().err).toBe(ENXIO);
  });

  it('allows a re-assign after a deassign', () => {
    const { host, kvm: k } = kvm();
    assignEntries(k, [0]);
    k.deassign();
    expect(assignEntries(k, [0, 1, 2]).err).toBe(0);
    expect(host.nAlloc).toBe(3);
  });
});
