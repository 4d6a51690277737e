import type { Preset } from './preset.ts';

export const vfPfMailbox: Preset = {
  id: 'vf-pf-mailbox',
  title: 'SR-IOV VF talks to its PF right after enabling MSI-X',
  paragraph:
    'Seed 004 (Alex Williamson, Dec 2012): "some drivers enable MSIX, then use interfaces to send commands between VF & PF or PF & ' +
    'firmware that act based on the host state of the device. These therefore break when MSIX is managed lazily." The VF driver ' +
    'allocates 3 vectors and immediately asks its PF a question; the PF answers only a VF whose MSI-X is enabled in hardware, ' +
    'with an interrupt on vector 0, before the driver has requested that vector. Under the data hack that reply is injected through ' +
    'a route still carrying the 0x40EF placeholder: a spurious interrupt, lost for the driver.',
  scenario: {
    version: 1,
    name: 'vf-pf-mailbox',
    seed: 2,
    device: { tableSize: 3 },
    steps: [
      { at: 0, op: 'linux-alloc-vectors', nvec: 3 },
      { at: 1_000, op: 'mailbox', timeoutNs: 500_000, replyVector: 0 },
      { at: 600_000, op: 'linux-request-irq', vector: 0 },
      { at: 601_000, op: 'linux-request-irq', vector: 1 },
      { at: 602_000, op: 'linux-request-irq', vector: 2 },
      { at: 610_000, op: 'raise', vector: 1, every: 10_000, until: 900_000 },
      { at: 615_000, op: 'raise', vector: 2, every: 10_000, until: 900_000 },
    ],
  },
};
