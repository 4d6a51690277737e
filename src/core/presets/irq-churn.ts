import type { Preset } from './preset.ts';

// A 4-vector Linux driver on a host where this device and one neighbour share 6 IRQs (IRTEs).
// Vectors 1-3 are requested at probe; vector 0 (an admin queue, say) only at 400 µs.
const steps: Preset['scenario']['steps'] = [{ at: 0, op: 'linux-alloc-vectors', nvec: 4 }];
for (let v = 1; v < 4; v++) {
  steps.push({ at: 4_000 + v * 1_000, op: 'linux-request-irq', vector: v });
  steps.push({ at: 10_000 + v * 500, op: 'raise', vector: v, every: 6_000 + v * 1_000, until: 900_000 });
}
steps.push(
  // irqbalance moves vector 2 (mask, new message, unmask): a trigger swap each way.
  { at: 200_000, op: 'linux-set-affinity', vector: 2, cpu: 3 },
  // The driver quiesces vector 3 and resumes it (disable_irq / enable_irq: mask, unmask).
  { at: 300_000, op: 'linux-disable-irq', vector: 3 },
  { at: 320_000, op: 'linux-enable-irq', vector: 3 },
  { at: 400_000, op: 'linux-request-irq', vector: 0 },
  { at: 410_000, op: 'raise', vector: 0, every: 9_000, until: 900_000 },
  // After the neighbour has gone, vector 2 is moved again.
  { at: 600_000, op: 'linux-set-affinity', vector: 2, cpu: 5 },
);

export const irqChurn: Preset = {
  id: 'irq-churn',
  title: 'Mask and unmask under a tight shared budget',
  paragraph:
    'Seed 000 (Alex Williamson, 2023): "there could be a latency and reliability advantage to hang on to the irq when an eventfd is ' +
    'unset, maybe we should only free irqs on MSI-X teardown and otherwise use the allocated irqs as a cache". This device and a ' +
    'neighbour share 6 host IRQs; the neighbour asks for 4 at 100 µs and waits for whatever is freed. QEMU swaps triggers on every ' +
    'mask and unmask. dynamic-alloc keeps its IRQs and loses nothing; dynamic-nocache frees an IRQ on each swap, the neighbour takes ' +
    "it, and the re-allocation fails: vectors 2 and 3 go dead, their interrupts wait in the device's PBA and the guest is not told " +
    '(vector 2 recovers when it is moved again after the neighbour has left at 500 µs). ims also frees a slot on each swap and loses ' +
    'vector 2; having reserved no vector 0 at enable, it left that IRQ to the neighbour, so the late request of vector 0 fails too.',
  scenario: {
    version: 1,
    name: 'irq-churn',
    seed: 31,
    device: { tableSize: 8 },
    host: {
      irqBudget: 6,
      neighbor: [
        { at: 100_000, irqs: 4 },
        { at: 500_000, irqs: 0 },
      ],
    },
    steps,
  },
};
