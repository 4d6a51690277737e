import { Ev } from '../engine/events.ts';
import type { World } from '../engine/world.ts';
import type { Block } from '../hv/block.ts';
import type { Hypervisor } from '../hv/hypervisor.ts';
import { PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_QSIZE } from '../device/regs.ts';

/**
 * The guest's view of the device: trapped MMIO/config accesses to the emulated MSI-X capability
 * and table. Drivers are compiled to these calls, so a policy sees exactly what QEMU sees.
 * Reads have no side effects in the model and are not logged.
 */
export class GuestBus {
  constructor(
    private readonly w: World,
    readonly hv: Hypervisor,
  ) {}

  /** The write's effects point to its CFG_WRITE row (a cause frame: World.scope). */
  *cfgWrite(offset: number, size: number, value: number): Block {
    yield* this.w.scope(this.w.emit(Ev.CFG_WRITE, -1, offset, size, value), this.hv.configWrite(offset, size, value));
  }

  /** A 4-byte table write to entry v, word 0..3 (addr lo, addr hi, data, vector control). */
  *tblWrite(v: number, word: number, value: number): Block {
    // A frame of its own: the front end advances it to the TBL_WRITE row, and it ends here.
    yield* this.w.scope(this.w.cause, this.hv.tableWrite(v, word, value >>> 0));
  }

  ctrl(): number {
    return this.hv.front.readConfig16(PCI_MSIX_FLAGS);
  }

  /** Table size as the guest reads it from Message Control. */
  tableSize(): number {
    return (this.ctrl() & PCI_MSIX_FLAGS_QSIZE) + 1;
  }

  readTable(v: number, word: number): number {
    return this.hv.front.readTable(v, word);
  }
}
