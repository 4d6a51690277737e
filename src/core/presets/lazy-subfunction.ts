import type { Preset } from './preset.ts';

export const lazySubfunction: Preset = {
  id: 'lazy-subfunction',
  title: 'Multi-function device: a sub-function starts only when used',
  paragraph:
    'Seed 002, case 3: "Multi-function devices where a subfunction gets initialized only when needed." The main function uses ' +
    "vectors 0-3 under steady load; the sub-function's vectors 8-11 are requested in ascending order when it is first used. " +
    'Ascending order is the worst case for teardown/setup: each request is its own resize (domain.md §4.4).',
  scenario: {
    version: 1,
    name: 'lazy-subfunction',
    seed: 5,
    device: { tableSize: 16 },
    steps: [
      { at: 0, op: 'linux-alloc-vectors', nvec: 12 },
      { at: 5_000, op: 'linux-request-irq', vector: 0 },
      { at: 6_000, op: 'linux-request-irq', vector: 1 },
      { at: 7_000, op: 'linux-request-irq', vector: 2 },
      { at: 8_000, op: 'linux-request-irq', vector: 3 },
      { at: 10_000, op: 'poisson', vector: 0, meanNs: 6_000, until: 900_000 },
      { at: 10_000, op: 'poisson', vector: 1, meanNs: 6_000, until: 900_000 },
      { at: 10_000, op: 'poisson', vector: 2, meanNs: 6_000, until: 900_000 },
      { at: 10_000, op: 'poisson', vector: 3, meanNs: 6_000, until: 900_000 },
      { at: 400_000, op: 'linux-request-irq', vector: 8 },
      { at: 401_000, op: 'linux-request-irq', vector: 9 },
      { at: 402_000, op: 'linux-request-irq', vector: 10 },
      { at: 403_000, op: 'linux-request-irq', vector: 11 },
      { at: 450_000, op: 'poisson', vector: 8, meanNs: 10_000, until: 900_000 },
    ],
  },
};
