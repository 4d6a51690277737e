import { Ev, Loss, Note, Place } from '../engine/events.ts';
import type { World } from '../engine/world.ts';
import type { HostState } from '../replay/machine-state.ts';

const PLACE_HOST_PBA = Place.HOST_PBA;

/** Queue entry type of a neighbour request (host.neighbor); the arg is its index in settings.neighbor. */
export const Q_NEIGHBOR = 4;

/**
 * What the host IRQ handlers forward to. Implemented by the hypervisor front end: vfio's
 * eventfd/irqfd triggers (vfio_msihandler -> eventfd_signal) or KVM device assignment.
 */
export interface HostSink {
  /** A requested host IRQ fired (or a latched PBA bit was sent on unmask). */
  fire(vec: number, target: number, raiseId: number, cause: number): void;
  /** The device raised while physical MSI-X Enable was 0, so it signalled INTx instead. */
  intx(vec: number, raiseId: number, cause: number): void;
}

/**
 * The physical device's MSI-X state plus the Linux host's PCI/MSI core and IRQ layer, which are
 * the only code that touches it (drivers/pci/msi/msi.c, api.c; kernel/irq/manage.c).
 *
 * Per table index: allocated (an IRQ descriptor and one IRTE), requested (request_irq done: the
 * entry is unmasked in hardware and has a trigger), and the physical PBA bit with the raise it holds.
 * Simplification: host operations take no time; the only time that passes inside the host is the
 * resize window, which the hypervisor models by waiting between its two ioctls.
 */
export class HostDevice {
  enable = false;
  /** seq of the last HOST_DISABLE (cause of raises lost while disabled), -1 if never enabled. */
  disableSeq = -1;
  /** seq of the open resize window, -1 when none. Set by the hypervisor. */
  windowSeq = -1;
  readonly alloc: Uint8Array;
  /** Target code per index when requested, 0 when the entry is masked in hardware. */
  readonly trig: Uint8Array;
  /** Raise id latched in the physical PBA, -1 when clear. */
  readonly pba: Int32Array;
  nAlloc = 0;
  nReq = 0;
  /**
   * IRQs held by the neighbour (host.neighbor): another device drawing on the same budget. It never
   * appears in alloc/trig; it only shrinks what this device can allocate. See neighborWants.
   */
  neighbor = 0;
  private neighborWant = 0;
  /**
   * Extra cap on allocations besides irqBudget: the device's IMS store (device.imsSlots) when the
   * IMS backend allocates from it, else unlimited. Set by the vfio kernel model.
   */
  slotBudget = Infinity;
  sink!: HostSink;

  constructor(
    private readonly w: World,
    readonly size: number,
  ) {
    this.alloc = new Uint8Array(size);
    this.trig = new Uint8Array(size);
    this.pba = new Int32Array(size).fill(-1);
  }

  get cpuVectors(): number {
    return this.w.settings.reservationMode ? this.nReq : this.nAlloc;
  }

  /** The most IRQs this device and the neighbour may hold together: irqBudget, and the IMS store when allocating from it. */
  get capacity(): number {
    return Math.min(this.w.settings.irqBudget, this.slotBudget);
  }

  private budgetAllows(extra: number, index: number): boolean {
    const s = this.w.settings;
    const cpuExtra = s.reservationMode ? 0 : extra;
    const cap = this.capacity;
    if (this.nAlloc + this.neighbor + extra > cap || this.cpuVectors + cpuExtra > s.cpuVectorBudget) {
      this.w.emit(
        Ev.HOST_ALLOC_FAIL,
        index,
        this.nAlloc + this.neighbor + extra,
        Math.min(cap, s.reservationMode ? cap : s.cpuVectorBudget),
      );
      return false;
    }
    return true;
  }

  /**
   * The neighbour now wants `n` IRQs in total (host.neighbor). It takes what the budget has free;
   * if that is not enough it keeps waiting and takes every IRQ this device frees later (giveBack),
   * so in the model it wins every race for a freed IRQ: the worst case for this device. Lowering
   * `n` releases the excess at once.
   */
  neighborWants(n: number): void {
    // Not caused by anything in this VM: the rows it emits have no cause.
    this.w.within(-1, () => {
      this.neighborWant = n;
      if (this.neighbor > n) this.setNeighbor(n);
      else this.giveBack();
    });
  }

  /** Hands free budget to a neighbour still short of what it wants (after this device freed IRQs). */
  private giveBack(): void {
    if (this.neighbor >= this.neighborWant) return;
    const free = Math.max(0, this.capacity - this.nAlloc - this.neighbor);
    if (free > 0) this.setNeighbor(this.neighbor + Math.min(free, this.neighborWant - this.neighbor));
  }

  private setNeighbor(n: number): void {
    this.neighbor = n;
    this.w.emit(Ev.NOTE, -1, Note.NEIGHBOR, n, this.neighborWant);
  }

  /**
   * pci_alloc_irq_vectors(1, n) / pci_enable_msix_exact(entries) -> msix_capability_init:
   * Enable=1 with MaskAll, allocate one IRQ per index, mask every entry. All or nothing: vfio's
   * vfio_msi_enable frees a short allocation and fails, and KVM assignment uses the exact variant.
   */
  enableMsix(indices: ArrayLike<number>): boolean {
    if (this.enable) throw new Error('enableMsix: host MSI-X already enabled');
    if (indices.length === 0 || !this.budgetAllows(indices.length, -1)) return false;
    this.enable = true;
    this.w.emit(Ev.HOST_ENABLE, -1, indices.length);
    for (let i = 0; i < indices.length; i++) this.allocOne(indices[i]!);
    return true;
  }

  /** pci_msix_alloc_irq_at(dev, index, NULL) (drivers/pci/msi/api.c): one more IRQ, MSI-X stays enabled. */
  allocAt(v: number): boolean {
    if (!this.enable) return false; // -ENOTSUPP unless dev->msix_enabled
    if (this.alloc[v]) return true;
    if (!this.budgetAllows(1, v)) return false;
    this.allocOne(v);
    return true;
  }

  private allocOne(v: number): void {
    this.alloc[v] = 1;
    this.nAlloc++;
    this.w.emit(Ev.HOST_ALLOC, v);
  }

  /**
   * The IMS index becomes active (first SET_IRQS of the IMS backend): there is no MSI-X Enable
   * bit and nothing is allocated; the model reuses `enable` for "this device's interrupts have a
   * host path" so raises on vectors without a slot latch like masked entries.
   */
  enableIms(): void {
    if (this.enable) throw new Error('enableIms: already enabled');
    this.enable = true;
    this.w.emit(Ev.HOST_ENABLE, -1, 0);
  }

  /**
   * pci_msix_free_irq / pci_ims_free_irq: free one index's IRQ while the rest stay (MSI-X stays
   * enabled). The entry must already be masked (free_irq done). A latched PBA bit goes with it.
   */
  freeOne(v: number): void {
    if (!this.alloc[v] || this.trig[v]) throw new Error(`freeOne(${v}): not allocated, or still requested`);
    const id = this.pba[v]!;
    if (id >= 0) {
      this.pba[v] = -1;
      const seq = this.w.emit(Ev.HOST_PBA_CLR, v, 1);
      this.w.lose(v, id, Loss.PBA_CLEARED, seq);
    }
    this.alloc[v] = 0;
    this.nAlloc--;
    this.w.emit(Ev.HOST_FREE, v);
    this.giveBack();
  }

  /**
   * pci_free_irq_vectors -> pci_msix_shutdown: mask every entry, clear Enable (the device falls back
   * to INTx), then free every IRQ. Whether latched PBA bits survive is a device property.
   */
  shutdown(): void {
    if (!this.enable) return;
    for (let v = 0; v < this.size; v++) if (this.trig[v]) this.freeIrq(v);
    this.enable = false;
    this.disableSeq = this.w.emit(Ev.HOST_DISABLE, -1);
    if (!this.w.settings.pbaSurvivesDisable) {
      for (let v = 0; v < this.size; v++) {
        const id = this.pba[v]!;
        if (id < 0) continue;
        this.pba[v] = -1;
        this.w.emit(Ev.HOST_PBA_CLR, v, 1);
        this.w.lose(v, id, Loss.PBA_CLEARED, this.disableSeq);
      }
    }
    for (let v = 0; v < this.size; v++) {
      if (!this.alloc[v]) continue;
      this.alloc[v] = 0;
      this.w.emit(Ev.HOST_FREE, v);
    }
    this.nAlloc = 0;
    this.giveBack();
  }

  /**
   * request_irq on the index's IRQ: with reservation mode this is where a CPU vector is assigned
   * (activate_reserved). The entry is unmasked, so a latched PBA bit is sent at once.
   */
  requestIrq(v: number, target: number): boolean {
    if (!this.alloc[v] || !this.enable) return false;
    const s = this.w.settings;
    if (s.reservationMode && this.nReq + 1 > s.cpuVectorBudget) {
      this.w.emit(Ev.HOST_REQUEST_FAIL, v, this.nReq, s.cpuVectorBudget);
      return false;
    }
    this.trig[v] = target;
    this.nReq++;
    const seq = this.w.emit(Ev.HOST_REQUEST, v, target);
    const id = this.pba[v]!;
    if (id >= 0) {
      this.pba[v] = -1;
      this.w.emit(Ev.HOST_PBA_CLR, v, 0);
      this.sink.fire(v, target, id, seq);
    }
    return true;
  }

  /** free_irq: the entry is masked in hardware; the allocation stays. */
  freeIrq(v: number): void {
    if (!this.trig[v]) return;
    this.trig[v] = 0;
    this.nReq--;
    this.w.emit(Ev.HOST_FREE_IRQ, v);
  }

  /**
   * The device signals vector v. Hot path (once per raise): only the common case, an enabled and
   * requested entry, is here, so the whole path stays small enough to be inlined into the engine's
   * loop; everything else is raiseOff.
   */
  raise(v: number, id: number, rseq: number): void {
    const tg = this.enable === true ? this.trig[v]! : 0; // `=== true`: one compare, not a generic truthiness test
    if (tg !== 0) this.sink.fire(v, tg, id, rseq);
    else this.raiseOff(v, id, rseq);
  }

  /** A raise while MSI-X is disabled (INTx) or the entry is masked in hardware. */
  private raiseOff(v: number, id: number, rseq: number): void {
    if (!this.enable) {
      this.sink.intx(v, id, rseq);
      return;
    }
    // Entry masked in hardware (allocated but not requested, or not allocated at all).
    if (!this.w.settings.latchMasked) {
      this.w.lose(v, id, Loss.DEVICE_NO_LATCH, rseq);
      return;
    }
    const held = this.pba[v]!;
    if (held >= 0) this.w.coalesce(v, id, PLACE_HOST_PBA, held, rseq);
    else {
      this.pba[v] = id;
      this.w.pend(v, id, PLACE_HOST_PBA, rseq);
    }
  }

  /** The physical device and host IRQ state in plain data (copies: the snapshot does not change later). */
  snapshot(): HostState {
    return {
      enable: this.enable,
      window: this.windowSeq >= 0,
      alloc: this.alloc.slice(),
      trig: this.trig.slice(),
      pba: this.pba.slice(),
      nAlloc: this.nAlloc,
      nReq: this.nReq,
    };
  }

  /** Raises held in the physical PBA right now. */
  heldCount(): number {
    let n = 0;
    for (let v = 0; v < this.size; v++) if (this.pba[v]! >= 0) n++;
    return n;
  }
}
