import type { Preset } from './preset.ts';

export const defaultPreset: Preset = {
  id: 'default',
  title: 'First contact: four vectors, one late',
  paragraph:
    'A Linux guest allocates 4 of 8 vectors and requests two of them; the device is already talking on vector 0 before its ' +
    'handler exists (seed 004: "this can lose interrupts if they are sent before there is a handler"). Vector 2 is requested with ' +
    'IRQF_NO_AUTOEN and enabled late while the device already raised it (seed 002, case 2), and vector 3 is requested while 0 and 1 ' +
    "are busy (seed 002, case 1). Watch the data hack inject what arrives on masked vectors through KVM routes that still carry Linux's 0x40EF placeholder " +
    '(KVM has no MSI-X mask: spurious interrupts, lost for the driver), teardown/setup lose everything during its ' +
    "windows, single-vector deliver vector 0's early interrupt late, and dynamic allocation lose nothing.",
  scenario: {
    version: 1,
    name: 'default',
    seed: 7,
    device: { tableSize: 8 },
    host: { irqBudget: 64 },
    steps: [
      { at: 0, op: 'linux-alloc-vectors', nvec: 4 },
      { at: 5_000, op: 'raise', vector: 0 },
      { at: 10_000, op: 'linux-request-irq', vector: 0 },
      { at: 12_000, op: 'linux-request-irq', vector: 1 },
      { at: 14_000, op: 'linux-request-irq', vector: 2, noAutoEn: true },
      { at: 20_000, op: 'raise', vector: 0, every: 3_000, until: 400_000 },
      { at: 21_000, op: 'raise', vector: 1, every: 5_000, until: 400_000 },
      { at: 60_000, op: 'raise', vector: 2 },
      { at: 150_000, op: 'linux-enable-irq', vector: 2 },
      { at: 250_000, op: 'linux-request-irq', vector: 3 },
      { at: 300_000, op: 'raise', vector: 3, every: 10_000, until: 400_000 },
    ],
  },
};
