import type { PolicyDef } from './policy.ts';

export const dynamicAlloc: PolicyDef = {
  id: 'dynamic-alloc',
  title: 'Dynamic allocation',
  summary:
    'Linux >= 6.5 + QEMU >= 8.2: vector 0 with fd -1 at enable, then pci_msix_alloc_irq_at per new vector; no window',
  details:
    'With has_dyn_msix the host clears NORESIZE and QEMU stops tearing down: each newly unmasked vector is one SET_IRQS for that ' +
    'vector, and the kernel allocates exactly that index with pci_msix_alloc_irq_at. Host MSI-X is never disabled while the guest ' +
    'uses it, so nothing is lost. Allocations are kept as a cache until MSI-X is disabled (vfio_msi_set_vector_signal). A failed ' +
    'allocation kills only the new vector.',
  cites: [
    'hw/vfio/pci.c: vfio_enable_msix_no_vec, vfio_msix_vector_do_use (!noresize: vfio_device_irq_set_signaling)',
    'drivers/vfio/pci/vfio_pci_intrs.c: vfio_msi_set_vector_signal, vfio_msi_alloc_irq (e4163438e015)',
    'drivers/pci/msi/api.c: pci_msix_alloc_irq_at',
    'seed 000: "maybe we should only free irqs on MSI-X teardown and otherwise use the allocated irqs as a cache" (Alex Williamson, 2023)',
  ],
  axes: { frontEnd: 'qemu-msix', enable: 'vector0-fd-1', growth: 'dynamic' },
};
