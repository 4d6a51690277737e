import { Ev, GuestOp } from '../engine/events.ts';
import { STREAM_MAILBOX_REPLY, type Traffic } from '../engine/traffic.ts';
import type { World } from '../engine/world.ts';
import type { Block } from '../hv/block.ts';
import type { HostDevice } from '../host/host-device.ts';
import type { Step } from '../scenario/schema.ts';
import type { GuestBus } from './bus.ts';
import { FreeBsdGuest } from './freebsd.ts';
import { GuestHandlers } from './handlers.ts';
import { LinuxGuest } from './linux.ts';

export type GuestStep = Exclude<Step, { op: 'raise' | 'poisson' | 'burst' }>;

/** Default time the VF driver waits for its PF to answer (the PF needs the VF's MSI-X enabled). */
export const MAILBOX_TIMEOUT_NS = 1_000_000;
const MAILBOX_POLL_NS = 1_000;

/**
 * Runs one guest step as a blocking operation on the vCPU: logs a GUEST_OP row (every write the
 * step makes points back to it), then compiles the step to register writes.
 */
export class GuestDriver {
  private readonly linux: LinuxGuest;
  private readonly freebsd: FreeBsdGuest;
  private opId = 0;

  constructor(
    private readonly w: World,
    private readonly bus: GuestBus,
    private readonly host: HostDevice,
    private readonly traffic: Traffic,
    handlers: GuestHandlers = new GuestHandlers(),
  ) {
    this.linux = new LinuxGuest(w, bus, (g) => traffic.remap(g), handlers);
    this.freebsd = new FreeBsdGuest(w, bus, handlers);
  }

  *run(step: GuestStep): Block {
    const w = this.w;
    const op = this.begin(step);
    w.advance(w.emit(Ev.GUEST_OP, op.vec, op.code, this.opId++, op.arg)); // the vCPU's frame for this step
    switch (step.op) {
      case 'config-write':
        return yield* this.bus.cfgWrite(step.offset, step.size, step.value);
      case 'table-write':
        return yield* this.bus.tblWrite(step.offset >> 4, (step.offset >> 2) & 3, step.value);
      case 'linux-alloc-vectors':
        return yield* this.linux.allocVectors(step.nvec);
      case 'linux-request-irq':
        return yield* this.linux.requestIrq(step.vector, step.noAutoEn ?? false);
      case 'linux-enable-irq':
        return yield* this.linux.enableIrq(step.vector);
      case 'linux-disable-irq':
        return yield* this.linux.disableIrq(step.vector);
      case 'linux-free-irq':
        return yield* this.linux.freeIrq(step.vector);
      case 'linux-set-affinity':
        return yield* this.linux.setAffinity(step.vector, step.cpu);
      case 'linux-free-vectors':
        return yield* this.linux.freeVectors();
      case 'linux-alloc-irq-at':
        return yield* this.linux.allocIrqAt(step.vector);
      case 'freebsd-alloc-msix':
        return yield* this.freebsd.allocMsix();
      case 'freebsd-setup-intr':
        return yield* this.freebsd.setupIntr(step.vector);
      case 'freebsd-teardown-intr':
        return yield* this.freebsd.teardownIntr(step.vector);
      case 'freebsd-release-msix':
        return yield* this.freebsd.releaseMsix();
      case 'mailbox':
        return yield* this.mailbox(step.timeoutNs ?? MAILBOX_TIMEOUT_NS, step.replyVector ?? 0);
    }
  }

  /**
   * A VF/PF mailbox request: the PF (or firmware) only answers a VF whose MSI-X is enabled in
   * hardware (seed 004: "drivers enable MSIX, then use interfaces to send commands between VF &
   * PF ... that act based on the host state of the device"). The driver polls until the host's
   * physical Enable is 1 or the timeout passes; the PF's answer is an interrupt on replyVector.
   */
  private *mailbox(timeout: number, reply: number): Block {
    const start = this.w.now;
    while (!this.host.enable && this.w.now - start < timeout)
      yield Math.min(MAILBOX_POLL_NS, timeout - (this.w.now - start));
    const ok = this.host.enable;
    this.w.emit(Ev.MAILBOX, -1, ok ? 1 : 0, 0, this.w.now - start);
    if (ok) this.traffic.raise(reply, STREAM_MAILBOX_REPLY);
  }

  private begin(step: GuestStep): { code: number; vec: number; arg: number } {
    switch (step.op) {
      case 'config-write':
        return { code: GuestOp.RAW_CONFIG, vec: -1, arg: step.value };
      case 'table-write':
        return { code: GuestOp.RAW_TABLE, vec: step.offset >> 4, arg: step.value };
      case 'linux-alloc-vectors':
        return { code: GuestOp.LINUX_ALLOC_VECTORS, vec: -1, arg: step.nvec };
      case 'linux-request-irq':
        return { code: GuestOp.LINUX_REQUEST_IRQ, vec: step.vector, arg: step.noAutoEn ? 1 : 0 };
      case 'linux-enable-irq':
        return { code: GuestOp.LINUX_ENABLE_IRQ, vec: step.vector, arg: 0 };
      case 'linux-disable-irq':
        return { code: GuestOp.LINUX_DISABLE_IRQ, vec: step.vector, arg: 0 };
      case 'linux-free-irq':
        return { code: GuestOp.LINUX_FREE_IRQ, vec: step.vector, arg: 0 };
      case 'linux-set-affinity':
        return { code: GuestOp.LINUX_SET_AFFINITY, vec: step.vector, arg: step.cpu };
      case 'linux-free-vectors':
        return { code: GuestOp.LINUX_FREE_VECTORS, vec: -1, arg: 0 };
      case 'linux-alloc-irq-at':
        return { code: GuestOp.LINUX_ALLOC_IRQ_AT, vec: step.vector, arg: 0 };
      case 'freebsd-alloc-msix':
        return { code: GuestOp.FREEBSD_ALLOC_MSIX, vec: -1, arg: step.count };
      case 'freebsd-setup-intr':
        return { code: GuestOp.FREEBSD_SETUP_INTR, vec: step.vector, arg: 0 };
      case 'freebsd-teardown-intr':
        return { code: GuestOp.FREEBSD_TEARDOWN_INTR, vec: step.vector, arg: 0 };
      case 'freebsd-release-msix':
        return { code: GuestOp.FREEBSD_RELEASE_MSIX, vec: -1, arg: 0 };
      case 'mailbox':
        return { code: GuestOp.MAILBOX, vec: step.replyVector ?? 0, arg: step.timeoutNs ?? MAILBOX_TIMEOUT_NS };
    }
  }
}
