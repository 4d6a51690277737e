import { Ev, Ioctl, Note } from '../engine/events.ts';
import type { World } from '../engine/world.ts';
import type { HostDevice } from './host-device.ts';

export const EINVAL = 22;
export const ENOSPC = 28;
export const ENXIO = 6;

/**
 * The host kernel's side of VFIO_DEVICE_SET_IRQS for the MSI-X index, after
 * drivers/vfio/pci/vfio_pci_intrs.c: vfio_pci_set_msi_trigger, vfio_msi_enable / vfio_msi_disable,
 * vfio_msi_set_block and vfio_msi_set_vector_signal. `hasDynMsix` is vdev->has_dyn_msix
 * (pci_msix_can_alloc_dyn, Linux >= ~6.5); without it the index is NORESIZE and only the vectors
 * allocated at enable can be bound.
 *
 * An fd is modelled as a Target code (>0) or -1 for "no eventfd".
 */
export class VfioKernel {
  irqType: 'none' | 'intx' | 'msix' = 'intx';

  constructor(
    private readonly w: World,
    private readonly host: HostDevice,
    readonly hasDynMsix: boolean,
    /**
     * What backs a vector's trigger: 'msix' (the merged code: an IRQ stays allocated as a cache
     * until MSI-X is disabled), 'msix-nocache' (the V2 revision of the dynamic MSI-X series: a
     * replaced trigger frees its IRQ with pci_msix_free_irq) or 'ims' (the IMS RFC backend:
     * one slot of the device's IMS store per set trigger, freed when it is replaced).
     */
    readonly backend: 'msix' | 'msix-nocache' | 'ims' = 'msix',
  ) {
    if (backend === 'ims') host.slotBudget = w.settings.imsSlots;
  }

  private ioctl(code: number, start: number, count: number): number {
    return this.w.emit(Ev.IOCTL, start, code, count, 0);
  }

  /** SET_IRQS DATA_NONE|ACTION_TRIGGER count 0 (QEMU vfio_device_irq_disable): vfio_msi_disable. */
  disable(): number {
    const seq = this.ioctl(Ioctl.VFIO_SET_IRQS_DISABLE, -1, 0);
    // With no MSI-X index active the kernel answers -EINVAL and nothing changes (QEMU ignores it).
    if (this.irqType === 'msix') this.w.within(seq, () => this.msiDisable());
    else this.w.log.c[seq] = EINVAL;
    return seq;
  }

  /** Disables the INTx index (vfio_intx_disable, from QEMU's vfio_disable_interrupts). */
  intxDisable(): void {
    if (this.irqType !== 'intx') return;
    this.ioctl(Ioctl.VFIO_INTX_DISABLE, -1, 0);
    this.irqType = 'none';
  }

  /** vfio_intx_enable after a guest MSI-X disable. */
  intxEnable(): void {
    if (this.irqType !== 'none') return;
    this.ioctl(Ioctl.VFIO_INTX_ENABLE, 0, 1);
    this.irqType = 'intx';
  }

  /**
   * SET_IRQS DATA_EVENTFD|ACTION_TRIGGER, start, fds (vfio_pci_set_msi_trigger). Returns 0 or an
   * errno and the IOCTL row's seq.
   */
  setIrqs(start: number, fds: ArrayLike<number>): { err: number; seq: number } {
    const seq = this.ioctl(Ioctl.VFIO_SET_IRQS, start, fds.length);
    const err = this.w.within(seq, () => {
      if (this.irqType === 'msix') return this.setBlock(start, fds);
      if (this.irqType !== 'none') return EINVAL;
      const e = this.msiEnable(start + fds.length);
      if (e) return e;
      const e2 = this.setBlock(start, fds);
      if (e2) this.msiDisable();
      return e2;
    });
    this.w.log.c[seq] = err;
    return { err, seq };
  }

  /** vfio_msi_enable: pci_alloc_irq_vectors(1, nvec); fewer than nvec is a failure. */
  private msiEnable(nvec: number): number {
    if (this.backend === 'ims') {
      // vfio_pci_set_ims_trigger has no index enable: nothing is allocated until a trigger is set.
      this.host.enableIms();
      this.irqType = 'msix';
      return 0;
    }
    const idx = new Int32Array(nvec);
    for (let i = 0; i < nvec; i++) idx[i] = i;
    if (!this.host.enableMsix(idx)) return ENOSPC;
    this.irqType = 'msix';
    return 0;
  }

  /** vfio_msi_disable: free_irq for every ctx, then pci_free_irq_vectors. */
  private msiDisable(): void {
    for (let v = 0; v < this.host.size; v++) if (this.host.trig[v]) this.host.freeIrq(v);
    this.host.shutdown();
    this.irqType = 'none';
  }

  /** vfio_msi_set_block: on error, unwind only [start, j) with fd -1. */
  private setBlock(start: number, fds: ArrayLike<number>): number {
    for (let j = 0; j < fds.length; j++) {
      const err = this.setVectorSignal(start + j, fds[j]!);
      if (err) {
        for (let i = 0; i < j; i++) this.setVectorSignal(start + i, -1);
        return err;
      }
    }
    return 0;
  }

  /**
   * vfio_msi_set_vector_signal: drop the old trigger (free_irq; "Interrupt stays allocated, will be
   * freed at MSI-X disable"), then for fd >= 0 find or allocate the IRQ (vfio_msi_alloc_irq) and
   * request_irq it.
   */
  private setVectorSignal(v: number, fd: number): number {
    if (v >= this.host.size) return EINVAL;
    const host = this.host;
    const hadTrigger = host.trig[v] !== 0;
    host.freeIrq(v);
    if (this.backend !== 'msix' && hadTrigger) {
      // V2 vfio_msi_set_vector_signal: `if (ctx && ctx->trigger) { free_irq; if (allow_dyn_alloc)
      // pci_msix_free_irq }`; IMS RFC vfio_pci_ims_set_vector_signal: free_irq + vfio_pci_ims_irq_free.
      // Even a swap to another eventfd frees the IRQ first (Jing Liu's remark on V2).
      this.w.emit(Ev.NOTE, v, Note.DYN_FREE, this.backend === 'ims' ? 1 : 0);
      host.freeOne(v);
    }
    if (fd < 0) return 0;
    let fresh = false;
    if (!host.alloc[v]) {
      if (!this.hasDynMsix) return EINVAL; // static: vector >= num_ctx
      if (!host.allocAt(v)) return ENOSPC; // pci_msix_alloc_irq_at / pci_ims_alloc_irq failed
      fresh = true;
      if (this.backend === 'ims') this.w.emit(Ev.NOTE, v, Note.IMS_ALLOC, host.nAlloc);
      else this.w.emit(Ev.NOTE, v, Note.DYN_ALLOC);
    }
    if (host.requestIrq(v, fd)) return 0;
    // request_irq failed: V2's out_free_irq_locked and the IMS RFC's out_free_irq free a fresh IRQ.
    if (fresh && this.backend !== 'msix') host.freeOne(v);
    return ENOSPC;
  }
}
