import { describe, expect, it } from 'vitest';
import { Ev, Ioctl, Loss, Note } from '../engine/events.ts';
import { maskWrites, rowsOf, runSteps, step as s, writes, writesOfOp } from '../testing/harness.ts';

// A FreeBSD guest compiled to register writes, domain.md §2.2 (sys/dev/pci/pci.c).

const POLICY = 'dynamic-alloc';
const REWRITE = { guest: { freebsdRewriteTable: true } };

describe('pci_alloc_msix_method', () => {
  it('sets Enable with no address/data writes (entries are masked at reset, so pci_mask_msix writes nothing)', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 2)], POLICY);
    expect(writes(r)).toEqual(['cfg @2/2 = 0x8003']);
  });

  it('leaves every Data field 0 when Enable is written', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 4)], POLICY);
    const t = r.final.guest.table;
    expect([t[2], t[6], t[10], t[14]]).toEqual([0, 0, 0, 0]);
    expect(r.final.guest.ctrl).toBe(0x8003);
  });

  it('does not set Function Mask', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 2)], POLICY);
    expect(r.final.guest.ctrl & 0x4000).toBe(0);
  });

  it('masks an entry that was left unmasked before setting Enable (pci_mask_msix writes only if clear)', () => {
    const r = runSteps(4, [s.tbl(0, 2, 3, 0), s.bsdAlloc(1000, 2)], POLICY);
    expect(writesOfOp(r, 1)).toEqual(['tbl 2.ctrl = 0x1', 'cfg @2/2 = 0x8003']);
  });

  // domain.md §2.2 "Consequence under the data hack".
  it('under the data hack, enabling with all Data 0 allocates no host vectors', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 4)], 'data-hack');
    expect(
      rowsOf(r, Ev.NOTE)
        .filter((x) => x.a === Note.DATA_COUNT)
        .map((x) => x.b),
    ).toEqual([0]);
    expect(r.final.host.enable).toBe(false);
    expect(rowsOf(r, Ev.IOCTL).filter((x) => x.a === Ioctl.KVM_ASSIGN_DEV_IRQ)).toHaveLength(0);
  });
});

describe('pci_setup_intr (MSI-X branch)', () => {
  it('writes address low, address high, data while masked, then unmasks', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 2), s.bsdSetup(1000, 1)], POLICY);
    expect(writesOfOp(r, 1)).toEqual([
      'tbl 1.lo = 0xfee01000',
      'tbl 1.hi = 0x0',
      'tbl 1.data = 0x31',
      'tbl 1.ctrl = 0x0',
    ]);
    expect(r.final.guest.masked[1]).toBe(0);
  });

  it('under the data hack, the first unmask triggers the full re-setup with one vector', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 2), s.bsdSetup(1000, 1)], 'data-hack');
    expect(
      rowsOf(r, Ev.NOTE)
        .filter((x) => x.a === Note.DATA_COUNT)
        .map((x) => x.b),
    ).toEqual([0, 1]);
    expect(Array.from(r.final.host.alloc)).toEqual([0, 1, 0, 0]);
  });

  it('under the data hack, a raise before the first setup_intr is lost: host MSI-X is off', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 2), s.raise(500, 1), s.bsdSetup(1000, 1)], 'data-hack');
    expect(rowsOf(r, Ev.LOST)).toEqual([expect.objectContaining({ vec: 1, b: Loss.HOST_MSIX_OFF })]);
  });
});

describe('pci_teardown_intr', () => {
  it('masks the entry when its handler goes away', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 2), s.bsdSetup(1000, 1), s.bsdTeardown(2000, 1)], POLICY);
    expect(writesOfOp(r, 2)).toEqual(['tbl 1.ctrl = 0x1']);
  });

  it('writes nothing for an entry without a handler', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 2), s.bsdTeardown(1000, 1)], POLICY);
    expect(writesOfOp(r, 1)).toEqual([]);
  });
});

describe('pci_release_msix', () => {
  it('clears Enable', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 2), s.bsdSetup(1000, 0), s.bsdTeardown(2000, 0), s.bsdRelease(3000)], POLICY);
    expect(writesOfOp(r, 3)).toEqual(['cfg @2/2 = 0x3']);
    expect(r.final.guest.ctrl).toBe(0x3);
  });
});

// domain.md §2.2 rewrite quirk (pci_msix_rewrite_table): Enable off, pci_resume_msix, Enable back.
describe('guest.freebsdRewriteTable', () => {
  it('setup_intr clears Enable, writes and unmasks the handled entry, then sets Enable again', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 2), s.bsdSetup(1000, 1)], POLICY, REWRITE);
    expect(writesOfOp(r, 1)).toEqual([
      'cfg @2/2 = 0x3',
      'tbl 1.lo = 0xfee01000',
      'tbl 1.hi = 0x0',
      'tbl 1.data = 0x31',
      'tbl 1.ctrl = 0x0',
      'cfg @2/2 = 0x8003',
    ]);
  });

  it('each later setup_intr masks all, then rewrites and unmasks every handled entry in index order', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 4), s.bsdSetup(1000, 2), s.bsdSetup(2000, 0)], POLICY, REWRITE);
    expect(writesOfOp(r, 2)).toEqual([
      'cfg @2/2 = 0x3',
      'tbl 2.ctrl = 0x1', // pci_mask_msix: only the entry that was unmasked needs a write
      'tbl 0.lo = 0xfee00000',
      'tbl 0.hi = 0x0',
      'tbl 0.data = 0x30',
      'tbl 0.ctrl = 0x0',
      'tbl 2.lo = 0xfee02000',
      'tbl 2.hi = 0x0',
      'tbl 2.data = 0x32',
      'tbl 2.ctrl = 0x0',
      'cfg @2/2 = 0x8003',
    ]);
  });

  it('makes every vector add a guest MSI-X disable/enable cycle that the hypervisor sees', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 4), s.bsdSetup(1000, 0), s.bsdSetup(2000, 1)], POLICY, REWRITE);
    const ctrl = rowsOf(r, Ev.CTRL).map((x) => x.a & 0x8000);
    expect(ctrl).toEqual([0x8000, 0, 0x8000, 0, 0x8000]);
    // vfio_msix_disable runs on each Enable 1 -> 0: the whole host index is disabled.
    expect(rowsOf(r, Ev.IOCTL).filter((x) => x.a === Ioctl.VFIO_SET_IRQS_DISABLE)).toHaveLength(2);
  });

  it('does not affect teardown, which only masks', () => {
    const r = runSteps(4, [s.bsdAlloc(0, 2), s.bsdSetup(1000, 1), s.bsdTeardown(2000, 1)], POLICY, REWRITE);
    expect(maskWrites(r).at(-1)).toBe('mask 1');
    expect(writesOfOp(r, 2)).toEqual(['tbl 1.ctrl = 0x1']);
  });
});
