import { Ev, Loss, Path, Place } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { decode, RAISE_ID_COL, RAISE_ROW_KINDS } from '../engine/schema.ts';
import { fmtNs } from '../format/time.ts';

/* A raise's journey from the device to the guest (or to where it died), for the inspector. */

/** One hop of a raise's journey from the device to its end. */
export interface Hop {
  t: number;
  /** Where the interrupt is at this hop. */
  stage: 'device' | 'host' | 'hypervisor' | 'guest' | 'lost';
  text: string;
  row: number;
}

const PATH_HOPS: Record<number, [Hop['stage'], string][]> = {
  [Path.IRQFD]: [
    ['host', 'host IRQ (requested) → vfio_msihandler → KVM irqfd'],
    ['guest', 'injected into the guest (irq bypass)'],
  ],
  [Path.QEMU]: [
    ['host', 'host IRQ → QEMU eventfd'],
    ['hypervisor', 'vfio_msi_interrupt → msix_notify'],
    ['guest', 'delivered (vector unmasked)'],
  ],
  [Path.KVM_ASSIGNED]: [
    ['host', 'host IRQ → KVM assigned-device handler'],
    ['guest', 'injected through the MSI route'],
  ],
  [Path.KVM_ASSIGNED_MASKED]: [
    ['host', 'host IRQ → KVM assigned-device handler (no mask check)'],
    ['guest', "injected through the route with the driver's message although the vector is masked"],
  ],
  [Path.INTX]: [
    ['host', 'INTx (host MSI-X off)'],
    ['guest', 'delivered on the INTx line'],
  ],
};
const HELD_HOP: Record<number, [Hop['stage'], string]> = {
  [Place.HOST_PBA]: ['host', 'host entry masked in hardware: latched in the device PBA'],
  [Place.EVENTFD]: ['host', "host IRQ → QEMU's eventfd, which nobody reads yet"],
  [Place.GUEST_PBA]: ['hypervisor', 'guest has the vector masked: QEMU sets the emulated pending bit'],
};
const LOSS_SHORT: Record<number, string> = {
  [Loss.RESIZE_WINDOW]: 'host MSI-X off (resize window): INTx, unhandled',
  [Loss.HOST_MSIX_OFF]: 'host MSI-X off: INTx, unhandled',
  [Loss.GUEST_MASKED_NO_PBA]: 'guest entry masked and no PBA: not injected',
  [Loss.GUEST_MSIX_OFF]: 'guest MSI-X disabled: INTx',
  [Loss.VECTOR_NOT_USED]: 'msix_notify: vector not in use',
  [Loss.DEVICE_NO_LATCH]: 'masked in hardware, device does not latch',
  [Loss.PBA_CLEARED]: 'device PBA cleared when host MSI-X was disabled',
  [Loss.EVENTFD_DISCARDED]: 'eventfd closed at guest MSI-X disable',
  [Loss.PENDING_DISCARDED]: 'pending bit cleared (vector unused)',
  [Loss.STALE_ROUTE]: 'injected through a stale route no handler listens on: spurious in the guest',
};

/** The hops of raise `id` (every row that names it), in log order. O(rows). */
export function raiseJourney(log: LogColumns, id: number): Hop[] {
  const hops: Hop[] = [];
  const ids = log[RAISE_ID_COL];
  for (let i = 0; i < log.length; i++) {
    // Filter on the raw column first (every raise-row kind keeps its `raise` field in RAISE_ID_COL), then decode.
    if (ids[i] !== id || !RAISE_ROW_KINDS.has(log.kind[i]!)) continue;
    const e = decode(log, i);
    const { t } = e;
    switch (e.kind) {
      case Ev.RAISE:
        hops.push({ t, stage: 'device', text: `device signals vector ${e.vec}`, row: i });
        for (const [stage, text] of PATH_HOPS[e.path] ?? []) hops.push({ t, stage, text, row: i });
        break;
      case Ev.PEND: {
        const [stage, text] = HELD_HOP[e.place] ?? ['host', 'held'];
        hops.push({ t, stage, text, row: i });
        break;
      }
      case Ev.DELIVER:
        for (const [stage, text] of PATH_HOPS[e.path] ?? [])
          hops.push({
            t,
            stage,
            text: stage === 'guest' ? `${text}, ${fmtNs(e.latencyNs)} after the raise` : text,
            row: i,
          });
        break;
      case Ev.COALESCE:
        hops.push({ t, stage: 'hypervisor', text: `merged into raise #${e.into} already pending`, row: i });
        break;
      case Ev.LOST:
        hops.push({ t, stage: 'lost', text: `LOST: ${LOSS_SHORT[e.loss] ?? 'lost'}`, row: i });
        break;
    }
  }
  return hops;
}
