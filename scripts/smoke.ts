import { PRESETS, POLICIES, runScenario, parsePolicySpec, validateScenario } from '../src/core/index.ts';
const s = validateScenario(PRESETS[0]!.scenario);
const runs = runScenario(s, POLICIES.map(p => parsePolicySpec(p.id)));
for (const r of runs) console.log(r.policy.padEnd(16), JSON.stringify({...r.metrics, lostByCause: r.metrics.lostByCause}), r.hash);
