/**
 * MSI-X register layout, as Linux's include/uapi/linux/pci_regs.h and QEMU's hw/pci/msix.c encode it
 * (domain.md §1). Offsets in the capability are relative to its start.
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

/** x86 MSI address for APIC destination `apicId` (0xFEE00000 | id << 12). */
export function msiAddress(apicId: number): number {
  return (0xfee00000 | ((apicId & 0xff) << 12)) >>> 0;
}
/** Linux x86 MSI data: level-assert bit (1 << 14) | IDT vector. */
export function linuxMsiData(idtVector: number): number {
  return 0x4000 | (idtVector & 0xff);
}
