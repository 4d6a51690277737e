/**
 * The three axes every policy is a point on. The named policies (one file each beside this one)
 * are presets; `parsePolicySpec` lets a user override any axis, e.g.
 * "teardown-setup:enable=all" or "data-hack:enable=lazy".
 */
export type FrontEnd = 'qemu-msix' | 'pci-assign';

export type EnableAxis =
  /** Host stays off until the first unmask (QEMU before Dec 2012). */
  | 'lazy'
  /** pci-assign: enable with the entries whose data != 0 (assigned_dev_msix_skipped). */
  | 'data-count'
  /** Old vfio: vector 0 allocated and requested, bound to a userspace eventfd nobody reads yet. */
  | 'vector0-requested'
  /** New vfio (5ebffa4e87): SET_IRQS with fd -1, vector 0 allocated but not requested. */
  | 'vector0-fd-1'
  /** Allocate every table entry at enable (the eager alternative named in the NORESIZE uapi text). */
  | 'all'
  /** The MSIX_ENABLE hypercall proposed in the 2021 thread; unaware guests fall back to vector0-fd-1. */
  | 'paravirt';

export type GrowthAxis =
  /** pci-assign: full deassign + assign when a vector without a host IRQ is unmasked. */
  | 'resetup'
  /** NORESIZE: disable the whole index and re-enable it with nr+1 vectors. */
  | 'teardown-setup'
  /** Linux >= 6.5 host: pci_msix_alloc_irq_at for the one new vector. */
  | 'dynamic'
  /** Never grow: a vector outside the enable-time set stays dead. */
  | 'none'
  /**
   * The earlier revision of the dynamic MSI-X series (V2, Mar 2023): like `dynamic`, but every
   * trigger change frees the vector's IRQ (pci_msix_free_irq) and allocates it again: no cache.
   */
  | 'dynamic-nocache'
  /**
   * IMS backend (the "vfio/pci: Support IMS" RFC, our design around it): each vector gets a slot
   * from the device's IMS store (device.imsSlots) when its trigger is set, freed when it is
   * replaced; no MSI-X index, so no vector-0 enable and no resize.
   */
  | 'ims';

export interface PolicyAxes {
  frontEnd: FrontEnd;
  enable: EnableAxis;
  growth: GrowthAxis;
}

export const FRONT_ENDS: readonly FrontEnd[] = ['qemu-msix', 'pci-assign'];

/** Which enable/growth values each front end implements (the real code has no other branches). */
export const VALID: Record<FrontEnd, { enable: readonly EnableAxis[]; growth: readonly GrowthAxis[] }> = {
  'qemu-msix': {
    enable: ['lazy', 'vector0-requested', 'vector0-fd-1', 'all', 'paravirt'],
    growth: ['teardown-setup', 'dynamic', 'none', 'dynamic-nocache', 'ims'],
  },
  'pci-assign': { enable: ['data-count', 'lazy', 'all'], growth: ['resetup'] },
};

export const AXIS_HELP: Record<string, string> = {
  lazy: 'host MSI-X stays off until the guest unmasks a vector',
  'data-count': 'at enable, allocate and bind every entry whose data != 0',
  'vector0-requested': 'at enable, vector 0 allocated + requested to an unread userspace eventfd',
  'vector0-fd-1': 'at enable, vector 0 allocated with fd -1 (not requested)',
  all: 'at enable, allocate every table entry',
  paravirt: 'MSIX_ENABLE hypercall at pci_enable_msix_range; unaware guests fall back to vector0-fd-1',
  resetup: 'unmask of an unassigned vector: full deassign + assign',
  'teardown-setup': 'unmask beyond nr_vectors: disable the index, re-enable with nr+1',
  dynamic: 'unmask of a new vector: pci_msix_alloc_irq_at for that vector only',
  none: 'never grow after enable',
  'dynamic-nocache': 'as dynamic, but every trigger change frees the IRQ (pci_msix_free_irq) and allocates it again',
  ims: 'per-vector slot from the device IMS store (device.imsSlots), freed on every trigger change; no MSI-X index',
  'qemu-msix': 'QEMU vfio-pci on hw/pci/msix.c: emulated PBA holds raises on masked vectors',
  'pci-assign':
    'QEMU pci-assign + KVM assignment: no PBA, no mask; raises on masked vectors are injected through their route',
};
