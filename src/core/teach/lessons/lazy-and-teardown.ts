import type { Lesson } from '../lesson.ts';

/**
 * Lesson 1 (issue 9): why lazy enabling and teardown/setup lose interrupts. Narration states only
 * scenario inputs (when the guest and device act); what the simulator computes (losses, windows) is
 * pointed at on the timeline, never written here. lessons.test.ts checks every key resolves.
 */
export const lazyAndTeardown: Lesson = {
  version: 1,
  id: 'lazy-and-teardown',
  title: 'Why lazy enabling and teardown/setup lose interrupts',
  summary:
    'A Linux guest brings up MSI-X vectors one at a time. A hypervisor that enables the host side lazily, or that can only grow the host vector set by tearing it down and setting it up again, drops what the device sends meanwhile. Dynamic allocation does not.',
  cites: [
    {
      thread:
        '[PATCH] vfio/pci: Document the MSI[X] resize side effects properly — Thomas Gleixner, reply by Alex Williamson, LKML, 24 Jun 2021',
    },
    { thread: 'Re: Virtualizing MSI-X on IMS via VFIO — Thomas Gleixner and Alex Williamson, LKML, 23 Jun 2021' },
  ],
  steps: [
    {
      title: 'The scenario',
      scenario: { preset: 'default' },
      policies: ['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc'],
      moment: { cursor: 0, window: [0, 408_000] },
      narration:
        'A Linux guest drives a passed-through device with an 8-entry MSI-X table. It allocates 4 vectors at boot, requests vector 0 at 10 µs and vector 1 at 12 µs, requests vector 2 with `IRQF_NO_AUTOEN` and enables it much later, and requests vector 3 at 250 µs while 0 and 1 are busy.\n\nEach pane is one way a hypervisor can back those vectors with host interrupts. The device does not wait for any of them: it raises vector 0 at 5 µs, before its handler exists.',
    },
    {
      title: 'Predict: a raise before any handler',
      scenario: { preset: 'default' },
      policies: ['teardown-setup', 'dynamic-alloc'],
      moment: { cursor: 4_000, window: [0, 30_000] },
      narration:
        'Under *teardown-setup* (vfio before the single-vector fix) the host leaves the physical MSI-X Enable bit at 0 until the guest unmasks its first vector. The guest has enabled MSI-X in its virtual config space, but nothing is unmasked yet.\n\nThe device raises vector 0 at 5 µs. Before you step on: what happens to that message?',
      question: { kind: 'raise-lost', policy: 'teardown-setup', raise: { t: 5_000, stream: 0 } },
    },
    {
      title: 'Lazy enabling: the host is still off',
      scenario: { preset: 'default' },
      policies: ['teardown-setup', 'dynamic-alloc'],
      moment: {
        cursor: 5_000,
        window: [0, 30_000],
        select: { pane: 0, key: { t: 5_000, kind: 'lost', vec: 0, k: 0 } },
      },
      narration:
        'With MSI-X disabled on the host, the device signals through legacy INTx, which no one handles: the raise is lost with cause `host-msix-off`. The guest cannot know; it has not even requested the interrupt yet.\n\nIn the *dynamic-alloc* pane the host enabled MSI-X as soon as the guest did, with vector 0 backed by an invalid eventfd (fd −1), so the message latches in the physical PBA and is delivered, late, when `request_irq(0)` unmasks the vector at 10 µs.',
    },
    {
      title: 'Growing by teardown and setup',
      scenario: { preset: 'default' },
      policies: ['teardown-setup', 'dynamic-alloc'],
      moment: {
        cursor: 12_000,
        window: [8_000, 30_000],
        select: { pane: 0, key: { t: 12_000, kind: 'window-open', vec: 1, k: 0 } },
      },
      narration:
        'At 12 µs the guest unmasks vector 1 while vector 0 is in use. A host without dynamic MSI-X reports `VFIO_IRQ_INFO_NORESIZE`: to go from one vector to two, QEMU disables the whole MSI-X index and enables it again with two (`VFIO_DEVICE_SET_IRQS`).\n\nThe red band is the time the host spends with MSI-X off in between. Thomas Gleixner: "The kernel provides currently only a full teardown/setup cycle which requires to disable MSI-X temporarily."',
    },
    {
      title: 'Predict: a raise inside the window',
      scenario: { preset: 'default' },
      policies: ['teardown-setup', 'dynamic-alloc'],
      moment: { cursor: 19_000, window: [8_000, 30_000] },
      narration:
        'Vector 0 has had its handler since 10 µs. From 20 µs the device raises it every 3 µs, and the first of those raises comes while the resize that began at 12 µs is still going on. Will *teardown-setup* lose it?',
      question: { kind: 'raise-lost', policy: 'teardown-setup', raise: { t: 20_000, stream: 1 } },
    },
    {
      title: 'Lost in the resize window',
      scenario: { preset: 'default' },
      policies: ['teardown-setup', 'dynamic-alloc'],
      moment: {
        cursor: 20_000,
        window: [8_000, 30_000],
        select: { pane: 0, key: { t: 20_000, stream: 1, k: 0 } },
      },
      narration:
        'Lost, with cause `resize-window`: "Disabling MSI redirects an interrupt raised by the device during this time to the unhandled legacy PCI/INTX, which means the interrupt is lost." Nothing latches it; the driver simply never sees it.\n\nThe same raise in the *dynamic-alloc* pane is delivered: there, adding vector 1 was one `pci_msix_alloc_irq_at` on the host, with MSI-X never disabled.',
    },
    {
      title: 'Every new vector pays again',
      scenario: { preset: 'default' },
      policies: ['teardown-setup', 'dynamic-alloc'],
      moment: {
        cursor: 250_000,
        window: [240_000, 280_000],
        select: { pane: 0, key: { t: 250_000, kind: 'window-open', vec: 3, k: 0 } },
      },
      narration:
        'At 250 µs the guest requests vector 3 while vectors 0 and 1 carry traffic: Gleixner\'s first case, "All the other queues are active already at that point." Each resize re-allocates and re-requests every vector, so the window grows with the number of vectors, and the busy vectors lose whatever falls in it.',
    },
    {
      title: 'At datacenter scale',
      scenario: { preset: 'multiqueue-hotplug' },
      policies: ['teardown-setup', 'dynamic-alloc'],
      moment: {
        cursor: 300_000,
        window: [290_000, 340_000],
        select: { pane: 0, key: { t: 300_000, kind: 'window-open', vec: 9, k: 0 } },
      },
      narration:
        "A multi-queue device with managed interrupts: a queue's interrupt is unmasked the first time only when its CPU comes online. Here CPUs are hot-plugged one by one while eight queues already carry load, so every hotplug is a resize under load.\n\nAlex Williamson had called the chance of in-flight interrupts at setup time low. Gleixner: \"At datacenter scale 'unlikely' does not exist except in wishful thinking.\"",
    },
    {
      title: 'What was fixed',
      scenario: { preset: 'default' },
      policies: ['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc'],
      moment: { cursor: 0, window: [0, 408_000] },
      narration:
        'The documentation fix of June 2021 said it plainly: enabling more MSI-X vectors is "not supported by the existing PCI/MSI-X mechanisms in the kernel". The cure came later: `pci_msix_alloc_irq_at` in the host kernel, used by vfio when the device supports dynamic MSI-X, and a QEMU that no longer sets `NORESIZE` behaviour on such hosts.\n\nCompare the loss counts of the four panes in the metrics table below the timeline.',
    },
  ],
};
