import { KVM_MAX_MSIX_PER_DEV, PCI_MSIX_ENTRY_CTRL_MASKBIT } from '../spec/pci-msix.ts';
import type { FrontEnd } from '../policies/axes.ts';

/**
 * Every piece of state a viewer shows, at one point of a run, in plain data. The live components
 * produce their part with `snapshot()` (as QEMU's msix_save writes table + PBA), and the replay
 * (replay.ts) rebuilds the same thing from the event log alone: a property test checks that the
 * two agree at random intermediate points, which is what lets the page draw only from the log.
 *
 * This file and replay.ts import only the log vocabulary and the spec constants, never device
 * logic, so the page may run them.
 */
export interface GuestState {
  size: number;
  ctrl: number;
  /** 4 words per entry: addr lo, addr hi, data, vector control. */
  table: Uint32Array;
  /** Effective mask (msix_is_masked: function mask, Enable=0 or entry mask). */
  masked: Uint8Array;
  /** Raise id held in the emulated PBA, -1 when clear (always clear under pci-assign: no PBA). */
  pba: Int32Array;
}

export interface HostState {
  enable: boolean;
  window: boolean;
  alloc: Uint8Array;
  /** Target code while requested, 0 while masked in hardware. */
  trig: Uint8Array;
  pba: Int32Array;
  nAlloc: number;
  nReq: number;
}

export interface QemuState {
  /** Raise id held as an unread eventfd count, -1 when empty. */
  efd: Int32Array;
  handler: Uint8Array;
}

/** What a hypervisor front end snapshots: the guest-visible capability and QEMU's own state. */
export interface FrontState {
  guest: GuestState;
  qemu: QemuState;
}

export interface MachineState extends FrontState {
  /** Number of log rows applied (state after row rows-1). */
  rows: number;
  host: HostState;
}

/** Entries the guest sees: pci-assign clamps the table to KVM_MAX_MSIX_PER_DEV. */
export function visibleSize(tableSize: number, frontEnd: FrontEnd): number {
  return frontEnd === 'pci-assign' ? Math.min(tableSize, KVM_MAX_MSIX_PER_DEV) : tableSize;
}

/** QEMU state of a front end without eventfds (pci-assign), or of vfio before anything is set up. */
export function emptyQemuState(hostSize: number): QemuState {
  return { efd: new Int32Array(hostSize).fill(-1), handler: new Uint8Array(hostSize) };
}

/** The machine at reset: every entry masked (msix_reset), host MSI-X off, nothing held. */
export function initialState(tableSize: number, frontEnd: FrontEnd): MachineState {
  const g = visibleSize(tableSize, frontEnd);
  const table = new Uint32Array(g * 4);
  for (let v = 0; v < g; v++) table[v * 4 + 3] = PCI_MSIX_ENTRY_CTRL_MASKBIT;
  return {
    rows: 0,
    guest: { size: g, ctrl: g - 1, table, masked: new Uint8Array(g).fill(1), pba: new Int32Array(g).fill(-1) },
    host: {
      enable: false,
      window: false,
      alloc: new Uint8Array(tableSize),
      trig: new Uint8Array(tableSize),
      pba: new Int32Array(tableSize).fill(-1),
      nAlloc: 0,
      nReq: 0,
    },
    qemu: emptyQemuState(tableSize),
  };
}

export function cloneState(s: MachineState): MachineState {
  return {
    rows: s.rows,
    guest: { ...s.guest, table: s.guest.table.slice(), masked: s.guest.masked.slice(), pba: s.guest.pba.slice() },
    host: { ...s.host, alloc: s.host.alloc.slice(), trig: s.host.trig.slice(), pba: s.host.pba.slice() },
    qemu: { efd: s.qemu.efd.slice(), handler: s.qemu.handler.slice() },
  };
}

/** Raises still held somewhere at this point. */
export function heldCounts(s: MachineState): { guestPba: number; hostPba: number; eventfd: number } {
  const count = (x: Int32Array): number => {
    let n = 0;
    for (let i = 0; i < x.length; i++) if (x[i]! >= 0) n++;
    return n;
  };
  return { guestPba: count(s.guest.pba), hostPba: count(s.host.pba), eventfd: count(s.qemu.efd) };
}
