import type { EvKind } from './events.ts';

/**
 * The event log, stored as struct-of-arrays typed columns so that a run with 10^6 interrupts (a
 * few million rows) costs ~31 bytes a row and no objects. Columns grow by doubling. `seq` is the row
 * index. Rows are appended in time order and never removed or reordered; two writers complete a row
 * after appending it (World.deliver folds a same-instant delivery's path into its RAISE row's `c`;
 * an ioctl's row gets its errno in `c` when it returns). `columns()` trims the arrays to the length
 * (a copy unless exactly full); the Worker transfers those to the page and keeps none.
 */
export interface LogColumns {
  length: number;
  t: Float64Array;
  kind: Uint8Array;
  vec: Int16Array;
  a: Int32Array;
  b: Int32Array;
  /** Float64: holds durations (ns) and 32-bit register values without overflow. */
  c: Float64Array;
  cause: Int32Array;
}

export class EventLog {
  length = 0;
  t: Float64Array;
  kind: Uint8Array;
  vec: Int16Array;
  a: Int32Array;
  b: Int32Array;
  c: Float64Array;
  cause: Int32Array;

  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.t = new Float64Array(n);
    this.kind = new Uint8Array(n);
    this.vec = new Int16Array(n);
    this.a = new Int32Array(n);
    this.b = new Int32Array(n);
    this.c = new Float64Array(n);
    this.cause = new Int32Array(n);
  }

  /** Appends a row and returns its seq. */
  push(t: number, kind: EvKind, vec: number, a: number, b: number, c: number, cause: number): number {
    const i = this.length;
    if (i === this.t.length) this.grow();
    this.t[i] = t;
    this.kind[i] = kind;
    this.vec[i] = vec;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    this.cause[i] = cause;
    this.length = i + 1;
    return i;
  }

  /**
   * push without writing c, which stays 0: every slot at or beyond `length` is zero, because the
   * columns start zeroed, grow() copies into zeroed arrays, and rows are only ever appended.
   */
  pushNoC(t: number, kind: EvKind, vec: number, a: number, b: number, cause: number): number {
    const i = this.length;
    if (i === this.t.length) this.grow();
    this.t[i] = t;
    this.kind[i] = kind;
    this.vec[i] = vec;
    this.a[i] = a;
    this.b[i] = b;
    this.cause[i] = cause;
    this.length = i + 1;
    return i;
  }

  /** Columns trimmed to length: views when the columns are exactly full, else copies. */
  columns(): LogColumns {
    const n = this.length;
    const cut = <T extends Float64Array | Uint8Array | Int16Array | Int32Array>(x: T): T =>
      x.length === n ? x : (x.slice(0, n) as T);
    return {
      length: n,
      t: cut(this.t),
      kind: cut(this.kind),
      vec: cut(this.vec),
      a: cut(this.a),
      b: cut(this.b),
      c: cut(this.c),
      cause: cut(this.cause),
    };
  }

  private grow(): void {
    const cap = this.t.length * 2;
    const g = <T extends Float64Array | Uint8Array | Int16Array | Int32Array>(x: T, y: T): T => {
      y.set(x);
      return y;
    };
    this.t = g(this.t, new Float64Array(cap));
    this.kind = g(this.kind, new Uint8Array(cap));
    this.vec = g(this.vec, new Int16Array(cap));
    this.a = g(this.a, new Int32Array(cap));
    this.b = g(this.b, new Int32Array(cap));
    this.c = g(this.c, new Float64Array(cap));
    this.cause = g(this.cause, new Int32Array(cap));
  }
}

/** FNV-1a over every column of every row: the determinism fingerprint (same in Node and Worker). */
export function hashLog(log: LogColumns): string {
  let h = 0x811c9dc5;
  const mix = (x: number): void => {
    h ^= x & 0xff;
    h = Math.imul(h, 0x01000193);
    h ^= (x >>> 8) & 0xff;
    h = Math.imul(h, 0x01000193);
    h ^= (x >>> 16) & 0xff;
    h = Math.imul(h, 0x01000193);
    h ^= (x >>> 24) & 0xff;
    h = Math.imul(h, 0x01000193);
  };
  for (let i = 0; i < log.length; i++) {
    const t = log.t[i]!;
    mix(t % 4294967296);
    mix(Math.floor(t / 4294967296));
    mix(log.kind[i]!);
    mix(log.vec[i]!);
    mix(log.a[i]!);
    mix(log.b[i]!);
    const c = log.c[i]!;
    mix(c % 4294967296);
    mix(Math.floor(c / 4294967296));
    mix(log.cause[i]!);
  }
  return (h >>> 0).toString(16).padStart(8, '0') + ':' + log.length.toString(16);
}
