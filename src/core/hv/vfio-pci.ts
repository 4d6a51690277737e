import { QemuMsix, type VectorNotifiers } from '../device/qemu-msix.ts';
import { Ev, Ioctl, Loss, Note, Path, Place, Target } from '../engine/events.ts';
import type { World } from '../engine/world.ts';
import { defaultResizeWindowNs } from '../host/cost-model.ts';
import type { HostDevice } from '../host/host-device.ts';
import { VfioKernel } from '../host/vfio-intrs.ts';
import type { PolicyAxes } from '../policies/axes.ts';
import type { Block } from './block.ts';
import type { Hypervisor } from './hypervisor.ts';
import type { FrontState } from '../replay/machine-state.ts';

const PLACE_EVENTFD = Place.EVENTFD;

/**
 * QEMU vfio-pci's MSI-X handling, hw/vfio/pci.c: vfio_msix_enable / vfio_msix_disable, the
 * vector_use / vector_release notifiers and vfio_msix_vector_do_use, vfio_enable_vectors,
 * vfio_msi_interrupt. The enable and growth axes select between the branches that QEMU versions
 * actually had (domain.md §3.2-3.4, §3.6). KVM irqchip and irqfd bypass are always present.
 */
export class VfioPci implements Hypervisor {
  readonly front: QemuMsix;
  readonly kernel: VfioKernel;
  nrVectors = 0;
  /** vector->use */
  readonly vUse: Uint8Array;
  /** vector->virq >= 0 (a KVM MSI route and irqfd exist) */
  readonly virq: Uint8Array;
  /** QEMU fd handler (vfio_msi_interrupt) installed on vector->interrupt */
  readonly handler: Uint8Array;
  /** Raise id held as an unread count in vector->interrupt, -1 when empty */
  readonly efd: Int32Array;
  /** vdev->msix->noresize: the host kernel reports NORESIZE unless it can allocate dynamically. */
  private readonly noresize: boolean;
  /** defer_kvm_irq_routing: batch mode while notifiers are set at enable */
  private defer = false;
  /** Grant from the paravirt hypercall since the last guest disable, -1 if none */
  private pvGrant = -1;
  private guestIntx = false;
  private guestEnableSeq = -1;
  private readonly notif: VectorNotifiers;
  /** Pre-dynamic QEMU disabled the index on guest disable only when nr_vectors != 0 (fixed by d2b668fca565). */
  private readonly oldDisable: boolean;
  readonly hypercallMsixEnable?: (n: number) => number;

  constructor(
    private readonly w: World,
    private readonly host: HostDevice,
    private readonly axes: PolicyAxes,
  ) {
    const n = host.size;
    this.front = new QemuMsix(w, n);
    // Without NORESIZE QEMU sets one vector at a time (vfio_msix_vector_do_use, !noresize). The
    // no-cache revision and the IMS backend both allocate per vector, so QEMU takes that path too.
    const g = axes.growth;
    this.noresize = g !== 'dynamic' && g !== 'dynamic-nocache' && g !== 'ims';
    this.kernel = new VfioKernel(
      w,
      host,
      !this.noresize,
      g === 'ims' ? 'ims' : g === 'dynamic-nocache' ? 'msix-nocache' : 'msix',
    );
    this.vUse = new Uint8Array(n);
    this.virq = new Uint8Array(n);
    this.handler = new Uint8Array(n);
    this.efd = new Int32Array(n).fill(-1);
    this.oldDisable = axes.enable === 'lazy' || axes.enable === 'vector0-requested';
    this.notif = { use: (v) => this.vectorUse(v), release: (v) => this.vectorRelease(v) };
    if (axes.enable === 'paravirt') this.hypercallMsixEnable = (k) => this.hypercall(k);
  }

  /** vfio_pci_write_config for the MSI-X capability: emulate, then act on Enable edges. */
  *configWrite(offset: number, size: number, value: number): Block {
    const was = this.front.enabled;
    yield* this.front.writeConfig(offset, size, value);
    const is = this.front.enabled;
    if (!was && is) {
      this.guestEnableSeq = this.front.ctrlSeq;
      yield* this.msixEnable();
    } else if (was && !is) yield* this.msixDisable();
  }

  *tableWrite(v: number, word: number, value: number): Block {
    yield* this.front.writeTable(v, word, value);
  }

  setGuestIntx(on: boolean): void {
    this.guestIntx = on;
  }

  held(): { guestPba: number; eventfd: number } {
    let e = 0;
    for (let v = 0; v < this.efd.length; v++) if (this.efd[v]! >= 0) e++;
    return { guestPba: this.front.heldCount(), eventfd: e };
  }

  /** The emulated table and PBA (msix_save) plus QEMU's runtime state: unread eventfd counts, installed fd handlers. */
  snapshot(): FrontState {
    return { guest: this.front.snapshot(), qemu: { efd: this.efd.slice(), handler: this.handler.slice() } };
  }

  // ---- host IRQ sink (vfio_msihandler -> eventfd_signal -> KVM irqfd or QEMU) ----

  fire(v: number, target: number, id: number, cause: number): void {
    // Hot path: the irqfd bypass is the common case; the userspace eventfd is kept out of line.
    // Literals, not the consts: see the note in world.ts.
    if (target === (2 satisfies typeof Target.KVM_IRQFD)) this.w.deliver(v, id, 1 satisfies typeof Path.IRQFD, cause);
    else this.fireUser(v, id, cause);
  }

  /** vfio_msihandler signalled the userspace eventfd: QEMU's handler reads it, or the count waits. */
  private fireUser(v: number, id: number, cause: number): void {
    if (this.handler[v]) {
      this.front.notify(v, id, cause); // vfio_msi_interrupt -> msix_notify
    } else {
      const held = this.efd[v]!;
      if (held >= 0) this.w.coalesce(v, id, PLACE_EVENTFD, held, cause);
      else {
        this.efd[v] = id;
        this.w.pend(v, id, PLACE_EVENTFD, cause);
      }
    }
  }

  intx(v: number, id: number, cause: number): void {
    if (!this.front.enabled) {
      if (this.guestIntx && this.kernel.irqType === 'intx') this.w.deliver(v, id, Path.INTX, cause);
      else this.w.lose(v, id, Loss.GUEST_MSIX_OFF, this.host.disableSeq >= 0 ? this.host.disableSeq : cause);
    } else if (this.host.windowSeq >= 0) {
      this.w.lose(v, id, Loss.RESIZE_WINDOW, this.host.windowSeq);
    } else {
      this.w.lose(v, id, Loss.HOST_MSIX_OFF, Math.max(this.host.disableSeq, this.guestEnableSeq));
    }
  }

  // ---- vfio_msix_enable / vfio_msix_disable ----

  private *msixEnable(): Block {
    this.kernel.intxDisable(); // vfio_disable_interrupts
    const mode = this.axes.enable === 'paravirt' ? (this.pvGrant > 0 ? 'pv' : 'vector0-fd-1') : this.axes.enable;
    switch (mode) {
      case 'lazy':
        // Notifiers only: the host is enabled by the first use (each a resize of its own).
        yield* this.front.setNotifiers(this.notif);
        return;
      case 'vector0-requested':
        // vfio_msix_vector_do_use(pdev, 0, NULL, NULL) + vfio_msix_vector_release(pdev, 0)
        yield* this.doUse(0, false, false);
        yield* this.vectorRelease(0);
        yield* this.front.setNotifiers(this.notif);
        return;
      case 'vector0-fd-1':
        yield* this.batchNotifiers();
        // error_report("vfio: failed to enable MSI-X ..."): the guest is not told.
        this.checkEnable(this.nrVectors ? this.enableVectors() : this.enableNoVec(), Math.max(1, this.nrVectors));
        return;
      case 'all':
        yield* this.batchNotifiers();
        this.nrVectors = this.host.size;
        this.checkEnable(this.kernel.setIrqs(0, this.fds()).err, this.nrVectors); // vfio_msi_enable(N): every entry allocated now
        return;
      case 'pv':
        yield* this.batchNotifiers();
        this.nrVectors = Math.max(this.nrVectors, this.pvGrant);
        this.checkEnable(this.kernel.setIrqs(0, this.fds()).err, this.nrVectors);
        return;
      default:
        throw new Error(`enable axis ${mode} is not implemented by the vfio front end`);
    }
  }

  /** A failed enable at guest-enable time leaves host MSI-X off; only QEMU's log knows. */
  private checkEnable(err: number, wanted: number): void {
    if (err) this.host.disableSeq = this.w.emit(Ev.NOTE, -1, Note.SETUP_FAILED, wanted);
  }

  /** msix_set_vector_notifiers with defer_kvm_irq_routing: uses record state, no ioctls. */
  private *batchNotifiers(): Block {
    this.defer = true;
    yield* this.front.setNotifiers(this.notif);
    this.defer = false;
  }

  private *msixDisable(): Block {
    yield* this.front.unsetNotifiers();
    for (let i = 0; i < this.nrVectors; i++) {
      if (!this.vUse[i]) continue;
      yield* this.vectorRelease(i);
      this.front.vectorUnuse(i);
    }
    if (!this.oldDisable || this.nrVectors) this.kernel.disable();
    // vfio_msi_disable_common: eventfds closed (unread counts discarded), KVM routes removed.
    for (let i = 0; i < this.host.size; i++) {
      if (this.efd[i]! >= 0) {
        const id = this.efd[i]!;
        this.efd[i] = -1;
        const seq = this.w.emit(Ev.EFD_CLR, i, 1);
        this.w.lose(i, id, Loss.EVENTFD_DISCARDED, seq);
      }
      if (this.handler[i]) this.setHandler(i, false);
      this.vUse[i] = 0;
      this.virq[i] = 0;
    }
    this.nrVectors = 0;
    this.pvGrant = -1;
    this.kernel.intxEnable();
  }

  // ---- notifiers ----

  /** vfio_msix_vector_use -> vfio_msix_vector_do_use(nr, &msg, vfio_msi_interrupt) */
  private vectorUse(nr: number): Block {
    return this.doUse(nr, true, true);
  }

  /** vfio_msix_vector_release: switch a bypassed vector to the userspace eventfd so QEMU can set pending. */
  // eslint-disable-next-line require-yield
  private *vectorRelease(nr: number): Block {
    if (this.virq[nr]) this.setIrqSignalling(nr, Target.USER_EVENTFD);
  }

  private *doUse(nr: number, msg: boolean, handler: boolean): Block {
    if (!this.vUse[nr]) {
      // vfio_pci_vector_init: new eventfd, use = true, msix_vector_use
      this.vUse[nr] = 1;
      this.front.vectorUse(nr);
    }
    if (this.handler[nr] !== (handler ? 1 : 0)) this.setHandler(nr, handler);
    if (this.virq[nr]) {
      if (!msg) this.virq[nr] = 0;
    } else if (msg) {
      this.virq[nr] = 1; // kvm_irqchip_add_msi_route + irqfd
    }
    const oldNr = this.nrVectors;
    const resizing = oldNr < nr + 1;
    if (resizing) this.nrVectors = nr + 1;
    if (!this.defer) {
      if (this.axes.growth === 'teardown-setup' && resizing) yield* this.resize(nr, oldNr);
      else this.setIrqSignalling(nr, this.virq[nr] ? Target.KVM_IRQFD : Target.USER_EVENTFD);
    }
    this.drainEventfd(nr);
  }

  /**
   * The NORESIZE path of vfio_msix_vector_do_use: vfio_device_irq_disable(MSIX), then
   * vfio_enable_vectors with the new nr_vectors. Every vector is without MSI-X in between.
   */
  private *resize(nr: number, oldNr: number): Block {
    const w = this.w;
    const note = w.emit(Ev.NOTE, nr, Note.RESIZE, oldNr, this.nrVectors);
    const hostWasOn = this.host.enable;
    const freed = this.host.nAlloc;
    w.advance(note);
    const dseq = this.kernel.disable();
    if (hostWasOn && this.front.enabled) {
      const len = w.settings.resizeWindowNs ?? defaultResizeWindowNs(freed);
      this.host.windowSeq = w.emitC(dseq, Ev.WINDOW_OPEN, nr, this.nrVectors, 0, len);
      yield len;
      w.emitC(this.host.windowSeq, Ev.WINDOW_CLOSE, nr, 0, 0, len);
      this.host.windowSeq = -1;
    }
    w.advance(note);
    const r = this.enableVectors();
    if (r) {
      // error_report("vfio: failed to enable vectors, %s"): the guest is not told.
      this.host.disableSeq = w.emit(Ev.NOTE, nr, Note.SETUP_FAILED, this.nrVectors);
    }
  }

  /** vfio_enable_vectors(vdev, true). Returns the errno (0 on success). */
  private enableVectors(): number {
    if (!this.noresize) {
      const e = this.enableNoVec();
      if (e) return e;
    }
    return this.kernel.setIrqs(0, this.fds()).err;
  }

  /** vfio_enable_msix_no_vec: SET_IRQS start 0 count 1 fd -1 (vector 0 allocated, not requested). */
  private enableNoVec(): number {
    return this.kernel.setIrqs(0, [-1]).err;
  }

  /** The fd array of vfio_enable_vectors: irqfd for unmasked vectors with a route, else the eventfd, -1 if unused. */
  private fds(): Int32Array {
    const fds = new Int32Array(this.nrVectors).fill(-1);
    for (let i = 0; i < this.nrVectors; i++) {
      if (!this.vUse[i]) continue;
      fds[i] = !this.virq[i] || this.front.isMasked(i) ? Target.USER_EVENTFD : Target.KVM_IRQFD;
    }
    return fds;
  }

  /** vfio_device_irq_set_signaling(MSIX, nr, ACTION_TRIGGER, fd); failures are only logged by QEMU. */
  private setIrqSignalling(nr: number, fd: number): void {
    const partial = this.kernel.irqType === 'none' && this.front.enabled;
    const { seq } = this.kernel.setIrqs(nr, [fd]);
    if (partial && this.host.enable) this.w.emitC(seq, Ev.NOTE, nr, Note.PARTIAL_RECOVERY, nr + 1);
  }

  private setHandler(nr: number, on: boolean): void {
    this.handler[nr] = on ? 1 : 0;
    this.w.emit(Ev.QEMU_HANDLER, nr, on ? 1 : 0);
  }

  /** Once QEMU reads an eventfd that accumulated counts, they reach vfio_msi_interrupt as one event. */
  private drainEventfd(nr: number): void {
    const id = this.efd[nr]!;
    if (id < 0 || !this.handler[nr]) return;
    this.efd[nr] = -1;
    const seq = this.w.emit(Ev.EFD_CLR, nr, 0);
    this.front.notify(nr, id, seq);
  }

  /** The proposed MSIX_ENABLE hypercall (tglx, 2021): grant all, grant N, or refuse. */
  private hypercall(n: number): number {
    const s = this.w.settings;
    const seq = this.w.emit(Ev.IOCTL, -1, Ioctl.PV_MSIX_ENABLE, n, 0);
    const want = s.paravirtGrant === 'all' ? n : s.paravirtGrant === 'refuse' ? 0 : Math.min(n, s.paravirtGrant);
    const g = Math.max(0, Math.min(want, this.host.capacity - this.host.nAlloc - this.host.neighbor));
    this.w.emitC(seq, Ev.NOTE, -1, Note.PV_GRANT, n, g);
    this.pvGrant = g;
    return g;
  }
}
