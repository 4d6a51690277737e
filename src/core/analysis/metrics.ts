import { Ev, Loss, LOSS_NAMES, Note, Path } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { col, RAISE_ID_COL } from '../engine/schema.ts';
import { heldCounts, type MachineState } from '../replay/machine-state.ts';

/** Per-policy results. Every count is an integer; see docs/SCENARIO.md for definitions. */
export interface Metrics {
  raised: number;
  delivered: number;
  coalesced: number;
  lost: number;
  /** Raises still held at the end (emulated PBA, physical PBA, unread eventfd): from the final state. */
  pendingAtEnd: number;
  pendingAtEndByPlace: { guestPba: number; hostPba: number; eventfd: number };
  lostByCause: Record<string, number>;
  /** Delivered after being held somewhere (late, possibly stale). */
  deliveredLate: number;
  /**
   * Data hack only: delivered although the guest had the entry masked (path
   * kvm-assigned-while-masked). Legacy KVM assignment injects through the entry's route with no mask
   * check, and the route still carried the driver's own message, so its handler ran: a mask
   * violation. Included in `delivered`.
   */
  deliveredWhileMasked: number;
  /**
   * Data hack only: injected through a stale route whose message no driver handler listens on (a
   * spurious interrupt in the guest). Included in `lost` (cause stale-route): the driver never saw it.
   */
  spuriousInjections: number;
  /**
   * Raises whose interrupt never reached the guest: lost, still held at the end, or coalesced into
   * a raise that was itself lost or never delivered (e.g. every raise on a vector the host could
   * not back). >= lost; 0 means every raise was delivered or merged into a delivered one.
   */
  neverDelivered: number;
  /** Allocated host IRQs (one IRTE each): peak and final. */
  hostVectorsPeak: number;
  hostVectorsFinal: number;
  /** Requested host IRQs (CPU vectors under reservation mode): peak. */
  cpuVectorsPeak: number;
  /**
   * Host IRQ allocations and frees (host-alloc / host-free rows): the IRQ-descriptor and IRTE churn.
   * A policy that keeps allocations as a cache frees only at MSI-X disable; dynamic-nocache and ims
   * free and re-allocate on every trigger change.
   */
  hostIrqAllocs: number;
  hostIrqFrees: number;
  /** VFIO_DEVICE_SET_IRQS or KVM device-assignment ioctls (plus paravirt hypercalls). */
  hostOps: number;
  /** Times host MSI-X was disabled while the guest had it enabled (teardown/setup, pci-assign re-setup). */
  resizes: number;
  /** Total length of those windows. */
  lossWindowNs: number;
  allocFailures: number;
  /** Failures the guest can observe (a mailbox timeout, a refused pci_msix_alloc_irq_at). Host failures under vfio are invisible. */
  guestVisibleFailures: number;
  /** Host enables that failed and left every vector dead until something re-enabled it. */
  setupFailures: number;
  /** Delivery latency over delivered raises, ns. */
  latencyP50Ns: number;
  latencyP99Ns: number;
  latencyMaxNs: number;
  /** Rows in the event log. */
  events: number;
}

// The columns the counted fields live in, from the schema (resolved once: the loop reads every row).
const RAISE_PATH = col(Ev.RAISE, 'path'),
  DELIVER_PATH = col(Ev.DELIVER, 'path'),
  DELIVER_LATENCY = col(Ev.DELIVER, 'latencyNs');
const COALESCE_INTO = col(Ev.COALESCE, 'into'),
  LOST_LOSS = col(Ev.LOST, 'loss'),
  WINDOW_LENGTH = col(Ev.WINDOW_CLOSE, 'lengthNs');
const MAILBOX_OK = col(Ev.MAILBOX, 'ok'),
  NOTE_CODE = col(Ev.NOTE, 'note');

export function computeMetrics(log: LogColumns, final: MachineState, reservationMode: boolean): Metrics {
  const lostByCause: Record<string, number> = {};
  let raised = 0,
    delivered = 0,
    coalesced = 0,
    lost = 0,
    late = 0,
    whileMasked = 0,
    spurious = 0;
  let nAlloc = 0,
    nReq = 0,
    peakAlloc = 0,
    peakReq = 0,
    allocs = 0,
    frees = 0;
  let hostOps = 0,
    resizes = 0,
    windowNs = 0,
    allocFailures = 0,
    gvf = 0,
    setupFailures = 0;
  const lat: number[] = [];
  const pending = new Set<number>();
  /** Late-delivered raise ids (a coalescing holder is always held first, so delivered late if at all). */
  const lateIds = new Set<number>();
  const into = new Map<number, number>();
  const raiseId = log[RAISE_ID_COL],
    raisePath = log[RAISE_PATH],
    deliverPath = log[DELIVER_PATH],
    latency = log[DELIVER_LATENCY];
  const coalesceInto = log[COALESCE_INTO],
    loss = log[LOST_LOSS],
    windowLength = log[WINDOW_LENGTH],
    mailboxOk = log[MAILBOX_OK],
    note = log[NOTE_CODE];
  for (let i = 0; i < log.length; i++) {
    switch (log.kind[i]) {
      case Ev.RAISE:
        raised++;
        if (raisePath[i]! > 0) {
          delivered++;
          if (raisePath[i] === Path.KVM_ASSIGNED_MASKED) whileMasked++;
          lat.push(0);
        }
        break;
      case Ev.DELIVER:
        delivered++;
        if (deliverPath[i] === Path.KVM_ASSIGNED_MASKED) whileMasked++;
        lat.push(latency[i]!);
        if (pending.delete(raiseId[i]!)) late++;
        lateIds.add(raiseId[i]!);
        break;
      case Ev.PEND:
        pending.add(raiseId[i]!);
        break;
      case Ev.COALESCE:
        coalesced++;
        into.set(raiseId[i]!, coalesceInto[i]!);
        break;
      case Ev.LOST: {
        lost++;
        if (loss[i] === Loss.STALE_ROUTE) spurious++;
        const k = LOSS_NAMES[loss[i]!] ?? `cause-${loss[i]}`;
        lostByCause[k] = (lostByCause[k] ?? 0) + 1;
        break;
      }
      case Ev.HOST_ALLOC:
        allocs++;
        if (++nAlloc > peakAlloc) peakAlloc = nAlloc;
        break;
      case Ev.HOST_FREE:
        nAlloc--;
        frees++;
        break;
      case Ev.HOST_REQUEST:
        if (++nReq > peakReq) peakReq = nReq;
        break;
      case Ev.HOST_FREE_IRQ:
        nReq--;
        break;
      case Ev.IOCTL:
        hostOps++;
        break;
      case Ev.WINDOW_OPEN:
        resizes++;
        break;
      case Ev.WINDOW_CLOSE:
        windowNs += windowLength[i]!;
        break;
      case Ev.HOST_ALLOC_FAIL:
      case Ev.HOST_REQUEST_FAIL:
        allocFailures++;
        break;
      case Ev.MAILBOX:
        if (mailboxOk[i] === 0) gvf++;
        break;
      case Ev.NOTE:
        if (note[i] === Note.SETUP_FAILED) setupFailures++;
        if (note[i] === Note.GUEST_ALLOC_FAILED) gvf++;
        break;
    }
  }
  lat.sort((x, y) => x - y);
  const q = (p: number): number => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]! : 0);
  const held = heldCounts(final);
  let merged = 0;
  for (const holder of into.values()) {
    let root = holder;
    for (let k = 0; k < 64 && into.has(root); k++) root = into.get(root)!;
    if (lateIds.has(root)) merged++;
  }
  return {
    raised,
    delivered,
    coalesced,
    lost,
    pendingAtEnd: held.guestPba + held.hostPba + held.eventfd,
    pendingAtEndByPlace: held,
    lostByCause,
    deliveredLate: late,
    deliveredWhileMasked: whileMasked,
    spuriousInjections: spurious,
    neverDelivered: lost + held.guestPba + held.hostPba + held.eventfd + (coalesced - merged),
    hostVectorsPeak: peakAlloc,
    hostVectorsFinal: final.host.nAlloc,
    cpuVectorsPeak: reservationMode ? peakReq : peakAlloc,
    hostIrqAllocs: allocs,
    hostIrqFrees: frees,
    hostOps,
    resizes,
    lossWindowNs: windowNs,
    allocFailures,
    guestVisibleFailures: gvf,
    setupFailures,
    latencyP50Ns: q(0.5),
    latencyP99Ns: q(0.99),
    latencyMaxNs: lat.length ? lat[lat.length - 1]! : 0,
    events: log.length,
  };
}
