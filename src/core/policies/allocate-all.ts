import type { PolicyDef } from './policy.ts';

export const allocateAll: PolicyDef = {
  id: 'allocate-all',
  title: 'Allocate all at enable',
  summary: 'Allocate every table entry on the host when the guest enables MSI-X: no window, maximum IRTE use',
  details:
    'The eager alternative the NORESIZE uapi comment leaves to userspace ("allocate the maximum supported number of vectors"). ' +
    'One SET_IRQS at guest enable allocates N host IRQs (N IRTEs; CPU vectors only for requested ones under reservation mode); ' +
    'later unmasks only request. Nothing is lost to resizing, but a 2048-entry device holds 2048 IRTEs even if the guest uses 2, ' +
    'and on a host without enough budget the enable itself fails: host MSI-X stays off until a later unmask of vector k makes the kernel enable k+1 vectors and bind only k (a partial recovery).',
  cites: [
    'include/uapi/linux/vfio.h: VFIO_IRQ_INFO_NORESIZE comment',
    'drivers/vfio/pci/vfio_pci_intrs.c: vfio_msi_enable(nvec = N)',
    'seed 002: "the only downside today of allocating more MSI-X vectors than necessary is memory consumption" / IRTE per vector (tglx, 2021)',
  ],
  axes: { frontEnd: 'qemu-msix', enable: 'all', growth: 'none' },
};
