import type { Lesson } from '../lesson.ts';

/** Lesson 3 (issue 9): dynamic allocation and its limits. Numbers here are scenario inputs only. */
export const dynamicLimits: Lesson = {
  version: 1,
  id: 'dynamic-limits',
  title: 'Dynamic allocation and its limits',
  summary:
    'vfio with dynamic MSI-X adds one host vector per guest unmask and never disables MSI-X. It still needs a host IRQ (and an IRTE) per vector, it fails silently when there is none, it needs a host that supports it, and how it swaps triggers matters.',
  cites: [
    {
      thread:
        'Re: [PATCH V2 7/8] vfio/pci: Support dynamic MSI-x — Alex Williamson and Reinette Chatre, LKML, 4 Apr 2023',
    },
    { thread: 'Re: Virtualizing MSI-X on IMS via VFIO — Thomas Gleixner and Alex Williamson, LKML, 23 Jun 2021' },
    {
      thread:
        '[PATCH] vfio/pci: Document the MSI[X] resize side effects properly — Thomas Gleixner, Alex Williamson, LKML, 24 Jun 2021',
    },
  ],
  steps: [
    {
      title: 'One vector at a time',
      scenario: { preset: 'default' },
      policies: ['teardown-setup', 'dynamic-alloc'],
      moment: {
        cursor: 12_000,
        window: [8_000, 30_000],
        select: { pane: 1, key: { t: 12_000, kind: 'note', vec: 1, k: 0 } },
      },
      narration:
        "When the guest unmasks vector 1, *dynamic-alloc* asks the host kernel for that one vector: `pci_msix_alloc_irq_at` under vfio's `vfio_msi_set_vector_signal`. MSI-X stays enabled and the other vectors keep running; compare the window in the *teardown-setup* pane.",
    },
    {
      title: 'Predict: host IRQs held',
      scenario: { preset: 'default' },
      policies: ['teardown-setup', 'dynamic-alloc'],
      moment: { cursor: 149_000, window: [140_000, 170_000] },
      narration:
        "The guest's fifth operation (op 4; ops are counted from 0 in the order the vCPU runs them) is `enable_irq(2)` at 150 µs: vector 2 was requested with `IRQF_NO_AUTOEN` and is unmasked only now. How many host IRQs does *dynamic-alloc* hold for this device right after it?",
      question: { kind: 'host-irqs-after', policy: 'dynamic-alloc', step: 4 },
    },
    {
      title: 'Allocated on first unmask',
      scenario: { preset: 'default' },
      policies: ['teardown-setup', 'dynamic-alloc'],
      moment: {
        cursor: 150_000,
        window: [140_000, 170_000],
        select: { pane: 1, key: { t: 150_000, kind: 'note', vec: 2, k: 0 } },
      },
      narration:
        'Vector 2 gets its host IRQ at its first unmask, not at `request_irq`: until then the host has nothing to back it with, and the device latches its raise in the physical PBA. Each host IRQ is real: a host vector on a CPU and, with interrupt remapping, an IRTE.',
    },
    {
      title: 'A host budget of IRQs',
      scenario: { preset: 'host-vector-exhaustion' },
      policies: ['teardown-setup', 'dynamic-alloc', 'paravirt'],
      moment: { cursor: 0, window: [0, 607_000] },
      narration:
        'Gleixner on growing MSI-X on demand: "It consumes an IRTE entry per vector", and `request_irq()` "can fail due to vector exhaustion". Here the host lets this device hold 8 IRQs while the guest driver uses 12 vectors. Watch the ▲ failure marks.',
    },
    {
      title: 'A silent failure',
      scenario: { preset: 'host-vector-exhaustion' },
      policies: ['teardown-setup', 'dynamic-alloc', 'paravirt'],
      moment: {
        cursor: 170_000,
        window: [150_000, 240_000],
        select: { pane: 1, key: { t: 170_000, kind: 'host-alloc-fail', vec: 8, k: 0 } },
      },
      narration:
        'The ninth vector cannot be backed. Gleixner asked: "Failure is silently ignored and guest just does not receive interrupts?" Williamson: "As far as the guest is concerned, #b." QEMU logs the error; the guest\'s `request_irq` succeeded anyway, and that vector\'s interrupts are never delivered.',
    },
    {
      title: 'Teardown/setup fails worse',
      scenario: { preset: 'host-vector-exhaustion' },
      policies: ['teardown-setup', 'dynamic-alloc', 'paravirt'],
      moment: {
        cursor: 202_000,
        window: [150_000, 240_000],
        select: { pane: 0, key: { t: 202_000, kind: 'host-alloc-fail', vec: -1, k: 0 } },
      },
      narration:
        'Teardown/setup asks for all nine vectors at once after freeing the eight that worked. The allocation is all or nothing, so it fails and leaves host MSI-X disabled: every vector is dead from then on (`host-msix-off`), not only the new one.',
    },
    {
      title: 'New QEMU, old host',
      scenario: { preset: 'default' },
      policies: ['single-vector-fd', 'dynamic-alloc'],
      moment: {
        cursor: 10_000,
        window: [0, 40_000],
        select: { pane: 0, key: { t: 10_000, kind: 'window-open', vec: 0, k: 0 } },
      },
      narration:
        "Dynamic allocation needs both halves: a QEMU that uses it and a host kernel that offers it (vfio clears `NORESIZE` only for devices that support dynamic MSI-X). A new QEMU on a `NORESIZE` host enables MSI-X with vector 0 allocated on fd −1. That leaves its vector count at 0, so the guest's very first unmask, of vector 0, is already a teardown/setup.",
    },
    {
      title: 'Predict: the first unmask',
      scenario: { preset: 'default' },
      policies: ['single-vector-fd', 'dynamic-alloc'],
      moment: { cursor: 19_000, window: [0, 40_000] },
      narration:
        'From 20 µs the device raises vector 0 every 3 µs. Under *single-vector-fd*, will the raise at 20 µs be lost?',
      question: { kind: 'raise-lost', policy: 'single-vector-fd', raise: { t: 20_000, stream: 1 } },
    },
    {
      title: 'Lost to the first resize',
      scenario: { preset: 'default' },
      policies: ['single-vector-fd', 'dynamic-alloc'],
      moment: {
        cursor: 20_000,
        window: [0, 40_000],
        select: { pane: 0, key: { t: 20_000, kind: 'lost', vec: 0, k: 0 } },
      },
      narration:
        'The raise is lost: it falls into the window that `request_irq(0)` opened, cause `resize-window`. The same QEMU on a host with dynamic MSI-X (*dynamic-alloc*) opens no window at all.',
    },
    {
      title: 'Keep the IRQ: the cache',
      scenario: { preset: 'irq-churn' },
      policies: ['dynamic-alloc', 'dynamic-nocache'],
      moment: {
        cursor: 200_000,
        window: [150_000, 320_000],
        select: { pane: 1, key: { t: 200_000, kind: 'host-alloc-fail', vec: 2, k: 0 } },
      },
      narration:
        'QEMU swaps a vector\'s trigger on every guest mask and unmask. The first revision of the dynamic series freed the host IRQ on each swap and allocated it again; with a neighbour device waiting for IRQs on the same host, the re-allocation fails and the vector goes dead.\n\nWilliamson\'s review: "maybe we should only free irqs on MSI-X teardown and otherwise use the allocated irqs as a cache". *dynamic-alloc* is the merged version, which keeps them.',
    },
  ],
};
