import { parsePolicyList, runScenario, validateScenario } from '../src/core/index.ts';
import { estimateWork } from '../src/core/scenario/estimate.ts';
import { PRESETS } from '../src/core/presets/index.ts';
const pol = parsePolicyList('all');
for (const p of PRESETS) {
  const s = validateScenario(p.scenario);
  const est = estimateWork(s).rows;
  const runs = runScenario(s, pol);
  const max = Math.max(...runs.map((r) => r.log.length));
  console.log(p.id, 'est', est, 'max', max, (est / max).toFixed(2));
}
