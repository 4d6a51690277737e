import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../analysis/metrics.ts';
import {
  ENTRY_ADDR_LO,
  ENTRY_CTRL,
  ENTRY_DATA,
  PCI_MSIX_FLAGS_ENABLE as EN,
  PCI_MSIX_FLAGS_MASKALL as MA,
} from '../device/regs.ts';
import { Ev, Loss, Note, Path, Place } from '../engine/events.ts';
import type { SimResult } from '../machine/simulate.ts';
import { GuestHandlers } from '../guest/handlers.ts';
import { HostDevice } from '../host/host-device.ts';
import { parsePolicySpec } from '../policies/index.ts';
import { drain, makeWorld, raiseOn, rowsOf, runSteps, step as s } from '../testing/harness.ts';
import { PciAssign } from './pci-assign.ts';

// The data hack's masked raises, after the kernel code rather than QEMU's XXX comment:
// - arch/x86/kvm/assigned-dev.c kvm_assigned_dev_thread_msix: index -> guest_msix_entries[index].vector
//   -> kvm_assigned_dev_raise_guest_irq -> kvm_set_irq, with no mask check (and KVM has no MSI-X
//   mask state: kvm_vm_ioctl_assign_irq's "TODO Deal with KVM_DEV_IRQ_ASSIGNED_MASK_MSIX").
// - hw/i386/kvm/pci-assign.c assigned_dev_msix_mmio_write: the mask branch is empty; an unmask of an
//   entry with a virq only calls kvm_irqchip_update_msi_route; assigned_dev_update_msix_mmio adds each
//   route with kvm_irqchip_add_msi_route from the table as it is.
// So a masked raise is injected with the route's last message: delivered while masked when the
// driver's handler listens on it, a spurious injection (stale-route) when nothing does.

const metrics = (r: SimResult) => computeMetrics(r.log, r.final, r.settings.reservationMode);
const raiseRow = (r: SimResult, n = 0) => rowsOf(r, Ev.RAISE)[n]!;

describe('data hack: a raise on a masked entry that has a KVM route is injected', () => {
  it("with the driver's own message (disable_irq keeps the handler): delivered while masked", () => {
    const r = runSteps(8, [s.alloc(0, 2), s.request(1000, 1), s.disableIrq(2000, 1), s.raise(3000, 1)], 'data-hack');
    expect(r.final.guest.table[1 * 4 + ENTRY_CTRL]! & 1).toBe(1); // the guest has it masked
    expect(raiseRow(r)).toMatchObject({ vec: 1, c: Path.KVM_ASSIGNED_MASKED }); // delivered in the same instant
    expect(rowsOf(r, Ev.LOST)).toHaveLength(0);
    const m = metrics(r);
    expect(m).toMatchObject({ raised: 1, delivered: 1, lost: 0, deliveredWhileMasked: 1, spuriousInjections: 0 });
  });

  it('with the 0x40EF placeholder written before request_irq: a spurious injection, lost for the driver (stale-route)', () => {
    const r = runSteps(8, [s.alloc(0, 2), s.raise(1000, 1), s.request(2000, 1)], 'data-hack');
    const lost = rowsOf(r, Ev.LOST);
    expect(lost).toEqual([expect.objectContaining({ vec: 1, b: Loss.STALE_ROUTE })]);
    // The cause is the re-setup that captured the placeholder into the route (the MaskAll-clear write).
    const cause = lost[0]!.cause;
    expect(r.log.kind[cause]).toBe(Ev.NOTE);
    expect([Note.DATA_COUNT, Note.RESETUP]).toContain(r.log.a[cause]);
    expect(metrics(r)).toMatchObject({ lost: 1, deliveredWhileMasked: 0, spuriousInjections: 1 });
  });

  it('with the message of a handler since freed (free_irq masks but the route stays): stale-route', () => {
    const r = runSteps(8, [s.alloc(0, 2), s.request(1000, 1), s.freeIrq(2000, 1), s.raise(3000, 1)], 'data-hack');
    expect(rowsOf(r, Ev.LOST)).toEqual([expect.objectContaining({ vec: 1, b: Loss.STALE_ROUTE })]);
    expect(metrics(r).spuriousInjections).toBe(1);
  });

  it('after enable_irq of an IRQF_NO_AUTOEN vector the route carries the real message: an unmasked delivery', () => {
    const r = runSteps(
      8,
      [s.alloc(0, 2), s.request(1000, 1, true), s.raise(2000, 1), s.enableIrq(3000, 1), s.raise(4000, 1)],
      'data-hack',
    );
    expect(rowsOf(r, Ev.LOST)).toEqual([expect.objectContaining({ vec: 1, b: Loss.STALE_ROUTE })]); // before enable_irq
    expect(raiseRow(r, 1)).toMatchObject({ c: Path.KVM_ASSIGNED });
  });

  it('an entry without a route (data 0 at the last recount) still latches in the physical PBA', () => {
    // pci_msix_alloc_irq_at writes entry 5's message after the last recount: no virq, host entry masked in hardware.
    const r = runSteps(8, [s.alloc(0, 2), s.allocAt(1000, 5), s.raise(2000, 5)], 'data-hack');
    expect(rowsOf(r, Ev.PEND)).toEqual([expect.objectContaining({ vec: 5, b: Place.HOST_PBA })]);
    expect(rowsOf(r, Ev.LOST)).toHaveLength(0);
    expect(metrics(r)).toMatchObject({ pendingAtEnd: 1, deliveredWhileMasked: 0, spuriousInjections: 0 });
  });

  it('keeps conservation: raised = delivered + coalesced + lost + pendingAtEnd, with both new outcomes present', () => {
    const steps = [
      s.alloc(0, 4),
      { at: 500, op: 'raise' as const, vector: 2, every: 1_000, until: 20_000 }, // placeholder route until request_irq(2)
      s.request(1_000, 0),
      s.request(2_000, 1),
      { at: 2_500, op: 'raise' as const, vector: 1, every: 700, until: 20_000 },
      s.disableIrq(5_000, 1), // masked, handler kept: delivered while masked
      s.request(8_000, 2),
      s.enableIrq(12_000, 1),
      s.freeIrq(15_000, 1), // handler gone, route stays: stale-route
    ];
    const r = runSteps(8, steps, 'data-hack');
    const m = metrics(r);
    expect(m.deliveredWhileMasked).toBeGreaterThan(0);
    expect(m.spuriousInjections).toBeGreaterThan(0);
    expect(m.raised).toBe(m.delivered + m.coalesced + m.lost + m.pendingAtEnd);
    expect(m.spuriousInjections).toBe(m.lostByCause['stale-route']);
  });
});

// The route's message, modelled as QEMU keeps it: captured at kvm_irqchip_add_msi_route, updated by
// kvm_irqchip_update_msi_route on an unmask of an entry with a virq, and NOT on writes while masked.
describe('data hack: which message the KVM route carries', () => {
  function machine() {
    const w = makeWorld(8, { resizeWindowNs: 0 });
    const host = new HostDevice(w, 8);
    const handlers = new GuestHandlers();
    const hv = new PciAssign(w, host, parsePolicySpec('data-hack').axes, handlers);
    host.sink = hv;
    return {
      w,
      hv,
      handlers,
      cfg: (value: number) => drain(hv.configWrite(2, 2, value)),
      tbl: (v: number, word: number, value: number) => drain(hv.tableWrite(v, word, value)),
      raise: (v: number) => raiseOn(w, v, (vec, id, seq) => host.raise(vec, id, seq)),
      last: () => rowsOf(w, Ev.RAISE, Ev.LOST).at(-1)!,
    };
  }
  const A = { addr: 0xfee00000, data: 0x4041 };
  const B = { addr: 0xfee01000, data: 0x4042 };

  it('a message written while masked does not reach the route; the next unmask carries it', () => {
    const m = machine();
    m.tbl(0, ENTRY_ADDR_LO, A.addr);
    m.tbl(0, ENTRY_DATA, A.data);
    m.cfg(EN); // assigned_dev_update_msix_mmio: route <- A
    m.handlers.listen(0, B.addr, B.data); // the driver's handler listens on B
    m.tbl(0, ENTRY_ADDR_LO, B.addr);
    m.tbl(0, ENTRY_DATA, B.data); // written while masked: the route still carries A
    m.raise(0);
    expect(m.last()).toMatchObject({ kind: 'lost', b: Loss.STALE_ROUTE });
    m.tbl(0, ENTRY_CTRL, 0); // unmask with a virq: kvm_irqchip_update_msi_route <- B
    m.tbl(0, ENTRY_CTRL, 1); // mask: empty branch, route stays B
    m.raise(0);
    expect(m.last()).toMatchObject({ kind: 'raise', c: Path.KVM_ASSIGNED_MASKED });
  });

  it('Function Mask set re-assigns with routes from the table as it is; KVM ignores the function mask too', () => {
    const m = machine();
    m.tbl(0, ENTRY_ADDR_LO, A.addr);
    m.tbl(0, ENTRY_DATA, A.data);
    m.handlers.listen(0, A.addr, A.data);
    m.cfg(EN);
    m.tbl(0, ENTRY_CTRL, 0);
    m.cfg(EN | MA); // assigned_dev_update_msix: deassign, re-add route <- A, assign
    expect(m.hv.front.isMasked(0)).toBe(true);
    m.raise(0);
    expect(m.last()).toMatchObject({ kind: 'raise', c: Path.KVM_ASSIGNED_MASKED });
  });

  it('an unmasked entry is an ordinary delivery whatever the handlers say (message contents do not steer it, G5)', () => {
    const m = machine();
    m.tbl(0, ENTRY_DATA, A.data);
    m.cfg(EN);
    m.tbl(0, ENTRY_CTRL, 0);
    m.raise(0);
    expect(m.last()).toMatchObject({ kind: 'raise', c: Path.KVM_ASSIGNED });
  });
});
