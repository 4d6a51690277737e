import { EventLog } from './log.ts';
import { EventQueue } from './queue.ts';
import { Ev, type EvKind } from './events.ts';
import type { Block } from './block.ts';
import type { Settings } from '../scenario/parse.ts';

const EV_DELIVER = Ev.DELIVER,
  EV_LOST = Ev.LOST,
  EV_PEND = Ev.PEND,
  EV_COALESCE = Ev.COALESCE;

// Hot paths write vocabulary codes as literals (`40 satisfies typeof Ev.RAISE`): V8 does not fold
// a module-level const, so each use would be a context-slot load plus a number check; a literal is
// compiled in, and `satisfies` makes a renumbering in events.ts fail to compile.

/**
 * Shared simulation context: the virtual clock, the log, the queue and the per-raise bookkeeping.
 * Every component gets the same World; nothing in it reads wall-clock time.
 *
 * The cause register (one mechanism, tested in world.test.ts): `cause` is the seq of the event
 * being handled; rows emitted meanwhile point back to it, which is what the "why?" inspector walks.
 * It is read-only outside World and changes only through frames:
 *  - `within(seq, fn)` / `scope(seq, block)` open a frame with cause seq and restore the outer
 *    cause when it ends (scope's frame outlives the vCPU's waits inside the block);
 *  - `advance(seq)` moves the current frame on to a later row (the effects of a table write point
 *    to it); the frame's end still restores the outer cause;
 *  - `park()` / `unpark(c)` are the vCPU's context switch around a wait: raises handled while a
 *    guest write is blocked are not its effects, and the write resumes with the cause it had.
 * Rows about raises carry their cause explicitly (deliver/lose/pend/coalesce, emitC).
 */
export class World {
  now = 0;
  private cur = -1;
  readonly log: EventLog;
  readonly queue = new EventQueue();
  /** Raise time of every raise currently held somewhere (for delivery latency), by raise id. */
  private readonly heldSince = new Map<number, number>();
  /** Raises so far; raise ids are 0, 1, 2... in RAISE-row order. */
  raises = 0;
  /** seq of the latest RAISE row, -1 before the first (lets deliver fold without reading the log back). */
  private raiseSeq = -1;

  constructor(
    readonly settings: Settings,
    /** Expected log rows; sizing the columns up front avoids copying while a large run grows. */
    expectedRows = 1024,
  ) {
    this.log = new EventLog(expectedRows);
  }

  emit(kind: EvKind, vec: number, a = 0, b = 0, c = 0): number {
    return this.log.push(this.now, kind, vec, a, b, c, this.cur);
  }

  /** Seq of the row being handled (-1: none, e.g. between guest steps). */
  get cause(): number {
    return this.cur;
  }

  /** Emits with an explicit cause. */
  emitC(cause: number, kind: EvKind, vec: number, a = 0, b = 0, c = 0): number {
    return this.log.push(this.now, kind, vec, a, b, c, cause);
  }

  /** Runs `fn` in a frame with cause `seq`, restoring the outer cause afterwards. */
  within<T>(seq: number, fn: () => T): T {
    const prev = this.cur;
    this.cur = seq;
    try {
      return fn();
    } finally {
      this.cur = prev;
    }
  }

  /** `within` for a blocking body: the frame lasts across the body's waits and ends when it returns. */
  *scope<T>(seq: number, body: Block<T>): Block<T> {
    const prev = this.cur;
    this.cur = seq;
    try {
      return yield* body;
    } finally {
      this.cur = prev;
    }
  }

  /** Moves the current frame on to row `seq`: later rows of this frame point to it. Returns seq. */
  advance(seq: number): number {
    this.cur = seq;
    return seq;
  }

  /** The vCPU's switch away from a blocked guest operation: returns its cause and clears the register. */
  park(): number {
    const c = this.cur;
    this.cur = -1;
    return c;
  }

  /** The vCPU's switch back: the operation resumes with the cause `park` returned. */
  unpark(cause: number): void {
    this.cur = cause;
  }

  /**
   * Appends the RAISE row of a new raise of vector `vec` (traffic stream `stream`) and returns its
   * seq; the raise's id is `raises - 1` afterwards. Hot path: one call per raise, no allocation.
   */
  pushRaise(vec: number, stream: number): number {
    const id = this.raises++;
    // c is left as it is: a row beyond the log's length is all zeros (the log only appends), so c
    // is already 0 ("not delivered in the same instant") until deliver folds a path into it.
    const seq = this.log.pushNoC(this.now, 40 satisfies typeof Ev.RAISE, vec, id, stream, -1);
    this.raiseSeq = seq;
    return seq;
  }

  // Terminal outcomes of a raise. Each raise gets at most one of deliver/coalesce/lose.
  deliver(vec: number, id: number, path: number, cause: number): void {
    // Delivered in the same instant it was raised, with nothing in between: fold the outcome into
    // the RAISE row (c = path) instead of a second row. Halves the log for the common case.
    // `cause` is that RAISE row exactly when it is the latest RAISE row, it is still the last row
    // of the log, and `id` is the latest raise (ids follow RAISE-row order): the same test as
    // reading kind/a back from the row, without touching the columns.
    if (cause === this.raiseSeq && id === this.raises - 1 && cause === this.log.length - 1) {
      this.log.c[cause] = path;
      return;
    }
    this.deliverHeld(vec, id, path, cause);
  }

  /** The DELIVER row of a raise that was held first (or delivered after other rows): off the hot path. */
  private deliverHeld(vec: number, id: number, path: number, cause: number): void {
    const since = this.heldSince.get(id) ?? this.now;
    this.heldSince.delete(id);
    this.log.push(this.now, EV_DELIVER, vec, id, path, this.now - since, cause);
  }
  lose(vec: number, id: number, why: number, cause: number): void {
    this.heldSince.delete(id);
    this.log.push(this.now, EV_LOST, vec, id, why, 0, cause);
  }
  /** Held somewhere (a raise may move between places; it keeps its original raise time). */
  pend(vec: number, id: number, place: number, cause: number): void {
    if (!this.heldSince.has(id)) this.heldSince.set(id, this.now);
    this.log.push(this.now, EV_PEND, vec, id, place, 0, cause);
  }
  coalesce(vec: number, id: number, place: number, holder: number, cause: number): void {
    this.log.push(this.now, EV_COALESCE, vec, id, place, holder, cause);
  }
}
