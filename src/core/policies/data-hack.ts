import type { PolicyDef } from './policy.ts';

export const dataHack: PolicyDef = {
  id: 'data-hack',
  title: 'Data hack (pci-assign)',
  summary:
    'QEMU pci-assign: enable host MSI-X with every entry whose data != 0; no PBA and no mask: masked raises are injected through a possibly stale route',
  details:
    "Legacy KVM device assignment (2012). On every write to Message Control's upper byte QEMU tears down and re-assigns " +
    'all host vectors, counting the entries whose Message Data is non-zero (a Linux guest has written data for every allocated ' +
    'vector by then). Unmasking an entry without a host vector repeats the full deassign/assign, with host MSI-X off in between. ' +
    'KVM has no pending bits and no MSI-X mask: a raise on a guest-masked entry is injected anyway, with the message its route ' +
    "last carried (QEMU does nothing on a mask). If that is the driver's message its handler runs although the vector is masked; " +
    "if it is a placeholder such as Linux's 0x40EF from before request_irq, the guest takes a spurious interrupt and the driver loses it.",
  cites: [
    'hw/i386/kvm/pci-assign.c: assigned_dev_pci_write_config, assigned_dev_update_msix, assigned_dev_update_msix_mmio, assigned_dev_msix_skipped, assigned_dev_msix_mmio_write',
    'virt/kvm/assigned-dev.c: assigned_device_enable_host_msix (pci_enable_msix_exact + request_threaded_irq per entry), kvm_assigned_dev_thread_msix (kvm_set_irq, no mask check)',
    'seed 004: "pci-assign: Enable MSIX on device to match guest" (Alex Williamson, Dec 2012)',
  ],
  axes: { frontEnd: 'pci-assign', enable: 'data-count', growth: 'resetup' },
  simplifications: [
    'The guest-visible table is clamped to 256 entries (KVM_MAX_MSIX_PER_DEV, from memory, not verified).',
  ],
};
