import { describe, expect, it } from 'vitest';
import { Ev, Loss, Path, Place } from './events.ts';
import { World } from './world.ts';
import { makeSettings, rows } from '../testing/harness.ts';

// The raise bookkeeping the hot path relies on: RAISE rows, and folding a same-instant delivery
// into its RAISE row (c = path) instead of a DELIVER row.

const world = (capacity?: number) => new World(makeSettings(8), capacity);

describe('World.pushRaise', () => {
  it('numbers raises 0, 1, 2... in RAISE-row order and leaves c = 0', () => {
    const w = world();
    w.now = 5;
    const s0 = w.pushRaise(3, 7);
    w.emit(Ev.NOTE, -1, 0);
    const s1 = w.pushRaise(1, -2);
    expect([s0, s1]).toEqual([0, 2]);
    expect(w.raises).toBe(2);
    expect(rows(w).filter((r) => r.kind === 'raise')).toEqual([
      { seq: 0, t: 5, kind: 'raise', vec: 3, a: 0, b: 7, c: 0, cause: -1 },
      { seq: 2, t: 5, kind: 'raise', vec: 1, a: 1, b: -2, c: 0, cause: -1 },
    ]);
  });

  it('keeps c = 0 for rows written after the columns grew (c is never written for a RAISE row)', () => {
    const w = world(16);
    for (let i = 0; i < 100; i++) {
      const seq = w.pushRaise(i % 8, 0);
      if (i % 2 === 0) w.deliver(i % 8, i, Path.IRQFD, seq);
    }
    expect(w.log.t.length).toBeGreaterThanOrEqual(100);
    for (let i = 0; i < 100; i++) expect(w.log.c[i]).toBe(i % 2 === 0 ? Path.IRQFD : 0);
  });
});

describe('World.deliver', () => {
  it('folds a delivery in the same instant, with nothing in between, into the RAISE row', () => {
    const w = world();
    const seq = w.pushRaise(2, 0);
    w.deliver(2, 0, Path.IRQFD, seq);
    expect(rows(w)).toEqual([{ seq: 0, t: 0, kind: 'raise', vec: 2, a: 0, b: 0, c: Path.IRQFD, cause: -1 }]);
  });

  it('writes a DELIVER row when another row came between the raise and its delivery', () => {
    const w = world();
    const seq = w.pushRaise(2, 0);
    const note = w.emit(Ev.NOTE, 2, 0);
    w.deliver(2, 0, Path.QEMU, note);
    expect(rows(w).map((r) => [r.kind, r.a, r.b, r.c, r.cause])).toEqual([
      ['raise', 0, 0, 0, -1],
      ['note', 0, 0, 0, -1],
      ['deliver', 0, Path.QEMU, 0, note],
    ]);
    expect(seq).toBe(0);
  });

  it('does not fold a different raise into the latest RAISE row', () => {
    const w = world();
    const first = w.pushRaise(1, 0);
    w.pend(1, 0, Place.GUEST_PBA, first);
    w.now = 40;
    const second = w.pushRaise(1, 0);
    // The held raise 0 is delivered because of raise 1's row (e.g. a PBA bit sent on its account).
    w.deliver(1, 0, Path.QEMU, second);
    const r = rows(w);
    expect(r[second]!.c).toBe(0);
    expect(r.at(-1)).toEqual({ seq: 3, t: 40, kind: 'deliver', vec: 1, a: 0, b: Path.QEMU, c: 40, cause: second });
  });

  it('does not fold into an older RAISE row that is no longer the last row', () => {
    const w = world();
    const seq = w.pushRaise(0, 0);
    w.lose(0, 99, Loss.DEVICE_NO_LATCH, seq);
    w.deliver(0, 0, Path.IRQFD, seq);
    expect(rows(w).map((r) => r.kind)).toEqual(['raise', 'lost', 'deliver']);
    expect(w.log.c[seq]).toBe(0);
  });

  it('reports the latency of a raise that was held, from its raise time', () => {
    const w = world();
    w.now = 100;
    const seq = w.pushRaise(4, 0);
    w.pend(4, 0, Place.EVENTFD, seq);
    w.now = 350;
    const clr = w.emit(Ev.EFD_CLR, 4, 0);
    w.deliver(4, 0, Path.QEMU, clr);
    expect(rows(w).at(-1)).toMatchObject({ kind: 'deliver', a: 0, b: Path.QEMU, c: 250, cause: clr });
  });
});
