import type { GuestTable } from '../device/guest-table.ts';
import type { HostSink } from '../host/host-device.ts';
import type { Block } from './block.ts';
import type { FrontState } from '../replay/machine-state.ts';

/**
 * A hypervisor front end: it sees only what QEMU sees (guest register writes, plus the paravirt
 * hypercall where offered) and drives the host through ioctls. It is also the sink of host IRQs.
 */
export interface Hypervisor extends HostSink {
  readonly front: GuestTable;
  configWrite(offset: number, size: number, value: number): Block;
  tableWrite(vector: number, word: number, value: number): Block;
  /** The MSIX_ENABLE hypercall; returns the granted vector count. Absent when not offered. */
  hypercallMsixEnable?: (n: number) => number;
  /** The guest driver switched to (or away from) INTx. */
  setGuestIntx(on: boolean): void;
  /** Raises held in hypervisor-side places (emulated PBA, unread eventfds). */
  held(): { guestPba: number; eventfd: number };
  /** The guest-visible capability and QEMU's eventfd/handler state, as plain data. */
  snapshot(): FrontState;
}
