import { describe, expect, it } from 'vitest';
import { Ev } from '../engine/events.ts';
import { simulate, snapshotMachine, stepSimulate } from '../machine/simulate.ts';
import { POLICIES, parsePolicySpec } from '../policies/index.ts';
import { scenarioOf, step } from '../testing/harness.ts';
import { initialState } from './machine-state.ts';
import { applyRows, Replay } from './replay.ts';

/**
 * A guest that unmasks three entries while the function is masked, then clears Function Mask:
 * QEMU's msix_write_config notifies vector by vector, and under teardown/setup the first
 * vector_use blocks the vCPU in a resize window before the others are handled.
 */
const midLoopBlock = scenarioOf(
  4,
  [
    step.cfg(0, 2, 2, 0xc000),
    step.tbl(1_000, 0, 2, 0x4041),
    step.tbl(1_100, 1, 2, 0x4042),
    step.tbl(1_200, 2, 2, 0x4043),
    step.tbl(2_000, 0, 3, 0),
    step.tbl(2_100, 1, 3, 0),
    step.tbl(2_200, 2, 3, 0),
    step.cfg(5_000, 2, 2, 0x8000),
    { at: 5_000, op: 'raise', vector: 1, every: 500, until: 60_000 },
    step.cfg(80_000, 2, 2, 0xc000),
    step.cfg(90_000, 2, 2, 0x8000),
  ],
  { host: { resizeWindowNs: 20_000 } },
);

describe('replay', () => {
  for (const def of POLICIES) {
    it(`${def.id}: equals the live machine after every queue entry, even inside a blocked guest write`, () => {
      const policy = parsePolicySpec(def.id);
      const live = stepSimulate(midLoopBlock, policy);
      const states: { rows: number; snap: ReturnType<typeof snapshotMachine> }[] = [];
      let st = live.next();
      for (; !st.done; st = live.next()) states.push({ rows: st.value.w.log.length, snap: snapshotMachine(st.value) });
      // Rebuild from the log that same run wrote, with checkpoints every 3 rows.
      const replay = new Replay(st.value.log.columns(), 4, policy.axes.frontEnd, 3);
      expect(states.length).toBeGreaterThan(50);
      for (const { rows, snap } of states) expect(replay.at(rows)).toEqual(snap);
    });
  }

  it('the guest mask changes with the write, before QEMU has notified every vector (so it is derived, not read from GUEST_MASK rows)', () => {
    const policy = parsePolicySpec('teardown-setup');
    const live = stepSimulate(midLoopBlock, policy);
    let sawLag = false;
    for (let st = live.next(); !st.done; st = live.next()) {
      const m = st.value;
      // The mask as the GUEST_MASK rows alone would say.
      const fromRows = new Uint8Array(4).fill(1);
      const log = m.w.log;
      for (let i = 0; i < log.length; i++) if (log.kind[i] === Ev.GUEST_MASK) fromRows[log.vec[i]!] = log.a[i]!;
      const snap = snapshotMachine(m);
      if (snap.guest.masked.some((x, v) => x !== fromRows[v])) sawLag = true;
    }
    expect(sawLag).toBe(true);
  });

  it('random access over checkpoints equals a straight replay, in any order, and build() is bounded', () => {
    const policy = parsePolicySpec('data-hack');
    const cols = simulate(midLoopBlock, policy).log.columns();
    const replay = new Replay(cols, 4, policy.axes.frontEnd, 5);
    expect(replay.built).toBe(0);
    expect(replay.build(5)).toBe(cols.length <= 5);
    expect(replay.built).toBeLessThanOrEqual(10);
    const order = [cols.length, 0, 7, 3, cols.length - 1, 11, 5];
    for (const rows of order) {
      const straight = initialState(4, policy.axes.frontEnd);
      applyRows(straight, cols, rows);
      expect(replay.at(rows)).toEqual(straight);
    }
    expect(replay.at(cols.length + 100).rows).toBe(cols.length);
    expect(replay.at(-3).rows).toBe(0);
  });
});
