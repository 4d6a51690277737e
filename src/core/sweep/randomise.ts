import type { Scenario, Step } from '../scenario/schema.ts';
import { trialSeed, variationRng } from './seed.ts';

/** The step without its jitterNs (the trial scenario is what runs: the jitter is already applied). */
const dropJitter = (st: Step): Step => {
  if (st.jitterNs === undefined) return st;
  const { jitterNs: _j, ...rest } = st;
  void _j;
  return rest as Step;
};

const isTraffic = (st: Step): st is Extract<Step, { op: 'raise' | 'poisson' | 'burst' }> =>
  st.op === 'raise' || st.op === 'poisson' || st.op === 'burst';

/**
 * Trial k's scenario: the scenario with its `random` block applied using trial k's variation
 * stream, and `seed` set to trial k's seed (which the simulation's Poisson streams draw from).
 * Without a random block only the seed changes. The result is a plain validated-shape scenario
 * (integer ns everywhere), with the random block removed so it replays as-is with `run`.
 *
 * A step's own `jitterNs` delays that step alone by U[0, jitterNs] (a traffic step: its whole
 * stream moves, like a phase shift), on top of the block's.
 *
 * Invariants: guest steps keep their relative order (a jittered step never overtakes the one
 * before it, so a driver sequence stays a valid sequence); a traffic step keeps its length
 * (until - at) under a phase shift.
 */
export function trialScenario(s: Scenario, k: number): Scenario {
  const seed = trialSeed(s.seed ?? 1, k);
  const r = s.random;
  const { random: _dropped, ...rest } = s;
  void _dropped;
  const perStep = s.steps.some((st) => st.jitterNs);
  if (!perStep && (!r || (!r.phaseNs && !r.rateJitter && !r.jitterNs)))
    return { ...rest, seed, steps: s.steps.map(dropJitter) };
  const u = variationRng(seed);
  // A step's own jitterNs draws after the block's draws for that step, and only when set, so a
  // scenario without per-step jitter draws exactly the numbers it drew before the field existed.
  const own = (st: Step): number => (st.jitterNs ? Math.floor(u() * (st.jitterNs + 1)) : 0);
  let lastGuestOrig = -1,
    lastGuestNew = -1;
  const steps = s.steps.map((step): Step => {
    const st = dropJitter(step);
    if (isTraffic(st)) {
      let shift = r?.phaseNs ? Math.floor(u() * r.phaseNs) : 0;
      const scale = r?.rateJitter ? 1 + (2 * u() - 1) * r.rateJitter : 1;
      shift += own(step);
      if (st.op === 'poisson')
        return {
          ...st,
          at: st.at + shift,
          until: st.until + shift,
          meanNs: Math.max(1, Math.round(st.meanNs * scale)),
        };
      if (st.op === 'raise') {
        if (st.every === undefined) return { ...st, at: st.at + shift };
        return {
          ...st,
          at: st.at + shift,
          until: (st.until ?? st.at) + shift,
          every: Math.max(1, Math.round(st.every * scale)),
        };
      }
      return { ...st, at: st.at + shift, spacingNs: Math.round(st.spacingNs * scale) };
    }
    let at = st.at + (r?.jitterNs ? Math.floor(u() * (r.jitterNs + 1)) : 0);
    at += own(step);
    // Steps listed later at an equal or later time must not run before this one.
    if (st.at >= lastGuestOrig && at < lastGuestNew) at = lastGuestNew;
    lastGuestOrig = Math.max(lastGuestOrig, st.at);
    lastGuestNew = Math.max(lastGuestNew, at);
    return { ...st, at };
  });
  return { ...rest, seed, steps };
}
