import type { Preset } from './preset.ts';

export const sparseHighVector: Preset = {
  id: 'sparse-high-vector',
  title: 'A 2048-entry table, and the driver uses entry 1500',
  paragraph:
    'Guest-side dynamic MSI-X (pci_msix_alloc_irq_at, Linux >= ~6.2; domain.md §2.1 step 9): the driver enables MSI-X with one ' +
    'vector and later allocates index 1500. Teardown/setup can only grow to nr+1, so it allocates 1501 host IRQs (IRTEs) to back ' +
    '2 vectors (seed 002: "It consumes an IRTE entry per vector, which might or might not be an issue"); pci-assign cannot show ' +
    'entries past 256 at all; dynamic allocation holds 2.',
  scenario: {
    version: 1,
    name: 'sparse-high-vector',
    seed: 31,
    device: { tableSize: 2048 },
    steps: [
      { at: 0, op: 'linux-alloc-vectors', nvec: 1 },
      { at: 50_000, op: 'linux-request-irq', vector: 0 },
      { at: 60_000, op: 'raise', vector: 0, every: 5_000, until: 800_000 },
      { at: 300_000, op: 'linux-alloc-irq-at', vector: 1500 },
      { at: 301_000, op: 'linux-request-irq', vector: 1500 },
      { at: 320_000, op: 'raise', vector: 1500, every: 20_000, until: 800_000 },
    ],
  },
};
