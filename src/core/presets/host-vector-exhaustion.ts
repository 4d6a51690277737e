import type { Preset } from './preset.ts';

const steps: Preset['scenario']['steps'] = [{ at: 0, op: 'linux-alloc-vectors', nvec: 12 }];
for (let v = 0; v < 12; v++) {
  steps.push({ at: 10_000 + v * 20_000, op: 'linux-request-irq', vector: v });
  steps.push({ at: 15_000 + v * 20_000, op: 'raise', vector: v, every: 10_000, until: 600_000 });
}

export const hostVectorExhaustion: Preset = {
  id: 'host-vector-exhaustion',
  title: 'Host runs out of IRQs for this device (budget 8)',
  paragraph:
    'Seed 002 (tglx): "What happens if the host side allocation or the host side request_irq() fails? ... Failure is silently ' +
    'ignored and guest just does not receive interrupts?" and Alex Williamson\'s answer "As far as the guest is concerned, #b." ' +
    'The host lets this device hold 8 IRQs (IRTEs); the guest uses 12 vectors. Teardown/setup fails its resize to 9 and leaves host ' +
    'MSI-X disabled, killing the 8 vectors that worked; dynamic allocation kills only vectors it cannot back; allocate-all fails at enable.',
  scenario: {
    version: 1,
    name: 'host-vector-exhaustion',
    seed: 13,
    device: { tableSize: 64 },
    host: { irqBudget: 8 },
    steps,
  },
};
