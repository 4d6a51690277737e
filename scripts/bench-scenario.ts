import type { Scenario } from '../src/core/index.ts';

/** 10^6 raises: a Linux guest brings up 8 vectors, then 8 periodic streams of 125,000 raises each. */
export function benchScenario(raises = 1_000_000): Scenario {
  const per = raises / 8;
  const steps: Scenario['steps'] = [{ at: 0, op: 'linux-alloc-vectors', nvec: 8 }];
  for (let v = 0; v < 8; v++) steps.push({ at: 1_000 + v * 100, op: 'linux-request-irq', vector: v });
  for (let v = 0; v < 8; v++) {
    const every = 800 + v * 37;
    steps.push({ at: 100_000 + v * 11, op: 'raise', vector: v, every, until: 100_000 + v * 11 + every * (per - 1) });
  }
  return { version: 1, name: 'bench', seed: 1, device: { tableSize: 8 }, limits: { maxEvents: 50_000_000 }, steps };
}
