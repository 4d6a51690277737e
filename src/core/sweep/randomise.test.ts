import { describe, expect, it } from 'vitest';
import { findPreset, validateScenario, ScenarioError, type Scenario } from '../index.ts';
import { trialScenario } from './index.ts';

/** A small scenario: vector 0 Poisson traffic, a guest step at 10 µs, a second at 20 µs. */
const base = (steps: Scenario['steps'], random?: Scenario['random']): Scenario =>
  validateScenario({ version: 1, seed: 9, device: { tableSize: 4 }, random, steps });

const guest = (at: number, jitterNs?: number): Scenario['steps'][number] => ({
  at,
  op: 'linux-alloc-vectors',
  nvec: 2,
  ...(jitterNs === undefined ? {} : { jitterNs }),
});
const poisson = (jitterNs?: number): Scenario['steps'][number] => ({
  at: 1000,
  op: 'poisson',
  vector: 0,
  meanNs: 500,
  until: 50_000,
  ...(jitterNs === undefined ? {} : { jitterNs }),
});

describe('per-step jitterNs', () => {
  it('delays only its step by U[0, jitterNs], the same for the same trial, and leaves no jitterNs behind', () => {
    const s = base([poisson(), guest(10_000, 2000), guest(30_000)]);
    const seen = new Set<number>();
    for (let k = 0; k < 200; k++) {
      const t = trialScenario(s, k);
      expect(t).toEqual(trialScenario(s, k));
      const [p, g1, g2] = t.steps;
      expect(p).toEqual(poisson());
      expect(g1!.at).toBeGreaterThanOrEqual(10_000);
      expect(g1!.at).toBeLessThanOrEqual(12_000);
      expect(g2!.at).toBe(30_000);
      expect(t.steps.some((st) => 'jitterNs' in st)).toBe(false);
      seen.add(g1!.at);
    }
    expect(seen.size).toBeGreaterThan(100); // it really varies between trials
  });

  it('moves a traffic step as a whole (its until with it)', () => {
    const s = base([poisson(5000), guest(10_000)]);
    for (let k = 0; k < 50; k++) {
      const p = trialScenario(s, k).steps[0]!;
      if (p.op !== 'poisson') throw new Error('order');
      expect(p.at - 1000).toBe(p.until - 50_000);
      expect(p.at - 1000).toBeGreaterThanOrEqual(0);
      expect(p.at - 1000).toBeLessThanOrEqual(5000);
    }
  });

  it('adds to the random block and keeps guest steps in order', () => {
    const s = base([guest(10_000, 50_000), guest(12_000)], { jitterNs: 1000 });
    for (let k = 0; k < 100; k++) {
      const [a, b] = trialScenario(s, k).steps;
      expect(b!.at).toBeGreaterThanOrEqual(a!.at);
    }
  });

  it('jitterNs 0 draws nothing: the trial equals the one without the field', () => {
    const rnd = { phaseNs: 3000, rateJitter: 0.2, jitterNs: 500 };
    const a = base([poisson(0), guest(10_000, 0)], rnd);
    const b = base([poisson(), guest(10_000)], rnd);
    for (let k = 0; k < 20; k++) expect(trialScenario(a, k)).toEqual(trialScenario(b, k));
  });

  it('keeps the random block working on a preset (the steps move, the result validates)', () => {
    const s = validateScenario({ ...findPreset('default')!.scenario, random: { jitterNs: 2000 } });
    expect(() => validateScenario(trialScenario(s, 3))).not.toThrow();
  });

  it('is validated like every field, naming it', () => {
    expect(() => base([guest(10_000, -1)])).toThrow(ScenarioError);
    expect(() => base([guest(10_000, -1)])).toThrow(/steps\[0\]\.jitterNs/);
    expect(() => base([guest(10_000, 1.5)])).toThrow(/jitterNs.*integer/);
  });
});
