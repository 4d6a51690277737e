import { Ev, Note, Place, Target } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';

/** How a raise ended (Timeline.raises.outcome). */
export const Outcome = { DIRECT: 1, LATE: 2, COALESCED: 3, LOST: 4, PENDING: 5 } as const;
export const OUTCOME_NAMES: Record<number, string> = { 1: 'delivered', 2: 'delivered late', 3: 'coalesced', 4: 'lost', 5: 'still pending' };

/** Guest state bits per vector (Timeline.guest.bits). */
export const GBit = { MASKED: 1, PENDING: 2, DATA: 4 } as const;
/** Host state bits per vector (Timeline.host.bits). */
export const HBit = { ALLOC: 1, REQ_IRQFD: 2, REQ_USER: 4, REQ_KVM: 8, HOST_PBA: 16, EVENTFD: 32 } as const;

/** Run-length state changes per vector: entries [start[v], start[v+1]) of t/bits belong to vector v, in time order. */
export interface VectorChanges {
  start: Int32Array;
  t: Float64Array;
  bits: Uint8Array;
}

/**
 * Everything the timeline draws for one policy, derived from the event log alone (pure, O(rows)).
 * Built in the Worker and transferred as typed arrays; the page never touches device logic.
 */
export interface Timeline {
  endNs: number;
  /** Entries the guest can see, and entries the physical device has. */
  guestSize: number;
  size: number;
  /** Guest driver operations: start, end (when its last effect happened), GuestOp code, vector, argument, log row. */
  ops: { n: number; start: Float64Array; end: Float64Array; code: Uint8Array; vec: Int16Array; arg: Int32Array; row: Int32Array };
  guest: VectorChanges;
  host: VectorChanges;
  /** Global step functions: host Enable, guest Enable, allocated and requested host IRQs. */
  global: { n: number; t: Float64Array; hostEnable: Uint8Array; guestEnable: Uint8Array; nAlloc: Int32Array; nReq: Int32Array };
  /** Resize windows [open, close). */
  windows: { n: number; open: Float64Array; close: Float64Array; row: Int32Array };
  ioctls: { n: number; t: Float64Array; code: Uint8Array; err: Int32Array; row: Int32Array };
  /**
   * Moments worth a warning sign: host allocation failures and failed setups (host side), a
   * message changed while unmasked, a refused guest allocation, a mailbox timeout (guest side).
   */
  warnings: { n: number; t: Float64Array; row: Int32Array; host: Uint8Array };
  /** One entry per raise, in raise order (= raise id, = time order). */
  raises: { n: number; t: Float64Array; end: Float64Array; vec: Int16Array; stream: Int32Array; outcome: Uint8Array; detail: Uint8Array; row: Int32Array; endRow: Int32Array; heldAt: Float64Array };
  /** Distinct times of the events worth stepping to (not routine direct deliveries), ascending. */
  notable: Float64Array;
}

class Grow {
  t: number[] = [];
  b: number[] = [];
}

function changes(perVec: Grow[], size: number): VectorChanges {
  const start = new Int32Array(size + 1);
  let n = 0;
  for (let v = 0; v < size; v++) {
    start[v] = n;
    n += perVec[v]!.t.length;
  }
  start[size] = n;
  const t = new Float64Array(n);
  const bits = new Uint8Array(n);
  for (let v = 0; v < size; v++) {
    t.set(perVec[v]!.t, start[v]!);
    bits.set(perVec[v]!.b, start[v]!);
  }
  return { start, t, bits };
}

export function buildTimeline(log: LogColumns, size: number, guestSize: number, endNs: number): Timeline {
  const N = log.length;
  const { kind, vec, a, b, c, cause, t } = log;
  // Guest and host bits, with a change entry whenever a vector's bits change.
  const gBits = new Uint8Array(size).fill(GBit.MASKED);
  const hBits = new Uint8Array(size);
  const gCh: Grow[] = Array.from({ length: size }, () => new Grow());
  const hCh: Grow[] = Array.from({ length: size }, () => new Grow());
  for (let v = 0; v < guestSize; v++) {
    gCh[v]!.t.push(0);
    gCh[v]!.b.push(GBit.MASKED);
  }
  /** A setter that records a change entry whenever a vector's bits change (one entry per instant). */
  const bitsSetter = (bits: Uint8Array, ch: Grow[]) => (v: number, on: number, off: number, time: number): void => {
    const nb = (bits[v]! & ~off) | on;
    if (nb === bits[v]) return;
    bits[v] = nb;
    const c = ch[v]!;
    if (c.t.length && c.t[c.t.length - 1] === time) c.b[c.b.length - 1] = nb;
    else {
      c.t.push(time);
      c.b.push(nb);
    }
  };
  const setG = bitsSetter(gBits, gCh);
  const setH = bitsSetter(hBits, hCh);
  const REQ = HBit.REQ_IRQFD | HBit.REQ_USER | HBit.REQ_KVM;
  const reqBit = (target: number): number => (target === Target.KVM_IRQFD ? HBit.REQ_IRQFD : target === Target.USER_EVENTFD ? HBit.REQ_USER : HBit.REQ_KVM);

  // Guest ops: each row belongs to the op at the root of its cause chain.
  const opOf = new Int32Array(N).fill(-1);
  const opIndex = new Map<number, number>();
  const ops = { start: [] as number[], end: [] as number[], code: [] as number[], vec: [] as number[], arg: [] as number[], row: [] as number[] };

  const glob = { t: [0] as number[], he: [0] as number[], ge: [0] as number[], na: [0] as number[], nr: [0] as number[] };
  let he = 0, ge = 0, na = 0, nr = 0;
  const pushGlob = (time: number): void => {
    const k = glob.t.length - 1;
    if (glob.t[k] === time) {
      glob.he[k] = he; glob.ge[k] = ge; glob.na[k] = na; glob.nr[k] = nr;
    } else {
      glob.t.push(time); glob.he.push(he); glob.ge.push(ge); glob.na.push(na); glob.nr.push(nr);
    }
  };
  const win = { open: [] as number[], close: [] as number[], row: [] as number[] };
  const io = { t: [] as number[], code: [] as number[], err: [] as number[], row: [] as number[] };
  const warn = { t: [] as number[], row: [] as number[], host: [] as number[] };
  const warnAt = (i: number, host: boolean): void => {
    warn.t.push(t[i]!);
    warn.row.push(i);
    warn.host.push(host ? 1 : 0);
  };

  // Raises: raise ids are assigned in RAISE-row order, so id == index.
  let nRaise = 0;
  for (let i = 0; i < N; i++) if (kind[i] === Ev.RAISE) nRaise++;
  const R = {
    t: new Float64Array(nRaise), end: new Float64Array(nRaise), vec: new Int16Array(nRaise), stream: new Int32Array(nRaise), outcome: new Uint8Array(nRaise),
    detail: new Uint8Array(nRaise), row: new Int32Array(nRaise), endRow: new Int32Array(nRaise).fill(-1), heldAt: new Float64Array(nRaise).fill(-1),
  };
  const notable: number[] = [];

  for (let i = 0; i < N; i++) {
    const k = kind[i]!, v = vec[i]!, time = t[i]!;
    const cs = cause[i]!;
    const op = k === Ev.GUEST_OP ? i : cs >= 0 ? opOf[cs]! : -1;
    opOf[i] = op;
    if (op >= 0 && k !== Ev.GUEST_OP) {
      const j = opIndex.get(op)!;
      if (time > ops.end[j]!) ops.end[j] = time;
    }
    switch (k) {
      case Ev.GUEST_OP:
        opIndex.set(i, ops.start.length);
        ops.start.push(time); ops.end.push(time); ops.code.push(a[i]!); ops.vec.push(v); ops.arg.push(c[i]!); ops.row.push(i);
        notable.push(time);
        break;
      case Ev.CTRL:
        ge = a[i]! & 0x8000 ? 1 : 0;
        pushGlob(time);
        break;
      case Ev.TBL_WRITE:
        if (a[i] === 2) setG(v, b[i] !== 0 ? GBit.DATA : 0, b[i] !== 0 ? 0 : GBit.DATA, time);
        break;
      case Ev.GUEST_MASK:
        setG(v, a[i] ? GBit.MASKED : 0, a[i] ? 0 : GBit.MASKED, time);
        break;
      case Ev.GUEST_PBA_CLR: setG(v, 0, GBit.PENDING, time); break;
      case Ev.HOST_PBA_CLR: setH(v, 0, HBit.HOST_PBA, time); break;
      case Ev.EFD_CLR: setH(v, 0, HBit.EVENTFD, time); break;
      case Ev.HOST_ENABLE: he = 1; pushGlob(time); notable.push(time); break;
      case Ev.HOST_DISABLE: he = 0; pushGlob(time); notable.push(time); break;
      case Ev.HOST_ALLOC: na++; pushGlob(time); setH(v, HBit.ALLOC, 0, time); break;
      case Ev.HOST_FREE: na--; pushGlob(time); setH(v, 0, HBit.ALLOC, time); break;
      case Ev.HOST_REQUEST: nr++; pushGlob(time); setH(v, reqBit(a[i]!), REQ, time); break;
      case Ev.HOST_FREE_IRQ: nr--; pushGlob(time); setH(v, 0, REQ, time); break;
      case Ev.WINDOW_OPEN: win.open.push(time); win.close.push(time + c[i]!); win.row.push(i); notable.push(time); break;
      case Ev.WINDOW_CLOSE: win.close[win.close.length - 1] = time; notable.push(time); break;
      case Ev.IOCTL: io.t.push(time); io.code.push(a[i]!); io.err.push(c[i]!); io.row.push(i); notable.push(time); break;
      case Ev.RAISE: {
        const id = a[i]!;
        R.t[id] = time; R.vec[id] = v; R.stream[id] = b[i]!; R.row[id] = i; R.end[id] = endNs; R.outcome[id] = Outcome.PENDING;
        if (c[i]! > 0) {
          R.outcome[id] = Outcome.DIRECT; R.detail[id] = c[i]!; R.end[id] = time; R.endRow[id] = i;
        }
        break;
      }
      case Ev.PEND: {
        const id = a[i]!;
        if (R.heldAt[id]! < 0) R.heldAt[id] = time;
        R.detail[id] = b[i]!;
        if (b[i] === Place.GUEST_PBA) setG(v, GBit.PENDING, 0, time);
        else if (b[i] === Place.HOST_PBA) setH(v, HBit.HOST_PBA, 0, time);
        else setH(v, HBit.EVENTFD, 0, time);
        notable.push(time);
        break;
      }
      case Ev.DELIVER: case Ev.COALESCE: case Ev.LOST: {
        const id = a[i]!;
        R.outcome[id] = k === Ev.DELIVER ? Outcome.LATE : k === Ev.COALESCE ? Outcome.COALESCED : Outcome.LOST;
        R.detail[id] = b[i]!; R.end[id] = time; R.endRow[id] = i;
        notable.push(time);
        break;
      }
      case Ev.MAILBOX:
        if (!a[i]) warnAt(i, false);
        notable.push(time);
        break;
      case Ev.NOTE:
        if (a[i] === Note.SETUP_FAILED) warnAt(i, true);
        else if (a[i] === Note.MSG_WHILE_UNMASKED || a[i] === Note.GUEST_ALLOC_FAILED) warnAt(i, false);
        notable.push(time);
        break;
      case Ev.HOST_ALLOC_FAIL: case Ev.HOST_REQUEST_FAIL:
        warnAt(i, true);
        notable.push(time);
        break;
    }
  }
  notable.sort((x, y) => x - y);
  const uniq: number[] = [];
  for (const x of notable) if (uniq.length === 0 || uniq[uniq.length - 1] !== x) uniq.push(x);

  return {
    endNs,
    size,
    guestSize,
    ops: { n: ops.start.length, start: Float64Array.from(ops.start), end: Float64Array.from(ops.end), code: Uint8Array.from(ops.code), vec: Int16Array.from(ops.vec), arg: Int32Array.from(ops.arg), row: Int32Array.from(ops.row) },
    guest: changes(gCh, size),
    host: changes(hCh, size),
    global: { n: glob.t.length, t: Float64Array.from(glob.t), hostEnable: Uint8Array.from(glob.he), guestEnable: Uint8Array.from(glob.ge), nAlloc: Int32Array.from(glob.na), nReq: Int32Array.from(glob.nr) },
    windows: { n: win.open.length, open: Float64Array.from(win.open), close: Float64Array.from(win.close), row: Int32Array.from(win.row) },
    ioctls: { n: io.t.length, t: Float64Array.from(io.t), code: Uint8Array.from(io.code), err: Int32Array.from(io.err), row: Int32Array.from(io.row) },
    raises: { n: nRaise, ...R },
    warnings: { n: warn.t.length, t: Float64Array.from(warn.t), row: Int32Array.from(warn.row), host: Uint8Array.from(warn.host) },
    notable: Float64Array.from(uniq),
  };
}

/** Index of the last entry with t <= x in a sorted range [lo, hi) (or lo - 1 when none). */
export function lastAtOrBefore(ts: ArrayLike<number>, x: number, lo = 0, hi = ts.length): number {
  let l = lo, h = hi;
  while (l < h) {
    const m = (l + h) >> 1;
    if (ts[m]! <= x) l = m + 1;
    else h = m;
  }
  return l - 1;
}

/** Index of the first entry with t >= x in a sorted array (length if none). */
export function firstAtOrAfter(ts: ArrayLike<number>, x: number, lo = 0, hi = ts.length): number {
  let l = lo, h = hi;
  while (l < h) {
    const m = (l + h) >> 1;
    if (ts[m]! < x) l = m + 1;
    else h = m;
  }
  return l;
}

/** Transferable buffers of a Timeline (for postMessage). */
export function timelineBuffers(tl: Timeline): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const walk = (o: object): void => {
    for (const x of Object.values(o)) {
      if (ArrayBuffer.isView(x)) out.push(x.buffer as ArrayBuffer);
      else if (x && typeof x === 'object') walk(x);
    }
  };
  walk(tl);
  return out;
}
