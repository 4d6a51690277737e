/**
 * Register layout (re-exported from the neutral spec/pci-msix.ts, where the replay also reads it)
 * plus the x86 MSI message encodings the guest drivers write.
 */
export {
  PCI_MSIX_FLAGS,
  MSIX_CONTROL_OFFSET,
  MSIX_CAP_LENGTH,
  PCI_MSIX_FLAGS_QSIZE,
  PCI_MSIX_FLAGS_MASKALL,
  PCI_MSIX_FLAGS_ENABLE,
  MSIX_WRITABLE,
  PCI_MSIX_ENTRY_SIZE,
  ENTRY_ADDR_LO,
  ENTRY_ADDR_HI,
  ENTRY_DATA,
  ENTRY_CTRL,
  PCI_MSIX_ENTRY_CTRL_MASKBIT,
  MAX_TABLE_SIZE,
  KVM_MAX_MSIX_PER_DEV,
} from '../spec/pci-msix.ts';

/** x86 MSI address for APIC destination `apicId` (0xFEE00000 | id << 12). */
export function msiAddress(apicId: number): number {
  return (0xfee00000 | ((apicId & 0xff) << 12)) >>> 0;
}
/** Linux x86 MSI data: level-assert bit (1 << 14) | IDT vector. */
export function linuxMsiData(idtVector: number): number {
  return 0x4000 | (idtVector & 0xff);
}
