import type { Preset } from './preset.ts';

const steps: Preset['scenario']['steps'] = [{ at: 0, op: 'linux-alloc-vectors', nvec: 4 }];
for (let v = 0; v < 4; v++) {
  steps.push({ at: 5_000 + v * 1_000, op: 'linux-request-irq', vector: v });
  steps.push({ at: 10_000, op: 'raise', vector: v, every: 3_000 + v * 1_000, until: 900_000 });
}
// irqbalance moves every vector to another CPU every 200 µs (mask, new message, unmask).
for (let k = 1; k <= 4; k++)
  for (let v = 0; v < 4; v++)
    steps.push({ at: k * 200_000 + v * 100, op: 'linux-set-affinity', vector: v, cpu: (v + k) % 8 });
// An old guest kernel (before the 2021 "Enforce the entry to be masked across the update" fix)
// rewrites vector 1's message while it is unmasked: QEMU sees no mask transition.
steps.push({ at: 850_000, op: 'table-write', offset: 16 + 0, size: 4, value: 0xfee07000 });
steps.push({ at: 850_000, op: 'table-write', offset: 16 + 8, size: 4, value: 0x4050 });

export const affinityChange: Preset = {
  id: 'affinity-change',
  title: 'irqbalance moves vectors between CPUs',
  paragraph:
    "domain.md §2.1 / §4.4: a modern Linux guest changes a vector's affinity by masking it, writing the new message and unmasking " +
    '(pci_write_msg_msix). vfio turns each change into two SET_IRQS ioctls (release to the userspace eventfd, then back to the irqfd); ' +
    'pci-assign into a route update. The last change is made the old way, while unmasked, which no policy notices (the spec says the ' +
    "result is undefined; QEMU's KVM route keeps the old message).",
  scenario: { version: 1, name: 'affinity-change', seed: 29, device: { tableSize: 4 }, steps },
};
