import {
  Ev,
  EV_NAMES,
  GUEST_OP_NAMES,
  IGNORE_NAMES,
  IOCTL_NAMES,
  LOSS_NAMES,
  NOTE_NAMES,
  PATH_NAMES,
  PLACE_NAMES,
  TARGET_NAMES,
} from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';

const WORD = ['addr_lo', 'addr_hi', 'data', 'ctrl'];
const hex = (x: number): string => '0x' + (x >>> 0).toString(16);

/** The fields of one log row, in words (used by golden files, the CLI's log format and the UI's event table). */
export function describeRow(log: LogColumns, i: number): string {
  const v = log.vec[i]!, a = log.a[i]!, b = log.b[i]!, c = log.c[i]!;
  switch (log.kind[i]) {
    case Ev.GUEST_OP: return `${GUEST_OP_NAMES[a]}${v >= 0 ? `(${v})` : ''} op=${b}${a === 3 || a === 10 ? ` n=${c}` : ''}`;
    case Ev.CFG_WRITE: return `cap+${a} size=${b} value=${hex(c)}`;
    case Ev.CTRL: return `msg_ctrl ${hex(b)} -> ${hex(a)}${a & 0x8000 ? ' ENABLE' : ''}${a & 0x4000 ? ' MASKALL' : ''}`;
    case Ev.TBL_WRITE: return `v${v}.${WORD[a]} ${hex(c)} -> ${hex(b)}`;
    case Ev.GUEST_MASK: return `v${v} ${a ? 'masked' : 'unmasked'}`;
    case Ev.GUEST_PBA_CLR: return `v${v}${a ? ' discarded' : ''}`;
    case Ev.IGNORED: return `${v >= 0 ? `v${v} ` : ''}${IGNORE_NAMES[a]}`;
    case Ev.IOCTL: return `${IOCTL_NAMES[a]}${v >= 0 ? ` start=${v}` : ''} count=${b}${c ? ` err=${c}` : ''}`;
    case Ev.HOST_ENABLE: return `vectors=${a}`;
    case Ev.HOST_DISABLE: return '';
    case Ev.HOST_ALLOC: case Ev.HOST_FREE: case Ev.HOST_FREE_IRQ: return `v${v}`;
    case Ev.HOST_ALLOC_FAIL: return `${v >= 0 ? `v${v} ` : ''}want=${a} budget=${b}`;
    case Ev.HOST_REQUEST: return `v${v} -> ${TARGET_NAMES[a]}`;
    case Ev.HOST_REQUEST_FAIL: return `v${v} cpu=${a} budget=${b}`;
    case Ev.HOST_PBA_CLR: return `v${v} ${a ? 'dropped' : 'sent'}`;
    case Ev.EFD_CLR: return `v${v} ${a ? 'discarded' : 'read'}`;
    case Ev.QEMU_HANDLER: return `v${v} ${a ? 'installed' : 'removed'}`;
    case Ev.WINDOW_OPEN: return `nr_vectors=${a} length=${c}ns`;
    case Ev.WINDOW_CLOSE: return `after ${c}ns`;
    case Ev.RAISE: return `v${v} #${a}${b >= 0 ? ` stream=${b}` : ' mailbox-reply'}${c ? ` -> delivered via ${PATH_NAMES[c]}` : ''}`;
    case Ev.DELIVER: return `v${v} #${a} via ${PATH_NAMES[b]}${c ? ` late=${c}ns` : ''}`;
    case Ev.PEND: return `v${v} #${a} in ${PLACE_NAMES[b]}`;
    case Ev.COALESCE: return `v${v} #${a} into #${c} in ${PLACE_NAMES[b]}`;
    case Ev.LOST: return `v${v} #${a} ${LOSS_NAMES[b]}`;
    case Ev.NOTE: return `${NOTE_NAMES[a]}${v >= 0 ? ` v${v}` : ''}${b || c ? ` ${b}${c ? `/${c}` : ''}` : ''}`;
    case Ev.MAILBOX: return `${a ? 'ok' : 'TIMEOUT'} waited=${c}ns`;
    default: return '';
  }
}

/** One readable line per log row: time, seq, kind, fields, cause. Used for golden files. */
export function goldenText(log: LogColumns, from = 0, to = log.length): string {
  const lines: string[] = [];
  for (let i = from; i < to; i++) {
    const cause = log.cause[i]!;
    lines.push(`${String(log.t[i]).padStart(9)}  ${String(i).padStart(4)}  ${EV_NAMES[log.kind[i]!]!.padEnd(15)} ${describeRow(log, i)}${cause >= 0 ? `  <- ${cause}` : ''}`.trimEnd());
  }
  return lines.join('\n');
}

/**
 * The golden form of a log, kept reviewable without dropping information:
 * - runs of raises delivered in the same instant (RAISE rows with c > 0) become one line with
 *   their count per vector;
 * - runs of rows that differ only in their vector number (same time, kind and cause, vectors
 *   ascending by one: a 2048-entry mask-all, a 1501-vector allocation) become one "vA..vB" line.
 */
export function condensedGolden(log: LogColumns): string {
  const lines: string[] = [];
  let n = 0;
  let first = 0, last = 0;
  const per = new Map<number, number>();
  const flush = (): void => {
    if (n === 0) return;
    const vs = [...per.entries()].sort((x, y) => x[0] - y[0]).map(([v, k]) => `v${v}:${k}`).join(' ');
    lines.push(`${String(first).padStart(9)}  ....  ${n} raise${n > 1 ? 's' : ''} delivered directly until t=${last} (${vs})`);
    n = 0;
    per.clear();
  };
  const sig = (i: number): string => `${log.t[i]}|${log.kind[i]}|${log.cause[i]}|${describeRow(log, i).replace(/\bv\d+\b/, 'v*')}`;
  for (let i = 0; i < log.length; i++) {
    if (log.kind[i] === Ev.RAISE && log.c[i]! > 0) {
      if (n === 0) first = log.t[i]!;
      last = log.t[i]!;
      n++;
      per.set(log.vec[i]!, (per.get(log.vec[i]!) ?? 0) + 1);
      continue;
    }
    flush();
    let j = i;
    if (log.vec[i]! >= 0 && log.kind[i] !== Ev.RAISE) {
      const s0 = sig(i);
      while (j + 1 < log.length && log.vec[j + 1] === log.vec[j]! + 1 && sig(j + 1) === s0) j++;
    }
    if (j - i >= 2) {
      const line = goldenText(log, i, i + 1).replace(/\bv\d+\b/, `v${log.vec[i]}..v${log.vec[j]}`);
      lines.push(`${line}  [${j - i + 1} rows ${i}..${j}]`);
      i = j;
    } else lines.push(goldenText(log, i, i + 1));
  }
  flush();
  return lines.join('\n') + '\n';
}
