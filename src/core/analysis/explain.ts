import { ENTRY_DATA } from '../spec/pci-msix.ts';
import {
  Ev,
  type EvKind,
  GUEST_OP_NAMES,
  GuestOp,
  IOCTL_NAMES,
  Ioctl,
  Loss,
  Note,
  Path,
  Place,
} from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { assertNever, decode, declOf, fieldText, type EventOf, type LogEvent } from '../engine/schema.ts';
import { fmtNs } from '../format/time.ts';
import { describeRow } from './golden.ts';

/** A "why?" answer for one log row: a sentence generated from the model, the function it follows, and the cause chain. */
export interface Explanation {
  title: string;
  sentence: string;
  /** The QEMU / Linux function whose behaviour this is. */
  fn: string;
  /** Log rows from this one back to its root cause (this row first). */
  chain: number[];
}

const PLACE_TEXT: Record<number, string> = {
  [Place.GUEST_PBA]: "the emulated PBA (QEMU's pending bit, because the guest has the vector masked)",
  [Place.HOST_PBA]:
    "the device's own PBA (the host entry is masked in hardware: allocated but not requested, or not allocated at all)",
  [Place.EVENTFD]: 'an unread userspace eventfd (the host IRQ signals QEMU, but QEMU has no handler on it yet)',
};
const PATH_TEXT: Record<number, string> = {
  [Path.IRQFD]: 'the host IRQ signalled the KVM irqfd, which injected it straight into the guest (irq bypass)',
  [Path.QEMU]: "the host IRQ signalled QEMU's eventfd; vfio_msi_interrupt called msix_notify on an unmasked vector",
  [Path.KVM_ASSIGNED]: "KVM's assigned-device handler injected it through the vector's MSI route",
  [Path.KVM_ASSIGNED_MASKED]:
    "KVM's assigned-device handler injected it through the vector's MSI route although the guest had the vector masked",
  [Path.INTX]: 'the guest driver uses INTx, and vfio forwarded the INTx interrupt',
};

/** What each guest operation compiles to (domain.md §2). */
const OP_TEXT: Record<number, string> = {
  [GuestOp.RAW_CONFIG]:
    'A raw write to the MSI-X capability (Message Control lives at offset 2; only Enable and Function Mask are writable).',
  [GuestOp.RAW_TABLE]: 'A raw 4-byte write to the vector table.',
  [GuestOp.LINUX_ALLOC_VECTORS]:
    'pci_alloc_irq_vectors: Enable and Function Mask in one write, the message of every allocated entry, Vector Control = masked for every entry of the table, then Function Mask cleared (msix_capability_init).',
  [GuestOp.LINUX_REQUEST_IRQ]:
    'request_irq: the final message is written while the entry is masked, then the entry is unmasked — the first unmask is where the hypervisor must back the vector with a host IRQ. With IRQF_NO_AUTOEN nothing is written until enable_irq.',
  [GuestOp.LINUX_ENABLE_IRQ]: 'enable_irq: the disable depth drops to 0, so the IRQ starts: message, then unmask.',
  [GuestOp.LINUX_FREE_IRQ]: 'free_irq: the entry is masked.',
  [GuestOp.LINUX_SET_AFFINITY]:
    'irq_set_affinity: a new message, written with the entry masked around the update (the 2021 fix), so the hypervisor sees mask, write, unmask.',
  [GuestOp.LINUX_FREE_VECTORS]: 'pci_free_irq_vectors: every descriptor is masked, then MSI-X Enable is cleared.',
  [GuestOp.LINUX_ALLOC_IRQ_AT]:
    'pci_msix_alloc_irq_at: a new entry after enable; its message is written while it is still masked.',
  [GuestOp.FREEBSD_ALLOC_MSIX]:
    'FreeBSD pci_alloc_msix: entries masked, then Enable set — with every Data field still 0.',
  [GuestOp.FREEBSD_SETUP_INTR]: 'FreeBSD pci_setup_intr: address and data written, then the entry unmasked.',
  [GuestOp.FREEBSD_TEARDOWN_INTR]: 'FreeBSD pci_teardown_intr: the entry is masked.',
  [GuestOp.FREEBSD_RELEASE_MSIX]: 'FreeBSD pci_release_msix: Enable cleared.',
  [GuestOp.MAILBOX]:
    'A VF driver asks its PF (or firmware) something; the PF only answers a VF whose MSI-X is enabled in hardware. The driver polls until it is, or times out (a guest-visible probe failure).',
  [GuestOp.LINUX_DISABLE_IRQ]: 'disable_irq: the entry is masked.',
};
const OP_FN: Record<number, string> = {
  [GuestOp.LINUX_ALLOC_VECTORS]: 'drivers/pci/msi/msi.c msix_capability_init',
  [GuestOp.LINUX_REQUEST_IRQ]: 'kernel/irq/manage.c request_irq -> irq_startup',
  [GuestOp.LINUX_ENABLE_IRQ]: 'kernel/irq/manage.c enable_irq',
  [GuestOp.LINUX_FREE_VECTORS]: 'drivers/pci/msi/msi.c pci_msix_shutdown',
  [GuestOp.LINUX_ALLOC_IRQ_AT]: 'drivers/pci/msi/api.c pci_msix_alloc_irq_at',
  [GuestOp.FREEBSD_ALLOC_MSIX]: 'sys/dev/pci/pci.c pci_alloc_msix_method',
  [GuestOp.FREEBSD_SETUP_INTR]: 'sys/dev/pci/pci.c pci_setup_intr',
  [GuestOp.MAILBOX]: 'seed 004: VF/PF and PF/firmware channels',
};

/** Walks the cause column from row i back to the root. */
export function causeChain(log: LogColumns, i: number): number[] {
  const chain: number[] = [];
  for (let r = i; r >= 0 && chain.length < 64; r = log.cause[r]!) chain.push(r);
  return chain;
}

/** The guest operation at the root of a chain, described ("request_irq(3)"), or ''. */
function rootOp(log: LogColumns, chain: number[]): string {
  const op = find(log, chain, Ev.GUEST_OP);
  return op ? `${GUEST_OP_NAMES[op.op]}${op.vec >= 0 ? `(${op.vec})` : ''} at t=${fmtNs(op.t)}` : '';
}

/** The first row of `chain` of this kind (and matching `pred`), decoded, or null. */
function find<K extends EvKind>(
  log: LogColumns,
  chain: number[],
  kind: K,
  pred: (e: EventOf<K>) => boolean = () => true,
): EventOf<K> | null {
  for (const r of chain) {
    if (log.kind[r] !== kind) continue;
    const e = decode(log, r) as EventOf<K>;
    if (pred(e)) return e;
  }
  return null;
}

/** The guest write that triggered something: "the guest unmasking vector 3". */
function trigger(log: LogColumns, chain: number[]): string {
  const w = find(log, chain, Ev.TBL_WRITE);
  const op = rootOp(log, chain);
  const via = op ? ` in ${op}` : '';
  if (w && w.word === 3) return `the guest ${w.value & 1 ? 'masking' : 'unmasking'} vector ${w.vec}${via}`;
  if (w) return `a guest write to vector ${w.vec}${via}`;
  const cw = find(log, chain, Ev.CFG_WRITE);
  if (cw) return `the guest writing Message Control (0x${(cw.value >>> 0).toString(16)})${via}`;
  return op ? `the guest's ${op}` : 'the scenario';
}

/** " since t=…" for the guest's last effective mask of v before row i ("since reset" if it never changed), or ''. */
function maskedSince(log: LogColumns, i: number, v: number): string {
  for (let r = i - 1; r >= 0; r--) {
    if (log.kind[r] !== Ev.GUEST_MASK || log.vec[r] !== v) continue;
    const m = decode(log, r) as EventOf<typeof Ev.GUEST_MASK>;
    return m.masked ? ` since t=${fmtNs(m.t)}` : '';
  }
  return ' since reset (every entry starts masked)';
}

/** The data word entry v held when its route was set at row `at` (the last guest data write before it), or -1. */
function routeData(log: LogColumns, at: number, v: number): number {
  for (let r = at; r >= 0; r--) {
    if (log.kind[r] !== Ev.TBL_WRITE || log.vec[r] !== v) continue;
    const w = decode(log, r) as EventOf<typeof Ev.TBL_WRITE>;
    if (w.word === ENTRY_DATA) return w.value >>> 0;
  }
  return -1;
}

/** Fills a schema template: `{field}` becomes the field's value in words (a code's name, a duration, yes/no). */
export function fillTemplate(template: string, e: LogEvent): string {
  const vals = e as unknown as Record<string, number>;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const f = fieldText(e.kind, name, vals[name]!);
    if (!f) return m;
    if (f.spec.unit === 'ns') return fmtNs(vals[name]!);
    if (f.spec.unit === 'flag') return vals[name] ? 'yes' : 'no';
    return f.text;
  });
}

function lossSentence(log: LogColumns, e: EventOf<typeof Ev.LOST>, chain: number[]): { s: string; fn: string } {
  const v = e.vec;
  switch (e.loss) {
    case Loss.RESIZE_WINDOW: {
      const w = find(log, chain, Ev.WINDOW_OPEN);
      const len = w ? fmtNs(w.plannedNs) : '?';
      const rz = find(log, chain, Ev.NOTE, (n) => n.note === Note.RESIZE);
      const deassign = find(log, chain, Ev.IOCTL, (x) => x.ioctl === Ioctl.KVM_DEASSIGN_DEV_IRQ);
      if (deassign) {
        return {
          s: `Lost: host MSI-X Enable was 0 for ${len} while pci-assign tore down and re-assigned every vector (deassign, recount entries with data != 0, assign); the device signalled INTx instead, which nobody handles. Triggered by ${trigger(log, chain)}.`,
          fn: 'hw/i386/kvm/pci-assign.c assigned_dev_update_msix',
        };
      }
      const grow = rz ? ` grew the MSI-X index from ${rz.x} to ${rz.y} vectors` : ' resized the MSI-X index';
      return {
        s: `Lost: host MSI-X Enable was 0 for ${len} while teardown/setup${grow}; during the window the device falls back to INTx, which vfio does not handle, so every vector loses what arrives. Triggered by ${trigger(log, chain)}.`,
        fn: 'hw/vfio/pci.c vfio_msix_vector_do_use (noresize && resizing: vfio_device_irq_disable + vfio_enable_vectors)',
      };
    }
    case Loss.HOST_MSIX_OFF: {
      const failed = find(log, chain, Ev.NOTE, (n) => n.note === Note.SETUP_FAILED);
      const assign = failed
        ? find(log, causeChain(log, failed.seq), Ev.NOTE, (n) => n.note === Note.DATA_COUNT || n.note === Note.RESETUP)
        : null;
      if (failed && assign) {
        return {
          s: `Lost: pci-assign could not assign ${failed.x} host vectors (KVM_ASSIGN_DEV_IRQ failed: the host IRQ budget is exhausted), so host MSI-X stayed disabled and every vector is dead. QEMU only prints perror("assigned_dev_enable_msix: assign irq"); the guest is not told.`,
          fn: 'hw/i386/kvm/pci-assign.c assigned_dev_update_msix (kvm_device_msix_assign fails)',
        };
      }
      if (failed) {
        return {
          s: `Lost: an earlier host enable of ${failed.x} vectors failed (host IRQ budget exhausted), so host MSI-X stayed disabled and every vector is dead. The guest was not told: its MSI-X is still enabled and vector ${v} unmasked (QEMU only logs "failed to enable vectors").`,
          fn: 'drivers/vfio/pci/vfio_pci_intrs.c vfio_msi_enable (fewer than nvec: free and fail)',
        };
      }
      return {
        s: `Lost: the guest has MSI-X enabled, but the host has not enabled it on the device (this policy enables the host lazily, or found nothing to enable), so the device used INTx, which nobody handles.`,
        fn: 'hw/vfio/pci.c vfio_msix_enable (lazy) / pci-assign assigned_dev_update_msix_mmio ("valid to enable MSI-X with all entries masked")',
      };
    }
    case Loss.GUEST_MASKED_NO_PBA: {
      const m = find(log, chain, Ev.GUEST_MASK);
      const since = m ? ` since t=${fmtNs(m.t)}` : '';
      return {
        s: `Lost: the guest had vector ${v} masked${since}. pci-assign keeps it bound to a host IRQ but KVM has no pending bits, so "interrupts while masked are simply not injected to the guest, so are lost".`,
        fn: 'hw/i386/kvm/pci-assign.c assigned_dev_msix_mmio_write (the XXX comment)',
      };
    }
    case Loss.STALE_ROUTE: {
      const since = maskedSince(log, e.seq, v);
      const d = routeData(log, e.cause, v);
      const what =
        d < 0
          ? 'a message'
          : (d & 0xff) === 0xef
            ? `data 0x${d.toString(16)}, Linux's MANAGED_IRQ_SHUTDOWN_VECTOR placeholder written when the vector was allocated, before request_irq`
            : `data 0x${d.toString(16)}`;
      return {
        s: `Lost for the driver, but not silently: the guest had vector ${v} masked${since}, yet legacy KVM assignment has no MSI-X mask — kvm_assigned_dev_thread_msix calls kvm_assigned_dev_raise_guest_irq -> kvm_set_irq with no mask check, and QEMU's assigned_dev_msix_mmio_write does nothing on a mask (an empty branch), so the route stays. The route still carried ${what} (the route was last set in response to ${trigger(log, chain)}), and no driver handler listens on that message: the guest took a spurious interrupt.`,
        fn: 'arch/x86/kvm/assigned-dev.c kvm_assigned_dev_thread_msix (no mask check) + hw/i386/kvm/pci-assign.c assigned_dev_msix_mmio_write (empty mask branch)',
      };
    }
    case Loss.GUEST_MSIX_OFF:
      return {
        s: `Lost: the guest had MSI-X disabled (its driver was not using MSI-X), so the device signalled INTx, not vector ${v}.`,
        fn: 'hw/vfio/pci.c vfio_msix_disable -> vfio_intx_enable',
      };
    case Loss.VECTOR_NOT_USED:
      return {
        s: `Lost: QEMU's msix_notify drops an event on a vector nobody declared used (msix_vector_use).`,
        fn: 'hw/pci/msix.c msix_notify',
      };
    case Loss.DEVICE_NO_LATCH:
      return {
        s: `Lost: the host entry was masked in hardware and this device does not latch masked interrupts in its PBA (device.latchMasked = false).`,
        fn: 'device-dependent (domain.md §1.5)',
      };
    case Loss.PBA_CLEARED:
      return {
        s: `Lost: the device had latched it in its PBA, then the host cleared MSI-X Enable and this device drops pending bits on disable (device.pbaSurvivesDisable = false).`,
        fn: 'drivers/pci/msi/msi.c pci_msix_shutdown; device-dependent',
      };
    case Loss.EVENTFD_DISCARDED:
      return {
        s: `Lost: it was waiting as an unread count in QEMU's eventfd when the guest disabled MSI-X and QEMU closed the eventfd.`,
        fn: 'hw/vfio/pci.c vfio_msi_disable_common',
      };
    case Loss.PENDING_DISCARDED:
      return {
        s: `Lost: it was pending in the emulated PBA when the vector's use count dropped to 0, which clears the pending bit.`,
        fn: 'hw/pci/msix.c msix_vector_unuse',
      };
    default:
      return { s: `Lost (${describeRow(log, e.seq)}).`, fn: '' };
  }
}

/** Explains one log row. Works from the log alone. */
export function explainRow(log: LogColumns, i: number): Explanation {
  const chain = causeChain(log, i);
  const e = decode(log, i);
  const v = 'vec' in e ? e.vec : -1;
  const title = (what: string): string => `${what}${v >= 0 ? ` · vector ${v}` : ''} · t=${fmtNs(e.t)}`;
  /** A row explained by its schema template alone, plus what caused it. */
  const generic = (): Explanation => {
    const d = declOf(e.kind)!;
    return {
      title: title(fillTemplate(d.title, e)),
      sentence: `${fillTemplate(d.sentence, e)}${chain.length > 1 ? ` Caused by ${trigger(log, chain)}.` : ''}`,
      fn: '',
      chain,
    };
  };
  switch (e.kind) {
    case Ev.RAISE:
      if (e.path === Path.KVM_ASSIGNED_MASKED) {
        return {
          title: title(`Raise #${e.raise} delivered while masked`),
          sentence: `Delivered at once although the guest had vector ${v} masked${maskedSince(log, i, v)}: legacy KVM assignment has no MSI-X mask — kvm_assigned_dev_thread_msix looks up the entry's GSI and calls kvm_assigned_dev_raise_guest_irq -> kvm_set_irq with no mask check, and QEMU's assigned_dev_msix_mmio_write does nothing on a mask (an empty branch), so the route stays. The route still carried the message the driver's handler listens on, so the interrupt reached the driver although the vector was masked: a mask violation, delivered early. (If the guest masked it with disable_irq, Linux's flow handler marks it pending and enable_irq replays it; the model counts the delivery at the injection.) QEMU's XXX comment says such interrupts "are lost"; the kernel code injects them.`,
          fn: 'arch/x86/kvm/assigned-dev.c kvm_assigned_dev_thread_msix (no mask check) + hw/i386/kvm/pci-assign.c assigned_dev_msix_mmio_write (empty mask branch)',
          chain,
        };
      }
      if (e.path > 0)
        return {
          title: title(`Raise #${e.raise} delivered`),
          sentence: `Delivered at once: ${PATH_TEXT[e.path]}.`,
          fn:
            e.path === Path.IRQFD
              ? 'drivers/vfio/pci/vfio_pci_intrs.c vfio_msihandler -> KVM irqfd'
              : e.path === Path.KVM_ASSIGNED
                ? 'arch/x86/kvm/assigned-dev.c kvm_assigned_dev_msix -> kvm_set_irq'
                : 'hw/vfio/pci.c vfio_msi_interrupt',
          chain,
        };
      return {
        title: title(`Raise #${e.raise}`),
        sentence: `The device signalled vector ${v}; the rows that follow say where it went.`,
        fn: '',
        chain,
      };
    case Ev.DELIVER: {
      const c = e.cause;
      const ck = c >= 0 ? log.kind[c] : -1;
      const fromDevicePba = ck === Ev.HOST_REQUEST || ck === Ev.HOST_PBA_CLR;
      let how: string;
      if (fromDevicePba)
        how = `the host entry was masked in hardware (allocated with fd -1, or not allocated yet), so the device latched it in its own PBA; request_irq unmasked the entry and the device sent it then (device-dependent: a device that does not latch would have lost it)`;
      else if (ck === Ev.EFD_CLR)
        how = `QEMU installed its handler on the vector's eventfd when the guest first unmasked it, read the count that had accumulated, and injected it (stale)`;
      else if (ck === Ev.GUEST_PBA_CLR)
        how = `the guest unmasked the vector and QEMU delivered the pending bit (msix_handle_mask_update)`;
      else how = PATH_TEXT[e.path] ?? '';
      const fn = fromDevicePba
        ? 'kernel/irq/manage.c request_irq (unmask) + the device PBA (domain.md §1.5)'
        : ck === Ev.EFD_CLR
          ? 'hw/vfio/pci.c vfio_msix_vector_do_use (qemu_set_fd_handler) -> vfio_msi_interrupt'
          : 'hw/pci/msix.c msix_handle_mask_update';
      return {
        title: title(`Raise #${e.raise} delivered late`),
        sentence: `Delivered ${fmtNs(e.latencyNs)} after it was raised: ${how}.`,
        fn,
        chain,
      };
    }
    case Ev.LOST: {
      const { s, fn } = lossSentence(log, e, chain);
      return { title: title(`Raise #${e.raise} LOST`), sentence: s, fn, chain };
    }
    case Ev.COALESCE:
      return {
        title: title(`Raise #${e.raise} coalesced`),
        sentence: `Merged into raise #${e.into}, already pending in ${PLACE_TEXT[e.place]}: one pending bit (or one eventfd count) holds one interrupt, so this one will not be delivered separately.`,
        fn:
          e.place === Place.GUEST_PBA
            ? 'hw/pci/msix.c msix_notify -> msix_set_pending (emulated PBA)'
            : e.place === Place.EVENTFD
              ? 'eventfd counter (one read consumes every count)'
              : "the device's own PBA bit (PCI MSI-X pending bits; domain.md §1.5)",
        chain,
      };
    case Ev.PEND:
      return {
        title: title(`Raise #${e.raise} held`),
        sentence: `Held in ${PLACE_TEXT[e.place]}.`,
        fn:
          e.place === Place.GUEST_PBA
            ? 'hw/vfio/pci.c vfio_msi_interrupt -> msix_notify (masked: set pending)'
            : e.place === Place.EVENTFD
              ? 'eventfd_signal with no reader'
              : 'device PBA (domain.md §1.5)',
        chain,
      };
    case Ev.GUEST_OP:
      return {
        title: title(`Guest: ${GUEST_OP_NAMES[e.op]}`),
        sentence: `${OP_TEXT[e.op] ?? 'A guest operation.'} Every register write it made is listed in the event table with this row as its cause; the hypervisor saw only those writes.`,
        fn: OP_FN[e.op] ?? '',
        chain,
      };
    case Ev.HOST_ALLOC_FAIL:
      return {
        title: title('Host allocation FAILED'),
        sentence: `The host could not allocate ${e.wanted} IRQs for this device (budget ${e.budget}: each host IRQ holds an interrupt-remapping entry). ${v >= 0 ? `Only vector ${v} stays without a host IRQ (dynamic allocation); raises on it wait in the device's PBA.` : 'The whole enable failed: host MSI-X stays disabled and every vector is dead until something succeeds, and the guest is not told.'}`,
        fn:
          v >= 0
            ? 'drivers/pci/msi/api.c pci_msix_alloc_irq_at'
            : 'drivers/vfio/pci/vfio_pci_intrs.c vfio_msi_enable / KVM assigned_device_enable_host_msix',
        chain,
      };
    case Ev.HOST_REQUEST_FAIL:
      return {
        title: title('request_irq FAILED'),
        sentence: `The host ran out of CPU vectors (${e.inUse} of ${e.budget} in use): the vector stays masked in hardware and nothing arrives on it.`,
        fn: 'kernel/irq/manage.c request_irq -> activate_reserved (x86 vector matrix)',
        chain,
      };
    case Ev.WINDOW_OPEN:
      return {
        title: `Host MSI-X disabled for a resize · every vector · t=${fmtNs(e.t)}`,
        sentence: `Host MSI-X Enable goes to 0 for ${fmtNs(e.plannedNs)} while the host frees every vector and sets up ${e.vectors} again; everything the device raises meanwhile goes to the unhandled INTx line. Triggered by ${trigger(log, chain)}.`,
        fn: 'drivers/pci/msi/msi.c pci_msix_shutdown … msix_capability_init',
        chain,
      };
    case Ev.IOCTL:
      return {
        title: title(IOCTL_NAMES[e.ioctl] ?? 'ioctl'),
        sentence: `${describeRow(log, i)}. Triggered by ${trigger(log, chain)}.`,
        fn:
          e.ioctl === Ioctl.VFIO_SET_IRQS_DISABLE || e.ioctl === Ioctl.VFIO_SET_IRQS
            ? 'hw/vfio/pci.c -> VFIO_DEVICE_SET_IRQS (vfio_pci_set_msi_trigger)'
            : 'KVM device assignment ioctl',
        chain,
      };
    case Ev.NOTE:
      return { title: title('Decision'), sentence: noteSentence(log, e), fn: noteFn(e), chain };
    case Ev.MAILBOX:
      return {
        title: title(e.ok ? 'Mailbox answered' : 'Mailbox TIMED OUT'),
        sentence: e.ok
          ? `The PF answered after ${fmtNs(e.waitedNs)}: the VF's MSI-X was enabled in hardware.`
          : `The PF never answered within ${fmtNs(e.waitedNs)}: the guest enabled MSI-X but the host had not enabled it on the device, so the VF driver's probe fails (seed 004).`,
        fn: 'VF driver mailbox (e.g. ixgbevf) against the PF',
        chain,
      };
    case Ev.CFG_WRITE:
    case Ev.CTRL:
    case Ev.TBL_WRITE:
    case Ev.GUEST_MASK:
    case Ev.GUEST_PBA_CLR:
    case Ev.IGNORED:
    case Ev.HOST_ENABLE:
    case Ev.HOST_DISABLE:
    case Ev.HOST_ALLOC:
    case Ev.HOST_FREE:
    case Ev.HOST_REQUEST:
    case Ev.HOST_FREE_IRQ:
    case Ev.HOST_PBA_CLR:
    case Ev.EFD_CLR:
    case Ev.QEMU_HANDLER:
    case Ev.WINDOW_CLOSE:
      return generic();
    default:
      return assertNever(e);
  }
}

function noteSentence(log: LogColumns, e: EventOf<typeof Ev.NOTE>): string {
  const { x: b, y: c } = e;
  switch (e.note) {
    case Note.DATA_COUNT:
      return `pci-assign counted ${b} entries with data != 0 and (re)assigns that many host vectors (assigned_dev_msix_skipped).`;
    case Note.RESIZE:
      return `nr_vectors grows from ${b} to ${c}: on a NORESIZE host QEMU must disable the whole index and enable it again with ${c} vectors.`;
    case Note.DYN_ALLOC:
      return `The host allocated exactly this vector with pci_msix_alloc_irq_at (vfio_msi_alloc_irq), without touching the others.`;
    case Note.SETUP_FAILED:
      return `The host could not allocate ${b} vectors; host MSI-X stays disabled and the guest is not told.`;
    case Note.PV_GRANT:
      return `MSIX_ENABLE hypercall: the guest asked for ${b} vectors and the host granted ${c}.`;
    case Note.QUEUE_REMAP:
      return `The driver got ${b} of ${c} vectors and spreads its queues over them (queue q uses vector q mod ${b}).`;
    case Note.MSG_WHILE_UNMASKED:
      return `The guest changed an unmasked entry's message: the spec says the result is undefined, and QEMU sees no mask transition, so the backend keeps the old route.`;
    case Note.INTX_FALLBACK:
      return `The host refused MSI-X; the driver falls back to INTx.`;
    case Note.RESETUP:
      return `pci-assign re-assigns ${b} vectors.`;
    case Note.GUEST_ALLOC_FAILED:
      return `The guest driver's pci_msix_alloc_irq_at(${b}) failed: the device shows only ${c} table entries (pci-assign clamps the table to 256). The driver sees the error; this vector never exists.`;
    case Note.PARTIAL_RECOVERY:
      return `With the MSI-X index down, this SET_IRQS enables ${b} vectors and binds only this one (partial recovery).`;
    case Note.DYN_FREE:
      return `The replaced trigger freed vector ${e.vec}'s IRQ (${b ? 'pci_ims_free_irq: the IMS backend' : 'pci_msix_free_irq: the earlier dynamic MSI-X revision'}) instead of keeping it as a cache: the next trigger on this vector must allocate an IRQ again, and another device may take it first.`;
    case Note.IMS_ALLOC:
      return `The IMS backend gave vector ${e.vec} a slot (pci_ims_alloc_irq); the device now holds ${b} slot${b === 1 ? '' : 's'} of the shared IMS store.`;
    case Note.NEIGHBOR:
      return `Another device now holds ${b} of the ${c} IRQs it wants from the shared budget${b < c ? ': it waits for the rest, and takes any IRQ this device frees' : ''}.`;
    default:
      return fillTemplate(declOf(Ev.NOTE)!.sentence, e) + ` (${describeRow(log, e.seq)})`;
  }
}

/** The function a note's decision follows, where there is one ('' otherwise). */
function noteFn(e: EventOf<typeof Ev.NOTE>): string {
  switch (e.note) {
    case Note.DYN_FREE:
      return e.x
        ? 'drivers/vfio/pci/vfio_pci_intrs.c vfio_pci_ims_set_vector_signal (IMS RFC: free_irq + pci_ims_free_irq)'
        : 'drivers/vfio/pci/vfio_pci_intrs.c vfio_msi_set_vector_signal (dynamic MSI-X V2: free_irq + pci_msix_free_irq)';
    case Note.IMS_ALLOC:
      return 'drivers/vfio/pci/vfio_pci_intrs.c vfio_pci_ims_set_vector_signal -> pci_ims_alloc_irq (IMS RFC)';
    case Note.NEIGHBOR:
      return "another driver's pci_msix_alloc_irq_at / pci_ims_alloc_irq on the same host IRQ budget (model: host.neighbor)";
    default:
      return '';
  }
}

// The raise's journey (device → host → QEMU/KVM → guest) lives in journey.ts.
export { raiseJourney, type Hop } from './journey.ts';
