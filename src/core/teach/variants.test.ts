import { describe, expect, it } from 'vitest';
import { createRng } from '../engine/rng.ts';
import { runScenario } from '../machine/run.ts';
import { parsePolicySpec, SEED_POLICY_IDS } from '../policies/index.ts';
import { findPreset } from '../presets/index.ts';
import { validateScenario } from '../scenario/parse.ts';
import { answerOf } from './grade.ts';
import { generateQuestions } from './generate.ts';
import { makeVariant, PRACTICE_PRESETS } from './variants.ts';

const SEED = SEED_POLICY_IDS.map((id) => parsePolicySpec(id));

describe('practice variants', () => {
  it('every practice preset exists', () => {
    for (const id of PRACTICE_PRESETS) expect(findPreset(id), id).toBeDefined();
  });

  it('are deterministic, valid, keep guest steps in time order, and actually vary', () => {
    let changed = 0;
    for (let seed = 0; seed < 60; seed++) {
      const v = makeVariant(createRng(seed));
      expect(makeVariant(createRng(seed))).toEqual(v);
      expect(() => validateScenario(v.scenario)).not.toThrow();
      const ats = v.scenario.steps.map((s) => s.at);
      expect([...ats].sort((a, b) => a - b)).toEqual(ats);
      if (v.changes.length) changed++;
      const p = findPreset(v.presetId)!;
      if (v.changes.length === 0) expect(v.scenario.steps.length).toBe(p.scenario.steps.length);
    }
    expect(changed).toBeGreaterThan(40);
  });

  it('run small (a phone simulates them in a moment) and yield gradable questions', () => {
    for (let seed = 0; seed < 14; seed++) {
      const v = makeVariant(createRng(seed));
      const runs = runScenario(v.scenario, SEED);
      for (const r of runs) expect(r.log.length, `${v.presetId} ${r.policy}`).toBeLessThan(50_000);
      const qs = generateQuestions(runs, createRng(seed), 4);
      expect(qs.length).toBeGreaterThan(0);
      for (const q of qs) expect(() => answerOf(q, runs)).not.toThrow();
    }
  });

  it('names an unknown preset in one line', () => {
    expect(() => makeVariant(createRng(1), 'nope')).toThrow(/^presetId: no preset "nope"$/);
  });
});
