import type { World } from '../engine/world.ts';
import type { Block } from '../hv/block.ts';
import type { GuestDriver, GuestStep } from './driver.ts';

export const Q_STEP = 2;
export const PRIO_STEP = 1;
export const Q_RESUME = 1;
export const PRIO_RESUME = 0;

/**
 * The guest's single vCPU. Steps run one at a time in time order; a step whose time comes while
 * the vCPU is blocked (inside a resize, or polling a mailbox) waits and runs when it is free, at a
 * later time than its `at` — as a real vCPU stalled in a trapped MMIO write would.
 * Simplification: one vCPU, so guest operations never run concurrently.
 */
export class Vcpu {
  private readonly waiting: GuestStep[] = [];
  private head = 0;
  private gen: Block | null = null;
  private savedCause = -1;

  constructor(
    private readonly w: World,
    private readonly driver: GuestDriver,
  ) {}

  get busy(): boolean {
    return this.gen !== null;
  }

  /** A step's time has come. */
  arrive(step: GuestStep): void {
    this.waiting.push(step);
    if (!this.gen) this.startNext();
  }

  /** The blocked step's wait is over. */
  resume(): void {
    this.advance();
    if (!this.gen) this.startNext();
  }

  private startNext(): void {
    while (!this.gen && this.head < this.waiting.length) {
      this.gen = this.driver.run(this.waiting[this.head++]!);
      this.savedCause = -1;
      this.advance();
    }
  }

  private advance(): void {
    const gen = this.gen!;
    this.w.unpark(this.savedCause);
    const r = gen.next();
    if (r.done) {
      this.gen = null;
      this.w.park();
      return;
    }
    // Causes survive the wait (World.park/unpark): the code after `yield` continues with the
    // cause it had, and nothing handled meanwhile inherits it.
    this.savedCause = this.w.park();
    this.w.queue.push(this.w.now + r.value, PRIO_RESUME, Q_RESUME, 0);
  }
}
