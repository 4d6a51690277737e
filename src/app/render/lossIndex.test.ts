import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forHeldOverlapping, Outcome, type Timeline } from '../../core/analysis/timeline.ts';
import { POLICIES } from '../../core/policies/index.ts';
import { richScenario } from '../../core/testing/arbitraries.ts';
import type { Scenario } from '../../core/scenario/schema.ts';
import { drawPane } from './drawPane.ts';
import { hitTest } from './hitTest.ts';
import { layoutPane } from './layout.ts';
import { markPixel } from './lod.ts';
import { heldThenLostScenario, linearScale, namePalette, recordingContext, scenarioTimeline } from './testing.ts';

/**
 * "A loss is never hidden": for a run and a visible window [t0, t1] at some width, every lost
 * raise whose loss (its end) lies in the window is drawn as a red cross on its row at its pixel,
 * and a click there selects a loss on that row at that pixel. The ground truth is a brute-force
 * scan of every raise, independent of the timeline's loss index that drawing and hit-testing use.
 */
function checkWindow(tl: Timeline, t0: number, t1: number, width: number): number {
  const L = layoutPane(tl, {});
  const x = linearScale(t0, t1, width);
  const { ctx, crosses } = recordingContext();
  drawPane(ctx, width, L, tl, x, namePalette, null);
  const R = tl.raises;
  const W = Math.ceil(width);
  let checked = 0;
  for (let i = 0; i < R.n; i++) {
    if (R.outcome[i] !== Outcome.LOST || R.end[i]! < t0 || R.end[i]! > t1) continue;
    const rowIdx = L.rowOfVector[R.vec[i]!]!;
    expect(rowIdx, `raise ${i}: vector ${R.vec[i]} has a row`).toBeGreaterThanOrEqual(0);
    const row = L.rows[rowIdx]!;
    const cy = row.y + row.h / 2;
    const px = markPixel(x, R.end[i]!, t0, t1, W);
    // Drawn: a cross centred on the row within 3 px (crosses of neighbouring lost pixels merge; each spans >= 3 px each way).
    const drawn = crosses.some((c) => c.y === cy && Math.abs(c.x - px) <= 3);
    if (!drawn)
      expect.fail(
        `loss of raise ${i} (v${R.vec[i]}, raised ${R.t[i]}, lost ${R.end[i]}) not drawn in [${t0}, ${t1}] at ${width}px`,
      );
    // Hit: clicking its pixel selects a loss on its row drawn at that pixel.
    const hit = hitTest(tl, L, x, px, cy);
    if (!hit || hit.kind !== 'raise')
      expect.fail(`loss of raise ${i} (lost ${R.end[i]}) cannot be hit in [${t0}, ${t1}]`);
    expect(R.outcome[hit.index]).toBe(Outcome.LOST);
    expect(L.rowOfVector[R.vec[hit.index]!]).toBe(rowIdx);
    expect(Math.abs(x(R.end[hit.index]!) - px)).toBeLessThanOrEqual(1.5);
    checked++;
  }
  return checked;
}

/** A raise latched early and lost much later with thousands of raises between, in tables up to 2048 entries. */
const heldThenLost: fc.Arbitrary<{ scenario: Scenario; policy: string }> = fc
  .record({
    n: fc.constantFrom(4, 64, 300, 2048),
    held: fc.integer({ min: 1, max: 3 }),
    every: fc.integer({ min: 5, max: 60 }),
    until: fc.integer({ min: 15_000, max: 60_000 }),
    policy: fc.constantFrom('dynamic-alloc', 'single-vector', 'single-vector-fd', 'allocate-all'),
  })
  .map((c) => ({ scenario: heldThenLostScenario(c.n, c.held, c.every, c.until), policy: c.policy }));

const anyRun = fc.oneof(
  { weight: 2, arbitrary: heldThenLost },
  {
    weight: 1,
    arbitrary: fc.record({ scenario: richScenario, policy: fc.constantFrom(...POLICIES.map((p) => p.id)) }),
  },
);

/** A window: around one of the run's losses (zoomed from 1 ns to 2 ms wide), or anywhere. */
const windowSpec = fc.record({
  aroundLoss: fc.boolean(),
  pick: fc.nat(),
  span: fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 1, max: 2_000_000 })),
  frac: fc.double({ min: 0, max: 1, noNaN: true }),
  width: fc.integer({ min: 120, max: 1800 }),
});

describe('the loss index: losses never hide', () => {
  it('draws and hits every loss whose end lies in the window, for random runs and windows', () => {
    let total = 0;
    fc.assert(
      fc.property(anyRun, fc.array(windowSpec, { minLength: 1, maxLength: 4 }), ({ scenario, policy }, windows) => {
        let tl: Timeline;
        try {
          tl = scenarioTimeline(scenario, policy).tl;
        } catch {
          return; // a random scenario the runaway guard refuses: nothing to draw
        }
        for (const w of windows) {
          let t0: number;
          if (w.aroundLoss && tl.losses.n > 0) t0 = tl.losses.end[w.pick % tl.losses.n]! - w.frac * w.span;
          else t0 = w.frac * tl.endNs;
          total += checkWindow(tl, t0, t0 + w.span, w.width);
        }
      }),
      { numRuns: 60, seed: 6 },
    );
    expect(total, 'the property saw losses').toBeGreaterThan(50);
  });

  it("shows the issue's example: dynamic-alloc, 2048 entries, a raise latched at 1 µs and lost at 50 µs, zoomed to ±0.5 µs", () => {
    const { tl } = scenarioTimeline(heldThenLostScenario(2048, 2, 10, 50_000), 'dynamic-alloc');
    const R = tl.raises;
    const held = [...R.outcome.keys()].find((i) => R.outcome[i] === Outcome.LOST && R.vec[i] === 2)!;
    expect(R.t[held]).toBe(1000);
    expect(R.end[held]).toBe(50_000);
    expect(held === 0 && R.n > 4000).toBe(true); // thousands of raises between the latch and the loss
    expect(checkWindow(tl, 49_500, 50_500, 900)).toBe(1);
    // Its held line crosses the whole zoomed window: the outcome-interval index finds it.
    const overlapping: number[] = [];
    forHeldOverlapping(tl, 49_500, 50_500, (i) => overlapping.push(i));
    expect(overlapping).toContain(held);
  });

  it('finds exactly the held raises overlapping a window (against a brute-force scan)', () => {
    fc.assert(
      fc.property(
        heldThenLost,
        fc.array(fc.tuple(fc.nat(70_000), fc.nat(30_000)), { minLength: 1, maxLength: 6 }),
        ({ scenario, policy }, wins) => {
          const { tl } = scenarioTimeline(scenario, policy);
          const R = tl.raises;
          for (const [t0, span] of wins) {
            const t1 = t0 + span;
            const want: number[] = [];
            for (let i = 0; i < R.n; i++)
              if (R.outcome[i] !== Outcome.DIRECT && R.t[i]! <= t1 && R.end[i]! >= t0) want.push(i);
            const got: number[] = [];
            forHeldOverlapping(tl, t0, t1, (i) => got.push(i));
            expect(got.slice().sort((p, q) => p - q)).toEqual(want);
            for (let k = 1; k < got.length; k++) expect(R.end[got[k]!]!).toBeGreaterThanOrEqual(R.end[got[k - 1]!]!);
          }
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });
});
