import { buildTimeline, type Timeline } from '../../core/analysis/timeline.ts';
import type { LogColumns } from '../../core/engine/log.ts';
import { simulate } from '../../core/machine/simulate.ts';
import { parsePolicySpec } from '../../core/policies/index.ts';
import { PRESETS } from '../../core/presets/index.ts';
import { validateScenario } from '../../core/scenario/parse.ts';
import { GUTTER, type TimeScale } from './geometry.ts';

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
