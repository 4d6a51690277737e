import type { PolicyDef } from './policy.ts';

export const singleVectorFd: PolicyDef = {
  id: 'single-vector-fd',
  title: 'Single vector (fd -1) + teardown/setup',
  summary:
    'QEMU >= 8.2 on a host without dynamic MSI-X (< 6.5): vector 0 allocated with fd -1 at enable; every new vector, even the first, is a teardown/setup',
  details:
    "Today's common combination of a new QEMU with an older or NORESIZE host (domain.md §5). At guest enable QEMU sends SET_IRQS with " +
    'fd -1 (5ebffa4e87): the host enables MSI-X with vector 0 allocated but not requested, so the physical device is in MSI-X mode and ' +
    "early events on vector 0 latch in the device PBA. Because that left nr_vectors at 0, the guest's first unmask, even of vector 0, " +
    'is a resize: the host disables MSI-X and re-enables it with nr+1 vectors, and so on for every higher vector.',
  cites: [
    'hw/vfio/pci.c: vfio_msix_enable -> vfio_enable_msix_no_vec (fd -1), vfio_msix_vector_do_use (noresize && resizing)',
    'drivers/vfio/pci/vfio_pci_core.c: vfio_pci_ioctl_get_irq_info (NORESIZE unless has_dyn_msix)',
    'domain.md §3.2(b), §3.3, §5',
  ],
  axes: { frontEnd: 'qemu-msix', enable: 'vector0-fd-1', growth: 'teardown-setup' },
};
