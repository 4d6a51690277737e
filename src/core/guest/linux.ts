import {
  ENTRY_ADDR_HI,
  ENTRY_ADDR_LO,
  ENTRY_CTRL,
  ENTRY_DATA,
  linuxMsiData,
  msiAddress,
  PCI_MSIX_ENTRY_CTRL_MASKBIT,
  PCI_MSIX_FLAGS,
  PCI_MSIX_FLAGS_ENABLE,
  PCI_MSIX_FLAGS_MASKALL,
} from '../device/regs.ts';
import { Ev, Note } from '../engine/events.ts';
import type { World } from '../engine/world.ts';
import type { Block } from '../hv/block.ts';
import type { GuestBus } from './bus.ts';
import { GuestHandlers } from './handlers.ts';

/** MANAGED_IRQ_SHUTDOWN_VECTOR: where a reserved (allocated, not yet requested) IRQ points on x86. */
const SHUTDOWN_VECTOR = 0xef;

/**
 * A Linux guest's PCI/MSI and IRQ core, compiled to register writes (domain.md §2.1, after
 * drivers/pci/msi/msi.c msix_capability_init, pci_msix_shutdown, kernel/irq/manage.c).
 *
 * Simplifications: reads (the Vector Control readl in msix_setup_msi_descs, the flush readl) and
 * the Command register INTx-disable write are not modelled (they are outside the MSI-X capability
 * and change nothing QEMU acts on); disable_irq masks at once (real MSI disable is lazy).
 */
export class LinuxGuest {
  private nvec = 0;
  /** Granted vectors when a paravirt grant was smaller than asked: queue q uses vector q % granted. */
  private granted = 0;
  private intx = false;
  private readonly requested = new Set<number>();
  private readonly depth = new Map<number, number>();
  private readonly apic = new Map<number, number>();
  /** Entries added after enable by pci_msix_alloc_irq_at (their descriptors live past nvec). */
  private readonly dynamic = new Set<number>();
  /** Vectors whose allocation failed in the guest: the driver got an error and never requests them. */
  private readonly failed = new Set<number>();
  /** Descriptors free_irq already deactivated (guest.deactivateOnFree): freeVectors does not zero them twice. */
  private readonly deactivated = new Set<number>();

  constructor(
    private readonly w: World,
    private readonly bus: GuestBus,
    private readonly remapDevice: (granted: number) => void,
    /** Which message each requested IRQ's handler listens on (read by the data hack's masked injections). */
    private readonly handlers: GuestHandlers = new GuestHandlers(),
  ) {}

  private map(q: number): number {
    return this.granted > 0 ? q % this.granted : q;
  }
  private idt(v: number): number {
    return 0x41 + (v % 0x9e);
  }
  private addr(v: number): number {
    return msiAddress(this.apic.get(v) ?? v % 8);
  }

  /** pci_alloc_irq_vectors(dev, 1, nvec, PCI_IRQ_MSIX) -> msix_capability_init */
  *allocVectors(nvec: number): Block {
    let n = nvec;
    const hv = this.bus.hv;
    if (this.w.settings.paravirtAware && hv.hypercallMsixEnable) {
      n = hv.hypercallMsixEnable(nvec);
      if (n === 0) {
        // Refused: the driver falls back to INTx (pci_alloc_irq_vectors with PCI_IRQ_ALL_TYPES).
        this.intx = true;
        hv.setGuestIntx(true);
        this.w.emit(Ev.NOTE, -1, Note.INTX_FALLBACK);
        return;
      }
      if (n < nvec) {
        this.granted = n;
        this.remapDevice(n);
        this.w.emit(Ev.NOTE, -1, Note.QUEUE_REMAP, n, nvec);
      }
    }
    // __pci_enable_msix_range clamps to the table size the device reports (pci-assign shows at
    // most 256 entries): the driver gets fewer vectors and its queues share them.
    const hw = this.bus.tableSize();
    if (n > hw) {
      this.w.emit(Ev.NOTE, -1, Note.QUEUE_REMAP, hw, n);
      n = hw;
      this.granted = hw;
      this.remapDevice(hw);
    }
    this.nvec = n;
    // 1. Enable + Function Mask in one read-modify-write of Message Control.
    yield* this.bus.cfgWrite(PCI_MSIX_FLAGS, 2, this.bus.ctrl() | PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
    // 3. IRQs allocated in the MSI domain; x86 writes each message at allocation (reservation mode:
    //    pointing at the shutdown vector until request_irq activates the real one).
    for (let v = 0; v < n; v++) {
      yield* this.bus.tblWrite(v, ENTRY_ADDR_LO, this.addr(v));
      yield* this.bus.tblWrite(v, ENTRY_ADDR_HI, 0);
      yield* this.bus.tblWrite(v, ENTRY_DATA, linuxMsiData(SHUTDOWN_VECTOR));
    }
    // 5. msix_mask_all: every entry of the table, not only the allocated ones.
    const size = this.bus.tableSize();
    for (let v = 0; v < size; v++) yield* this.bus.tblWrite(v, ENTRY_CTRL, PCI_MSIX_ENTRY_CTRL_MASKBIT);
    // 6. Clear Function Mask.
    yield* this.bus.cfgWrite(PCI_MSIX_FLAGS, 2, this.bus.ctrl() & ~PCI_MSIX_FLAGS_MASKALL);
  }

  /** request_irq: __setup_irq then irq_startup, unless IRQF_NO_AUTOEN (then enable_irq starts it). */
  *requestIrq(q: number, noAutoEn: boolean): Block {
    if (this.intx) return; // the handler sits on the INTx line
    const v = this.map(q);
    if (this.failed.has(v)) return; // the driver's allocation of this vector failed
    if (this.requested.has(v)) return; // queues sharing a granted vector share its handler
    this.requested.add(v);
    if (noAutoEn) {
      this.depth.set(v, 1);
      return;
    }
    this.depth.set(v, 0); // irq_startup resets the disable depth
    yield* this.startup(v);
  }

  /** enable_irq: depth 1 -> 0 runs irq_startup(IRQ_START_FORCE). */
  *enableIrq(q: number): Block {
    const v = this.map(q);
    const d = this.depth.get(v) ?? 0;
    if (d === 0) return;
    this.depth.set(v, d - 1);
    if (d - 1 === 0) yield* this.startup(v);
  }

  /** disable_irq (modelled unlazy: the entry is masked now). */
  *disableIrq(q: number): Block {
    const v = this.map(q);
    const d = this.depth.get(v) ?? 0;
    this.depth.set(v, d + 1);
    if (d === 0 && this.requested.has(v)) yield* this.bus.tblWrite(v, ENTRY_CTRL, PCI_MSIX_ENTRY_CTRL_MASKBIT);
  }

  /**
   * free_irq: irq shutdown masks the entry. With guest.deactivateOnFree, __free_irq then calls
   * irq_domain_deactivate_irq ("There is no interrupt on the fly anymore. Deactivate it
   * completely."), and msi_domain_deactivate writes an all-zero message (FIDELITY O1).
   */
  *freeIrq(q: number): Block {
    const v = this.map(q);
    if (!this.requested.delete(v)) return;
    this.depth.delete(v);
    this.handlers.drop(v); // __free_irq removes the action before irq_shutdown masks
    yield* this.bus.tblWrite(v, ENTRY_CTRL, PCI_MSIX_ENTRY_CTRL_MASKBIT);
    if (this.w.settings.deactivateOnFree) {
      yield* this.zeroMsg(v);
      this.deactivated.add(v);
    }
  }

  /** irq_set_affinity: a new message, written with the entry masked if it was unmasked. */
  *setAffinity(q: number, cpu: number): Block {
    const v = this.map(q);
    this.apic.set(v, cpu);
    if (this.requested.has(v) && (this.depth.get(v) ?? 0) === 0) {
      yield* this.writeMsg(v, this.idt(v));
      this.handlers.listen(v, this.addr(v), linuxMsiData(this.idt(v))); // the vector moved with the message
    }
  }

  /**
   * pci_free_irq_vectors -> pci_disable_msix: pci_msix_shutdown masks every descriptor (including
   * dynamically added ones) and clears Enable. With guest.deactivateOnFree, pci_free_msi_irqs then
   * deactivates every descriptor still activated (kernel/irq/msi.c: "Make sure all interrupts are
   * deactivated"): the allocated-but-never-requested ones, whose 0x40EF placeholder becomes 0.
   */
  *freeVectors(): Block {
    for (const v of [...this.requested].sort((a, b) => a - b)) yield* this.freeIrq(v);
    const descs = new Set<number>(this.dynamic);
    for (let v = 0; v < this.nvec; v++) descs.add(v);
    const sorted = [...descs].sort((a, b) => a - b);
    for (const v of sorted) yield* this.bus.tblWrite(v, ENTRY_CTRL, PCI_MSIX_ENTRY_CTRL_MASKBIT);
    this.dynamic.clear();
    if (this.nvec > 0 || !this.intx)
      yield* this.bus.cfgWrite(PCI_MSIX_FLAGS, 2, this.bus.ctrl() & ~PCI_MSIX_FLAGS_ENABLE);
    if (this.w.settings.deactivateOnFree)
      for (const v of sorted) if (!this.deactivated.has(v) && !this.failed.has(v)) yield* this.zeroMsg(v);
    this.deactivated.clear();
    if (this.intx) this.bus.hv.setGuestIntx(false);
    this.nvec = 0;
    this.granted = 0;
    this.intx = false;
    this.remapDevice(0);
  }

  /** Guest-side pci_msix_alloc_irq_at: the message is written with the entry still masked. */
  *allocIrqAt(v: number): Block {
    if (v >= this.bus.tableSize()) {
      // msi_domain_alloc_irq_at refuses an index beyond the table the device reports: the driver
      // sees the error (a guest-visible failure) and the hypervisor sees nothing.
      this.failed.add(v);
      this.w.emit(Ev.NOTE, v, Note.GUEST_ALLOC_FAILED, v, this.bus.tableSize());
      return;
    }
    this.failed.delete(v);
    this.deactivated.delete(v);
    if (v >= this.nvec) this.dynamic.add(v);
    yield* this.writeMsg(v, SHUTDOWN_VECTOR);
  }

  /** msi_domain_deactivate: `memset(msg, 0, ...)` written through pci_write_msg_msix (the entry is masked). */
  private *zeroMsg(v: number): Block {
    yield* this.bus.tblWrite(v, ENTRY_ADDR_LO, 0);
    yield* this.bus.tblWrite(v, ENTRY_ADDR_HI, 0);
    yield* this.bus.tblWrite(v, ENTRY_DATA, 0);
  }

  private *startup(v: number): Block {
    this.deactivated.delete(v); // request_irq after free_irq activates the descriptor again
    // Activation writes the final message (entry masked), then irq_enable unmasks.
    yield* this.writeMsg(v, this.idt(v));
    // The handler (installed by __setup_irq) now listens on the activated message.
    this.handlers.listen(v, this.addr(v), linuxMsiData(this.idt(v)));
    yield* this.bus.tblWrite(v, ENTRY_CTRL, 0);
  }

  /** pci_write_msg_msix: mask around the update if the entry was unmasked (2021 stable fix). */
  private *writeMsg(v: number, idt: number): Block {
    const ctrl = this.bus.readTable(v, ENTRY_CTRL);
    const unmasked = (ctrl & PCI_MSIX_ENTRY_CTRL_MASKBIT) === 0;
    if (unmasked) yield* this.bus.tblWrite(v, ENTRY_CTRL, ctrl | PCI_MSIX_ENTRY_CTRL_MASKBIT);
    yield* this.bus.tblWrite(v, ENTRY_ADDR_LO, this.addr(v));
    yield* this.bus.tblWrite(v, ENTRY_ADDR_HI, 0);
    yield* this.bus.tblWrite(v, ENTRY_DATA, linuxMsiData(idt));
    if (unmasked) yield* this.bus.tblWrite(v, ENTRY_CTRL, ctrl);
  }
}
