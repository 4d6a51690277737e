import type { EvKind } from './events.ts';

/**
 * The append-only event log, stored as struct-of-arrays typed columns so that a run with 10^6
 * interrupts (a few million rows) costs ~30 bytes a row and no objects. Columns grow by doubling.
 * `seq` is the row index. The UI receives these columns (transferred, not copied) and draws from them.
 */
export interface LogColumns {
  length: number;
  t: Float64Array;
  kind: Uint8Array;
  vec: Int16Array;
  a: Int32Array;
  b: Int32Array;
  c: Int32Array;
  cause: Int32Array;
}

export class EventLog {
  length = 0;
  t = new Float64Array(1024);
  kind = new Uint8Array(1024);
  vec = new Int16Array(1024);
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  c = new Int32Array(1024);
  cause = new Int32Array(1024);

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

  /** Columns trimmed to length (copies; for transfer to the UI or for tests). */
  columns(): LogColumns {
    const n = this.length;
    return {
      length: n,
      t: this.t.slice(0, n),
      kind: this.kind.slice(0, n),
      vec: this.vec.slice(0, n),
      a: this.a.slice(0, n),
      b: this.b.slice(0, n),
      c: this.c.slice(0, n),
      cause: this.cause.slice(0, n),
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
    this.c = g(this.c, new Int32Array(cap));
    this.cause = g(this.cause, new Int32Array(cap));
  }
}

/** FNV-1a over every column of every row: the determinism fingerprint (same in Node and Worker). */
export function hashLog(log: LogColumns): string {
  let h = 0x811c9dc5;
  const mix = (x: number): void => {
    h ^= x & 0xff; h = Math.imul(h, 0x01000193);
    h ^= (x >>> 8) & 0xff; h = Math.imul(h, 0x01000193);
    h ^= (x >>> 16) & 0xff; h = Math.imul(h, 0x01000193);
    h ^= (x >>> 24) & 0xff; h = Math.imul(h, 0x01000193);
  };
  for (let i = 0; i < log.length; i++) {
    const t = log.t[i]!;
    mix(t % 4294967296);
    mix(Math.floor(t / 4294967296));
    mix(log.kind[i]!);
    mix(log.vec[i]!);
    mix(log.a[i]!);
    mix(log.b[i]!);
    mix(log.c[i]!);
    mix(log.cause[i]!);
  }
  return (h >>> 0).toString(16).padStart(8, '0') + ':' + log.length.toString(16);
}
