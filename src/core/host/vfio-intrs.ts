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
  ) {}

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
    this.host.freeIrq(v);
    if (fd < 0) return 0;
    if (!this.host.alloc[v]) {
      if (!this.hasDynMsix) return EINVAL; // static: vector >= num_ctx
      if (!this.host.allocAt(v)) return ENOSPC;
      this.w.emit(Ev.NOTE, v, Note.DYN_ALLOC);
    }
    return this.host.requestIrq(v, fd) ? 0 : ENOSPC;
  }
}
