import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTimeline, Outcome } from '../analysis/timeline.ts';
import { runScenario, type PolicyRun } from '../machine/run.ts';
import { parsePolicyList } from '../policies/index.ts';
import { findPreset } from '../presets/index.ts';
import type { Scenario } from '../scenario/schema.ts';
import { richScenario } from '../testing/arbitraries.ts';
import { diffRuns, type DiffSide } from './diff.ts';
import { applyWhatIf, guestStepOrder, isGuestStep } from './fork.ts';

const sides = (s: Scenario, policies: string): DiffSide[] =>
  runScenario(s, parsePolicyList(policies)).map((r: PolicyRun) => ({
    policy: r.policy,
    raises: buildTimeline(r.log, s.device.tableSize, r.visibleSize, r.endNs).raises,
    metrics: r.metrics,
  }));

const ALL = 'data-hack,single-vector,teardown-setup,dynamic-alloc';

describe('what-if diff', () => {
  it('a no-op fork (a step moved and moved back) has an empty diff, on random scenarios', () => {
    fc.assert(
      fc.property(richScenario, fc.nat(), fc.integer({ min: 1, max: 50_000 }), (s, pick, d) => {
        const guest = guestStepOrder(s);
        if (guest.length === 0) return;
        const i = guest[pick % guest.length]!;
        const there = applyWhatIf(s, { kind: 'shift', step: i, deltaNs: d });
        if (!there.ok) throw new Error(there.message);
        const back = applyWhatIf(there.scenario, { kind: 'shift', step: i, deltaNs: -d });
        if (!back.ok) throw new Error(back.message);
        expect(back.scenario).toEqual(s);
        for (const p of diffRuns(sides(s, ALL), sides(back.scenario, ALL))) {
          expect(p.changes).toEqual([]);
          expect(p.deltas).toEqual({});
        }
      }),
      { numRuns: 25 },
    );
  });

  it('is symmetric: diff(a, b) and diff(b, a) change the same raises, before/after exchanged, deltas negated', () => {
    fc.assert(
      fc.property(richScenario, fc.nat(), fc.integer({ min: -40_000, max: 40_000 }), (s, pick, d) => {
        const guest = s.steps.map((x, i) => (isGuestStep(x) ? i : -1)).filter((i) => i >= 0);
        if (guest.length === 0 || d === 0) return;
        const f = applyWhatIf(s, { kind: 'shift', step: guest[pick % guest.length]!, deltaNs: d });
        if (!f.ok) return; // a step already at 0 moved earlier
        const a = sides(s, ALL),
          b = sides(f.scenario, ALL);
        const ab = diffRuns(a, b),
          ba = diffRuns(b, a);
        expect(ab.map((p) => p.changes.length)).toEqual(ba.map((p) => p.changes.length));
        ab.forEach((p, k) => {
          const q = ba[k]!;
          const key = (c: { t: number; stream: number; k: number }): string => `${c.t}/${c.stream}/${c.k}`;
          expect(p.changes.map((c) => `${key(c)}:${c.before}>${c.after}`).sort()).toEqual(
            q.changes.map((c) => `${key(c)}:${c.after}>${c.before}`).sort(),
          );
          for (const [m, x] of Object.entries(p.deltas)) expect(q.deltas[m]).toBe(-x);
          expect(Object.keys(p.deltas).sort()).toEqual(Object.keys(q.deltas).sort());
        });
      }),
      { numRuns: 25 },
    );
  });

  it('moving request_irq(0) past a raise changes exactly the outcomes worked out by hand', () => {
    const base: Scenario = {
      version: 1,
      device: { tableSize: 2 },
      steps: [
        { at: 0, op: 'linux-alloc-vectors', nvec: 2 },
        { at: 1_000, op: 'linux-request-irq', vector: 0 },
        { at: 2_000, op: 'linux-request-irq', vector: 1 },
        { at: 5_000, op: 'raise', vector: 0 },
        { at: 6_000, op: 'raise', vector: 1 },
        { at: 20_000, op: 'raise', vector: 0 },
      ],
    };
    const f = applyWhatIf(base, { kind: 'shift', step: 1, deltaNs: 9_000 });
    expect(f.ok && f.summary).toBe('linux-request-irq(0) moved 9 µs later (1 µs → 10 µs)');
    if (!f.ok) return;
    const d = diffRuns(sides(base, 'teardown-setup,dynamic-alloc'), sides(f.scenario, 'teardown-setup,dynamic-alloc'));
    const brief = (p: (typeof d)[number]): string[] => p.changes.map((c) => `${c.t} v${c.vec} ${c.before}>${c.after}`);
    // dynamic-alloc: v0 is still masked in the guest at 5 µs, so its raise waits in the PBA and is
    // delivered late at the unmask (10 µs); nothing else moves.
    expect(brief(d[1]!)).toEqual([`5000 v0 ${Outcome.DIRECT}>${Outcome.LATE}`]);
    expect(d[1]!.deltas).toMatchObject({ deliveredLate: 1 });
    expect(d[1]!.deltas.lost).toBeUndefined();
    // teardown-setup: in the base, request_irq(1) at 2 µs grows the index 1 → 2 and opens a resize
    // window over both raises at 5 and 6 µs. In the fork request_irq(1) is the first unmask (no
    // resize) and v0 is below nr_vectors: the 5 µs raise is held (late), the 6 µs one delivered.
    expect(brief(d[0]!)).toEqual([
      `5000 v0 ${Outcome.LOST}>${Outcome.LATE}`,
      `6000 v1 ${Outcome.LOST}>${Outcome.DIRECT}`,
    ]);
    expect(d[0]!.deltas).toMatchObject({ lost: -2, deliveredLate: 1, delivered: 2 });
  });

  it('a dropped traffic-free guest step on a preset: every raise is matched by key, none invented', () => {
    const p = findPreset('multiqueue-hotplug')!;
    const order = guestStepOrder(p.scenario);
    const last = order[order.length - 1]!;
    const f = applyWhatIf(p.scenario, { kind: 'drop', step: last });
    if (!f.ok) throw new Error(f.message);
    const a = sides(p.scenario, 'teardown-setup'),
      b = sides(f.scenario, 'teardown-setup');
    const [d] = diffRuns(a, b);
    // The same traffic in both runs: no raise exists in only one of them.
    expect(d!.changes.every((c) => c.before >= 0 && c.after >= 0)).toBe(true);
    // Dropping the last hotplug removes its window: fewer losses, and the delta says so.
    expect(d!.deltas.lost).toBeLessThan(0);
    expect(d!.changes.filter((c) => c.before === Outcome.LOST).length).toBeGreaterThanOrEqual(-d!.deltas.lost!);
  });
});
