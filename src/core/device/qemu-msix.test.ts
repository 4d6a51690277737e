import { describe, expect, it } from 'vitest';
import { Ev, Loss, Note, Path, Place } from '../engine/events.ts';
import type { World } from '../engine/world.ts';
import type { Block } from '../hv/block.ts';
import { drain, makeWorld, raiseOn, rows, rowsOf } from '../testing/harness.ts';
import { QemuMsix, type VectorNotifiers } from './qemu-msix.ts';
import {
  ENTRY_ADDR_LO,
  ENTRY_CTRL,
  ENTRY_DATA,
  PCI_MSIX_FLAGS_ENABLE as EN,
  PCI_MSIX_FLAGS_MASKALL as MA,
} from './regs.ts';

/** Notifiers that record "use v" / "release v" and the log length at the time of the call. */
class Recorder implements VectorNotifiers {
  readonly calls: string[] = [];
  readonly at: number[] = [];
  constructor(private readonly w: World) {}
  // eslint-disable-next-line require-yield
  *use(v: number): Block {
    this.calls.push(`use ${v}`);
    this.at.push(this.w.log.length);
  }
  // eslint-disable-next-line require-yield
  *release(v: number): Block {
    this.calls.push(`release ${v}`);
    this.at.push(this.w.log.length);
  }
}

interface Fixture {
  w: World;
  m: QemuMsix;
  n: Recorder;
  cfg(value: number, offset?: number, size?: number): void;
  tbl(v: number, word: number, value: number): void;
  unmask(v: number): void;
  mask(v: number): void;
  raise(v: number): number;
}

/** A QemuMsix with recording notifiers; `used` vectors get msix_vector_use. */
function fixture(size = 4, opts: { enable?: boolean; used?: number[] } = {}): Fixture {
  const w = makeWorld(size);
  const m = new QemuMsix(w, size);
  const n = new Recorder(w);
  for (const v of opts.used ?? []) m.vectorUse(v);
  const f: Fixture = {
    w,
    m,
    n,
    cfg: (value, offset = 2, sz = 2) => drain(m.writeConfig(offset, sz, value)),
    tbl: (v, word, value) => drain(m.writeTable(v, word, value)),
    unmask: (v) => f.tbl(v, ENTRY_CTRL, 0),
    mask: (v) => f.tbl(v, ENTRY_CTRL, 1),
    raise: (v) => raiseOn(w, v, (vec, id, seq) => m.notify(vec, id, seq)),
  };
  if (opts.enable ?? true) f.cfg(EN);
  drain(m.setNotifiers(n));
  return f;
}

const kinds = (w: World, from = 0): string[] => rows(w, from).map((r) => r.kind);

// domain.md §1.4, msix_notify: "Returns silently if v >= nentries or !msix_entry_used[v]".
describe('msix_notify on an unused vector', () => {
  it('drops a raise on an unmasked vector whose use count is 0', () => {
    const f = fixture(4);
    f.unmask(1);
    const id = f.raise(1);
    expect(rowsOf(f.w, Ev.LOST)).toEqual([expect.objectContaining({ vec: 1, a: id, b: Loss.VECTOR_NOT_USED })]);
    expect(rowsOf(f.w, Ev.PEND, Ev.DELIVER)).toHaveLength(0);
  });

  it('drops (does not pend) a raise on a masked vector whose use count is 0', () => {
    const f = fixture(4);
    f.raise(2);
    expect(rowsOf(f.w, Ev.LOST)[0]).toMatchObject({ vec: 2, b: Loss.VECTOR_NOT_USED });
    expect(f.m.pba[2]).toBe(-1);
  });

  it('drops a raise on a vector beyond the table', () => {
    const f = fixture(4);
    f.raise(7);
    expect(rowsOf(f.w, Ev.LOST)[0]).toMatchObject({ vec: 7, b: Loss.VECTOR_NOT_USED });
  });
});

describe('msix_notify on a used vector', () => {
  it('delivers an unmasked raise in the same instant: the RAISE row carries the path in c', () => {
    const f = fixture(4, { used: [0] });
    f.unmask(0);
    const id = f.raise(0);
    const raise = rowsOf(f.w, Ev.RAISE);
    expect(raise).toEqual([expect.objectContaining({ vec: 0, a: id, c: Path.QEMU })]);
    expect(rowsOf(f.w, Ev.DELIVER, Ev.PEND, Ev.LOST, Ev.COALESCE)).toHaveLength(0);
  });

  it('sets the emulated pending bit for a raise on an entry-masked vector', () => {
    const f = fixture(4, { used: [0] });
    const id = f.raise(0);
    expect(f.m.pba[0]).toBe(id);
    expect(rowsOf(f.w, Ev.PEND)).toEqual([expect.objectContaining({ vec: 0, a: id, b: Place.GUEST_PBA })]);
    expect(rowsOf(f.w, Ev.RAISE)[0]!.c).toBe(0);
  });

  it('treats MSI-X Enable = 0 as masked: the raise pends', () => {
    const f = fixture(4, { used: [0], enable: false });
    f.unmask(0);
    f.raise(0);
    expect(rowsOf(f.w, Ev.PEND)).toHaveLength(1);
    expect(rowsOf(f.w, Ev.RAISE)[0]!.c).toBe(0);
  });

  it('treats Function Mask = 1 as masked: the raise pends', () => {
    const f = fixture(4, { used: [0] });
    f.unmask(0);
    f.cfg(EN | MA);
    f.raise(0);
    expect(rowsOf(f.w, Ev.PEND)).toHaveLength(1);
  });

  it('coalesces further raises while the bit is pending, pointing at the raise that holds it', () => {
    const f = fixture(4, { used: [3] });
    const first = f.raise(3);
    f.raise(3);
    f.raise(3);
    expect(rowsOf(f.w, Ev.PEND)).toHaveLength(1);
    const co = rowsOf(f.w, Ev.COALESCE);
    expect(co).toHaveLength(2);
    for (const r of co) expect(r).toMatchObject({ vec: 3, b: Place.GUEST_PBA, c: first });
    expect(f.m.heldCount()).toBe(1);
  });

  it('keeps pending bits per vector', () => {
    const f = fixture(4, { used: [0, 1] });
    const a = f.raise(0);
    const b = f.raise(1);
    expect([f.m.pba[0], f.m.pba[1], f.m.pba[2]]).toEqual([a, b, -1]);
    expect(f.m.heldCount()).toBe(2);
  });
});

// domain.md §1.4, msix_handle_mask_update: on unmask with the pending bit set, clear it and msix_notify.
describe('delivery of a pending vector on unmask', () => {
  it('delivers the pending raise once when the entry is unmasked', () => {
    const f = fixture(4, { used: [1] });
    const id = f.raise(1);
    f.w.now = 500;
    f.unmask(1);
    expect(rowsOf(f.w, Ev.GUEST_PBA_CLR)).toEqual([expect.objectContaining({ vec: 1, a: 0 })]);
    expect(rowsOf(f.w, Ev.DELIVER)).toEqual([expect.objectContaining({ vec: 1, a: id, b: Path.QEMU, c: 500 })]);
    expect(f.m.pba[1]).toBe(-1);
  });

  it('delivers only one interrupt for several raises coalesced while masked', () => {
    const f = fixture(4, { used: [1] });
    f.raise(1);
    f.raise(1);
    f.raise(1);
    f.unmask(1);
    expect(rowsOf(f.w, Ev.DELIVER)).toHaveLength(1);
  });

  it('does not deliver again on a later mask/unmask cycle', () => {
    const f = fixture(4, { used: [1] });
    f.raise(1);
    f.unmask(1);
    f.mask(1);
    f.unmask(1);
    expect(rowsOf(f.w, Ev.DELIVER)).toHaveLength(1);
  });

  it('fires the use notifier before it delivers the pending raise', () => {
    const f = fixture(4, { used: [2] });
    f.raise(2);
    f.unmask(2);
    expect(f.n.calls).toEqual(['use 2']);
    const deliver = rowsOf(f.w, Ev.DELIVER)[0]!;
    expect(f.n.at[0]!).toBeLessThanOrEqual(deliver.seq);
  });

  it('logs the effective-mask transition (GUEST_MASK) before clearing the pending bit', () => {
    const f = fixture(4, { used: [2] });
    f.raise(2);
    const from = f.w.log.length;
    f.unmask(2);
    expect(kinds(f.w, from)).toEqual(['tbl-write', 'guest-mask', 'guest-pba-clr', 'deliver']);
  });

  it('keeps the raise pending when the entry is unmasked under Function Mask', () => {
    const f = fixture(4, { used: [0] });
    f.cfg(EN | MA);
    f.raise(0);
    f.unmask(0);
    expect(rowsOf(f.w, Ev.DELIVER)).toHaveLength(0);
    expect(f.m.pba[0]).toBeGreaterThanOrEqual(0);
    f.cfg(EN);
    expect(rowsOf(f.w, Ev.DELIVER)).toHaveLength(1);
  });

  it('keeps the raise pending when the entry is unmasked while MSI-X is disabled, and delivers at Enable', () => {
    const f = fixture(4, { used: [0], enable: false });
    f.raise(0);
    f.unmask(0);
    expect(rowsOf(f.w, Ev.DELIVER)).toHaveLength(0);
    f.cfg(EN);
    expect(rowsOf(f.w, Ev.DELIVER)).toHaveLength(1);
  });
});

// domain.md §1.4: msix_handle_mask_update acts only on a mask-state transition.
describe('table-write notifier edges', () => {
  it('fires use on masked -> unmasked and release on unmasked -> masked', () => {
    const f = fixture(4);
    f.unmask(1);
    f.mask(1);
    expect(f.n.calls).toEqual(['use 1', 'release 1']);
  });

  it('fires nothing for a Vector Control write that keeps the mask state', () => {
    const f = fixture(4);
    f.mask(1);
    f.unmask(2);
    f.tbl(2, ENTRY_CTRL, 0);
    expect(f.n.calls).toEqual(['use 2']);
  });

  it('fires nothing when an entry is unmasked while MSI-X is disabled', () => {
    const f = fixture(4, { enable: false });
    f.unmask(0);
    expect(f.n.calls).toEqual([]);
    expect(rowsOf(f.w, Ev.GUEST_MASK)).toHaveLength(0);
  });

  it('fires nothing when an entry is unmasked under Function Mask', () => {
    const f = fixture(4);
    f.cfg(EN | MA);
    f.unmask(0);
    expect(f.n.calls).toEqual([]);
  });

  it('fires nothing when no notifiers are registered, but still updates the mask', () => {
    const w = makeWorld(2);
    const m = new QemuMsix(w, 2);
    drain(m.writeConfig(2, 2, EN));
    drain(m.writeTable(0, ENTRY_CTRL, 0));
    expect(m.isMasked(0)).toBe(false);
    expect(rowsOf(w, Ev.GUEST_MASK)).toEqual([expect.objectContaining({ vec: 0, a: 0 })]);
  });
});

// domain.md §1.4, msix_write_config: a function_masked change calls msix_handle_mask_update for every vector.
describe('Function Mask', () => {
  it('setting it fires release for each vector whose own mask bit is clear', () => {
    const f = fixture(4);
    f.unmask(0);
    f.unmask(2);
    f.n.calls.length = 0;
    f.cfg(EN | MA);
    expect(f.n.calls).toEqual(['release 0', 'release 2']);
  });

  it('clearing it fires use for the same set and delivers their pending raises', () => {
    const f = fixture(4, { used: [0, 2] });
    f.unmask(0);
    f.unmask(2);
    f.cfg(EN | MA);
    const id = f.raise(2);
    f.raise(1); // unused vector: dropped, never pending
    f.n.calls.length = 0;
    f.cfg(EN);
    expect(f.n.calls).toEqual(['use 0', 'use 2']);
    expect(rowsOf(f.w, Ev.DELIVER)).toEqual([expect.objectContaining({ vec: 2, a: id })]);
  });

  it('does not deliver a pending raise of an entry whose own bit is still set when Function Mask clears', () => {
    const f = fixture(4, { used: [1] });
    f.cfg(EN | MA);
    f.raise(1);
    f.cfg(EN);
    expect(rowsOf(f.w, Ev.DELIVER)).toHaveLength(0);
    expect(f.m.pba[1]).toBeGreaterThanOrEqual(0);
  });

  it('fires nothing when the write does not change function_masked', () => {
    const f = fixture(4);
    f.unmask(0);
    f.n.calls.length = 0;
    f.cfg(EN); // same value
    f.cfg(MA | EN);
    f.cfg(MA); // Enable 1 -> 0 while Function Mask is set: still function-masked
    f.cfg(0);
    expect(f.n.calls).toEqual(['release 0']);
  });

  it('fires nothing for a write that does not cover the upper control byte', () => {
    const f = fixture(4);
    f.unmask(0);
    f.n.calls.length = 0;
    f.cfg(MA, 2, 1); // 1-byte write at cap+2: ignored, even though MA's bit is not in it
    f.cfg(0xffffffff, 4, 4);
    expect(f.n.calls).toEqual([]);
    expect(f.m.maskAll).toBe(false);
  });

  it('honours a 1-byte write at cap+3 (Function Mask is bit 6 of that byte)', () => {
    const f = fixture(4);
    f.unmask(3);
    f.n.calls.length = 0;
    f.cfg(0xc0, 3, 1);
    expect(f.m.maskAll).toBe(true);
    expect(f.n.calls).toEqual(['release 3']);
  });

  it('Enable 0 -> 1 with Function Mask clear fires use for entries already unmasked', () => {
    const f = fixture(4, { enable: false });
    f.unmask(1);
    f.cfg(EN);
    expect(f.n.calls).toEqual(['use 1']);
  });
});

// domain.md §1.4: "A write that changes address/data while the vector stays unmasked causes no notifier".
describe('message change while unmasked', () => {
  it('fires no notifier and logs a NOTE (msg-while-unmasked) row', () => {
    const f = fixture(4);
    f.unmask(1);
    f.n.calls.length = 0;
    f.tbl(1, ENTRY_DATA, 0x4055);
    expect(f.n.calls).toEqual([]);
    expect(rowsOf(f.w, Ev.NOTE)).toEqual([expect.objectContaining({ vec: 1, a: Note.MSG_WHILE_UNMASKED })]);
  });

  it('logs the NOTE for an address change too', () => {
    const f = fixture(4);
    f.unmask(0);
    f.tbl(0, ENTRY_ADDR_LO, 0xfee02000);
    expect(rowsOf(f.w, Ev.NOTE)).toHaveLength(1);
  });

  it('logs nothing when the written value equals the stored one', () => {
    const f = fixture(4);
    f.tbl(0, ENTRY_DATA, 0x4041);
    f.unmask(0);
    f.tbl(0, ENTRY_DATA, 0x4041);
    expect(rowsOf(f.w, Ev.NOTE)).toHaveLength(0);
  });

  it('logs nothing when the entry is masked (the safe, masked update)', () => {
    const f = fixture(4);
    f.tbl(0, ENTRY_DATA, 0x4041);
    f.unmask(0);
    f.mask(0);
    f.tbl(0, ENTRY_DATA, 0x4042);
    f.unmask(0);
    expect(rowsOf(f.w, Ev.NOTE)).toHaveLength(0);
  });

  it('logs nothing when the entry is only function-masked', () => {
    const f = fixture(4);
    f.unmask(0);
    f.cfg(EN | MA);
    f.tbl(0, ENTRY_DATA, 0x4042);
    expect(rowsOf(f.w, Ev.NOTE)).toHaveLength(0);
  });
});

// domain.md §1.4, msix_vector_use / msix_vector_unuse.
describe('use counting', () => {
  it('counts uses per vector', () => {
    const f = fixture(4);
    f.m.vectorUse(2);
    f.m.vectorUse(2);
    expect(f.m.used[2]).toBe(2);
    f.m.vectorUnuse(2);
    expect(f.m.used[2]).toBe(1);
  });

  it('clears the pending bit (and loses its raise) when the count returns to 0', () => {
    const f = fixture(4, { used: [1] });
    const id = f.raise(1);
    f.m.vectorUnuse(1);
    expect(f.m.pba[1]).toBe(-1);
    expect(rowsOf(f.w, Ev.GUEST_PBA_CLR)).toEqual([expect.objectContaining({ vec: 1, a: 1 })]);
    expect(rowsOf(f.w, Ev.LOST)).toEqual([expect.objectContaining({ vec: 1, a: id, b: Loss.PENDING_DISCARDED })]);
  });

  it('keeps the pending bit while other users remain', () => {
    const f = fixture(4, { used: [1, 1] });
    f.raise(1);
    f.m.vectorUnuse(1);
    expect(f.m.pba[1]).toBeGreaterThanOrEqual(0);
    expect(rowsOf(f.w, Ev.LOST)).toHaveLength(0);
  });

  it('ignores an unuse of a vector that is not used', () => {
    const f = fixture(4);
    f.m.vectorUnuse(0);
    expect(f.m.used[0]).toBe(0);
    expect(rows(f.w).filter((r) => r.kind === 'lost')).toHaveLength(0);
  });

  it('makes msix_notify drop raises again once the count is back to 0', () => {
    const f = fixture(4, { used: [0] });
    f.unmask(0);
    f.m.vectorUnuse(0);
    f.raise(0);
    expect(rowsOf(f.w, Ev.LOST)[0]).toMatchObject({ b: Loss.VECTOR_NOT_USED });
  });
});

// domain.md §1.4, msix_set_vector_notifiers / msix_unset_vector_notifiers.
describe('notifier registration', () => {
  it('calls use for every unmasked vector when (ctrl & (ENABLE|MASKALL)) == ENABLE', () => {
    const w = makeWorld(4);
    const m = new QemuMsix(w, 4);
    drain(m.writeConfig(2, 2, EN));
    drain(m.writeTable(1, ENTRY_CTRL, 0));
    drain(m.writeTable(3, ENTRY_CTRL, 0));
    const n = new Recorder(w);
    drain(m.setNotifiers(n));
    expect(n.calls).toEqual(['use 1', 'use 3']);
  });

  it('calls no use when Function Mask is set', () => {
    const w = makeWorld(4);
    const m = new QemuMsix(w, 4);
    drain(m.writeConfig(2, 2, EN | MA));
    drain(m.writeTable(1, ENTRY_CTRL, 0));
    const n = new Recorder(w);
    drain(m.setNotifiers(n));
    expect(n.calls).toEqual([]);
    expect(m.notifiers).toBe(n);
  });

  it('calls no use when MSI-X is disabled', () => {
    const w = makeWorld(4);
    const m = new QemuMsix(w, 4);
    drain(m.writeTable(1, ENTRY_CTRL, 0));
    const n = new Recorder(w);
    drain(m.setNotifiers(n));
    expect(n.calls).toEqual([]);
  });

  it('unset calls release for every unmasked vector, then unregisters', () => {
    const f = fixture(4);
    f.unmask(0);
    f.unmask(2);
    f.n.calls.length = 0;
    drain(f.m.unsetNotifiers());
    expect(f.n.calls).toEqual(['release 0', 'release 2']);
    expect(f.m.notifiers).toBeNull();
    f.mask(0);
    expect(f.n.calls).toHaveLength(2);
  });

  it('unset under Function Mask calls no release', () => {
    const f = fixture(4);
    f.unmask(0);
    f.cfg(EN | MA);
    f.n.calls.length = 0;
    drain(f.m.unsetNotifiers());
    expect(f.n.calls).toEqual([]);
  });
});
