import type { Preset } from './preset.ts';

export const freebsdGuest: Preset = {
  id: 'freebsd-guest',
  title: 'FreeBSD guest: MSI-X enabled with every data field still 0',
  paragraph:
    'Seed 004 (Alex Williamson, Jan 2013): "FreeBSD enables MSIX in config space without setting anything in the MSIX table ' +
    'address/data fields." At enable the data hack finds no entry with data != 0 and leaves the host off, so an early interrupt is ' +
    'lost; every pci_setup_intr is then an unmask of an unassigned vector: a full deassign/assign with vector 0 already busy.',
  scenario: {
    version: 1,
    name: 'freebsd-guest',
    seed: 9,
    device: { tableSize: 4 },
    steps: [
      { at: 0, op: 'freebsd-alloc-msix', count: 4 },
      { at: 3_000, op: 'raise', vector: 0 },
      { at: 10_000, op: 'freebsd-setup-intr', vector: 0 },
      { at: 15_000, op: 'raise', vector: 0, every: 2_500, until: 300_000 },
      { at: 100_000, op: 'freebsd-setup-intr', vector: 1 },
      { at: 150_000, op: 'freebsd-setup-intr', vector: 2 },
      { at: 200_000, op: 'freebsd-setup-intr', vector: 3 },
      { at: 210_000, op: 'raise', vector: 3, every: 9_000, until: 300_000 },
    ],
  },
};
