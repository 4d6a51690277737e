import type { Preset } from './preset.ts';

// A 16-queue Linux driver; each queue's vector is requested as its queue starts.
const steps: Preset['scenario']['steps'] = [{ at: 0, op: 'linux-alloc-vectors', nvec: 16 }];
for (let v = 0; v < 16; v++) {
  steps.push({ at: 10_000 + v * 10_000, op: 'linux-request-irq', vector: v });
  steps.push({ at: 15_000 + v * 10_000, op: 'raise', vector: v, every: 20_000, until: 500_000 });
}

export const imsSharedStore: Preset = {
  id: 'ims-shared-store',
  title: 'IMS store shared with a sibling (12 slots)',
  paragraph:
    'Seed 003 (Jason Gunthorpe, 2021): one IMS domain per device "places a global total limit on the # of vectors"; Dave Jiang: ' +
    '"Each mdev can call msi_domain_alloc_irqs() and acquire the number of IMS vectors it desires". The device\'s store has 12 ' +
    "slots and a sibling virtual device holds 4, so the ims policy can back only 8 of the guest's 16 vectors: queues 8-15 never " +
    "interrupt and the guest is not told. The MSI-X policies draw on the host's IRQ budget instead, where 4 more IRQs do not matter.",
  scenario: {
    version: 1,
    name: 'ims-shared-store',
    seed: 37,
    device: { tableSize: 16, imsSlots: 12 },
    host: { neighbor: [{ at: 0, irqs: 4 }] },
    steps,
  },
};
