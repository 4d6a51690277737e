import { GuestTable } from '../device/guest-table.ts';
import { ENTRY_ADDR_LO, ENTRY_CTRL, KVM_MAX_MSIX_PER_DEV } from '../device/regs.ts';
import { Ev, Ignore, Loss, Note, Path } from '../engine/events.ts';
import type { World } from '../engine/world.ts';
import { defaultResizeWindowNs } from '../host/cost-model.ts';
import type { HostDevice } from '../host/host-device.ts';
import { KvmAssign } from '../host/kvm-assign.ts';
import type { PolicyAxes } from '../policies/axes.ts';
import type { Block } from './block.ts';
import type { Hypervisor } from './hypervisor.ts';
import { emptyQemuState, type FrontState } from '../replay/machine-state.ts';

/**
 * The guest's side of a masked injection: would an interrupt carrying (addrLo, data) run entry v's
 * driver handler? Implemented by the guest's handler registry (guest/handlers.ts); declared here so
 * the hypervisor does not import the guest (the folders stay acyclic: guest -> hv only).
 */
export interface MessageListeners {
  listens(v: number, addrLo: number, data: number): boolean;
}

/** No guest handlers at all (a hypervisor built without a guest, e.g. in unit tests). */
const NO_LISTENERS: MessageListeners = { listens: () => false };

/**
 * QEMU pci-assign (hw/i386/kvm/pci-assign.c, removed from QEMU in ~2.12) on legacy KVM device
 * assignment: the "data hack" of domain.md §3.1.
 *
 * - Every config write that covers Message Control's upper byte runs assigned_dev_update_msix:
 *   a full deassign, then a re-count and re-assign (even a write that only toggles Function Mask).
 * - Unmasking an entry without a host vector ("Previously unassigned vector, start from scratch")
 *   does the same; unmasking one that has a vector only updates its KVM route.
 * - A guest mask does nothing (the branch in assigned_dev_msix_mmio_write is empty) and KVM has no
 *   MSI-X mask state (kvm_vm_ioctl_assign_irq: "TODO Deal with KVM_DEV_IRQ_ASSIGNED_MASK_MSIX"), so a
 *   raise on a masked entry is injected anyway, with the message its KVM route last carried. QEMU's
 *   XXX comment ("Interrupts while masked are simply not injected to the guest, so are lost") is
 *   contradicted by the kernel code: see fire().
 * - The guest-visible table is clamped to KVM_MAX_MSIX_PER_DEV entries.
 */
export class PciAssign implements Hypervisor {
  readonly front: GuestTable;
  readonly kvm: KvmAssign;
  /** msi_virq[i] >= 0: entry i has a host vector bound to KVM */
  readonly virq: Uint8Array;
  /**
   * The MSI message each entry's KVM route carries (address low word, data), and the seq of the row
   * that last set it. Set at kvm_irqchip_add_msi_route (assigned_dev_update_msix_mmio) and at
   * kvm_irqchip_update_msi_route (an unmask of an entry that has a virq); NOT on a message write to
   * a masked entry, nor on a mask. Meaningful only where virq[i] is 1.
   */
  private readonly routeAddr: Uint32Array;
  private readonly routeData: Uint32Array;
  private readonly routeSeq: Int32Array;
  private irqType: 'none' | 'intx' | 'msix' = 'intx';
  private guestIntx = false;

  constructor(
    private readonly w: World,
    private readonly host: HostDevice,
    private readonly axes: PolicyAxes,
    /** The guest's handlers: whether a masked injection's message still reaches one (see fire). */
    private readonly handlers: MessageListeners = NO_LISTENERS,
  ) {
    const visible = Math.min(host.size, KVM_MAX_MSIX_PER_DEV);
    this.front = new GuestTable(w, visible);
    this.kvm = new KvmAssign(w, host);
    this.kvm.intxAssigned = true; // assign_intx at realize (the device is assumed to have an INTx pin, G7)
    this.virq = new Uint8Array(visible);
    this.routeAddr = new Uint32Array(visible);
    this.routeData = new Uint32Array(visible);
    this.routeSeq = new Int32Array(visible).fill(-1);
  }

  /** assigned_dev_pci_write_config -> assigned_dev_update_msix when the upper control byte is covered. */
  *configWrite(offset: number, size: number, value: number): Block {
    const old = this.front.applyConfig(offset, size, value);
    if (old < 0) return;
    if (old !== this.front.ctrl) {
      for (let v = 0; v < this.front.size; v++) {
        const was = this.front.maskedUnder(v, old);
        if (was !== this.front.isMasked(v)) this.front.markMask(v, !was);
      }
    }
    yield* this.updateMsix();
  }

  /** assigned_dev_msix_mmio_write */
  *tableWrite(v: number, word: number, value: number): Block {
    if (v >= this.front.size) {
      this.w.emit(Ev.IGNORED, v, Ignore.ENTRY_OUT_OF_RANGE); // "Drop write"
      return;
    }
    const en = this.front.enabled;
    const wasEntry = this.front.entryMasked(v);
    const wasEff = this.front.isMasked(v);
    const old = this.front.applyTable(v, word, value);
    if (word === ENTRY_CTRL && wasEff !== this.front.isMasked(v)) this.front.markMask(v, !wasEff);
    if (!en) return;
    const isEntry = this.front.entryMasked(v);
    if (wasEntry && !isEntry) {
      if (!this.virq[v]) {
        yield* this.updateMsix(); // "Previously unassigned vector, start from scratch"
      } else {
        // "Update an existing, previously masked vector": kvm_irqchip_update_msi_route with the
        // entry's current message; a KVM route update, no assignment ioctl.
        this.setRoute(v, this.w.cause);
      }
    } else if (!wasEntry && !isEntry && word !== ENTRY_CTRL && old !== value >>> 0) {
      this.w.emit(Ev.NOTE, v, Note.MSG_WHILE_UNMASKED);
    }
    // Unmasked -> masked ("Vector masked, disable it") is an empty branch in QEMU: the route and the
    // host IRQ stay. A message written while masked reaches the route only at the next unmask.
  }

  setGuestIntx(on: boolean): void {
    this.guestIntx = on;
  }

  held(): { guestPba: number; eventfd: number } {
    return { guestPba: 0, eventfd: 0 };
  }

  /** No eventfds and no userspace handler: KVM injects directly. */
  snapshot(): FrontState {
    return { guest: this.front.snapshot(), qemu: emptyQemuState(this.host.size) };
  }

  /**
   * KVM's assigned-device handler (kvm_assigned_dev_msix / kvm_assigned_dev_thread_msix) looks up
   * guest_msix_entries[index].vector (the entry's GSI) and calls kvm_set_irq through
   * kvm_assigned_dev_raise_guest_irq: there is no mask check anywhere on this path, so the raise is
   * injected with the message the route last carried, whether or not the guest masked the entry.
   *
   * - Unmasked: an ordinary delivery (the route was refreshed at the unmask or the last re-setup).
   * - Masked, and the route's message is the one entry v's driver handler listens on: the handler
   *   runs although the vector is masked (delivered early, a mask violation): `kvm-assigned-while-masked`.
   * - Masked, and no handler listens on that message (Linux's 0x40EF placeholder from before
   *   request_irq, or the message of a handler since freed): a spurious interrupt in the guest, lost
   *   for the driver: `stale-route`, caused by the row that set the route.
   *
   * Invariant: host IRQs exist only for entries with a virq (KvmAssign.assign requests exactly the
   * entries setVector listed, all < front.size), so every raise reaching here has a route. Raises on
   * entries without one never get here: the host entry is masked in hardware and latches in the
   * physical PBA (HostDevice). Allocation-free: typed-array reads only.
   */
  fire(v: number, _target: number, id: number, cause: number): void {
    // Codes as `satisfies`-checked literals on the raise path (see engine/world.ts).
    if (!this.front.isMasked(v)) this.w.deliver(v, id, 3 satisfies typeof Path.KVM_ASSIGNED, cause);
    else if (this.handlers.listens(v, this.routeAddr[v]!, this.routeData[v]!))
      this.w.deliver(v, id, 5 satisfies typeof Path.KVM_ASSIGNED_MASKED, cause);
    else {
      const r = this.routeSeq[v]!;
      this.w.lose(v, id, 10 satisfies typeof Loss.STALE_ROUTE, r >= 0 ? r : cause);
    }
  }

  intx(v: number, id: number, cause: number): void {
    if (!this.front.enabled) {
      if (this.guestIntx && this.irqType === 'intx') this.w.deliver(v, id, Path.INTX, cause);
      else this.w.lose(v, id, Loss.GUEST_MSIX_OFF, this.host.disableSeq >= 0 ? this.host.disableSeq : cause);
    } else if (this.host.windowSeq >= 0) {
      this.w.lose(v, id, Loss.RESIZE_WINDOW, this.host.windowSeq);
    } else {
      this.w.lose(v, id, Loss.HOST_MSIX_OFF, Math.max(this.host.disableSeq, this.front.ctrlSeq));
    }
  }

  /** assigned_dev_update_msix */
  private *updateMsix(): Block {
    const w = this.w;
    const en = this.front.enabled;
    if (this.irqType === 'msix' || en) {
      const hostWasOn = this.host.enable;
      const freed = this.host.nAlloc;
      const d = this.kvm.deassign();
      this.virq.fill(0); // free_msi_virqs
      this.irqType = 'none';
      if (hostWasOn && en) {
        const len = w.settings.resizeWindowNs ?? defaultResizeWindowNs(freed);
        this.host.windowSeq = w.emitC(d.seq, Ev.WINDOW_OPEN, -1, this.countEntries(), 0, len);
        yield len;
        w.emitC(this.host.windowSeq, Ev.WINDOW_CLOSE, -1, 0, 0, len);
        this.host.windowSeq = -1;
      }
    }
    if (!en) {
      this.irqType = 'intx';
      this.kvm.assignIntx(); // assigned_dev_update_msix: "assign_intx(adev)" when Enable is cleared
      return;
    }
    // assigned_dev_update_msix_mmio
    const n = this.countEntries();
    const note = w.emit(Ev.NOTE, -1, this.axes.enable === 'data-count' ? Note.DATA_COUNT : Note.RESETUP, n);
    if (n === 0) {
      this.irqType = 'msix'; // "It's valid to enable MSI-X with all entries masked": host stays off
      return;
    }
    w.advance(note);
    this.kvm.initVectors(n);
    for (let i = 0; i < this.front.size; i++) {
      if (this.skipped(i)) continue;
      this.virq[i] = 1;
      this.setRoute(i, note); // kvm_irqchip_add_msi_route with the entry's message as it is now
      this.kvm.setVector(i);
    }
    const a = this.kvm.assign();
    if (a.err) {
      // perror("assigned_dev_enable_msix: assign irq"); return before setting the type: the virqs
      // stay, so a later unmask of one of these entries only updates its route (nothing arrives).
      this.host.disableSeq = w.emit(Ev.NOTE, -1, Note.SETUP_FAILED, n);
      return;
    }
    this.irqType = 'msix';
  }

  /** The entry's KVM route now carries its current table message (add or update_msi_route). */
  private setRoute(i: number, seq: number): void {
    this.routeAddr[i] = this.front.readTable(i, ENTRY_ADDR_LO);
    this.routeData[i] = this.front.data(i);
    this.routeSeq[i] = seq;
  }

  /** assigned_dev_msix_skipped, or the pre-2012 masked test for enable=lazy, or nothing for enable=all. */
  private skipped(i: number): boolean {
    switch (this.axes.enable) {
      case 'data-count':
        return this.front.data(i) === 0;
      case 'lazy':
        return this.front.entryMasked(i);
      default:
        return false;
    }
  }

  private countEntries(): number {
    let n = 0;
    for (let i = 0; i < this.front.size; i++) if (!this.skipped(i)) n++;
    return n;
  }
}
