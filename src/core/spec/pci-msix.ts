/**
 * MSI-X register layout, as Linux's include/uapi/linux/pci_regs.h and QEMU's hw/pci/msix.c encode it
 * (domain.md §1). Offsets in the capability are relative to its start.
 *
 * A neutral place: the device models (device/), the guest drivers, the scenario limits and the pure
 * log replay (replay/) all read the same constants, and none of them has to import another's code.
 */
export const PCI_MSIX_FLAGS = 2; // Message Control, 16-bit
export const MSIX_CONTROL_OFFSET = PCI_MSIX_FLAGS + 1; // QEMU watches only this upper byte
export const MSIX_CAP_LENGTH = 12;
export const PCI_MSIX_FLAGS_QSIZE = 0x07ff; // Table Size N-1, read-only
export const PCI_MSIX_FLAGS_MASKALL = 0x4000; // Function Mask, bit 14
export const PCI_MSIX_FLAGS_ENABLE = 0x8000; // MSI-X Enable, bit 15
export const MSIX_WRITABLE = PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL;

export const PCI_MSIX_ENTRY_SIZE = 16;
export const ENTRY_ADDR_LO = 0;
export const ENTRY_ADDR_HI = 1;
export const ENTRY_DATA = 2;
export const ENTRY_CTRL = 3; // word index of Vector Control in an entry
export const PCI_MSIX_ENTRY_CTRL_MASKBIT = 1;

export const MAX_TABLE_SIZE = 2048;
/** pci-assign clamps the table to KVM_MAX_MSIX_PER_DEV (256, from memory: domain.md §3.1). */
export const KVM_MAX_MSIX_PER_DEV = 256;

/**
 * msix_is_masked (hw/pci/msix.c): the effective mask of an entry under Message Control `ctrl`.
 * MSI-X disabled counts as function-masked (msix_update_function_masked).
 */
export function msixMasked(ctrl: number, entryCtrl: number): boolean {
  return (
    (ctrl & (PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL)) !== PCI_MSIX_FLAGS_ENABLE ||
    (entryCtrl & PCI_MSIX_ENTRY_CTRL_MASKBIT) !== 0
  );
}
