import type { PolicyDef } from './policy.ts';

export const dynamicNocache: PolicyDef = {
  id: 'dynamic-nocache',
  title: 'Dynamic allocation without the cache',
  summary:
    'The V2 revision of the dynamic MSI-X series: like dynamic-alloc, but every trigger change frees the IRQ (pci_msix_free_irq) and allocates it again',
  details:
    "Before review, vfio_msi_set_vector_signal freed a dynamic vector's IRQ whenever its trigger was replaced: free_irq, then " +
    "pci_msix_free_irq, then (for a valid eventfd) pci_msix_alloc_irq_at again. QEMU never unsets a used vector's trigger on guest " +
    "mask: vfio_msix_vector_release swaps the KVM irqfd for QEMU's own eventfd. Under this revision each swap is still a free and " +
    'a fresh allocation, so every mask, unmask and affinity change churns an IRQ descriptor and an IRTE, and the freed IRQ goes back ' +
    "to the host's shared pool for that moment: if another device takes it (host.neighbor), the re-allocation fails with -ENOSPC " +
    'and the vector is dead; QEMU only logs it and the guest is not told. Alex Williamson\'s review ("use the allocated irqs as a ' +
    'cache") removed the free; dynamic-alloc is the merged result.',
  cites: [
    'drivers/vfio/pci/vfio_pci_intrs.c, [PATCH V2 7/8] "vfio/pci: Support dynamic MSI-x" (Reinette Chatre, Mar 2023): vfio_msi_set_vector_signal (pci_msix_free_irq when a trigger is replaced)',
    'seed 000: "maybe we should only free irqs on MSI-X teardown and otherwise use the allocated irqs as a cache" (Alex Williamson, Apr 2023)',
    '[PATCH V3 09/10] review: "For consistency between modes, as well as to reduce latency and improve reliability of allocations ... only releases irqs via pci_free_irq_vectors()"',
    'hw/vfio/pci.c: vfio_msix_vector_release (swap to the userspace eventfd, never fd -1), vfio_msix_vector_do_use',
    'drivers/pci/msi/api.c: pci_msix_alloc_irq_at, pci_msix_free_irq ("Does not disable MSI-X")',
  ],
  axes: { frontEnd: 'qemu-msix', enable: 'vector0-fd-1', growth: 'dynamic-nocache' },
  simplifications: [
    "This revision never shipped and QEMU's fd -1 enable came after it; the combination is the one that would have run.",
    'The free and the re-allocation happen in the same instant; a neighbour still short of IRQs takes the freed one first (it wins every race: the worst case).',
  ],
};
