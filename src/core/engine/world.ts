import { EventLog } from './log.ts';
import { EventQueue } from './queue.ts';
import { Ev, type EvKind } from './events.ts';
import type { Settings } from '../scenario/parse.ts';

/**
 * Shared simulation context: the virtual clock, the log, the queue and the per-raise bookkeeping.
 * Every component gets the same World; nothing in it reads wall-clock time.
 *
 * `cause` is the seq of the event currently being handled; rows emitted while handling it point
 * back to it, which is what the "why?" inspector walks.
 */
export class World {
  now = 0;
  cause = -1;
  readonly log = new EventLog();
  readonly queue = new EventQueue();
  /** Raise time by raise id (for delivery latency). */
  raiseT = new Float64Array(1024);
  raises = 0;

  constructor(readonly settings: Settings) {}

  emit(kind: EvKind, vec: number, a = 0, b = 0, c = 0): number {
    return this.log.push(this.now, kind, vec, a, b, c, this.cause);
  }

  /** Emits with an explicit cause. */
  emitC(cause: number, kind: EvKind, vec: number, a = 0, b = 0, c = 0): number {
    return this.log.push(this.now, kind, vec, a, b, c, cause);
  }

  /** Runs `fn` with `cause` set to `seq`, restoring it afterwards. */
  within<T>(seq: number, fn: () => T): T {
    const prev = this.cause;
    this.cause = seq;
    try {
      return fn();
    } finally {
      this.cause = prev;
    }
  }

  newRaise(): number {
    const id = this.raises++;
    if (id === this.raiseT.length) {
      const n = new Float64Array(id * 2);
      n.set(this.raiseT);
      this.raiseT = n;
    }
    this.raiseT[id] = this.now;
    return id;
  }

  // Terminal outcomes of a raise. Each raise gets at most one of deliver/coalesce/lose.
  deliver(vec: number, id: number, path: number, cause: number): void {
    this.log.push(this.now, Ev.DELIVER, vec, id, path, this.now - this.raiseT[id]!, cause);
  }
  lose(vec: number, id: number, why: number, cause: number): void {
    this.log.push(this.now, Ev.LOST, vec, id, why, 0, cause);
  }
  pend(vec: number, id: number, place: number, cause: number): void {
    this.log.push(this.now, Ev.PEND, vec, id, place, 0, cause);
  }
  coalesce(vec: number, id: number, place: number, holder: number, cause: number): void {
    this.log.push(this.now, Ev.COALESCE, vec, id, place, holder, cause);
  }
}
