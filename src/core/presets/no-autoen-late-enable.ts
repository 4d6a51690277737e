import type { Preset } from './preset.ts';

export const noAutoenLateEnable: Preset = {
  id: 'no-autoen-late-enable',
  title: 'IRQF_NO_AUTOEN: requested at probe, enabled much later',
  paragraph:
    'Seed 002, case 2: "Some drivers request interrupts with IRQF_NO_AUTOEN ... It\'s fully initialized but it gets unmasked when ' +
    'later on the driver invokes enable_irq(). And for some drivers that can be very late." Vector 3 is requested with ' +
    'IRQF_NO_AUTOEN while vectors 0-2 are busy; the device raises vector 3 before the driver enables it, and enable_irq(3) comes ' +
    "500 µs later. The data hack injects the early raises anyway (KVM assignment has no mask), but vector 3's route still carries " +
    'the 0x40EF placeholder written before request_irq: spurious interrupts, lost for the driver. Teardown/setup resizes under load at enable_irq.',
  scenario: {
    version: 1,
    name: 'no-autoen-late-enable',
    seed: 23,
    device: { tableSize: 8 },
    steps: [
      { at: 0, op: 'linux-alloc-vectors', nvec: 4 },
      { at: 5_000, op: 'linux-request-irq', vector: 0 },
      { at: 6_000, op: 'linux-request-irq', vector: 1 },
      { at: 7_000, op: 'linux-request-irq', vector: 2 },
      { at: 8_000, op: 'linux-request-irq', vector: 3, noAutoEn: true },
      { at: 10_000, op: 'raise', vector: 0, every: 2_000, until: 800_000 },
      { at: 11_000, op: 'raise', vector: 1, every: 3_000, until: 800_000 },
      { at: 12_000, op: 'poisson', vector: 2, meanNs: 5_000, until: 800_000 },
      { at: 200_000, op: 'raise', vector: 3 },
      { at: 210_000, op: 'raise', vector: 3 },
      { at: 500_000, op: 'linux-enable-irq', vector: 3 },
      { at: 520_000, op: 'raise', vector: 3, every: 20_000, until: 800_000 },
    ],
  },
};
