import { describe, expect, it } from 'vitest';
import { Ev, Ignore } from '../engine/events.ts';
import { makeWorld, rowsOf } from '../testing/harness.ts';
import { GuestTable } from './guest-table.ts';
import { ENTRY_CTRL, ENTRY_DATA, PCI_MSIX_FLAGS_ENABLE as EN, PCI_MSIX_FLAGS_MASKALL as MA } from './regs.ts';

function table(size = 16): GuestTable {
  return new GuestTable(makeWorld(size), size);
}

// domain.md §1.1 / §1.2: Message Control layout, reset state (msix_init / msix_reset / assigned_dev_msix_reset).
describe('GuestTable reset state', () => {
  it('reports Table Size as N-1 in bits 10:0 with Enable and Function Mask clear', () => {
    const g = table(17);
    expect(g.readConfig16(2)).toBe(16);
    expect(g.enabled).toBe(false);
    expect(g.maskAll).toBe(false);
  });

  it('encodes the maximum table (2048 entries) as 0x7ff', () => {
    expect(table(2048).readConfig16(2)).toBe(0x7ff);
  });

  it('has every entry masked and address/data zero', () => {
    const g = table(8);
    for (let v = 0; v < 8; v++) {
      expect(g.entryMasked(v)).toBe(true);
      expect(g.readTable(v, ENTRY_CTRL)).toBe(1);
      expect(g.readTable(v, 0)).toBe(0);
      expect(g.readTable(v, 1)).toBe(0);
      expect(g.readTable(v, ENTRY_DATA)).toBe(0);
    }
  });

  it('treats MSI-X disabled as function-masked', () => {
    expect(table().functionMasked).toBe(true);
  });

  it('reads 0 for registers other than Message Control and for entries past the table', () => {
    const g = table(4);
    expect(g.readConfig16(0)).toBe(0);
    expect(g.readConfig16(4)).toBe(0);
    expect(g.readTable(4, ENTRY_CTRL)).toBe(0);
  });
});

// domain.md §1.1: msix_init makes only MSIX_ENABLE_MASK | MSIX_MASKALL_MASK writable.
describe('Message Control write mask', () => {
  it('keeps Table Size read-only when the guest writes all ones', () => {
    const g = table(16);
    g.applyConfig(2, 2, 0xffff);
    expect(g.ctrl).toBe(EN | MA | 15);
  });

  it('keeps Table Size when the guest writes zero to the low bits', () => {
    const g = table(16);
    g.applyConfig(2, 2, EN);
    expect(g.ctrl).toBe(EN | 15);
  });

  it('ignores the reserved bits 13:11 of the upper byte', () => {
    const w = makeWorld(16);
    const g = new GuestTable(w, 16);
    const old = g.applyConfig(2, 2, 0x3800);
    expect(old).toBe(15);
    expect(g.ctrl).toBe(15);
    expect(rowsOf(w, Ev.CTRL)).toHaveLength(0);
  });

  it('sets and clears Enable (bit 15) and Function Mask (bit 14) independently', () => {
    const g = table(4);
    g.applyConfig(2, 2, MA);
    expect([g.enabled, g.maskAll]).toEqual([false, true]);
    g.applyConfig(2, 2, EN | MA);
    expect([g.enabled, g.maskAll]).toEqual([true, true]);
    g.applyConfig(2, 2, EN);
    expect([g.enabled, g.maskAll]).toEqual([true, false]);
    g.applyConfig(2, 2, 0);
    expect([g.enabled, g.maskAll]).toEqual([false, false]);
  });

  it('logs a CTRL row with the new and old value only when Message Control changes', () => {
    const w = makeWorld(4);
    const g = new GuestTable(w, 4);
    g.applyConfig(2, 2, EN | MA);
    g.applyConfig(2, 2, EN | MA);
    const ctrl = rowsOf(w, Ev.CTRL);
    expect(ctrl).toHaveLength(1);
    expect(ctrl[0]).toMatchObject({ a: EN | MA | 3, b: 3 });
  });
});

// domain.md §1.1 / §1.4: QEMU watches only the upper byte (MSIX_CONTROL_OFFSET = cap+3);
// msix_write_config ignores writes that do not cover it.
describe('config writes that do not cover the upper control byte (cap+3)', () => {
  const ignored: [number, 1 | 2 | 4][] = [
    [0, 1],
    [1, 1],
    [2, 1],
    [0, 2],
    [4, 1],
    [4, 2],
    [4, 4],
    [8, 4],
    [10, 2],
    [11, 1],
  ];
  for (const [offset, size] of ignored) {
    it(`ignores a ${size}-byte write at cap+${offset}`, () => {
      const w = makeWorld(8);
      const g = new GuestTable(w, 8);
      expect(g.applyConfig(offset, size, 0xffffffff)).toBe(-1);
      expect(g.ctrl).toBe(7);
      expect(rowsOf(w, Ev.CTRL)).toHaveLength(0);
      expect(rowsOf(w, Ev.IGNORED)).toEqual([expect.objectContaining({ vec: -1, a: Ignore.READ_ONLY })]);
    });
  }
});

describe('config writes that cover the upper control byte', () => {
  it('applies a 1-byte write at cap+3 (the byte holds bits 15:8)', () => {
    const g = table(8);
    expect(g.applyConfig(3, 1, 0x80)).toBe(7);
    expect(g.ctrl).toBe(EN | 7);
  });

  it('applies a 2-byte write at cap+2', () => {
    const g = table(8);
    g.applyConfig(2, 2, EN | MA);
    expect(g.ctrl).toBe(EN | MA | 7);
  });

  it('takes bits 31:24 of a 4-byte write at cap+0 as the upper control byte', () => {
    const g = table(8);
    g.applyConfig(0, 4, 0xc0000000);
    expect(g.ctrl).toBe(EN | MA | 7);
  });

  it('does not read Enable from bit 15 of a 4-byte write at cap+0 (that is the next-pointer byte)', () => {
    const g = table(8);
    g.applyConfig(0, 4, 0x0000c000);
    expect(g.ctrl).toBe(7);
  });
});

// domain.md §1.4: msix_is_masked(v) = !Enable || Function Mask || entry mask.
describe('effective mask', () => {
  for (const en of [0, 1]) {
    for (const fm of [0, 1]) {
      for (const m of [0, 1]) {
        const expected = !en || !!fm || !!m;
        it(`is ${expected ? 'masked' : 'unmasked'} with Enable=${en} FunctionMask=${fm} entry mask=${m}`, () => {
          const g = table(2);
          g.applyConfig(2, 2, (en ? EN : 0) | (fm ? MA : 0));
          g.applyTable(1, ENTRY_CTRL, m);
          expect(g.isMasked(1)).toBe(expected);
          expect(g.functionMasked).toBe(!en || !!fm);
        });
      }
    }
  }

  it('maskedUnder evaluates the effective mask against an older Message Control value', () => {
    const g = table(2);
    g.applyConfig(2, 2, EN);
    g.applyTable(0, ENTRY_CTRL, 0);
    expect(g.maskedUnder(0, EN | MA)).toBe(true);
    expect(g.maskedUnder(0, 0)).toBe(true);
    expect(g.maskedUnder(0, EN)).toBe(false);
    expect(g.maskedUnder(1, EN)).toBe(true);
  });
});

describe('table writes', () => {
  it('stores the dword, returns the old one and logs a TBL_WRITE row', () => {
    const w = makeWorld(4);
    const g = new GuestTable(w, 4);
    expect(g.applyTable(2, ENTRY_DATA, 0x4041)).toBe(0);
    expect(g.applyTable(2, ENTRY_DATA, 0x4042)).toBe(0x4041);
    expect(g.data(2)).toBe(0x4042);
    expect(rowsOf(w, Ev.TBL_WRITE).map((r) => [r.vec, r.a, r.b, r.c])).toEqual([
      [2, ENTRY_DATA, 0x4041, 0],
      [2, ENTRY_DATA, 0x4042, 0x4041],
    ]);
  });

  it('stores full 32-bit addresses without sign problems', () => {
    const g = table(1);
    g.applyTable(0, 0, 0xfee01000);
    expect(g.readTable(0, 0)).toBe(0xfee01000);
  });

  it('uses only bit 0 of Vector Control as the entry mask', () => {
    const g = table(1);
    g.applyTable(0, ENTRY_CTRL, 0xfffffffe);
    expect(g.entryMasked(0)).toBe(false);
    g.applyTable(0, ENTRY_CTRL, 1);
    expect(g.entryMasked(0)).toBe(true);
  });
});
