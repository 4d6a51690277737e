/**
 * The discrete-event queue: a binary min-heap kept in parallel typed arrays (no objects per event,
 * so 10^6 events cost no garbage). Order is (time, priority, sequence): equal times are broken by
 * priority, then by insertion order, so a run is fully deterministic.
 *
 * An entry carries a small integer `type` and an integer `arg`; the engine dispatches on them.
 */
export class EventQueue {
  private time = new Float64Array(64);
  /** priority * 2^32 + insertion sequence: one double compares both tie-breakers exactly. */
  private order = new Float64Array(64);
  private type = new Int32Array(64);
  private arg = new Int32Array(64);
  private n = 0;
  private seq = 0;

  get size(): number {
    return this.n;
  }

  push(time: number, prio: number, type: number, arg: number): void {
    if (this.n === this.time.length) this.grow();
    const order = prio * 4294967296 + this.seq++;
    // Sift up: move parents down until the slot fits.
    let i = this.n++;
    const T = this.time,
      O = this.order,
      Y = this.type,
      A = this.arg;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = T[p]!;
      if (pt < time || (pt === time && O[p]! < order)) break;
      T[i] = pt;
      O[i] = O[p]!;
      Y[i] = Y[p]!;
      A[i] = A[p]!;
      i = p;
    }
    T[i] = time;
    O[i] = order;
    Y[i] = type;
    A[i] = arg;
  }

  /** Time of the earliest entry; only valid when size > 0. */
  peekTime(): number {
    return this.time[0]!;
  }

  /** Removes the earliest entry and writes it to `out` (reused, so popping allocates nothing). */
  pop(out: { time: number; type: number; arg: number }): void {
    const T = this.time,
      O = this.order,
      Y = this.type,
      A = this.arg;
    out.time = T[0]!;
    out.type = Y[0]!;
    out.arg = A[0]!;
    const last = --this.n;
    if (last === 0) return;
    const lt = T[last]!,
      lo = O[last]!,
      ly = Y[last]!,
      la = A[last]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last && (T[r]! < T[c]! || (T[r]! === T[c]! && O[r]! < O[c]!))) c = r;
      const ct = T[c]!;
      if (lt < ct || (lt === ct && lo < O[c]!)) break;
      T[i] = ct;
      O[i] = O[c]!;
      Y[i] = Y[c]!;
      A[i] = A[c]!;
      i = c;
    }
    T[i] = lt;
    O[i] = lo;
    Y[i] = ly;
    A[i] = la;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    const o = new Float64Array(cap);
    o.set(this.order);
    this.order = o;
    const y = new Int32Array(cap);
    y.set(this.type);
    this.type = y;
    const a = new Int32Array(cap);
    a.set(this.arg);
    this.arg = a;
  }
}
