import { expInterval, type Rng } from './rng.ts';
import type { World } from './world.ts';
import { raiseCapacity } from '../scenario/estimate.ts';
import type { Step } from '../scenario/schema.ts';

/** The physical device as traffic sees it (host/host-device.ts): engine/ must not import host/. */
export interface RaiseTarget {
  readonly size: number;
  raise(v: number, id: number, rseq: number): void;
}

export const Q_RAISE = 3;
export const PRIO_RAISE = 2;
/** Stream id used for raises the model makes itself (the PF's mailbox reply). */
export const STREAM_MAILBOX_REPLY = -2;

const ONCE = 0,
  PERIODIC = 1,
  POISSON = 2,
  BURST = 3;

/**
 * Device traffic: each raise step becomes a stream that keeps exactly one entry in the event queue
 * (its next raise), so 10^6 raises never sit in memory at once. Poisson streams draw from the
 * run's seeded RNG.
 */
export class Traffic {
  private kind: number[] = [];
  private vector: number[] = [];
  private every: number[] = [];
  private until: number[] = [];
  private remaining: number[] = [];
  /** Queue -> vector when a paravirt grant made queues share vectors; null = identity. */
  private map: Int32Array | null = null;

  constructor(
    private readonly w: World,
    private readonly host: RaiseTarget,
    private readonly rng: Rng,
  ) {}

  /** Registers a traffic step and schedules its first raise. */
  add(step: Extract<Step, { op: 'raise' | 'poisson' | 'burst' }>): void {
    const id = this.kind.length;
    this.vector.push(step.vector);
    switch (step.op) {
      case 'raise':
        this.kind.push(step.every === undefined ? ONCE : PERIODIC);
        this.every.push(step.every ?? 0);
        this.until.push(step.until ?? step.at);
        this.remaining.push(0);
        break;
      case 'poisson':
        this.kind.push(POISSON);
        this.every.push(step.meanNs);
        this.until.push(step.until);
        this.remaining.push(0);
        break;
      case 'burst':
        this.kind.push(BURST);
        this.every.push(step.spacingNs);
        this.until.push(0);
        this.remaining.push(step.count);
        break;
    }
    this.w.queue.push(step.at, PRIO_RAISE, Q_RAISE, id);
  }

  /**
   * Queue entry for stream `id` fired: raise, then schedule the stream's next raise. Hot path (once
   * per raise): periodic streams are handled here, the other kinds out of line, which keeps this
   * function and everything it inlines within V8's inlining budget.
   */
  fire(id: number): void {
    this.raise(this.vector[id]!, id);
    // Literals, not the consts: see the note in world.ts.
    if (this.kind[id] === (1 satisfies typeof PERIODIC)) {
      const next = this.w.now + this.every[id]!;
      if (next <= this.until[id]!)
        this.w.queue.push(next, 2 satisfies typeof PRIO_RAISE, 3 satisfies typeof Q_RAISE, id);
    } else this.scheduleNext(id);
  }

  /** The next raise of a one-shot, Poisson or burst stream (same rules as the periodic case in fire). */
  private scheduleNext(id: number): void {
    const now = this.w.now;
    let next = -1;
    switch (this.kind[id]) {
      case POISSON:
        next = now + expInterval(this.rng, this.every[id]!);
        if (next > this.until[id]!) next = -1;
        break;
      case BURST:
        if (--this.remaining[id]! > 0) next = now + this.every[id]!;
        break;
    }
    if (next >= 0) this.w.queue.push(next, PRIO_RAISE, Q_RAISE, id);
  }

  /** Upper bound on raises, for sizing the log: counted in one place, scenario/estimate.ts. */
  static estimate(steps: readonly Step[]): number {
    return raiseCapacity(steps);
  }

  /** The device signals queue q's vector now. */
  raise(q: number, stream: number): void {
    const v = this.map !== null ? this.map[q]! : q;
    const w = this.w;
    const seq = w.pushRaise(v, stream);
    this.host.raise(v, w.raises - 1, seq);
  }

  /** The driver programmed queue q to signal vector q % granted (granted 0 = identity). */
  remap(granted: number): void {
    if (granted <= 0) {
      this.map = null;
      return;
    }
    this.map = new Int32Array(this.host.size);
    for (let q = 0; q < this.map.length; q++) this.map[q] = q % granted;
  }
}
