import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Outcome, type Timeline } from '../core/analysis/timeline.ts';
import { nearestLoss, type LossKey } from './lossOrder.ts';
import { heldThenLostScenario, scenarioTimeline } from './render/testing.ts';

/** Brute force over every raise (what playback did before the loss index). */
function scan(tls: readonly Timeline[], at: LossKey, dir: 1 | -1): LossKey | null {
  const cmp = (x: LossKey, y: LossKey): number => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  let best: LossKey | null = null;
  tls.forEach((tl, pane) => {
    const R = tl.raises;
    for (let i = 0; i < R.n; i++) {
      if (R.outcome[i] !== Outcome.LOST) continue;
      const k: LossKey = [R.end[i]!, pane, i];
      if (dir * cmp(k, at) > 0 && (!best || dir * cmp(k, best) < 0)) best = k;
    }
  });
  return best;
}

/** A synthetic loss index: `ends` sorted, raise ids shuffled within ties (log order is not raise order). */
function synthetic(ends: number[], ids: number[]): Pick<Timeline, 'losses'> {
  return { losses: { n: ends.length, end: Float64Array.from(ends), id: Int32Array.from(ids) } };
}

describe('nearestLoss (playback: next / previous lost interrupt)', () => {
  const runs = ['data-hack', 'teardown-setup', 'dynamic-alloc'].map(
    (p) => scenarioTimeline(heldThenLostScenario(16, 1, 700, 60_000), p).tl,
  );

  it('walks every loss of real runs in (time, pane, raise) order, both ways, as a scan of every raise does', () => {
    let at: LossKey = [-1, Infinity, 0];
    let steps = 0;
    for (;;) {
      const next = nearestLoss(runs, at, 1);
      expect(next).toEqual(scan(runs, at, 1));
      if (!next) break;
      expect(nearestLoss(runs, next, -1)).toEqual(scan(runs, next, -1));
      at = next;
      steps++;
    }
    expect(steps).toBe(runs.reduce((n, tl) => n + tl.losses.n, 0));
    expect(steps).toBeGreaterThan(0);
  });

  it('agrees with the ordered scan on synthetic indexes with many simultaneous losses', () => {
    const pane = fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 12 }).map((ts) => {
      const ends = [...ts].sort((x, y) => x - y);
      return { ends, ids: ends.map((_, k) => (k * 7) % Math.max(1, ends.length)) };
    });
    fc.assert(
      fc.property(
        fc.array(pane, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: -1, max: 7 }),
        fc.integer({ min: -1, max: 4 }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom<1 | -1>(1, -1),
        (ps, t, p, i, dir) => {
          const idx = ps.map((x) => synthetic(x.ends, x.ids));
          const cmp = (x: LossKey, y: LossKey): number => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
          let want: LossKey | null = null;
          idx.forEach(({ losses: L }, pane) => {
            for (let j = 0; j < L.n; j++) {
              const k: LossKey = [L.end[j]!, pane, L.id[j]!];
              if (dir * cmp(k, [t, p, i]) > 0 && (!want || dir * cmp(k, want) < 0)) want = k;
            }
          });
          expect(nearestLoss(idx, [t, p, i], dir)).toEqual(want);
        },
      ),
    );
  });
});
