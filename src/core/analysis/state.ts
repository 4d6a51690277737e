import { KVM_MAX_MSIX_PER_DEV, PCI_MSIX_ENTRY_CTRL_MASKBIT } from '../device/regs.ts';
import { QemuMsix } from '../device/qemu-msix.ts';
import { Ev, Place } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import type { Hypervisor } from '../hv/hypervisor.ts';
import { VfioPci } from '../hv/vfio-pci.ts';
import type { HostDevice } from '../host/host-device.ts';
import type { FrontEnd } from '../policies/axes.ts';

/**
 * Every piece of state a viewer shows, at one point of a run. The live machine can be captured
 * into it (captureState), and the same thing can be rebuilt from the event log alone (StateReducer):
 * a test checks that the two agree, which is what lets the UI draw only from the log.
 */
export interface MachineState {
  /** Number of log rows applied (state after row seq-1). */
  rows: number;
  guest: {
    size: number;
    ctrl: number;
    /** 4 words per entry: addr lo, addr hi, data, vector control. */
    table: Uint32Array;
    /** Effective mask (function mask, Enable=0 or entry mask). */
    masked: Uint8Array;
    /** Raise id held in the emulated PBA, -1 when clear. */
    pba: Int32Array;
  };
  host: {
    enable: boolean;
    window: boolean;
    alloc: Uint8Array;
    /** Target code while requested, 0 while masked in hardware. */
    trig: Uint8Array;
    pba: Int32Array;
    nAlloc: number;
    nReq: number;
  };
  qemu: {
    /** Raise id held as an unread eventfd count, -1 when empty. */
    efd: Int32Array;
    handler: Uint8Array;
  };
}

export function visibleSize(tableSize: number, frontEnd: FrontEnd): number {
  return frontEnd === 'pci-assign' ? Math.min(tableSize, KVM_MAX_MSIX_PER_DEV) : tableSize;
}

export function initialState(tableSize: number, frontEnd: FrontEnd): MachineState {
  const g = visibleSize(tableSize, frontEnd);
  const table = new Uint32Array(g * 4);
  for (let v = 0; v < g; v++) table[v * 4 + 3] = PCI_MSIX_ENTRY_CTRL_MASKBIT;
  return {
    rows: 0,
    guest: { size: g, ctrl: g - 1, table, masked: new Uint8Array(g).fill(1), pba: new Int32Array(g).fill(-1) },
    host: { enable: false, window: false, alloc: new Uint8Array(tableSize), trig: new Uint8Array(tableSize), pba: new Int32Array(tableSize).fill(-1), nAlloc: 0, nReq: 0 },
    qemu: { efd: new Int32Array(tableSize).fill(-1), handler: new Uint8Array(tableSize) },
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

/** Applies log rows [s.rows, upTo) to s in place. */
export function applyRows(s: MachineState, log: LogColumns, upTo: number): void {
  const { kind, vec, a } = log;
  const G = s.guest, H = s.host, Q = s.qemu;
  for (let i = s.rows; i < upTo; i++) {
    const v = vec[i]!;
    switch (kind[i]) {
      case Ev.CTRL: G.ctrl = a[i]!; break;
      case Ev.TBL_WRITE: G.table[v * 4 + a[i]!] = log.b[i]! >>> 0; break;
      case Ev.GUEST_MASK: G.masked[v] = a[i]!; break;
      case Ev.PEND: {
        const p = log.b[i]!;
        if (p === Place.GUEST_PBA) G.pba[v] = a[i]!;
        else if (p === Place.HOST_PBA) H.pba[v] = a[i]!;
        else Q.efd[v] = a[i]!;
        break;
      }
      case Ev.GUEST_PBA_CLR: G.pba[v] = -1; break;
      case Ev.HOST_PBA_CLR: H.pba[v] = -1; break;
      case Ev.EFD_CLR: Q.efd[v] = -1; break;
      case Ev.HOST_ENABLE: H.enable = true; break;
      case Ev.HOST_DISABLE: H.enable = false; break;
      case Ev.HOST_ALLOC: H.alloc[v] = 1; H.nAlloc++; break;
      case Ev.HOST_FREE: H.alloc[v] = 0; H.nAlloc--; break;
      case Ev.HOST_REQUEST: H.trig[v] = a[i]!; H.nReq++; break;
      case Ev.HOST_FREE_IRQ: H.trig[v] = 0; H.nReq--; break;
      case Ev.QEMU_HANDLER: Q.handler[v] = a[i]!; break;
      case Ev.WINDOW_OPEN: H.window = true; break;
      case Ev.WINDOW_CLOSE: H.window = false; break;
    }
  }
  s.rows = upTo;
}

/** Reads the live machine into a MachineState (for tests and for the end-of-run result). */
export function captureState(m: { w: { log: { length: number } }; host: HostDevice; hv: Hypervisor }): MachineState {
  const { host, hv } = m;
  const f = hv.front;
  const masked = new Uint8Array(f.size);
  for (let v = 0; v < f.size; v++) masked[v] = f.isMasked(v) ? 1 : 0;
  const vfio = hv instanceof VfioPci ? hv : null;
  return {
    rows: m.w.log.length,
    guest: {
      size: f.size,
      ctrl: f.ctrl,
      table: f.table.slice(),
      masked,
      pba: f instanceof QemuMsix ? f.pba.slice() : new Int32Array(f.size).fill(-1),
    },
    host: {
      enable: host.enable,
      window: host.windowSeq >= 0,
      alloc: host.alloc.slice(),
      trig: host.trig.slice(),
      pba: host.pba.slice(),
      nAlloc: host.nAlloc,
      nReq: host.nReq,
    },
    qemu: {
      efd: vfio ? vfio.efd.slice() : new Int32Array(host.size).fill(-1),
      handler: vfio ? vfio.handler.slice() : new Uint8Array(host.size),
    },
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

/**
 * Random access to the state at any row, by replaying from the nearest checkpoint. Checkpoints
 * are spaced so there are at most ~256 of them.
 */
export class StateIndex {
  private readonly every: number;
  private readonly checkpoints: MachineState[] = [];

  constructor(
    private readonly log: LogColumns,
    tableSize: number,
    frontEnd: FrontEnd,
  ) {
    this.every = Math.max(4096, Math.ceil(log.length / 256));
    const s = initialState(tableSize, frontEnd);
    this.checkpoints.push(cloneState(s));
    for (let r = this.every; r <= log.length; r += this.every) {
      applyRows(s, log, r);
      this.checkpoints.push(cloneState(s));
    }
  }

  /** State after applying rows [0, rows). */
  at(rows: number): MachineState {
    const r = Math.max(0, Math.min(rows, this.log.length));
    const cp = this.checkpoints[Math.floor(r / this.every)]!;
    const s = cloneState(cp);
    applyRows(s, this.log, r);
    return s;
  }
}
