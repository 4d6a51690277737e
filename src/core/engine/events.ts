/**
 * The event log's vocabulary. Every event is one row of the log (see log.ts) with the columns
 * t, kind, vec, a, b, c, cause; this file says what a, b and c mean for each kind.
 *
 * Invariants: rows are appended in non-decreasing t; seq (the row index) is the total order;
 * `cause` is the seq of an earlier row that made this one happen, or -1.
 */
export const Ev = {
  /** A guest driver operation begins. vec: its vector or -1; a: GuestOp code; b: op id; c: argument. */
  GUEST_OP: 1,
  /** Guest config write to the MSI-X capability. a: offset; b: size; c: value. */
  CFG_WRITE: 2,
  /** Message Control changed (guest view). a: new value; b: old value. */
  CTRL: 3,
  /** Guest table write. vec: entry; a: word in entry (0 addr lo, 1 addr hi, 2 data, 3 ctrl); b: new (as int32); c: old (unsigned). */
  TBL_WRITE: 4,
  /** Effective guest mask of an entry changed. vec; a: 1 masked, 0 unmasked. */
  GUEST_MASK: 5,
  /** Guest (emulated) PBA bit cleared (it is set by PEND with place guest-pba). vec; a: 1 if discarded. */
  GUEST_PBA_CLR: 7,
  /** A write the model ignores (read-only bits, dropped entries). vec; a: IgnoreReason. */
  IGNORED: 8,

  /** A host ioctl (VFIO_DEVICE_SET_IRQS or KVM assignment). vec: start or -1; a: Ioctl code; b: count; c: 0 ok, else errno. */
  IOCTL: 20,
  /** Host physical MSI-X Enable set to 1. a: vectors allocated after it. */
  HOST_ENABLE: 21,
  /** Host physical MSI-X Enable cleared. */
  HOST_DISABLE: 22,
  /** Host IRQ allocated for a table index (one IRTE; a CPU vector too unless reservation mode). vec. */
  HOST_ALLOC: 23,
  /** Host IRQ freed. vec. */
  HOST_FREE: 24,
  /** Host allocation failed. vec: index or -1; a: vectors wanted in total; b: budget. */
  HOST_ALLOC_FAIL: 25,
  /** request_irq: entry unmasked in hardware with a trigger. vec; a: Target code. */
  HOST_REQUEST: 26,
  /** free_irq: entry masked in hardware, trigger dropped. vec. */
  HOST_FREE_IRQ: 27,
  /** request_irq failed (CPU vectors exhausted). vec; a: CPU vectors in use; b: budget. */
  HOST_REQUEST_FAIL: 28,
  /** Physical PBA bit cleared (it is set by PEND with place host-pba). vec; a: 1 if dropped, 0 if sent. */
  HOST_PBA_CLR: 30,
  /** An unread eventfd count was consumed (a=0) or discarded (a=1) (set by PEND with place eventfd). vec. */
  EFD_CLR: 32,
  /** QEMU installed (a=1) or removed (a=0) its fd handler on the vector's userspace eventfd. vec. */
  QEMU_HANDLER: 33,
  /** Resize window opens: host Enable 0 while the guest has MSI-X enabled. a: vectors after it; c: planned length ns. */
  WINDOW_OPEN: 34,
  /** Resize window closes. c: its length ns. */
  WINDOW_CLOSE: 35,

  /**
   * Device signals a vector. vec; a: raise id; b: traffic stream id (-2: the PF's mailbox reply);
   * c: the Path code when it was delivered in the same instant (then there is no DELIVER row), else 0.
   */
  RAISE: 40,
  /** Guest received a raise that was held first. vec; a: raise id; b: Path code; c: latency ns since the raise. */
  DELIVER: 41,
  /** Raise held pending. vec; a: raise id; b: Place code. */
  PEND: 42,
  /** Raise merged into an already-pending one. vec; a: raise id; b: Place; c: raise id that holds it. */
  COALESCE: 43,
  /** Raise lost. vec; a: raise id; b: LossCause code. */
  LOST: 44,

  /** A model decision worth explaining. vec; a: Note code; b, c: its numbers. */
  NOTE: 50,
  /** VF/PF mailbox handshake finished. a: 1 ok, 0 timed out; c: ns waited. */
  MAILBOX: 51,
} as const;
export type EvKind = (typeof Ev)[keyof typeof Ev];

export const EV_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(Ev).map(([k, v]) => [v, k.toLowerCase().replace(/_/g, '-')]),
);

/** Where a held interrupt waits. */
export const Place = { GUEST_PBA: 1, HOST_PBA: 2, EVENTFD: 3 } as const;
export const PLACE_NAMES: Record<number, string> = { 1: 'guest-pba', 2: 'host-pba', 3: 'eventfd' };

/** How a delivered interrupt reached the guest. */
export const Path = {
  IRQFD: 1,
  QEMU: 2,
  KVM_ASSIGNED: 3,
  INTX: 4,
  /**
   * Legacy KVM assignment injected a raise on a guest-masked entry through the route it still
   * carries, with the driver's own message: the handler runs although the vector is masked
   * (kvm_assigned_dev_thread_msix has no mask check). Counted as delivered and in deliveredWhileMasked.
   */
  KVM_ASSIGNED_MASKED: 5,
} as const;
export const PATH_NAMES: Record<number, string> = {
  1: 'kvm-irqfd',
  2: 'qemu-eventfd',
  3: 'kvm-assigned',
  4: 'intx',
  5: 'kvm-assigned-while-masked',
};

/** What a host IRQ's handler forwards to. */
export const Target = { USER_EVENTFD: 1, KVM_IRQFD: 2, KVM_ASSIGNED: 3 } as const;
export const TARGET_NAMES: Record<number, string> = {
  0: 'none',
  1: 'userspace-eventfd',
  2: 'kvm-irqfd',
  3: 'kvm-assigned',
};

/** Why an interrupt was lost. Stable ids: they are metric keys. */
export const Loss = {
  RESIZE_WINDOW: 1,
  HOST_MSIX_OFF: 2,
  /**
   * Retired: never emitted since the data hack models KVM's missing mask check (FIDELITY.md D11:
   * a raise on a guest-masked entry is injected, as Path.KVM_ASSIGNED_MASKED or Loss.STALE_ROUTE).
   * It followed QEMU's XXX comment in assigned_dev_msix_mmio_write ("interrupts while masked are
   * simply not injected to the guest, so are lost"). Kept, with its name, so old logs decode.
   */
  GUEST_MASKED_NO_PBA: 3,
  GUEST_MSIX_OFF: 4,
  VECTOR_NOT_USED: 5,
  DEVICE_NO_LATCH: 6,
  PBA_CLEARED: 7,
  EVENTFD_DISCARDED: 8,
  PENDING_DISCARDED: 9,
  /**
   * Legacy KVM assignment injected a raise on a guest-masked entry through a stale route whose
   * message no handler listens on (e.g. Linux's 0x40EF placeholder): a spurious interrupt in the
   * guest, lost for the driver (counted in spuriousInjections).
   */
  STALE_ROUTE: 10,
} as const;
export const LOSS_NAMES: Record<number, string> = {
  1: 'resize-window',
  2: 'host-msix-off',
  3: 'guest-masked-no-pba',
  4: 'guest-msix-off',
  5: 'vector-not-used',
  6: 'device-no-latch',
  7: 'pba-cleared-on-disable',
  8: 'eventfd-discarded',
  9: 'pending-discarded',
  10: 'stale-route',
};

/** Host ioctls, counted in metrics.hostOps. */
export const Ioctl = {
  VFIO_SET_IRQS_DISABLE: 1, // DATA_NONE|ACTION_TRIGGER, count 0 (vfio_device_irq_disable)
  VFIO_SET_IRQS: 2, // DATA_EVENTFD|ACTION_TRIGGER, start/count/fds
  KVM_ASSIGN_SET_MSIX_NR: 3,
  KVM_ASSIGN_SET_MSIX_ENTRY: 4,
  KVM_ASSIGN_DEV_IRQ: 5,
  KVM_DEASSIGN_DEV_IRQ: 6,
  PV_MSIX_ENABLE: 7, // the paravirtual hypercall (a VM exit, not an ioctl, counted as a host op)
  VFIO_INTX_DISABLE: 8, // SET_IRQS on the INTx index (vfio_disable_interrupts at guest MSI-X enable)
  VFIO_INTX_ENABLE: 9, // SET_IRQS on the INTx index (vfio_intx_enable at guest MSI-X disable)
  KVM_ASSIGN_DEV_IRQ_INTX: 10, // pci-assign's assign_intx at guest MSI-X disable (KVM_ASSIGN_DEV_IRQ, INTx flags)
} as const;
export const IOCTL_NAMES: Record<number, string> = {
  1: 'VFIO_DEVICE_SET_IRQS(disable)',
  2: 'VFIO_DEVICE_SET_IRQS',
  3: 'KVM_ASSIGN_SET_MSIX_NR',
  4: 'KVM_ASSIGN_SET_MSIX_ENTRY',
  5: 'KVM_ASSIGN_DEV_IRQ',
  6: 'KVM_DEASSIGN_DEV_IRQ',
  7: 'hypercall MSIX_ENABLE',
  8: 'VFIO_DEVICE_SET_IRQS(INTx, disable)',
  9: 'VFIO_DEVICE_SET_IRQS(INTx, enable)',
  10: 'KVM_ASSIGN_DEV_IRQ(INTx)',
};

export const Ignore = { READ_ONLY: 1, ENTRY_OUT_OF_RANGE: 2 } as const;
export const IGNORE_NAMES: Record<number, string> = { 1: 'read-only bits', 2: 'entry beyond the guest-visible table' };

/** Model decisions shown in the timeline and used by explanations. */
export const Note = {
  DATA_COUNT: 1, // b: entries with data != 0 (pci-assign assigned_dev_update_msix_mmio)
  RESIZE: 2, // b: old nr_vectors, c: new nr_vectors (vfio_msix_vector_do_use, noresize && resizing)
  DYN_ALLOC: 3, // vfio_msi_alloc_irq -> pci_msix_alloc_irq_at
  SETUP_FAILED: 5, // host left disabled after a failed enable; b: wanted
  PV_GRANT: 6, // b: asked, c: granted
  QUEUE_REMAP: 7, // b: granted vectors (queues share them)
  MSG_WHILE_UNMASKED: 8, // spec: changing address/data of an unmasked entry is undefined
  INTX_FALLBACK: 10, // guest driver uses INTx
  RESETUP: 11, // pci-assign full deassign + assign; b: vectors
  PARTIAL_RECOVERY: 12, // irq_type NONE; SET_IRQS(k,1) enables k+1 and binds only k
  GUEST_ALLOC_FAILED: 15, // the guest's pci_msix_alloc_irq_at failed: index beyond its table (b: index, c: table size)
  /**
   * A trigger change freed this vector's host IRQ instead of keeping it as a cache: vec; b: 0 for
   * pci_msix_free_irq (the earlier dynamic MSI-X revision, policy dynamic-nocache), 1 for
   * pci_ims_free_irq (IMS backend, policy ims). The HOST_FREE row follows.
   */
  DYN_FREE: 16,
  /** The IMS backend allocated a slot (and its IRQ) for this vector with pci_ims_alloc_irq. vec; b: slots in use by this device after it. */
  IMS_ALLOC: 17,
  /**
   * The neighbour (host.neighbor: another device drawing on the same host IRQ budget, and on the
   * same IMS store under the ims policy) changed what it holds. vec -1; b: IRQs it holds now; c: IRQs it wants.
   */
  NEIGHBOR: 18,
} as const;
export const NOTE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(Note).map(([k, v]) => [v, k.toLowerCase().replace(/_/g, '-')]),
);

/** Guest driver operations (GUEST_OP.a). */
export const GuestOp = {
  RAW_CONFIG: 1,
  RAW_TABLE: 2,
  LINUX_ALLOC_VECTORS: 3,
  LINUX_REQUEST_IRQ: 4,
  LINUX_ENABLE_IRQ: 5,
  LINUX_FREE_IRQ: 6,
  LINUX_SET_AFFINITY: 7,
  LINUX_FREE_VECTORS: 8,
  LINUX_ALLOC_IRQ_AT: 9,
  FREEBSD_ALLOC_MSIX: 10,
  FREEBSD_SETUP_INTR: 11,
  FREEBSD_TEARDOWN_INTR: 12,
  FREEBSD_RELEASE_MSIX: 13,
  MAILBOX: 14,
  LINUX_DISABLE_IRQ: 15,
} as const;
export const GUEST_OP_NAMES: Record<number, string> = {
  1: 'config write',
  2: 'table write',
  3: 'pci_alloc_irq_vectors',
  4: 'request_irq',
  5: 'enable_irq',
  6: 'free_irq',
  7: 'irq_set_affinity',
  8: 'pci_free_irq_vectors',
  9: 'pci_msix_alloc_irq_at',
  10: 'pci_alloc_msix',
  11: 'pci_setup_intr',
  12: 'pci_teardown_intr',
  13: 'pci_release_msix',
  14: 'VF/PF mailbox',
  15: 'disable_irq',
};
