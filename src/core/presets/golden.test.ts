import { describe, expect, it } from 'vitest';
import { condensedGolden } from '../analysis/golden.ts';
import { POLICIES, parsePolicySpec } from '../policies/index.ts';
import { simulate } from '../machine/simulate.ts';
import { validateScenario } from '../scenario/parse.ts';
import { PRESETS } from './index.ts';

// Golden event logs: one readable file per preset and policy under __golden__/. A change to the
// model shows up as a diff of these files; review it, then re-baseline with `npx vitest run -u`.
describe('preset event logs match their reviewed golden files', () => {
  for (const preset of PRESETS) {
    for (const p of POLICIES) {
      it(`${preset.id} under ${p.id}`, async () => {
        const r = simulate(validateScenario(preset.scenario), parsePolicySpec(p.id));
        await expect(condensedGolden(r.log.columns())).toMatchFileSnapshot(`__golden__/${preset.id}.${p.id}.txt`);
      });
    }
  }
});
