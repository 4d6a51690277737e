import type { PolicyDef } from './policy.ts';

export const teardownSetup: PolicyDef = {
  id: 'teardown-setup',
  title: 'Teardown/setup (lazy, NORESIZE)',
  summary:
    'vfio before the single-vector fix: host MSI-X off until the first unmask; each new vector disables and re-enables the whole index',
  details:
    'QEMU vfio-pci on a host that reports VFIO_IRQ_INFO_NORESIZE, with lazy enabling: nothing happens on the host when the guest ' +
    'sets MSI-X Enable, so drivers that talk to a PF or firmware right after pci_enable_msix see a device without MSI-X. When the ' +
    'guest unmasks vector nr >= nr_vectors, QEMU disables the MSI-X index and enables it again with nr+1 vectors: for that window ' +
    'host MSI-X Enable is 0 and every interrupt on every vector goes to the unhandled INTx line and is lost.',
  cites: [
    'hw/vfio/pci.c: vfio_msix_enable, vfio_msix_vector_do_use (noresize && resizing: vfio_device_irq_disable + vfio_enable_vectors)',
    'drivers/vfio/pci/vfio_pci_intrs.c: vfio_msi_disable, vfio_msi_enable',
    'drivers/pci/msi/msi.c: pci_msix_shutdown, msix_capability_init',
    'include/uapi/linux/vfio.h: VFIO_IRQ_INFO_NORESIZE (seed 001)',
  ],
  axes: { frontEnd: 'qemu-msix', enable: 'lazy', growth: 'teardown-setup' },
};
