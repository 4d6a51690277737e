import { MAX_TABLE_SIZE } from '../device/regs.ts';

/**
 * Which message each guest driver handler listens on: the guest kernel's side of "is anybody
 * there?" for an interrupt that arrives with a given message.
 *
 * Entry v "listens on" (address, data) from the moment its driver activated the IRQ with that
 * message (Linux: irq_startup after request_irq / enable_irq, or an affinity change; FreeBSD:
 * pci_setup_intr) until the handler is freed (free_irq, pci_teardown_intr). A disabled but still
 * requested IRQ keeps listening: the flow handler marks it pending and enable_irq replays it.
 * Reserved IRQs (Linux's MANAGED_IRQ_SHUTDOWN_VECTOR placeholder) and raw register writes never
 * listen: no driver handler sits behind them.
 *
 * Only the data hack asks (PciAssign.fire): it is the one front end that injects a raise on a
 * masked entry, with whatever message its KVM route last carried, so whether that message still
 * reaches a handler decides between "delivered while masked" and a spurious interrupt. Matching is
 * per entry (the handler of entry v against the route of entry v): the model's messages are
 * unique per entry within pci-assign's 256-entry table, so a cross-entry match cannot arise from
 * the drivers modelled here.
 */
export class GuestHandlers {
  private readonly live = new Uint8Array(MAX_TABLE_SIZE);
  private readonly addr = new Uint32Array(MAX_TABLE_SIZE);
  private readonly data = new Uint32Array(MAX_TABLE_SIZE);

  /** The driver activated entry v's IRQ with this message (handler installed). */
  listen(v: number, addrLo: number, data: number): void {
    if (v >= MAX_TABLE_SIZE) return;
    this.live[v] = 1;
    this.addr[v] = addrLo >>> 0;
    this.data[v] = data >>> 0;
  }

  /** Entry v's handler is gone (free_irq, pci_teardown_intr). */
  drop(v: number): void {
    if (v < MAX_TABLE_SIZE) this.live[v] = 0;
  }

  /** Would an interrupt carrying (addrLo, data) run entry v's handler? */
  listens(v: number, addrLo: number, data: number): boolean {
    return v < MAX_TABLE_SIZE && this.live[v] === 1 && this.addr[v] === addrLo >>> 0 && this.data[v] === data >>> 0;
  }
}
