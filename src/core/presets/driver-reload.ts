import type { Preset } from './preset.ts';

export const driverReload: Preset = {
  id: 'driver-reload',
  title: 'Driver unload and reload with fewer vectors',
  paragraph:
    'domain.md §4.2: on a guest MSI-X disable (driver unload) every vfio policy frees all host vectors and switches the device to ' +
    'INTx, so interrupts in that period are not MSI-X interrupts any more. The reloaded driver asks for 2 vectors instead of 4, but ' +
    'the table still holds the old driver\'s data, so the data hack\'s count (seed 004: "Using the data field is not 100% reliable") ' +
    'allocates 4 host vectors again (for a guest that leaves freed messages in place; a modern Linux zeroes them: set guest.deactivateOnFree and it allocates 2, FIDELITY.md O1).',
  scenario: {
    version: 1,
    name: 'driver-reload',
    seed: 17,
    device: { tableSize: 8 },
    steps: [
      { at: 0, op: 'linux-alloc-vectors', nvec: 4 },
      { at: 5_000, op: 'linux-request-irq', vector: 0 },
      { at: 6_000, op: 'linux-request-irq', vector: 1 },
      { at: 7_000, op: 'linux-request-irq', vector: 2 },
      { at: 8_000, op: 'linux-request-irq', vector: 3 },
      { at: 10_000, op: 'raise', vector: 0, every: 4_000, until: 600_000 },
      { at: 11_000, op: 'raise', vector: 1, every: 6_000, until: 600_000 },
      { at: 200_000, op: 'linux-free-irq', vector: 3 },
      { at: 200_500, op: 'linux-free-irq', vector: 2 },
      { at: 201_000, op: 'linux-free-irq', vector: 1 },
      { at: 201_500, op: 'linux-free-irq', vector: 0 },
      { at: 202_000, op: 'linux-free-vectors' },
      { at: 260_000, op: 'linux-alloc-vectors', nvec: 2 },
      { at: 265_000, op: 'linux-request-irq', vector: 0 },
      { at: 266_000, op: 'linux-request-irq', vector: 1 },
    ],
  },
};
