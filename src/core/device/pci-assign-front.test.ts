import { describe, expect, it } from 'vitest';
import { Ev, Ignore, Ioctl, Loss, Note, Path } from '../engine/events.ts';
import type { World } from '../engine/world.ts';
import { HostDevice } from '../host/host-device.ts';
import { PciAssign } from '../hv/pci-assign.ts';
import { parsePolicySpec } from '../policies/index.ts';
import type { Settings } from '../scenario/parse.ts';
import { drain, makeWorld, raiseOn, rowsOf } from '../testing/harness.ts';
import {
  ENTRY_ADDR_LO,
  ENTRY_CTRL,
  ENTRY_DATA,
  PCI_MSIX_FLAGS_ENABLE as EN,
  PCI_MSIX_FLAGS_MASKALL as MA,
} from './regs.ts';

// The register front end of QEMU pci-assign (hw/i386/kvm/pci-assign.c), domain.md §1 and §3.1.

function machine(size = 8, spec = 'data-hack', settings: Partial<Settings> = { resizeWindowNs: 0 }) {
  const w = makeWorld(size, settings);
  const host = new HostDevice(w, size);
  const hv = new PciAssign(w, host, parsePolicySpec(spec).axes);
  host.sink = hv;
  return {
    w,
    host,
    hv,
    cfg: (value: number, offset = 2, sz = 2) => drain(hv.configWrite(offset, sz, value)),
    tbl: (v: number, word: number, value: number) => drain(hv.tableWrite(v, word, value)),
    raise: (v: number) => raiseOn(w, v, (vec, id, seq) => host.raise(vec, id, seq)),
  };
}

const ioctls = (w: World, code: number) => rowsOf(w, Ev.IOCTL).filter((r) => r.a === code);

describe('pci-assign: Message Control', () => {
  it('clamps the guest-visible table to KVM_MAX_MSIX_PER_DEV (256) entries', () => {
    const m = machine(300);
    expect(m.hv.front.size).toBe(256);
    expect(m.hv.front.readConfig16(2) & 0x7ff).toBe(255);
  });

  it('keeps Table Size read-only (only Enable and Function Mask are guest-writable)', () => {
    const m = machine(8);
    m.cfg(0xffff);
    expect(m.hv.front.ctrl).toBe(EN | MA | 7);
  });

  it('ignores a config write that does not cover the upper control byte: no assigned_dev_update_msix', () => {
    const m = machine(8);
    m.tbl(0, ENTRY_DATA, 0x4041);
    m.cfg(0x80, 2, 1);
    m.cfg(0xffffffff, 4, 4);
    expect(m.hv.front.enabled).toBe(false);
    expect(rowsOf(m.w, Ev.IGNORED).map((r) => r.a)).toEqual([Ignore.READ_ONLY, Ignore.READ_ONLY]);
    expect(rowsOf(m.w, Ev.IOCTL, Ev.NOTE)).toHaveLength(0);
  });

  it('starts with every entry masked', () => {
    const m = machine(8);
    for (let v = 0; v < 8; v++) expect(m.hv.front.entryMasked(v)).toBe(true);
  });
});

// domain.md §3.1 Trigger 1: any write covering the upper control byte runs assigned_dev_update_msix.
describe('pci-assign: config writes covering the control byte', () => {
  it('enabling with every Data field 0 allocates nothing ("valid to enable MSI-X with all entries masked")', () => {
    const m = machine(8);
    m.cfg(EN);
    expect(rowsOf(m.w, Ev.NOTE)).toEqual([expect.objectContaining({ a: Note.DATA_COUNT, b: 0 })]);
    expect(m.host.enable).toBe(false);
    expect(ioctls(m.w, Ioctl.KVM_ASSIGN_DEV_IRQ)).toHaveLength(0);
  });

  it('enabling assigns (allocates and requests) every entry whose data != 0, masked or not', () => {
    const m = machine(8);
    m.tbl(1, ENTRY_DATA, 0x4041);
    m.tbl(3, ENTRY_DATA, 0x4042);
    m.cfg(EN);
    expect(m.host.enable).toBe(true);
    expect(Array.from(m.host.alloc)).toEqual([0, 1, 0, 1, 0, 0, 0, 0]);
    expect(m.host.nReq).toBe(2);
    expect(ioctls(m.w, Ioctl.KVM_ASSIGN_SET_MSIX_NR)[0]).toMatchObject({ b: 2 });
    expect(ioctls(m.w, Ioctl.KVM_ASSIGN_SET_MSIX_ENTRY).map((r) => r.vec)).toEqual([1, 3]);
    expect(m.hv.front.entryMasked(1) && m.hv.front.entryMasked(3)).toBe(true);
  });

  it('a Function-Mask-only write still tears down and re-assigns every vector', () => {
    const m = machine(8);
    m.tbl(0, ENTRY_DATA, 0x4041);
    m.cfg(EN);
    m.cfg(EN | MA);
    m.cfg(EN);
    // The first enable also deassigns (Enable is set): that tears down the INTx assign_intx set up at
    // realize, so it succeeds too (kvm_deassign_irq answers -ENXIO only when nothing is assigned).
    expect(ioctls(m.w, Ioctl.KVM_DEASSIGN_DEV_IRQ).map((r) => r.c === 0)).toEqual([true, true, true]);
    expect(ioctls(m.w, Ioctl.KVM_ASSIGN_DEV_IRQ).map((r) => r.c)).toEqual([0, 0, 0]);
    expect(m.host.enable).toBe(true);
  });

  it('answers -ENXIO to a deassign when neither MSI-X nor INTx is assigned (enabled with every Data 0, then re-written)', () => {
    const m = machine(8);
    m.cfg(EN); // frees the INTx; no entry has data: host stays off, nothing assigned
    m.cfg(EN);
    expect(ioctls(m.w, Ioctl.KVM_DEASSIGN_DEV_IRQ).map((r) => r.c)).toEqual([0, 6]);
  });

  it('a rewrite of the same control value also re-runs the update', () => {
    const m = machine(8);
    m.tbl(0, ENTRY_DATA, 0x4041);
    m.cfg(EN);
    m.cfg(EN);
    expect(ioctls(m.w, Ioctl.KVM_ASSIGN_DEV_IRQ)).toHaveLength(2);
  });

  it('opens a host window (Enable 0) during each re-setup of an enabled host', () => {
    const m = machine(8, 'data-hack', { resizeWindowNs: 7000 });
    m.tbl(0, ENTRY_DATA, 0x4041);
    m.cfg(EN);
    const waited = drain(m.hv.configWrite(2, 2, EN | MA));
    expect(waited).toBe(7000);
    expect(rowsOf(m.w, Ev.WINDOW_OPEN)).toHaveLength(1);
    expect(rowsOf(m.w, Ev.WINDOW_CLOSE)).toEqual([expect.objectContaining({ c: 7000 })]);
  });

  it('clearing Enable deassigns and switches back to INTx without re-assigning', () => {
    const m = machine(8);
    m.tbl(0, ENTRY_DATA, 0x4041);
    m.cfg(EN);
    m.cfg(0);
    expect(m.host.enable).toBe(false);
    expect(m.host.nAlloc).toBe(0);
    expect(ioctls(m.w, Ioctl.KVM_ASSIGN_DEV_IRQ)).toHaveLength(1);
  });

  it('logs GUEST_MASK transitions for unmasked entries when Function Mask toggles', () => {
    const m = machine(4);
    m.cfg(EN);
    m.tbl(2, ENTRY_CTRL, 0);
    const from = m.w.log.length;
    m.cfg(EN | MA);
    expect(rowsOf(m.w, Ev.GUEST_MASK).filter((r) => r.seq >= from)).toEqual([
      expect.objectContaining({ vec: 2, a: 1 }),
    ]);
  });
});

// domain.md §3.1 Trigger 2: assigned_dev_msix_mmio_write acts only while Enable is set.
describe('pci-assign: table writes', () => {
  it('does nothing on the host for table writes while Enable is clear', () => {
    const m = machine(8);
    m.tbl(0, ENTRY_DATA, 0x4041);
    m.tbl(0, ENTRY_CTRL, 0);
    expect(rowsOf(m.w, Ev.IOCTL)).toHaveLength(0);
  });

  it('unmasking an entry without a host vector does a full deassign + assign ("start from scratch")', () => {
    const m = machine(8);
    m.cfg(EN);
    m.tbl(5, ENTRY_DATA, 0x4041);
    m.tbl(5, ENTRY_CTRL, 0);
    expect(ioctls(m.w, Ioctl.KVM_ASSIGN_DEV_IRQ)).toHaveLength(1);
    expect(m.hv.virq[5]).toBe(1);
    expect(m.host.trig[5]).not.toBe(0);
  });

  it('unmasking an entry that has a host vector only updates its route: no ioctl', () => {
    const m = machine(8);
    m.tbl(0, ENTRY_DATA, 0x4041);
    m.cfg(EN);
    const before = rowsOf(m.w, Ev.IOCTL).length;
    m.tbl(0, ENTRY_CTRL, 0);
    expect(rowsOf(m.w, Ev.IOCTL)).toHaveLength(before);
  });

  it('masking an entry does nothing on the host', () => {
    const m = machine(8);
    m.tbl(0, ENTRY_DATA, 0x4041);
    m.cfg(EN);
    m.tbl(0, ENTRY_CTRL, 0);
    const before = rowsOf(m.w, Ev.IOCTL).length;
    m.tbl(0, ENTRY_CTRL, 1);
    expect(rowsOf(m.w, Ev.IOCTL)).toHaveLength(before);
    expect(m.host.trig[0]).not.toBe(0);
  });

  it('drops a write to an entry beyond the clamped table', () => {
    const m = machine(300);
    m.tbl(260, ENTRY_CTRL, 0);
    expect(rowsOf(m.w, Ev.IGNORED)).toEqual([expect.objectContaining({ vec: 260, a: Ignore.ENTRY_OUT_OF_RANGE })]);
    expect(rowsOf(m.w, Ev.TBL_WRITE)).toHaveLength(0);
  });

  it('logs a NOTE for a message change on an unmasked entry while enabled', () => {
    const m = machine(8);
    m.tbl(0, ENTRY_DATA, 0x4041);
    m.cfg(EN);
    m.tbl(0, ENTRY_CTRL, 0);
    m.tbl(0, ENTRY_ADDR_LO, 0xfee01000);
    expect(rowsOf(m.w, Ev.NOTE).filter((r) => r.a === Note.MSG_WHILE_UNMASKED)).toEqual([
      expect.objectContaining({ vec: 0 }),
    ]);
  });
});

// No PBA in KVM assignment, and no mask either: raises on masked entries are injected through the route
// (kvm_assigned_dev_thread_msix); the masked-injection cases are in hv/pci-assign-masked.test.ts.
describe('pci-assign: raises', () => {
  it('delivers a raise on an unmasked, assigned entry in the same instant (KVM assigned path)', () => {
    const m = machine(8);
    m.tbl(0, ENTRY_DATA, 0x4041);
    m.cfg(EN);
    m.tbl(0, ENTRY_CTRL, 0);
    m.raise(0);
    expect(rowsOf(m.w, Ev.RAISE)[0]).toMatchObject({ c: Path.KVM_ASSIGNED });
  });

  it('injects a raise on a masked (but assigned) entry with no handler behind its message: stale-route, no pending bit', () => {
    const m = machine(8);
    m.tbl(0, ENTRY_DATA, 0x4041);
    m.cfg(EN);
    const id = m.raise(0);
    const note = rowsOf(m.w, Ev.NOTE).find((r) => r.a === Note.DATA_COUNT)!;
    expect(rowsOf(m.w, Ev.LOST)).toEqual([
      expect.objectContaining({ vec: 0, a: id, b: Loss.STALE_ROUTE, cause: note.seq }),
    ]);
    expect(rowsOf(m.w, Ev.PEND)).toHaveLength(0);
    m.tbl(0, ENTRY_CTRL, 0);
    expect(rowsOf(m.w, Ev.DELIVER)).toHaveLength(0);
  });

  it('loses a raise while the guest has MSI-X enabled but the host is off (all Data 0)', () => {
    const m = machine(8);
    m.cfg(EN);
    m.raise(1);
    expect(rowsOf(m.w, Ev.LOST)[0]).toMatchObject({ b: Loss.HOST_MSIX_OFF });
  });
});
