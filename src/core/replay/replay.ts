import { Ev, Place } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { col } from '../engine/schema.ts';
import type { FrontEnd } from '../policies/axes.ts';
import { ENTRY_CTRL, msixMasked } from '../spec/pci-msix.ts';
import { cloneState, initialState, type MachineState } from './machine-state.ts';

// Module-local copies: the replay loop must not go through imported live bindings (a getter per
// case under tsx/CommonJS).
const CTRL = Ev.CTRL,
  TBL_WRITE = Ev.TBL_WRITE,
  PEND = Ev.PEND,
  GUEST_PBA_CLR = Ev.GUEST_PBA_CLR,
  HOST_PBA_CLR = Ev.HOST_PBA_CLR;
const EFD_CLR = Ev.EFD_CLR,
  HOST_ENABLE = Ev.HOST_ENABLE,
  HOST_DISABLE = Ev.HOST_DISABLE,
  HOST_ALLOC = Ev.HOST_ALLOC,
  HOST_FREE = Ev.HOST_FREE;
const HOST_REQUEST = Ev.HOST_REQUEST,
  HOST_FREE_IRQ = Ev.HOST_FREE_IRQ,
  QEMU_HANDLER = Ev.QEMU_HANDLER,
  WINDOW_OPEN = Ev.WINDOW_OPEN,
  WINDOW_CLOSE = Ev.WINDOW_CLOSE;
const GUEST_PBA = Place.GUEST_PBA,
  HOST_PBA = Place.HOST_PBA,
  CTRL_WORD = ENTRY_CTRL;
// The columns the replayed fields live in, from the schema (resolved once, at load).
const CTRL_VALUE = col(Ev.CTRL, 'value'),
  TBL_WORD = col(Ev.TBL_WRITE, 'word'),
  TBL_VALUE = col(Ev.TBL_WRITE, 'value');
const PEND_RAISE = col(Ev.PEND, 'raise'),
  PEND_PLACE = col(Ev.PEND, 'place');
const REQUEST_TARGET = col(Ev.HOST_REQUEST, 'target'),
  HANDLER_INSTALLED = col(Ev.QEMU_HANDLER, 'installed');

/**
 * Applies log rows [s.rows, upTo) to s in place: the machine state after row upTo-1.
 *
 * The effective mask is recomputed from Message Control and Vector Control (msix_is_masked)
 * rather than read from GUEST_MASK rows: QEMU's msix_write_config notifies vector by vector and
 * may block in the middle (a resize), while the mask itself changed with the write. Deriving it
 * keeps the replay equal to the live machine at every point, not only between guest operations.
 */
export function applyRows(s: MachineState, log: LogColumns, upTo: number): void {
  const { kind, vec } = log;
  const ctrlValue = log[CTRL_VALUE],
    tblWord = log[TBL_WORD],
    tblValue = log[TBL_VALUE];
  const pendRaise = log[PEND_RAISE],
    pendPlace = log[PEND_PLACE],
    reqTarget = log[REQUEST_TARGET],
    installed = log[HANDLER_INSTALLED];
  const G = s.guest,
    H = s.host,
    Q = s.qemu;
  for (let i = s.rows; i < upTo; i++) {
    const v = vec[i]!;
    switch (kind[i]) {
      case CTRL:
        G.ctrl = ctrlValue[i]!;
        for (let e = 0; e < G.size; e++) G.masked[e] = msixMasked(G.ctrl, G.table[e * 4 + CTRL_WORD]!) ? 1 : 0;
        break;
      case TBL_WRITE: {
        const w = tblWord[i]!;
        G.table[v * 4 + w] = tblValue[i]! >>> 0;
        if (w === CTRL_WORD) G.masked[v] = msixMasked(G.ctrl, G.table[v * 4 + CTRL_WORD]!) ? 1 : 0;
        break;
      }
      case PEND: {
        const p = pendPlace[i]!,
          id = pendRaise[i]!;
        if (p === GUEST_PBA) G.pba[v] = id;
        else if (p === HOST_PBA) H.pba[v] = id;
        else Q.efd[v] = id;
        break;
      }
      case GUEST_PBA_CLR:
        G.pba[v] = -1;
        break;
      case HOST_PBA_CLR:
        H.pba[v] = -1;
        break;
      case EFD_CLR:
        Q.efd[v] = -1;
        break;
      case HOST_ENABLE:
        H.enable = true;
        break;
      case HOST_DISABLE:
        H.enable = false;
        break;
      case HOST_ALLOC:
        H.alloc[v] = 1;
        H.nAlloc++;
        break;
      case HOST_FREE:
        H.alloc[v] = 0;
        H.nAlloc--;
        break;
      case HOST_REQUEST:
        H.trig[v] = reqTarget[i]!;
        H.nReq++;
        break;
      case HOST_FREE_IRQ:
        H.trig[v] = 0;
        H.nReq--;
        break;
      case QEMU_HANDLER:
        Q.handler[v] = installed[i]!;
        break;
      case WINDOW_OPEN:
        H.window = true;
        break;
      case WINDOW_CLOSE:
        H.window = false;
        break;
    }
  }
  s.rows = upTo;
}

/** The state after the whole log (e.g. for metrics computed from a log alone). */
export function replayAll(log: LogColumns, tableSize: number, frontEnd: FrontEnd): MachineState {
  const s = initialState(tableSize, frontEnd);
  applyRows(s, log, log.length);
  return s;
}

/**
 * Random access to the state at any row: replay from the nearest checkpoint. Checkpoints are
 * every `every` rows (at most ~256 of them) and are built lazily, in bounded steps (`build`), so a
 * caller on the UI thread can spread the first pass over frames; afterwards `at` applies fewer
 * than `every` rows to a copy of one checkpoint.
 */
export class Replay {
  readonly every: number;
  private readonly checkpoints: MachineState[] = [];
  /** The state the builder has reached (always at a checkpoint boundary or the log's end). */
  private readonly head: MachineState;

  constructor(
    private readonly log: LogColumns,
    tableSize: number,
    frontEnd: FrontEnd,
    every = Math.max(4096, Math.ceil(log.length / 256)),
  ) {
    this.every = every;
    this.head = initialState(tableSize, frontEnd);
    this.checkpoints.push(cloneState(this.head));
  }

  get rows(): number {
    return this.log.length;
  }

  /** Rows covered by checkpoints so far. */
  get built(): number {
    return this.head.rows;
  }

  /**
   * Extends the checkpoints by at most about `maxRows` rows (whole checkpoint intervals, at least
   * one). Returns true once every checkpoint exists.
   */
  build(maxRows = Infinity): boolean {
    let done = 0;
    while (this.head.rows < this.log.length && done < maxRows) {
      const next = Math.min(this.log.length, (Math.floor(this.head.rows / this.every) + 1) * this.every);
      done += next - this.head.rows;
      applyRows(this.head, this.log, next);
      if (next % this.every === 0) this.checkpoints.push(cloneState(this.head));
    }
    return this.head.rows >= this.log.length;
  }

  /** Whether at(rows) costs at most one checkpoint interval now. */
  ready(rows: number): boolean {
    return Math.floor(this.clamp(rows) / this.every) < this.checkpoints.length;
  }

  /** State after applying rows [0, rows) (clamped to the log). Builds missing checkpoints first. */
  at(rows: number): MachineState {
    const r = this.clamp(rows);
    const k = Math.floor(r / this.every);
    while (k >= this.checkpoints.length && this.head.rows < this.log.length) this.build(this.every);
    const s = cloneState(this.checkpoints[Math.min(k, this.checkpoints.length - 1)]!);
    applyRows(s, this.log, r);
    return s;
  }

  private clamp(rows: number): number {
    return Math.max(0, Math.min(Math.floor(rows), this.log.length));
  }
}
