import { Ev, GUEST_OP_NAMES, IOCTL_NAMES, LOSS_NAMES, Note } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { col, decode, type EventOf } from '../engine/schema.ts';
import { fmtNs } from '../format/time.ts';

/**
 * Forward explanations (issue 9): what one guest operation caused in one policy's run, read from
 * the log alone — the rows whose cause chain leads back to the operation's GUEST_OP row (every
 * write a step makes points to it, and every host reaction points to the write). Never keyed by
 * preset: the same text generator reads every log.
 */
export interface ForwardWindow {
  open: number;
  /** Close time, or NaN if it never closed within the run. */
  close: number;
  lengthNs: number;
  /** Raises lost to this window (LOST rows caused by its WINDOW_OPEN). */
  lost: number;
  /** Distinct vectors among them. */
  lostVectors: number;
  /** Index growth that caused it (Note.RESIZE x → y), or null. */
  grow: [number, number] | null;
  row: number;
}

export interface Forward {
  /** "request_irq(9) at t=300 µs". */
  op: string;
  opRow: number;
  ioctls: { name: string; errno: number; row: number }[];
  windows: ForwardWindow[];
  /** One line per failure the operation caused (host allocation, request, setup, guest-visible). */
  failures: string[];
  hostAllocs: number;
  hostFrees: number;
  hostRequests: number;
  /** Held raises this operation released to the guest (DELIVER rows it caused). */
  released: number;
  /** Losses it caused outside any window, by loss cause name. */
  otherLosses: Record<string, number>;
  /** Exact per-vector host allocation with pci_msix_alloc_irq_at (Note.DYN_ALLOC). */
  dynAlloc: boolean;
  /** The sentence the inspector shows. */
  sentence: string;
  /** The function the main effect follows ('' if none). */
  fn: string;
}

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

/**
 * What the GUEST_OP row `opRow` caused. `untilT` bounds the scan (the timeline's ops.end: the time
 * of the operation's last effect); rows after it cannot belong to the operation. O(rows scanned).
 */
export function forwardOf(log: LogColumns, opRow: number, untilT = Infinity): Forward | null {
  if (opRow < 0 || opRow >= log.length || log.kind[opRow] !== Ev.GUEST_OP) return null;
  const op = decode(log, opRow) as EventOf<typeof Ev.GUEST_OP>;
  const name = `${GUEST_OP_NAMES[op.op] ?? 'guest operation'}${op.vec >= 0 ? `(${op.vec})` : ''}`;
  const f: Forward = {
    op: `${name} at t=${fmtNs(op.t)}`,
    opRow,
    ioctls: [],
    windows: [],
    failures: [],
    hostAllocs: 0,
    hostFrees: 0,
    hostRequests: 0,
    released: 0,
    otherLosses: {},
    dynAlloc: false,
    sentence: '',
    fn: '',
  };
  // mine[r - opRow]: row r descends from the operation (causes always point to earlier rows).
  let end = opRow + 1;
  while (end < log.length && log.t[end]! <= untilT) end++;
  const mine = new Uint8Array(end - opRow);
  mine[0] = 1;
  const windowOf = new Map<number, ForwardWindow>();
  let lastResize: [number, number] | null = null;
  let unmaskedVec = -1;
  for (let r = opRow + 1; r < end; r++) {
    const c = log.cause[r]!;
    if (c < opRow || !mine[c - opRow]) continue;
    mine[r - opRow] = 1;
    const k = log.kind[r]!;
    switch (k) {
      case Ev.GUEST_MASK: {
        const e = decode(log, r) as EventOf<typeof Ev.GUEST_MASK>;
        if (!e.masked && unmaskedVec < 0) unmaskedVec = e.vec;
        break;
      }
      case Ev.IOCTL: {
        const e = decode(log, r) as EventOf<typeof Ev.IOCTL>;
        f.ioctls.push({ name: IOCTL_NAMES[e.ioctl] ?? 'ioctl', errno: e.errno, row: r });
        break;
      }
      case Ev.HOST_ALLOC:
        f.hostAllocs++;
        break;
      case Ev.HOST_FREE:
        f.hostFrees++;
        break;
      case Ev.HOST_REQUEST:
        f.hostRequests++;
        break;
      case Ev.DELIVER:
        f.released++;
        break;
      case Ev.NOTE: {
        const e = decode(log, r) as EventOf<typeof Ev.NOTE>;
        if (e.note === Note.RESIZE) lastResize = [e.x, e.y];
        else if (e.note === Note.DYN_ALLOC) f.dynAlloc = true;
        else if (e.note === Note.SETUP_FAILED)
          f.failures.push(`host enable of ${e.x} vectors failed: host MSI-X stays off and the guest is not told`);
        else if (e.note === Note.GUEST_ALLOC_FAILED)
          f.failures.push(`the guest's allocation of entry ${e.x} failed: the device shows only ${e.y} entries`);
        break;
      }
      case Ev.HOST_ALLOC_FAIL: {
        const e = decode(log, r) as EventOf<typeof Ev.HOST_ALLOC_FAIL>;
        f.failures.push(
          `allocation failed: irq budget exhausted (wanted ${e.wanted}, budget ${e.budget}${e.vec >= 0 ? `; v${e.vec} gets no host IRQ` : ''})`,
        );
        break;
      }
      case Ev.HOST_REQUEST_FAIL: {
        const e = decode(log, r) as EventOf<typeof Ev.HOST_REQUEST_FAIL>;
        f.failures.push(`request_irq of v${e.vec} failed: CPU vectors exhausted (${e.inUse} of ${e.budget})`);
        break;
      }
      case Ev.MAILBOX: {
        const e = decode(log, r) as EventOf<typeof Ev.MAILBOX>;
        if (!e.ok) f.failures.push(`the mailbox timed out after ${fmtNs(e.waitedNs)}: the VF's probe fails`);
        break;
      }
      case Ev.WINDOW_OPEN: {
        const e = decode(log, r) as EventOf<typeof Ev.WINDOW_OPEN>;
        const w: ForwardWindow = {
          open: e.t,
          close: NaN,
          lengthNs: e.plannedNs,
          lost: 0,
          lostVectors: 0,
          grow: lastResize,
          row: r,
        };
        windowOf.set(r, w);
        f.windows.push(w);
        break;
      }
      case Ev.WINDOW_CLOSE: {
        const w = windowOf.get(c);
        if (w) {
          w.close = log.t[r]!;
          w.lengthNs = w.close - w.open;
        }
        break;
      }
      case Ev.LOST: {
        const w = windowOf.get(c);
        if (w) w.lost++;
        else {
          const e = decode(log, r) as EventOf<typeof Ev.LOST>;
          const n = LOSS_NAMES[e.loss] ?? 'lost';
          f.otherLosses[n] = (f.otherLosses[n] ?? 0) + 1;
        }
        break;
      }
    }
  }
  // Distinct lost vectors per window (a second pass over the window's LOST rows only).
  for (const w of f.windows) {
    const vs = new Set<number>();
    for (let r = w.row + 1; r < end; r++) if (log.kind[r] === Ev.LOST && log.cause[r] === w.row) vs.add(log.vec[r]!);
    w.lostVectors = vs.size;
  }
  f.sentence = sentenceOf(f, name, unmaskedVec);
  f.fn = f.windows.length
    ? 'hw/vfio/pci.c vfio_msix_vector_do_use (noresize && resizing: vfio_device_irq_disable + vfio_enable_vectors)'
    : f.dynAlloc
      ? 'drivers/vfio/pci/vfio_pci_intrs.c vfio_msi_alloc_irq -> pci_msix_alloc_irq_at'
      : '';
  return f;
}

function sentenceOf(f: Forward, name: string, unmaskedVec: number): string {
  const parts: string[] = [];
  const subject = unmaskedVec >= 0 ? `This unmask of v${unmaskedVec} (${name})` : `This ${name}`;
  const ioctlWords = f.ioctls.length
    ? `${f.ioctls.length === 1 ? 'one ioctl' : `${f.ioctls.length} ioctls`} (${[...new Set(f.ioctls.map((x) => x.name))].join(', ')})`
    : 'no ioctl';
  if (f.windows.length) {
    const ws = f.windows.map((w) => {
      const grow = w.grow ? `, the index growing ${w.grow[0]} → ${w.grow[1]}` : '';
      const lost = w.lost
        ? `in which ${plural(w.lost, 'raise')} ${w.lost === 1 ? 'was' : 'were'} lost (${plural(w.lostVectors, 'vector')})`
        : 'in which nothing was lost';
      return `a ${fmtNs(w.lengthNs)} resize window (host MSI-X disable → enable${grow}) ${lost}`;
    });
    parts.push(`${subject} opened ${ws.join(' and ')}; ${ioctlWords}.`);
  } else if (f.dynAlloc) {
    parts.push(`${subject}: pci_msix_alloc_irq_at allocated exactly this vector: ${ioctlWords}, no window.`);
  } else if (f.ioctls.length) {
    parts.push(`${subject}: ${ioctlWords}, no window.`);
  } else {
    parts.push(
      `${subject}: no host-side effect (no ioctl, no window); the hypervisor only updated its emulated state.`,
    );
  }
  if (f.failures.length) parts.push(f.failures.map((x) => x[0]!.toUpperCase() + x.slice(1)).join('. ') + '.');
  const host: string[] = [];
  if (f.hostAllocs) host.push(`${plural(f.hostAllocs, 'host IRQ')} allocated`);
  if (f.hostFrees) host.push(`${f.hostFrees} freed`);
  if (f.hostRequests) host.push(`${f.hostRequests} requested`);
  if (host.length) parts.push(`Host: ${host.join(', ')}.`);
  if (f.released) parts.push(`It released ${plural(f.released, 'held raise')} to the guest.`);
  const other = Object.entries(f.otherLosses);
  if (other.length) parts.push(`It lost ${other.map(([k, n]) => `${n} (${k})`).join(', ')} outside any window.`);
  return parts.join(' ');
}

/** The GUEST_OP row with op id `opId` in a log, or -1 (op ids count the vCPU's steps: same id = same step). */
export function opRowById(log: LogColumns, opId: number): number {
  const ids = log[col(Ev.GUEST_OP, 'opId')];
  for (let r = 0; r < log.length; r++) if (log.kind[r] === Ev.GUEST_OP && ids[r] === opId) return r;
  return -1;
}
