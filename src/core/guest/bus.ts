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

  *cfgWrite(offset: number, size: number, value: number): Block {
    const prev = this.w.cause;
    this.w.cause = this.w.emit(Ev.CFG_WRITE, -1, offset, size, value);
    yield* this.hv.configWrite(offset, size, value);
    this.w.cause = prev;
  }

  /** A 4-byte table write to entry v, word 0..3 (addr lo, addr hi, data, vector control). */
  *tblWrite(v: number, word: number, value: number): Block {
    const prev = this.w.cause;
    yield* this.hv.tableWrite(v, word, value >>> 0);
    this.w.cause = prev;
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
