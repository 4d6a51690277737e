import { Ev, Ignore } from '../engine/events.ts';
import type { World } from '../engine/world.ts';
import type { GuestState } from '../replay/machine-state.ts';
import {
  ENTRY_CTRL,
  MSIX_CONTROL_OFFSET,
  MSIX_WRITABLE,
  PCI_MSIX_ENTRY_CTRL_MASKBIT,
  PCI_MSIX_FLAGS,
  PCI_MSIX_FLAGS_ENABLE,
  PCI_MSIX_FLAGS_MASKALL,
} from '../spec/pci-msix.ts';

/**
 * The guest-visible MSI-X capability and vector table as the hypervisor emulates them (domain.md
 * §1.1-1.2): Message Control with read-only Table Size, writable Enable and Function Mask; the
 * table as 32-bit words, every entry masked at reset (msix_reset / assigned_dev_msix_reset).
 */
export class GuestTable {
  readonly table: Uint32Array;
  ctrl: number;
  /** seq of the last CTRL event. */
  ctrlSeq = -1;
  /** seq of the event that last masked each entry (the cause of losses while masked). */
  readonly maskSeq: Int32Array;

  constructor(
    protected readonly w: World,
    /** Entries the guest can see (pci-assign clamps this to KVM_MAX_MSIX_PER_DEV). */
    readonly size: number,
  ) {
    this.table = new Uint32Array(size * 4);
    for (let v = 0; v < size; v++) this.table[v * 4 + ENTRY_CTRL] = PCI_MSIX_ENTRY_CTRL_MASKBIT;
    this.ctrl = size - 1;
    this.maskSeq = new Int32Array(size).fill(-1);
  }

  get enabled(): boolean {
    return (this.ctrl & PCI_MSIX_FLAGS_ENABLE) !== 0;
  }
  get maskAll(): boolean {
    return (this.ctrl & PCI_MSIX_FLAGS_MASKALL) !== 0;
  }
  /** msix_update_function_masked: MSI-X disabled counts as "all masked". */
  get functionMasked(): boolean {
    return (this.ctrl & (PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL)) !== PCI_MSIX_FLAGS_ENABLE;
  }
  entryMasked(v: number): boolean {
    return (this.table[v * 4 + ENTRY_CTRL]! & PCI_MSIX_ENTRY_CTRL_MASKBIT) !== 0;
  }
  /** msix_is_masked. */
  isMasked(v: number): boolean {
    return this.functionMasked || this.entryMasked(v);
  }
  data(v: number): number {
    return this.table[v * 4 + 2]!;
  }

  readConfig16(offset: number): number {
    return offset === PCI_MSIX_FLAGS ? this.ctrl : 0;
  }
  readTable(v: number, word: number): number {
    return v < this.size ? this.table[v * 4 + word]! : 0;
  }

  /**
   * Applies a config write with pci_default_write_config's write mask (only Enable and Function
   * Mask are writable). Returns the old Message Control, or -1 when the write does not cover the
   * upper control byte (msix_write_config ignores those).
   */
  applyConfig(offset: number, size: number, value: number): number {
    if (!(offset <= MSIX_CONTROL_OFFSET && MSIX_CONTROL_OFFSET < offset + size)) {
      this.w.emit(Ev.IGNORED, -1, Ignore.READ_ONLY);
      return -1;
    }
    const hi = (value >>> ((MSIX_CONTROL_OFFSET - offset) * 8)) & 0xff;
    const old = this.ctrl;
    this.ctrl = (old & ~MSIX_WRITABLE) | ((hi << 8) & MSIX_WRITABLE);
    if (this.ctrl !== old) this.ctrlSeq = this.w.emit(Ev.CTRL, -1, this.ctrl, old);
    return old;
  }

  /** Stores one table word and logs it; returns the old value. */
  applyTable(v: number, word: number, value: number): number {
    const i = v * 4 + word;
    const old = this.table[i]!;
    this.table[i] = value >>> 0;
    // Effects of this write (mask updates, ioctls) point back to it; GuestBus's frame ends after.
    this.w.advance(this.w.emit(Ev.TBL_WRITE, v, word, value | 0, old >>> 0));
    return old;
  }

  /** Logs an effective-mask transition of entry v. */
  markMask(v: number, masked: boolean): number {
    const seq = this.w.emit(Ev.GUEST_MASK, v, masked ? 1 : 0);
    if (masked) this.maskSeq[v] = seq;
    return seq;
  }

  /**
   * The guest-visible state in plain data (msix_save: table and PBA; here also Message Control
   * and each entry's effective mask). The base table has no PBA (pci-assign): all clear.
   */
  snapshot(): GuestState {
    const masked = new Uint8Array(this.size);
    for (let v = 0; v < this.size; v++) masked[v] = this.isMasked(v) ? 1 : 0;
    return {
      size: this.size,
      ctrl: this.ctrl,
      table: this.table.slice(),
      masked,
      pba: new Int32Array(this.size).fill(-1),
    };
  }

  /** Effective mask of v as it was under an older Message Control value. */
  maskedUnder(v: number, oldCtrl: number): boolean {
    const fm = (oldCtrl & (PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL)) !== PCI_MSIX_FLAGS_ENABLE;
    return fm || this.entryMasked(v);
  }
}
