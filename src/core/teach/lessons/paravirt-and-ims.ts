import type { Lesson } from '../lesson.ts';

/** Lesson 4 (issue 9): the paravirtual and IMS proposals. Numbers here are scenario inputs only. */
export const paravirtAndIms: Lesson = {
  version: 1,
  id: 'paravirt-and-ims',
  title: 'The paravirtual and IMS proposals',
  summary:
    'Instead of guessing from trapped table writes, let the guest ask: a hypercall in pci_enable_msix_range that the host grants, trims or refuses. And IMS, a device-defined message store meant to be allocated on demand, which still has a size.',
  cites: [
    { thread: 'Re: Virtualizing MSI-X on IMS via VFIO — Thomas Gleixner and Alex Williamson, LKML, 23 Jun 2021' },
    {
      thread:
        'Re: [PATCH v6 15/20] vfio/mdev: idxd: ims domain setup for the vdcm — Jason Gunthorpe, Dave Jiang, Ashok Raj, LKML, 27 May 2021',
    },
  ],
  steps: [
    {
      title: 'Ask, do not guess',
      scenario: { preset: 'host-vector-exhaustion' },
      policies: ['dynamic-alloc', 'paravirt'],
      moment: { cursor: 0, window: [0, 607_000] },
      narration:
        'Every policy so far infers what the guest wants from its writes to a trapped table. Gleixner proposed that the guest simply say it, from the PCI/MSI core: `ret = hypercall(MSIX_ENABLE, &alloc_info);` inside `pci_enable_msix_range`. The hypervisor can "Grant the request", "Grant and setup only $N vectors" or "Refuse the request and return a proper error code".\n\nThis is the host from the previous lesson: it lets the device hold 8 IRQs, and the driver asks for 12 vectors.',
    },
    {
      title: 'Predict: the grant',
      scenario: { preset: 'host-vector-exhaustion' },
      policies: ['dynamic-alloc', 'paravirt'],
      moment: { cursor: 0, window: [0, 20_000] },
      narration:
        "The guest's first step, `pci_alloc_irq_vectors`, is where the hypercall goes. How many host IRQs does *paravirt* hold right after it?",
      question: { kind: 'host-irqs-after', policy: 'paravirt', step: 0 },
    },
    {
      title: 'Grant N, and the guest adapts',
      scenario: { preset: 'host-vector-exhaustion' },
      policies: ['dynamic-alloc', 'paravirt'],
      moment: {
        cursor: 0,
        window: [0, 20_000],
        select: { pane: 1, key: { t: 0, kind: 'note', vec: -1, k: 0 } },
      },
      narration:
        'The host grants what it can back and allocates it once, up front; the driver learns the number at a point where drivers already handle "fewer vectors than asked" and makes its queues share them. Nothing is resized later, so nothing is lost, and nothing fails silently: compare the ▲ marks of *dynamic-alloc*.',
    },
    {
      title: 'Refuse: a proper error',
      scenario: { preset: 'host-vector-exhaustion', overrides: { host: { paravirtGrant: 'refuse' } } },
      policies: ['dynamic-alloc', 'paravirt'],
      moment: {
        cursor: 0,
        window: [0, 20_000],
        select: { pane: 1, key: { t: 0, kind: 'note', vec: -1, k: 1 } },
      },
      narration:
        'The same scenario with `host.paravirtGrant` set to `refuse`. The guest gets an error from `pci_enable_msix_range` and does what drivers do then: it falls back to legacy INTx, and knows it: "everything just falls in place including sane error handling on all ends."',
    },
    {
      title: 'Unaware guests',
      scenario: { preset: 'freebsd-guest' },
      policies: ['paravirt', 'data-hack'],
      moment: {
        cursor: 100_000,
        window: [90_000, 125_000],
        select: { pane: 0, key: { t: 100_000, kind: 'note', vec: 1, k: 0 } },
      },
      narration:
        'A hypercall helps only guests that make it. Williamson: "obviously we want to work with existing drivers and unmodified guests". Gleixner granted that "unmodified, i.e. unaware guests are an issue which is pretty much impossible to fix". This FreeBSD guest does not know the hypercall, so *paravirt* falls back to its growth behaviour (here dynamic allocation).',
    },
    {
      title: 'IMS: a message store on the device',
      scenario: { preset: 'ims-shared-store' },
      policies: ['ims', 'dynamic-alloc', 'paravirt'],
      moment: { cursor: 0, window: [0, 505_000] },
      narration:
        'Interrupt Message Store lets a device keep interrupt messages in its own storage instead of an MSI-X table, so a host driver can give virtual devices vectors on demand. Gleixner: "IMS is meant to avoid the problem of MSI-X which needs to disable MSI-X in order to expand the number of vectors."\n\nHere a guest uses 16 vectors of a virtual device whose parent\'s store has 12 slots, 4 of them held by a sibling.',
    },
    {
      title: 'A slot per vector, on demand',
      scenario: { preset: 'ims-shared-store' },
      policies: ['ims', 'dynamic-alloc', 'paravirt'],
      moment: {
        cursor: 10_000,
        window: [0, 45_000],
        select: { pane: 0, key: { t: 10_000, kind: 'note', vec: 0, k: 0 } },
      },
      narration:
        'Each vector takes a store slot when the guest first unmasks it: no resize, no window. Jason Gunthorpe: "The entire idea for IMS was to make the whole allocation system fully dynamic based on demand."',
    },
    {
      title: 'Predict: the shared store runs out',
      scenario: { preset: 'ims-shared-store' },
      policies: ['ims', 'dynamic-alloc', 'paravirt'],
      moment: { cursor: 85_000, window: [60_000, 140_000] },
      narration:
        "The guest requests one more vector every 10 µs. After the sibling's 4 slots, the store has 8 left. How many host IRQs does *ims* hold right after the guest's `request_irq(8)` (its op 9)?",
      question: { kind: 'host-irqs-after', policy: 'ims', step: 9 },
    },
    {
      title: 'A global total limit',
      scenario: { preset: 'ims-shared-store' },
      policies: ['ims', 'dynamic-alloc', 'paravirt'],
      moment: {
        cursor: 90_000,
        window: [60_000, 140_000],
        select: { pane: 0, key: { t: 90_000, kind: 'host-alloc-fail', vec: 8, k: 0 } },
      },
      narration:
        'The ninth vector finds no free slot. One IMS domain for the whole device, Gunthorpe objected, "places a global total limit on the # of vectors which makes me ask what was the point of using IMS in the first place?" The failure is as silent as dynamic MSI-X\'s: the guest is not told.\n\nOnly the paravirtual request turns "not enough" into an answer the guest hears.',
    },
  ],
};
