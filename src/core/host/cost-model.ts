/**
 * How long the host's MSI-X Enable stays 0 in one resize (teardown/setup) or one pci-assign
 * deassign/assign, when the scenario does not set host.resizeWindowNs.
 *
 * The window runs from pci_msix_shutdown clearing Enable (inside the first SET_IRQS ioctl, or
 * KVM_DEASSIGN_DEV_IRQ) to msix_capability_init setting it again (inside the second ioctl). In
 * between the host frees every IRQ of the old set (free_msi_irqs: descriptor teardown plus one
 * interrupt-remapping-table entry invalidation each), returns to userspace, builds the new fd
 * array and re-enters the kernel. Allocating the new set happens after Enable=1 (under Function
 * Mask), so it latches rather than loses: it is outside the loss window (Enable=0 only).
 *
 * Sources for the shape: drivers/vfio/pci/vfio_pci_intrs.c (vfio_msi_disable, vfio_msi_enable),
 * drivers/pci/msi/msi.c (pci_msix_shutdown, msix_capability_init), domain.md §3.3.
 * The two constants are ESTIMATES, not measurements: ~10 µs for two ioctl round trips with their
 * bookkeeping, ~2 µs per freed vector for the IRTE invalidation wait. Override with
 * host.resizeWindowNs when you have a measured number for your machine.
 */
export const RESIZE_BASE_NS = 10_000;
export const RESIZE_PER_FREED_VECTOR_NS = 2_000;

export function defaultResizeWindowNs(vectorsFreed: number): number {
  return RESIZE_BASE_NS + RESIZE_PER_FREED_VECTOR_NS * vectorsFreed;
}
