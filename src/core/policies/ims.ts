import type { PolicyDef } from './policy.ts';

export const ims: PolicyDef = {
  id: 'ims',
  title: 'IMS-backed emulation',
  summary:
    "Our design of the IMS proposal: the guest sees MSI-X, the host gives each vector a slot from the device's IMS store when its trigger is set; no MSI-X index, no vector-0 enable, no resize",
  details:
    'Interrupt Message Store devices (Intel DSA/IDXD) keep interrupt messages in a device-specific store instead of an MSI-X table. ' +
    'In the "vfio/pci: Support IMS" RFC a virtual device emulates the guest\'s MSI-X and backs each vector with an IMS interrupt: ' +
    'vfio_pci_ims_set_vector_signal allocates a slot (pci_ims_alloc_irq) when a trigger is set and frees it (pci_ims_free_irq) when ' +
    'the trigger is replaced or removed. There is no MSI-X Enable to toggle and no index-wide allocation, so NORESIZE and the vector-0 ' +
    "enable do not apply: QEMU's fd -1 enable allocates nothing, and every vector is set one at a time. The budget is the store " +
    '(device.imsSlots), shared with sibling virtual devices (host.neighbor), as well as host.irqBudget. A failed allocation leaves ' +
    'only that vector dead (QEMU error_report, as with dynamic-alloc); like the no-cache revision, every mask and unmask frees and ' +
    're-allocates a slot.',
  cites: [
    'seed 002: "IMS is meant to avoid the problem of MSI-X which needs to disable MSI-X in order to expand the number of vectors" (tglx, Jun 2021)',
    'seed 003: one IMS domain per device, "a global total limit on the # of vectors" shared by its mdevs (Jason Gunthorpe, Dave Jiang, May 2021)',
    'RFC "vfio/pci: Support IMS" (Reinette Chatre, Oct 2023): vfio_pci_ims.c vfio_pci_ims_set_vector_signal, vfio_pci_ims_irq_alloc / _free, vfio_pci_set_ims_trigger',
    "drivers/pci/msi/api.c: pci_ims_alloc_irq (msi_domain_alloc_irq_at on MSI_SECONDARY_DOMAIN with MSI_ANY_INDEX: any free slot, not the vector's index), pci_ims_free_irq; both later removed from mainline for lack of users",
    'domain.md §3.5: "Model it like dynamic alloc without the vector-0 enable (inferred)"',
  ],
  axes: { frontEnd: 'qemu-msix', enable: 'vector0-fd-1', growth: 'ims' },
  simplifications: [
    'An RFC, not merged code: this policy is our design around it, not a model of shipped behaviour.',
    "QEMU takes its per-vector (!noresize) path; the RFC's one device driver (idxd vdcm) reported NORESIZE, which would turn every new vector into a free-all and re-allocate-all.",
    'A raise on a vector without a slot latches like a masked MSI-X entry (device.latchMasked); an active IMS index is shown as host "Enable".',
    "The guest-visible table is the scenario's tableSize; the RFC's emulated vector 0 (IDXD command interrupt) is not modelled.",
  ],
};
