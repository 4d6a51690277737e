import { Ev, Place, Target } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { col, END_OUTCOME, Outcome, RAISE_ID_COL, STEP_KIND, WARN_KIND, warningOf } from '../engine/schema.ts';
import { outcomeIndex } from './outcome-index.ts';

// The outcome-interval and loss indexes and the sorted-array searches live in outcome-index.ts.
export { forHeldOverlapping, forLossesIn, lastAtOrBefore, firstAtOrAfter } from './outcome-index.ts';

/** How a raise ended (Timeline.raises.outcome): declared with the event kinds that end a raise, in engine/schema.ts. */
export { Outcome, OUTCOME_NAMES } from '../engine/schema.ts';

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
  ops: {
    n: number;
    start: Float64Array;
    end: Float64Array;
    code: Uint8Array;
    vec: Int16Array;
    arg: Int32Array;
    row: Int32Array;
  };
  guest: VectorChanges;
  host: VectorChanges;
  /** Global step functions: host Enable, guest Enable, allocated and requested host IRQs. */
  global: {
    n: number;
    t: Float64Array;
    hostEnable: Uint8Array;
    guestEnable: Uint8Array;
    nAlloc: Int32Array;
    nReq: Int32Array;
  };
  /** Resize windows [open, close). */
  windows: { n: number; open: Float64Array; close: Float64Array; row: Int32Array };
  ioctls: { n: number; t: Float64Array; code: Uint8Array; err: Int32Array; row: Int32Array };
  /**
   * Moments worth a warning sign: host allocation failures and failed setups (host side), a
   * message changed while unmasked, a refused guest allocation, a mailbox timeout (guest side).
   */
  warnings: { n: number; t: Float64Array; row: Int32Array; host: Uint8Array };
  /** One entry per raise, in raise order (= raise id, = time order). */
  raises: {
    n: number;
    t: Float64Array;
    end: Float64Array;
    vec: Int16Array;
    stream: Int32Array;
    outcome: Uint8Array;
    detail: Uint8Array;
    row: Int32Array;
    endRow: Int32Array;
    heldAt: Float64Array;
  };
  /**
   * The outcome-interval index: every raise that was not delivered at once (late, coalesced,
   * lost or still pending) as the interval [raises.t, raises.end], sorted by end time (ties in log
   * order). `id`: raise indices; `end`: their end times, ascending (binary-searchable); `minStart`:
   * a min-segment tree over their start times in that order (leaf j at P + j, P a power of two),
   * so every interval overlapping a window is found in O(log n + k) (forHeldOverlapping), however
   * long ago it started. A loss is drawn and hit where it ended, so a raise held since long before
   * the visible window still shows up when zoomed in on its loss.
   */
  held: { n: number; id: Int32Array; end: Float64Array; minStart: Float64Array };
  /** The lost raises of `held`, in the same order (sorted by end): every loss in a window is one binary search away (forLossesIn). */
  losses: { n: number; id: Int32Array; end: Float64Array };
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
  const { kind, vec, cause, t } = log;
  // Hot loop: raw columns, named through the schema (engine/schema.ts) rather than a/b/c.
  const opCode = log[col(Ev.GUEST_OP, 'op')],
    opArg = log[col(Ev.GUEST_OP, 'arg')];
  const ctrlValue = log[col(Ev.CTRL, 'value')];
  const tblWord = log[col(Ev.TBL_WRITE, 'word')],
    tblValue = log[col(Ev.TBL_WRITE, 'value')];
  const guestMasked = log[col(Ev.GUEST_MASK, 'masked')];
  const reqTarget = log[col(Ev.HOST_REQUEST, 'target')];
  const winPlanned = log[col(Ev.WINDOW_OPEN, 'plannedNs')];
  const ioctlCode = log[col(Ev.IOCTL, 'ioctl')],
    ioctlErr = log[col(Ev.IOCTL, 'errno')];
  const raiseId = log[RAISE_ID_COL];
  const raiseStream = log[col(Ev.RAISE, 'stream')],
    raisePath = log[col(Ev.RAISE, 'path')];
  const pendPlace = log[col(Ev.PEND, 'place')];
  const deliverPath = log[col(Ev.DELIVER, 'path')],
    coalescePlace = log[col(Ev.COALESCE, 'place')],
    lostLoss = log[col(Ev.LOST, 'loss')];
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
  const bitsSetter =
    (bits: Uint8Array, ch: Grow[]) =>
    (v: number, on: number, off: number, time: number): void => {
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
  const reqBit = (target: number): number =>
    target === Target.KVM_IRQFD ? HBit.REQ_IRQFD : target === Target.USER_EVENTFD ? HBit.REQ_USER : HBit.REQ_KVM;

  // Guest ops: each row belongs to the op at the root of its cause chain.
  const opOf = new Int32Array(N).fill(-1);
  const opIndex = new Map<number, number>();
  const ops = {
    start: [] as number[],
    end: [] as number[],
    code: [] as number[],
    vec: [] as number[],
    arg: [] as number[],
    row: [] as number[],
  };

  const glob = {
    t: [0] as number[],
    he: [0] as number[],
    ge: [0] as number[],
    na: [0] as number[],
    nr: [0] as number[],
  };
  let he = 0,
    ge = 0,
    na = 0,
    nr = 0;
  const pushGlob = (time: number): void => {
    const k = glob.t.length - 1;
    if (glob.t[k] === time) {
      glob.he[k] = he;
      glob.ge[k] = ge;
      glob.na[k] = na;
      glob.nr[k] = nr;
    } else {
      glob.t.push(time);
      glob.he.push(he);
      glob.ge.push(ge);
      glob.na.push(na);
      glob.nr.push(nr);
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
    t: new Float64Array(nRaise),
    end: new Float64Array(nRaise),
    vec: new Int16Array(nRaise),
    stream: new Int32Array(nRaise),
    outcome: new Uint8Array(nRaise),
    detail: new Uint8Array(nRaise),
    row: new Int32Array(nRaise),
    endRow: new Int32Array(nRaise).fill(-1),
    heldAt: new Float64Array(nRaise).fill(-1),
  };
  const notable: number[] = [];
  /** Rows that ended a raise, in log order = end-time order (the outcome index needs no sort). */
  const endRows: number[] = [];

  for (let i = 0; i < N; i++) {
    const k = kind[i]!,
      v = vec[i]!,
      time = t[i]!;
    const cs = cause[i]!;
    const op = k === Ev.GUEST_OP ? i : cs >= 0 ? opOf[cs]! : -1;
    opOf[i] = op;
    if (op >= 0 && k !== Ev.GUEST_OP) {
      const j = opIndex.get(op)!;
      if (time > ops.end[j]!) ops.end[j] = time;
    }
    if (STEP_KIND[k]) notable.push(time);
    if (WARN_KIND[k]) {
      const w = warningOf(log, i);
      if (w) warnAt(i, w === 'host');
    }
    switch (k) {
      case Ev.GUEST_OP:
        opIndex.set(i, ops.start.length);
        ops.start.push(time);
        ops.end.push(time);
        ops.code.push(opCode[i]!);
        ops.vec.push(v);
        ops.arg.push(opArg[i]!);
        ops.row.push(i);
        break;
      case Ev.CTRL:
        ge = ctrlValue[i]! & 0x8000 ? 1 : 0;
        pushGlob(time);
        break;
      case Ev.TBL_WRITE:
        if (tblWord[i] === 2) setG(v, tblValue[i] !== 0 ? GBit.DATA : 0, tblValue[i] !== 0 ? 0 : GBit.DATA, time);
        break;
      case Ev.GUEST_MASK:
        setG(v, guestMasked[i] ? GBit.MASKED : 0, guestMasked[i] ? 0 : GBit.MASKED, time);
        break;
      case Ev.GUEST_PBA_CLR:
        setG(v, 0, GBit.PENDING, time);
        break;
      case Ev.HOST_PBA_CLR:
        setH(v, 0, HBit.HOST_PBA, time);
        break;
      case Ev.EFD_CLR:
        setH(v, 0, HBit.EVENTFD, time);
        break;
      case Ev.HOST_ENABLE:
        he = 1;
        pushGlob(time);
        break;
      case Ev.HOST_DISABLE:
        he = 0;
        pushGlob(time);
        break;
      case Ev.HOST_ALLOC:
        na++;
        pushGlob(time);
        setH(v, HBit.ALLOC, 0, time);
        break;
      case Ev.HOST_FREE:
        na--;
        pushGlob(time);
        setH(v, 0, HBit.ALLOC, time);
        break;
      case Ev.HOST_REQUEST:
        nr++;
        pushGlob(time);
        setH(v, reqBit(reqTarget[i]!), REQ, time);
        break;
      case Ev.HOST_FREE_IRQ:
        nr--;
        pushGlob(time);
        setH(v, 0, REQ, time);
        break;
      case Ev.WINDOW_OPEN:
        win.open.push(time);
        win.close.push(time + winPlanned[i]!);
        win.row.push(i);
        break;
      case Ev.WINDOW_CLOSE:
        win.close[win.close.length - 1] = time;
        break;
      case Ev.IOCTL:
        io.t.push(time);
        io.code.push(ioctlCode[i]!);
        io.err.push(ioctlErr[i]!);
        io.row.push(i);
        break;
      case Ev.RAISE: {
        const id = raiseId[i]!;
        R.t[id] = time;
        R.vec[id] = v;
        R.stream[id] = raiseStream[i]!;
        R.row[id] = i;
        R.end[id] = endNs;
        R.outcome[id] = Outcome.PENDING;
        if (raisePath[i]! > 0) {
          R.outcome[id] = Outcome.DIRECT;
          R.detail[id] = raisePath[i]!;
          R.end[id] = time;
          R.endRow[id] = i;
        }
        break;
      }
      case Ev.PEND: {
        const id = raiseId[i]!;
        const place = pendPlace[i]!;
        if (R.heldAt[id]! < 0) R.heldAt[id] = time;
        R.detail[id] = place;
        if (place === Place.GUEST_PBA) setG(v, GBit.PENDING, 0, time);
        else if (place === Place.HOST_PBA) setH(v, HBit.HOST_PBA, 0, time);
        else setH(v, HBit.EVENTFD, 0, time);
        break;
      }
      case Ev.DELIVER:
      case Ev.COALESCE:
      case Ev.LOST: {
        const id = raiseId[i]!;
        endRows.push(i);
        R.outcome[id] = END_OUTCOME[k]!;
        R.detail[id] = k === Ev.DELIVER ? deliverPath[i]! : k === Ev.COALESCE ? coalescePlace[i]! : lostLoss[i]!;
        R.end[id] = time;
        R.endRow[id] = i;
        break;
      }
    }
  }
  notable.sort((x, y) => x - y);
  const uniq: number[] = [];
  for (const x of notable) if (uniq.length === 0 || uniq[uniq.length - 1] !== x) uniq.push(x);

  return {
    endNs,
    size,
    guestSize,
    ops: {
      n: ops.start.length,
      start: Float64Array.from(ops.start),
      end: Float64Array.from(ops.end),
      code: Uint8Array.from(ops.code),
      vec: Int16Array.from(ops.vec),
      arg: Int32Array.from(ops.arg),
      row: Int32Array.from(ops.row),
    },
    guest: changes(gCh, size),
    host: changes(hCh, size),
    global: {
      n: glob.t.length,
      t: Float64Array.from(glob.t),
      hostEnable: Uint8Array.from(glob.he),
      guestEnable: Uint8Array.from(glob.ge),
      nAlloc: Int32Array.from(glob.na),
      nReq: Int32Array.from(glob.nr),
    },
    windows: {
      n: win.open.length,
      open: Float64Array.from(win.open),
      close: Float64Array.from(win.close),
      row: Int32Array.from(win.row),
    },
    ioctls: {
      n: io.t.length,
      t: Float64Array.from(io.t),
      code: Uint8Array.from(io.code),
      err: Int32Array.from(io.err),
      row: Int32Array.from(io.row),
    },
    raises: { n: nRaise, ...R },
    ...outcomeIndex(R, endRows, raiseId),
    warnings: {
      n: warn.t.length,
      t: Float64Array.from(warn.t),
      row: Int32Array.from(warn.row),
      host: Uint8Array.from(warn.host),
    },
    notable: Float64Array.from(uniq),
  };
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
