import type { PolicyDef } from './policy.ts';

export const singleVector: PolicyDef = {
  id: 'single-vector',
  title: 'Single vector (QEMU < 8.2) + teardown/setup',
  summary:
    'vfio 2013-2023 on a NORESIZE host: vector 0 allocated and requested to an unread eventfd at guest enable, then grow by teardown/setup',
  details:
    'QEMU vfio-pci from 2013 until dynamic MSI-X: at guest enable QEMU runs vfio_msix_vector_do_use(0, NULL, NULL) and releases it, so ' +
    'the host enables MSI-X with vector 0 allocated and requested, signalling a userspace eventfd that nobody reads until the guest ' +
    'unmasks vector 0 (events on it then arrive late, stale). The physical device is in MSI-X mode, so VF/PF mailboxes work. Growth is ' +
    'still teardown/setup. Newer QEMU on the same host is the separate policy single-vector-fd.',
  cites: [
    'hw/vfio/pci.c: vfio_msix_enable (old: do_use(0, NULL, NULL) + release(0); new: vfio_enable_msix_no_vec)',
    'hw/vfio/pci.c: vfio_msix_vector_do_use, vfio_enable_vectors',
    'seed 004: "we can build on it to perhaps only enable a single vector" (Alex Williamson, 2012-2013)',
  ],
  axes: { frontEnd: 'qemu-msix', enable: 'vector0-requested', growth: 'teardown-setup' },
};
