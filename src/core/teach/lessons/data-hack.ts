import type { Lesson } from '../lesson.ts';

/** Lesson 2 (issue 9): the data hack and what it breaks. Numbers here are scenario inputs only. */
export const dataHackLesson: Lesson = {
  version: 1,
  id: 'data-hack',
  title: 'The data hack and what it breaks',
  summary:
    'pci-assign guessed which MSI-X vectors a guest would use from the data field of its vector table, to switch the device to MSI-X early for drivers that need it. The guess is wrong for FreeBSD, for IRQF_NO_AUTOEN and for anything raised before a handler exists.',
  cites: [
    {
      thread:
        'pci-assign: Enable MSIX on device to match guest — Alex Williamson and Michael S. Tsirkin, qemu-devel (patchwork 207681), 20 Dec 2012',
    },
    { thread: 'Re: Virtualizing MSI-X on IMS via VFIO — Thomas Gleixner, LKML, 23 Jun 2021 (case 2: IRQF_NO_AUTOEN)' },
  ],
  steps: [
    {
      title: 'Why the hack exists',
      scenario: { preset: 'vf-pf-mailbox' },
      policies: ['data-hack', 'teardown-setup', 'dynamic-alloc'],
      moment: { cursor: 0, window: [0, 918_000] },
      narration:
        'Alex Williamson, December 2012: "some drivers enable MSIX, then use interfaces to send commands between VF & PF or PF & firmware that act based on the host state of the device. These therefore break when MSIX is managed lazily."\n\nHere a VF driver allocates 3 vectors and at 1 µs asks its PF a question over the mailbox. The PF answers only a VF whose MSI-X is enabled in hardware. The driver requests its interrupts only at 600 µs.',
    },
    {
      title: 'Lazy enabling breaks the mailbox',
      scenario: { preset: 'vf-pf-mailbox' },
      policies: ['data-hack', 'teardown-setup', 'dynamic-alloc'],
      moment: {
        cursor: 501_000,
        window: [0, 560_000],
        select: { pane: 1, key: { t: 501_000, kind: 'mailbox', vec: -1, k: 0 } },
      },
      narration:
        'Under lazy enabling (*teardown-setup*) the host has not enabled MSI-X: nothing is unmasked yet. The PF sees a VF without MSI-X and never answers; the driver waits until its timeout (the ▲ mark).\n\nThe data hack and dynamic allocation both enable MSI-X on the host when the guest does, so their mailbox answers at once.',
    },
    {
      title: 'The guess: a non-zero data field',
      scenario: { preset: 'vf-pf-mailbox' },
      policies: ['data-hack', 'teardown-setup', 'dynamic-alloc'],
      moment: {
        cursor: 0,
        window: [0, 3_000],
        select: { pane: 0, key: { t: 0, kind: 'note', vec: -1, k: 1 } },
      },
      narration:
        'The patch "re-enables the previous test used to enable MSIX (see qemu-kvm a6b402c9), which basically guesses whether a vector will be used based on the data field of the vector table."\n\nLinux writes an address and a placeholder data value (`0x40EF`) into every allocated entry at `pci_alloc_irq_vectors`, long before `request_irq`. So the hack counts every allocated vector as used and enables them all on the host at once.',
    },
    {
      title: 'Predict: the mailbox reply',
      scenario: { preset: 'vf-pf-mailbox' },
      policies: ['data-hack', 'dynamic-alloc'],
      moment: { cursor: 900, window: [0, 3_000] },
      narration:
        'The PF answers on vector 0 at 1 µs. Under the data hack the host has vector 0 enabled, and KVM has a route for it. But the guest has not requested the interrupt: its entry is still masked, and the route carries the placeholder message. Will the data hack lose the reply?',
      question: { kind: 'raise-lost', policy: 'data-hack', raise: { t: 1_000, stream: -2 } },
    },
    {
      title: 'Injected through a stale route',
      scenario: { preset: 'vf-pf-mailbox' },
      policies: ['data-hack', 'dynamic-alloc'],
      moment: {
        cursor: 1_000,
        window: [0, 3_000],
        select: { pane: 0, key: { t: 1_000, kind: 'lost', vec: 0, k: 0 } },
      },
      narration:
        'KVM device assignment has no MSI-X mask: the host injects what arrives on a masked vector anyway, through the route built from the placeholder. The guest gets a spurious interrupt on a vector no driver owns; for the driver the reply is lost (cause `stale-route`).\n\nMichael Tsirkin had argued "The data hack only sends interrupts when there\'s a handler so it\'s safe." Williamson\'s answer: "The data fields are setup, but interrupt handlers are not setup until the guest calls request_irq, so those would also be spurious interrupts."',
    },
    {
      title: 'IRQF_NO_AUTOEN',
      scenario: { preset: 'no-autoen-late-enable' },
      policies: ['data-hack', 'dynamic-alloc'],
      moment: {
        cursor: 200_000,
        window: [180_000, 230_000],
        select: { pane: 0, key: { t: 200_000, kind: 'lost', vec: 3, k: 0 } },
      },
      narration:
        'Gleixner\'s case 2: "Some drivers request interrupts with IRQF_NO_AUTOEN ... it gets unmasked when later on the driver invokes enable_irq()." Vector 3 is requested at 8 µs but enabled only at 500 µs, and the device raises it at 200 µs.\n\nThe data hack injects that raise through vector 3\'s stale route too: spurious, and lost for the driver. Dynamic allocation keeps it pending until `enable_irq(3)`.',
    },
    {
      title: 'FreeBSD: nothing in the data field',
      scenario: { preset: 'freebsd-guest' },
      policies: ['data-hack', 'dynamic-alloc'],
      moment: {
        cursor: 3_000,
        window: [0, 20_000],
        select: { pane: 0, key: { t: 3_000, kind: 'lost', vec: 0, k: 0 } },
      },
      narration:
        'Williamson: "FreeBSD enables MSIX in config space without setting anything in the MSIX table address/data fields." The hack finds no entry with data ≠ 0 and leaves the host off, so the device\'s raise at 3 µs goes to INTx and is lost (`host-msix-off`), exactly as under lazy enabling.',
    },
    {
      title: 'FreeBSD: every setup is a full re-assign',
      scenario: { preset: 'freebsd-guest' },
      policies: ['data-hack', 'dynamic-alloc'],
      moment: {
        cursor: 100_000,
        window: [90_000, 125_000],
        select: { pane: 0, key: { t: 100_000, kind: 'window-open', vec: -1, k: 0 } },
      },
      narration:
        "Each `pci_setup_intr` writes an entry and unmasks it. For pci-assign, a vector it did not count is a change of the vector set: a full deassign and assign of the device's MSI-X, with vector 0 already busy. The raises of vector 0 that fall in that window are lost.",
    },
    {
      title: 'What a guess cannot know',
      scenario: { preset: 'default' },
      policies: ['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc'],
      moment: {
        cursor: 5_000,
        window: [0, 408_000],
        select: { pane: 0, key: { t: 5_000, kind: 'lost', vec: 0, k: 0 } },
      },
      narration:
        'The data field tells the host that a vector was allocated, not that it has a handler, nor when it will be unmasked. The data hack trades the mailbox drivers\' breakage for spurious interrupts (the selected raise at 5 µs, sent before `request_irq(0)`, is lost through a stale route), and helps FreeBSD not at all. Williamson already wanted better: "enable MSI-X with no vectors and add vectors as the guest unmasks them", which the host Linux MSI API of 2012 did not allow.',
    },
  ],
};
