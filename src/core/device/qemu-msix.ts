import { Ev, Loss, Note, Path, Place } from '../engine/events.ts';
import type { World } from '../engine/world.ts';
import type { Block } from '../engine/block.ts';
import { GuestTable } from './guest-table.ts';
import type { GuestState } from '../replay/machine-state.ts';
import { ENTRY_CTRL } from '../spec/pci-msix.ts';

const PATH_QEMU = Path.QEMU,
  PLACE_GUEST_PBA = Place.GUEST_PBA;

/** msix_set_vector_notifiers callbacks: QEMU vfio's vector_use / vector_release. */
export interface VectorNotifiers {
  use(v: number): Block;
  release(v: number): Block;
}

/**
 * QEMU's emulated MSI-X front end, hw/pci/msix.c (domain.md §1.4): edge-detected mask updates
 * that fire use/release notifiers, an emulated PBA that holds raises on masked vectors and
 * delivers once on unmask, and per-vector use counts (msix_vector_use) without which
 * msix_notify drops the event.
 */
export class QemuMsix extends GuestTable {
  /** Raise id held in the emulated PBA, -1 when clear. */
  readonly pba: Int32Array;
  readonly used: Uint16Array;
  notifiers: VectorNotifiers | null = null;

  constructor(w: World, size: number) {
    super(w, size);
    this.pba = new Int32Array(size).fill(-1);
    this.used = new Uint16Array(size);
  }

  /**
   * msix_write_config: recompute function_masked; if MSI-X is (still) enabled, update every vector
   * whose mask changed. When the write clears Enable QEMU returns before that loop ("if
   * (!msix_enabled(dev)) return"), so no notifier fires; the effective mask is still logged.
   */
  *writeConfig(offset: number, size: number, value: number): Block {
    const old = this.applyConfig(offset, size, value);
    if (old < 0 || old === this.ctrl) return;
    const oldFm = (old & 0xc000) !== 0x8000;
    if (oldFm === this.functionMasked) return;
    for (let v = 0; v < this.size; v++) {
      if (this.entryMasked(v)) continue; // msix_vector_masked: the entry's own bit keeps it masked
      if (this.enabled) yield* this.handleMaskUpdate(v, oldFm);
      else this.markMask(v, true);
    }
  }

  /** msix_table_mmio_write: store the dword, then msix_handle_mask_update(vector, was_masked). */
  *writeTable(v: number, word: number, value: number): Block {
    const was = this.isMasked(v);
    const old = this.applyTable(v, word, value);
    if (word === ENTRY_CTRL) {
      yield* this.handleMaskUpdate(v, was);
    } else if (!was && old !== value >>> 0) {
      // No mask transition, so no notifier: the backend never hears of the new message.
      this.w.emit(Ev.NOTE, v, Note.MSG_WHILE_UNMASKED);
    }
  }

  /** msix_handle_mask_update: acts only on a transition; delivers a pending vector on unmask. */
  *handleMaskUpdate(v: number, wasMasked: boolean): Block {
    const is = this.isMasked(v);
    if (is === wasMasked) return;
    const seq = this.markMask(v, is);
    if (this.notifiers) {
      if (is) yield* this.notifiers.release(v);
      else yield* this.notifiers.use(v);
    }
    const id = this.pba[v]!;
    if (!is && id >= 0 && !this.isMasked(v)) {
      this.pba[v] = -1;
      this.w.emitC(seq, Ev.GUEST_PBA_CLR, v, 0);
      this.notify(v, id, seq);
    }
  }

  /** msix_notify: drop if unused, hold in the PBA if masked, else send the message. */
  notify(v: number, id: number, cause: number): void {
    if (v >= this.size || this.used[v] === 0) {
      this.w.lose(v, id, Loss.VECTOR_NOT_USED, cause);
    } else if (this.isMasked(v)) {
      const held = this.pba[v]!;
      if (held >= 0) this.w.coalesce(v, id, PLACE_GUEST_PBA, held, cause);
      else {
        this.pba[v] = id;
        this.w.pend(v, id, PLACE_GUEST_PBA, cause);
      }
    } else {
      this.w.deliver(v, id, PATH_QEMU, cause);
    }
  }

  /** msix_vector_use. */
  vectorUse(v: number): void {
    this.used[v]!++;
  }

  /** msix_vector_unuse: when the count drops to 0 the pending bit is cleared (and its raise lost). */
  vectorUnuse(v: number): void {
    if (this.used[v] === 0) return;
    if (--this.used[v]! === 0) this.discardPending(v);
  }

  discardPending(v: number): void {
    const id = this.pba[v]!;
    if (id < 0) return;
    this.pba[v] = -1;
    const seq = this.w.emit(Ev.GUEST_PBA_CLR, v, 1);
    this.w.lose(v, id, Loss.PENDING_DISCARDED, seq);
  }

  /** msix_set_vector_notifiers: registers, then calls use for every unmasked vector. */
  *setNotifiers(n: VectorNotifiers): Block {
    this.notifiers = n;
    if (this.functionMasked) return;
    for (let v = 0; v < this.size; v++) if (!this.isMasked(v)) yield* n.use(v);
  }

  /** msix_unset_vector_notifiers: calls release for every unmasked vector, then unregisters. */
  *unsetNotifiers(): Block {
    const n = this.notifiers;
    if (!n) return;
    if (!this.functionMasked) for (let v = 0; v < this.size; v++) if (!this.isMasked(v)) yield* n.release(v);
    this.notifiers = null;
  }

  /** msix_save: the table plus the emulated PBA. */
  override snapshot(): GuestState {
    return { ...super.snapshot(), pba: this.pba.slice() };
  }

  heldCount(): number {
    let k = 0;
    for (let v = 0; v < this.size; v++) if (this.pba[v]! >= 0) k++;
    return k;
  }
}
