import {
  ENTRY_ADDR_HI,
  ENTRY_ADDR_LO,
  ENTRY_CTRL,
  ENTRY_DATA,
  msiAddress,
  PCI_MSIX_ENTRY_CTRL_MASKBIT,
  PCI_MSIX_FLAGS,
  PCI_MSIX_FLAGS_ENABLE,
} from '../device/regs.ts';
import type { World } from '../engine/world.ts';
import type { Block } from '../hv/block.ts';
import type { GuestBus } from './bus.ts';
import { GuestHandlers } from './handlers.ts';

/**
 * A FreeBSD guest, sys/dev/pci/pci.c (domain.md §2.2): pci_alloc_msix_method masks entries and
 * sets Enable without writing any address/data, so every Data field is still 0 at enable;
 * pci_setup_intr writes the message then unmasks. With hw.pci.msix_rewrite_table every vector add
 * is a guest MSI-X disable / rewrite-all / enable cycle.
 */
export class FreeBsdGuest {
  private readonly handlers = new Set<number>();

  constructor(
    private readonly w: World,
    private readonly bus: GuestBus,
    /** Which message each entry's handler listens on (read by the data hack's masked injections). */
    private readonly listening: GuestHandlers = new GuestHandlers(),
  ) {}

  /** pci_alloc_msix_method: pci_mask_msix on every entry (a write only if the bit is clear), then Enable. */
  *allocMsix(): Block {
    yield* this.maskAll();
    yield* this.bus.cfgWrite(PCI_MSIX_FLAGS, 2, this.bus.ctrl() | PCI_MSIX_FLAGS_ENABLE);
  }

  /** pci_setup_intr, MSI-X branch (first handler on the entry). */
  *setupIntr(v: number): Block {
    this.handlers.add(v);
    if (!this.w.settings.freebsdRewriteTable) {
      yield* this.writeMsg(v);
      yield* this.bus.tblWrite(v, ENTRY_CTRL, this.bus.readTable(v, ENTRY_CTRL) & ~PCI_MSIX_ENTRY_CTRL_MASKBIT);
      return;
    }
    // pci_enable_msix_method with pci_msix_rewrite_table: Enable off, pci_resume_msix, Enable back.
    const ctrl = this.bus.ctrl();
    yield* this.bus.cfgWrite(PCI_MSIX_FLAGS, 2, ctrl & ~PCI_MSIX_FLAGS_ENABLE);
    yield* this.maskAll();
    for (const h of [...this.handlers].sort((a, b) => a - b)) {
      yield* this.writeMsg(h);
      yield* this.bus.tblWrite(h, ENTRY_CTRL, this.bus.readTable(h, ENTRY_CTRL) & ~PCI_MSIX_ENTRY_CTRL_MASKBIT);
    }
    yield* this.bus.cfgWrite(PCI_MSIX_FLAGS, 2, ctrl | PCI_MSIX_FLAGS_ENABLE);
  }

  /** pci_teardown_intr: mask when the entry's handler count drops to 0. */
  *teardownIntr(v: number): Block {
    if (!this.handlers.delete(v)) return;
    this.listening.drop(v);
    yield* this.bus.tblWrite(v, ENTRY_CTRL, this.bus.readTable(v, ENTRY_CTRL) | PCI_MSIX_ENTRY_CTRL_MASKBIT);
  }

  /** pci_release_msix: clear Enable. */
  *releaseMsix(): Block {
    yield* this.bus.cfgWrite(PCI_MSIX_FLAGS, 2, this.bus.ctrl() & ~PCI_MSIX_FLAGS_ENABLE);
  }

  private *maskAll(): Block {
    const size = this.bus.tableSize();
    for (let v = 0; v < size; v++) {
      const c = this.bus.readTable(v, ENTRY_CTRL);
      if (!(c & PCI_MSIX_ENTRY_CTRL_MASKBIT)) yield* this.bus.tblWrite(v, ENTRY_CTRL, c | PCI_MSIX_ENTRY_CTRL_MASKBIT);
    }
  }

  /** PCIB_MAP_MSI + pci_enable_msix(child, index, addr, data): x86 edge, fixed delivery, IDT vector. */
  private *writeMsg(v: number): Block {
    yield* this.bus.tblWrite(v, ENTRY_ADDR_LO, msiAddress(v % 8));
    yield* this.bus.tblWrite(v, ENTRY_ADDR_HI, 0);
    yield* this.bus.tblWrite(v, ENTRY_DATA, 0x30 + (v % 0xbf));
    this.listening.listen(v, msiAddress(v % 8), 0x30 + (v % 0xbf)); // only setupIntr writes messages: a handler is behind it
  }
}
