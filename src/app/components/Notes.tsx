/** Where the model simplifies reality (kept in sync with docs/FIDELITY.md). */
export function Notes() {
  return (
    <details className="notes" data-testid="model-notes">
      <summary>What this model simplifies</summary>
      <ul>
        <li>
          Host operations take no time, except the window in which the host has MSI-X disabled during a resize
          (teardown/setup, pci-assign re-assign); its default length is an estimate (10 µs + 2 µs per freed vector),
          overridable with <code>host.resizeWindowNs</code>.
        </li>
        <li>
          One guest vCPU: driver operations run one after another; an operation whose time comes while the vCPU is
          blocked in a resize runs when it is free.
        </li>
        <li>
          Register reads and the Command-register INTx-disable write are not modelled; KVM route updates are neither
          logged nor counted; Linux <code>disable_irq</code> masks at once (real MSI disable is lazy).
        </li>
        <li>
          The data hack injects a raise on a masked entry with its KVM route's last message: it counts as delivered
          (while masked) when that is the message the driver's live handler was activated with, else as lost (a spurious
          injection). Real Linux runs the handler of a <code>disable_irq</code>'d IRQ only at <code>enable_irq</code>{' '}
          (software replay); the model counts it at the injection. Messages are per entry and illustrative.
        </li>
        <li>
          Whether a device keeps latched pending bits across a host MSI-X disable is device-dependent; the default here
          is that it drops them (<code>device.pbaSurvivesDisable</code>).
        </li>
        <li>
          QEMU's PBA MemoryRegion fall-through to the physical PBA is not modelled. pci-assign's 256-entry limit
          (KVM_MAX_MSIX_PER_DEV) is from memory.
        </li>
        <li>
          The paravirtual MSIX_ENABLE hypercall was only proposed; its grant rules and the queue-sharing fallback are
          this model's design.
        </li>
        <li>
          IMS behind vfio exists only as an RFC: the <code>ims</code> policy is this model's design around it (a slot
          per vector from <code>device.imsSlots</code>, freed on every trigger change). <code>dynamic-nocache</code> is
          a revision that never shipped. The neighbour (<code>host.neighbor</code>) stands for other devices racing for
          freed IRQs and always wins that race.
        </li>
      </ul>
    </details>
  );
}
