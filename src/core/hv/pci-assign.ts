import { GuestTable } from '../device/guest-table.ts';
import { ENTRY_CTRL, KVM_MAX_MSIX_PER_DEV } from '../device/regs.ts';
import { Ev, Ignore, Loss, Note, Path } from '../engine/events.ts';
import type { World } from '../engine/world.ts';
import { defaultResizeWindowNs } from '../host/cost-model.ts';
import type { HostDevice } from '../host/host-device.ts';
import { KvmAssign } from '../host/kvm-assign.ts';
import type { PolicyAxes } from '../policies/axes.ts';
import type { Block } from './block.ts';
import type { Hypervisor } from './hypervisor.ts';
import { emptyQemuState, type FrontState } from '../replay/machine-state.ts';

const PATH_KVM_ASSIGNED = Path.KVM_ASSIGNED;

/**
 * QEMU pci-assign (hw/i386/kvm/pci-assign.c, removed from QEMU in ~2.12) on legacy KVM device
 * assignment: the "data hack" of domain.md §3.1.
 *
 * - Every config write that covers Message Control's upper byte runs assigned_dev_update_msix:
 *   a full deassign, then a re-count and re-assign (even a write that only toggles Function Mask).
 * - Unmasking an entry without a host vector ("Previously unassigned vector, start from scratch")
 *   does the same; unmasking one that has a vector only updates its KVM route.
 * - There is no PBA: "Interrupts while masked are simply not injected to the guest, so are lost."
 * - The guest-visible table is clamped to KVM_MAX_MSIX_PER_DEV entries.
 */
export class PciAssign implements Hypervisor {
  readonly front: GuestTable;
  readonly kvm: KvmAssign;
  /** msi_virq[i] >= 0: entry i has a host vector bound to KVM */
  readonly virq: Uint8Array;
  private irqType: 'none' | 'intx' | 'msix' = 'intx';
  private guestIntx = false;

  constructor(
    private readonly w: World,
    private readonly host: HostDevice,
    private readonly axes: PolicyAxes,
  ) {
    const visible = Math.min(host.size, KVM_MAX_MSIX_PER_DEV);
    this.front = new GuestTable(w, visible);
    this.kvm = new KvmAssign(w, host);
    this.virq = new Uint8Array(visible);
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
      }
      // else kvm_irqchip_update_msi_route: a KVM route update, no assignment ioctl.
    } else if (!wasEntry && !isEntry && word !== ENTRY_CTRL && old !== value >>> 0) {
      this.w.emit(Ev.NOTE, v, Note.MSG_WHILE_UNMASKED);
    }
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

  /** KVM's assigned-device interrupt handler injects through the route unless the guest masked the entry. */
  fire(v: number, _target: number, id: number, cause: number): void {
    if (v < this.front.size && !this.front.isMasked(v)) this.w.deliver(v, id, PATH_KVM_ASSIGNED, cause);
    else {
      const m = v < this.front.size ? this.front.maskSeq[v]! : -1;
      this.w.lose(v, id, Loss.GUEST_MASKED_NO_PBA, m >= 0 ? m : cause);
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
      this.irqType = 'intx'; // assign_intx
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
