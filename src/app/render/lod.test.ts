import { describe, expect, it } from 'vitest';
import { Outcome } from '../../core/analysis/timeline.ts';
import { layoutPane } from './layout.ts';
import { binRaises } from './lod.ts';
import { GUTTER } from './geometry.ts';
import { heldThenLostScenario, linearScale as scale, presetTimeline, scenarioTimeline } from './testing.ts';

const tlOf = (id: string, policy: string) => presetTimeline(id, policy).tl;

describe('level of detail for interrupt marks', () => {
  it('never hides a loss: every lost raise in view owns a bin even when 40+ raises share its pixel', () => {
    const tl = tlOf('multiqueue-hotplug', 'teardown-setup');
    const L = layoutPane(tl, {});
    const W = 300; // very zoomed out: many raises per pixel
    const x = scale(0, tl.endNs, W);
    const { bins } = binRaises(tl, L, x, W, 0, tl.endNs);
    const R = tl.raises;
    let lost = 0;
    for (let i = 0; i < R.n; i++) {
      if (R.outcome[i] !== Outcome.LOST) continue;
      lost++;
      const px = Math.round(x(R.end[i]!));
      if (px >= W) continue;
      expect(bins[L.rowOfVector[R.vec[i]!]! * W + px]).toBe(Outcome.LOST);
    }
    expect(lost).toBeGreaterThan(100);
    expect(R.n / (W - GUTTER)).toBeGreaterThan(10);
  });

  it('bins only the visible window, and a zoomed-in view keeps one bin per raise', () => {
    const tl = tlOf('default', 'dynamic-alloc');
    const L = layoutPane(tl, {});
    const t0 = 100_000,
      t1 = 130_000;
    const { bins, lo, hi } = binRaises(tl, L, scale(t0, t1, 2000), 2000, t0, t1);
    const occupied = bins.reduce((n, b) => n + (b ? 1 : 0), 0);
    expect(hi - lo).toBe(occupied);
    for (let i = lo; i < hi; i++) expect(tl.raises.t[i]).toBeGreaterThanOrEqual(t0);
  });

  it('bins a loss at the very edge of the window inside the drawable pixels, at any zoom', () => {
    const { tl } = scenarioTimeline(heldThenLostScenario(64, 2, 20, 50_000), 'dynamic-alloc');
    const L = layoutPane(tl, {});
    const row = L.rowOfVector[2]!;
    for (const [t0, t1, W] of [
      [49_000, 50_000, 500],
      [50_000, 50_400, 700],
      [0, 50_000, 300],
    ] as const) {
      const { bins } = binRaises(tl, L, scale(t0, t1, W), W, t0, t1);
      const px = t1 === 50_000 ? W - 1 : GUTTER; // the loss at 50 µs is the window's last or first instant
      expect(bins[row * W + px], `[${t0}, ${t1}]`).toBe(Outcome.LOST);
    }
  });
});
