/**
 * The jargon the page uses, in one place: the glossary dialog lists it, and <Term> gives each
 * occurrence an accessible description (tooltip + aria-describedby-style title). Facts from
 * /work/shared/reference/domain.md (QEMU hw/pci/msix.c, hw/vfio/pci.c; Linux vfio_pci_intrs.c).
 */
export interface GlossaryEntry {
  term: string;
  /** Other spellings a <Term> may be given (case-insensitive). */
  aka?: string[];
  text: string;
}

export const GLOSSARY: GlossaryEntry[] = [
  {
    term: 'MSI-X',
    text: 'Message Signalled Interrupts, extended: a PCI device interrupts by writing a message (address + data) taken from one entry of its MSI-X table; each entry is a vector with its own mask bit.',
  },
  {
    term: 'vector',
    text: 'One entry of the MSI-X table, i.e. one interrupt source of the device (v0, v1, …).',
  },
  {
    term: 'PBA',
    aka: ['pending bit array'],
    text: 'Pending Bit Array: one bit per vector, set by the device when it raises a masked vector; the message is sent when the vector is unmasked. Read-only to software.',
  },
  {
    term: 'Function Mask',
    aka: ['MaskAll'],
    text: 'Bit 14 of the MSI-X Message Control register: masks every vector at once; raises are held pending, not lost.',
  },
  {
    term: 'MSI-X Enable',
    text: 'Bit 15 of Message Control. While the host has it off, the physical device cannot send MSI-X messages: a raise then is lost.',
  },
  {
    term: 'resize window',
    aka: ['window'],
    text: 'The time a hypervisor disables MSI-X on the physical device to grow the number of host vectors (teardown, then setup). A raise inside it is lost: drawn red.',
  },
  {
    term: 'NORESIZE',
    aka: ['VFIO_IRQ_INFO_NORESIZE'],
    text: 'A VFIO flag: MSI-X vectors are set up as a set, so adding one means disabling the whole index first (teardown/setup). Linux clears it for MSI-X when the device supports dynamic allocation (about v6.5).',
  },
  {
    term: 'dynamic allocation',
    aka: ['pci_msix_alloc_irq_at'],
    text: 'Linux can add an MSI-X vector to an enabled device (pci_msix_alloc_irq_at) without disabling the others: no resize window.',
  },
  {
    term: 'irqfd',
    aka: ['KVM irqfd'],
    text: 'A KVM mechanism: an eventfd that, when signalled by the host interrupt handler, injects the guest interrupt directly in the kernel, without a trip through QEMU.',
  },
  {
    term: 'eventfd',
    text: 'A Linux file descriptor used as a counter for signalling; VFIO signals one per vector, read by QEMU or by KVM (irqfd).',
  },
  {
    term: 'fd −1',
    aka: ['fd -1', 'invalid fd'],
    text: 'QEMU sets vector 0 with an invalid file descriptor (−1) to enable MSI-X on the physical device with no vector requested, "just like the guest view" (hw/vfio/pci.c).',
  },
  {
    term: 'virq',
    aka: ['KVM route', 'GSI route'],
    text: "A KVM interrupt route (GSI) that QEMU creates for an MSI message (kvm_irqchip_add_msi_route); the virq number names it. Changing a vector's message updates its route.",
  },
  {
    term: 'IRTE',
    aka: ['IRTEs'],
    text: 'Interrupt Remapping Table Entry: with interrupt remapping on, each allocated host MSI-X vector holds one; a limited resource shared by every device.',
  },
  {
    term: 'host IRQ',
    aka: ['host IRQs'],
    text: 'A Linux interrupt the host allocates (and requests) for one physical vector; the hypervisor forwards it to the guest.',
  },
  {
    term: 'ioctl',
    aka: ['ioctls', 'VFIO_DEVICE_SET_IRQS'],
    text: 'A call from QEMU into the host kernel, e.g. VFIO_DEVICE_SET_IRQS to set up or tear down MSI-X vectors.',
  },
  {
    term: 'coalesced',
    text: 'Several raises of one vector while it was held become one delivered interrupt: none is lost, but the guest sees fewer.',
  },
  {
    term: 'IMS',
    text: 'Interrupt Message Store: a device-specific store of interrupt messages beyond the MSI-X table, proposed for Linux to avoid the table-size limits.',
  },
];

/** The entry for a term as written on the page, or undefined. */
export function glossaryEntry(word: string): GlossaryEntry | undefined {
  const w = word.toLowerCase();
  return GLOSSARY.find((g) => g.term.toLowerCase() === w || g.aka?.some((a) => a.toLowerCase() === w));
}
