import { Ev, Ioctl, Target } from '../engine/events.ts';
import type { World } from '../engine/world.ts';
import type { HostDevice } from './host-device.ts';
import { ENOSPC, ENXIO } from './vfio-intrs.ts';

/**
 * Legacy KVM device assignment's MSI-X ioctls as QEMU pci-assign drives them
 * (kvm_device_msix_init_vectors / _set_vector / _assign / _deassign; the kernel's
 * assigned_device_enable_host_msix does pci_enable_msix_exact on the listed entries and requests
 * every one of them, so each assigned vector is bound to KVM at once).
 */
export class KvmAssign {
  private entries: number[] = [];
  assigned = false;
  /**
   * The device's INTx is assigned (QEMU's assign_intx: at realize and at every guest MSI-X disable).
   * KVM_DEASSIGN_DEV_IRQ with the MSI-X flags tears it down too: kvm_deassign_irq returns -ENXIO
   * only when irq_requested_type is 0, and deassign_host_irq frees whatever host IRQ is assigned
   * (its else branch: "Deal with MSI and INTx").
   */
  intxAssigned = false;

  constructor(
    private readonly w: World,
    private readonly host: HostDevice,
  ) {}

  /** KVM_ASSIGN_SET_MSIX_NR */
  initVectors(n: number): void {
    this.w.emit(Ev.IOCTL, -1, Ioctl.KVM_ASSIGN_SET_MSIX_NR, n, 0);
    this.entries = [];
  }

  /** KVM_ASSIGN_SET_MSIX_ENTRY */
  setVector(i: number): void {
    this.w.emit(Ev.IOCTL, i, Ioctl.KVM_ASSIGN_SET_MSIX_ENTRY, 1, 0);
    this.entries.push(i);
  }

  /** KVM_ASSIGN_DEV_IRQ (MSI-X): enable the listed entries on the host and request all of them. */
  assign(): { err: number; seq: number } {
    const seq = this.w.emit(Ev.IOCTL, -1, Ioctl.KVM_ASSIGN_DEV_IRQ, this.entries.length, 0);
    const err = this.w.within(seq, () => {
      if (!this.host.enableMsix(this.entries)) return ENOSPC;
      for (const v of this.entries) {
        if (!this.host.requestIrq(v, Target.KVM_ASSIGNED)) {
          this.host.shutdown();
          return ENOSPC;
        }
      }
      this.assigned = true;
      return 0;
    });
    this.w.log.c[seq] = err;
    return { err, seq };
  }

  /**
   * KVM_ASSIGN_DEV_IRQ with the INTx flags (hw/i386/kvm/pci-assign.c assign_intx, called by
   * assigned_dev_update_msix when the guest clears MSI-X Enable): the host INTx is set up again.
   * Counted as a host op like every other ioctl (FIDELITY O2).
   */
  assignIntx(): void {
    this.w.emit(Ev.IOCTL, -1, Ioctl.KVM_ASSIGN_DEV_IRQ_INTX, 0, 0);
    this.intxAssigned = true;
  }

  /**
   * KVM_DEASSIGN_DEV_IRQ (kvm_deassign_irq): free every IRQ and disable MSI-X on the host, or free
   * the assigned INTx. -ENXIO only if nothing at all is assigned.
   */
  deassign(): { err: number; seq: number } {
    const seq = this.w.emit(Ev.IOCTL, -1, Ioctl.KVM_DEASSIGN_DEV_IRQ, 0, 0);
    const err = this.w.within(seq, () => {
      if (!this.assigned && !this.intxAssigned) return ENXIO;
      if (this.assigned) this.host.shutdown();
      this.assigned = false;
      this.intxAssigned = false;
      return 0;
    });
    this.w.log.c[seq] = err;
    return { err, seq };
  }
}
