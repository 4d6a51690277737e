import type { PolicyDef } from './policy.ts';

export const paravirt: PolicyDef = {
  id: 'paravirt',
  title: 'Paravirtual MSIX_ENABLE',
  summary:
    'The 2021 proposal: the guest asks the host in pci_enable_msix_range; the host grants all, N, or refuses; no guessing',
  details:
    "Thomas Gleixner's proposal (seed 002): a hypercall in pci_enable_msix_range tells the host how many vectors the driver asked " +
    'for; the host grants all, grants N, or refuses (host.paravirtGrant), allocates them once, and the guest sizes its use to the ' +
    'grant (queues share vectors) or falls back to INTx. Host failure becomes visible to the guest at a point where drivers handle it. ' +
    'A guest that does not know the hypercall (FreeBSD, raw writes, guest.paravirtAware=false) gets the growth axis as fallback ' +
    '(dynamic by default). This is a proposal: no real code exists, so this policy is our model of it.',
  cites: [
    'seed 002: "ret = hypercall(MSIX_ENABLE, &alloc_info)" — grant / grant $N / refuse (tglx, Jun 2021)',
    'drivers/pci/msi/api.c: pci_enable_msix_range (where the hypercall would sit)',
  ],
  axes: { frontEnd: 'qemu-msix', enable: 'paravirt', growth: 'dynamic' },
  simplifications: [
    "No real implementation exists; grant rules and the queue-sharing fallback are this model's design.",
  ],
};
