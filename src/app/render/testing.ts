import { buildTimeline, type Timeline } from '../../core/analysis/timeline.ts';
import type { LogColumns } from '../../core/engine/log.ts';
import { simulate } from '../../core/machine/simulate.ts';
import { parsePolicySpec } from '../../core/policies/index.ts';
import { PRESETS } from '../../core/presets/index.ts';
import { validateScenario } from '../../core/scenario/parse.ts';
import { GUTTER, type TimeScale } from './geometry.ts';
import type { Palette } from './palette.ts';
import type { Scenario } from '../../core/scenario/schema.ts';

/** Test helper: a preset's log and timeline under one policy (uses the real core). */
export function presetTimeline(presetId: string, policy: string): { log: LogColumns; tl: Timeline } {
  const p = PRESETS.find((x) => x.id === presetId)!;
  const r = simulate(validateScenario(p.scenario), parsePolicySpec(policy));
  const log = r.log.columns();
  return { log, tl: buildTimeline(log, r.settings.tableSize, r.final.guest.size, r.endNs) };
}

/** Test helper: a linear time scale [t0, t1] -> [GUTTER, width] without d3. */
export function linearScale(t0: number, t1: number, width: number): TimeScale {
  const f = ((t: number) => GUTTER + ((t - t0) / (t1 - t0)) * (width - GUTTER)) as TimeScale;
  f.invert = (x: number) => t0 + ((x - GUTTER) / (width - GUTTER)) * (t1 - t0);
  f.domain = () => [t0, t1];
  return f;
}

/** A held-then-lost scenario: vector `held` latched at 1 µs, thousands of raises on vector 0, then MSI-X freed at `until` (the loss). */
export function heldThenLostScenario(tableSize: number, held: number, every: number, until: number): Scenario {
  return {
    version: 1,
    device: { tableSize },
    steps: [
      { at: 0, op: 'linux-alloc-vectors', nvec: 4 },
      { at: 1000, op: 'raise', vector: held },
      { at: 2000, op: 'linux-request-irq', vector: 0 },
      { at: 3000, op: 'raise', vector: 0, every, until: until - 10 },
      { at: until, op: 'linux-free-vectors' },
    ],
  };
}

/** Test helper: a scenario's log and timeline under one policy. */
export function scenarioTimeline(scenario: Scenario, policy: string): { log: LogColumns; tl: Timeline } {
  const r = simulate(validateScenario(scenario), parsePolicySpec(policy));
  const log = r.log.columns();
  return { log, tl: buildTimeline(log, r.settings.tableSize, r.final.guest.size, r.endNs) };
}

/** A palette whose colours are their own names (P.lost === 'lost'), for recorded drawing. */
export const namePalette = new Proxy({}, { get: (_, k) => String(k) }) as Palette;

/**
 * A 2D context that draws nothing and records the red crosses drawn with P.lost (namePalette):
 * each cross's centre, from its first diagonal (moveTo(x - s, y - s) then lineTo(x + s, y + s)).
 */
export function recordingContext(): { ctx: CanvasRenderingContext2D; crosses: { x: number; y: number }[] } {
  const state: Record<string | symbol, unknown> = {};
  const crosses: { x: number; y: number }[] = [];
  let from: [number, number] | null = null;
  const ctx = new Proxy(
    {},
    {
      get(_, k) {
        if (k in state) return state[k];
        if (k === 'measureText') return (s: string) => ({ width: s.length * 6 });
        if (k === 'moveTo') return (px: number, py: number) => void (from = [px, py]);
        if (k === 'lineTo')
          return (px: number, py: number) => {
            if (from && state.strokeStyle === 'lost' && px - from[0] > 0 && px - from[0] === py - from[1])
              crosses.push({ x: (px + from[0]) / 2, y: (py + from[1]) / 2 });
            from = null;
          };
        return () => undefined;
      },
      set(_, k, v) {
        state[k] = v;
        return true;
      },
    },
  ) as CanvasRenderingContext2D;
  return { ctx, crosses };
}
