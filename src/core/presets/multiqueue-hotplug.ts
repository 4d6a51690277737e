import type { Preset } from './preset.ts';

const steps: Preset['scenario']['steps'] = [{ at: 0, op: 'linux-alloc-vectors', nvec: 17 }];
// Admin vector 0 and the queues of the 8 online CPUs start at probe time.
for (let q = 0; q <= 8; q++) steps.push({ at: 5_000 + q * 1_000, op: 'linux-request-irq', vector: q });
for (let q = 1; q <= 8; q++) steps.push({ at: 20_000, op: 'poisson', vector: q, meanNs: 4_000, until: 1_000_000 });
// CPUs 9..16 are hot-plugged one by one; each brings its managed queue interrupt up (first unmask).
for (let q = 9; q <= 16; q++) {
  const at = 300_000 + (q - 9) * 60_000;
  steps.push({ at, op: 'linux-request-irq', vector: q });
  steps.push({ at: at + 2_000, op: 'poisson', vector: q, meanNs: 4_000, until: 1_000_000 });
}

export const multiqueueHotplug: Preset = {
  id: 'multiqueue-hotplug',
  title: 'Multi-queue NIC: queue interrupts come up on CPU hotplug',
  paragraph:
    'Seed 002, case 1 (tglx, Jun 2021): "A queue and its interrupt(s) are not started up when the associated CPU(s) is/are not ' +
    "online ... a later hotplug brings them up and that's the point where such interrupts are unmasked the first time. All the " +
    'other queues are active already at that point." Eight queues carry Poisson load while eight more CPUs come online one by one. ' +
    'Every hotplug is a resize under teardown/setup: all 17 vectors lose what arrives while the host has MSI-X off.',
  scenario: {
    version: 1,
    name: 'multiqueue-hotplug',
    seed: 11,
    device: { tableSize: 17 },
    host: { irqBudget: 256 },
    steps,
  },
};
