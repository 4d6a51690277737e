import { GUEST_OP_NAMES, GuestOp } from '../../core/engine/events.ts';
import {
  firstAtOrAfter,
  forHeldOverlapping,
  GBit,
  HBit,
  lastAtOrBefore,
  Outcome,
  type Timeline,
} from '../../core/analysis/timeline.ts';
import type { PaneLayout, Row } from './layout.ts';
import { binRaises } from './lod.ts';
import type { Palette } from './palette.ts';
import type { Ctx2D } from './surface.ts';

import { GUTTER, type TimeScale } from './geometry.ts';
import { labelPx } from './textScale.ts';

export { GUTTER, type TimeScale } from './geometry.ts';

const OP_SHORT: Record<number, string> = {
  ...GUEST_OP_NAMES,
  [GuestOp.LINUX_ALLOC_VECTORS]: 'alloc_irq_vectors',
  [GuestOp.LINUX_FREE_VECTORS]: 'free_irq_vectors',
  [GuestOp.LINUX_ALLOC_IRQ_AT]: 'alloc_irq_at',
};

/**
 * Draws a pane's base layer: lanes, vector-table state, host state, resize windows and every
 * raise (binned per pixel and row, worst outcome wins). Pure drawing: it reads the timeline and
 * the palette and knows nothing about the simulation.
 */
export function drawPane(
  ctx: Ctx2D,
  width: number,
  L: PaneLayout,
  tl: Timeline,
  x: TimeScale,
  P: Palette,
  hatch: CanvasPattern | null,
): void {
  const [t0, t1] = x.domain() as [number, number];
  ctx.clearRect(0, 0, width, L.height);
  ctx.font = `${labelPx(11)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  const xl = (t: number): number => Math.max(GUTTER, Math.min(width, x(t)));

  // Row backgrounds and labels.
  L.rows.forEach((r, i) => {
    if (i % 2) {
      ctx.fillStyle = P.rowAlt;
      ctx.fillRect(GUTTER, r.y, width - GUTTER, r.h);
    }
  });
  ctx.fillStyle = P.muted;
  ctx.textAlign = 'right';
  ctx.fillText('guest', GUTTER - 6, L.guest.y + L.guest.h / 2);
  ctx.fillText('host', GUTTER - 6, L.host.y + 6);
  ctx.fillText('IRQs', GUTTER - 6, L.host.y + 20);
  const labelEvery = L.rows[0] && L.rows[0].h < 7 ? 4 : 1;
  ctx.font = `${labelPx(Math.max(8, Math.min(11, (L.rows[0]?.h ?? 10) + 1)))}px ui-monospace, monospace`;
  L.rows.forEach((r, i) => {
    if (i % labelEvery && r.kind === 'vector') return;
    ctx.fillText(r.kind === 'vector' ? `v${r.v}` : `v${r.from}–${r.to}`, GUTTER - 6, r.y + r.h / 2);
  });
  ctx.textAlign = 'left';
  ctx.font = `${labelPx(11)}px system-ui, sans-serif`;

  drawGuestLane(ctx, L, tl, x, xl, t0, t1, P);
  drawHostLane(ctx, L, tl, x, xl, t0, t1, P);
  for (const r of L.rows) drawRowState(ctx, r, tl, xl, t0, t1, P, hatch);
  drawWindows(ctx, L, tl, xl, t0, t1, P);
  drawRaises(ctx, width, L, tl, x, t0, t1, P);
  drawWarnings(ctx, L, tl, x, t0, t1, P);
}

/** A warning sign per failure or spec violation: host lane for host failures, guest lane otherwise. */
function drawWarnings(ctx: Ctx2D, L: PaneLayout, tl: Timeline, x: TimeScale, t0: number, t1: number, P: Palette): void {
  const W = tl.warnings;
  let lastX = -Infinity;
  for (let k = firstAtOrAfter(W.t, t0); k < W.n && W.t[k]! <= t1; k++) {
    const px = Math.round(x(W.t[k]!));
    if (px < GUTTER || px - lastX < 10) continue;
    lastX = px;
    const cy = W.host[k] ? L.host.y + 6 : L.guest.y + L.guest.h / 2;
    ctx.fillStyle = P.lost;
    ctx.beginPath();
    ctx.moveTo(px, cy - 7);
    ctx.lineTo(px + 7, cy + 6);
    ctx.lineTo(px - 7, cy + 6);
    ctx.closePath();
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.fillRect(px - 1, cy - 3, 2, 5);
    ctx.fillRect(px - 1, cy + 3, 2, 2);
  }
}

function drawGuestLane(
  ctx: Ctx2D,
  L: PaneLayout,
  tl: Timeline,
  x: TimeScale,
  xl: (t: number) => number,
  t0: number,
  t1: number,
  P: Palette,
): void {
  const { ops } = tl;
  const y = L.guest.y + 3,
    h = L.guest.h - 6;
  let lastLabelEnd = -Infinity;
  for (let i = 0; i < ops.n; i++) {
    if (ops.end[i]! < t0 || ops.start[i]! > t1) continue;
    const a = xl(ops.start[i]!),
      b = Math.max(a + 2, xl(ops.end[i]!));
    ctx.fillStyle = P.op;
    ctx.fillRect(a, y, b - a, h);
    const label = `${OP_SHORT[ops.code[i]!]}${ops.vec[i]! >= 0 ? `(${ops.vec[i]})` : ops.code[i] === GuestOp.LINUX_ALLOC_VECTORS || ops.code[i] === GuestOp.FREEBSD_ALLOC_MSIX ? `(${ops.arg[i]})` : ''}`;
    const w0 = ctx.measureText(label).width;
    if (b - a > w0 + 6) {
      // Wide enough: the label goes inside, whatever came before.
      ctx.fillStyle = P.opText;
      ctx.fillText(label, a + 3, y + h / 2);
      lastLabelEnd = a + 3 + w0;
    } else if (a > lastLabelEnd + 4) {
      const w = w0;
      const nextStart = i + 1 < ops.n ? x(ops.start[i + 1]!) : Infinity;
      if (a + w + 8 < nextStart || b - a > w + 6) {
        ctx.fillStyle = b - a > w + 6 ? P.opText : P.text;
        ctx.fillText(label, b - a > w + 6 ? a + 3 : b + 3, y + h / 2);
        lastLabelEnd = (b - a > w + 6 ? a + 3 : b + 3) + w;
      }
    }
  }
}

function drawHostLane(
  ctx: Ctx2D,
  L: PaneLayout,
  tl: Timeline,
  x: TimeScale,
  xl: (t: number) => number,
  t0: number,
  t1: number,
  P: Palette,
): void {
  const g = tl.global;
  const y = L.host.y,
    bandH = 12;
  let i = Math.max(0, lastAtOrBefore(g.t, t0));
  let peak = 1;
  for (let k = 0; k < g.n; k++) peak = Math.max(peak, g.nAlloc[k]!);
  for (; i < g.n && g.t[i]! <= t1; i++) {
    const a = xl(g.t[i]!),
      b = xl(i + 1 < g.n ? g.t[i + 1]! : tl.endNs);
    if (b <= a) continue;
    ctx.fillStyle = g.hostEnable[i] ? P.enable : g.guestEnable[i] ? P.hostOff : P.off;
    ctx.fillRect(a, y, b - a, bandH);
    // IRQ count step line: allocated (IRTEs) as a filled step, requested as a line.
    const hA = Math.round((g.nAlloc[i]! / peak) * 12);
    ctx.fillStyle = P.alloc;
    ctx.fillRect(a, y + bandH + 15 - hA, b - a, hA);
    const hR = Math.round((g.nReq[i]! / peak) * 12);
    ctx.fillStyle = P.reqIrqfd;
    ctx.fillRect(a, y + bandH + 15 - hR, b - a, Math.min(2, hR));
  }
  // ioctl ticks on the band's lower edge.
  const io = tl.ioctls;
  for (let k = firstAtOrAfter(io.t, t0); k < io.n && io.t[k]! <= t1; k++) {
    ctx.fillStyle = io.err[k] ? P.lost : P.text;
    ctx.fillRect(Math.round(x(io.t[k]!)), y + bandH - 4, 1, 6);
  }
}

function stateAt(start: Int32Array, ts: Float64Array, v: number, t: number): { j: number; end: number } {
  const lo = start[v]!,
    hi = start[v + 1]!;
  return { j: Math.max(lo, lastAtOrBefore(ts, t, lo, hi)), end: hi };
}

function drawRowState(
  ctx: Ctx2D,
  r: Row,
  tl: Timeline,
  xl: (t: number) => number,
  t0: number,
  t1: number,
  P: Palette,
  hatch: CanvasPattern | null,
): void {
  if (r.kind === 'group') {
    drawGroupRow(ctx, r, tl, xl, t0, t1, P);
    return;
  }
  const v = r.v;
  const hostH = Math.max(2, Math.floor(r.h / 3));
  const gy = r.y + 1,
    gh = r.h - hostH - 1;
  // Guest table state.
  const G = tl.guest;
  if (v < tl.guestSize) {
    const st = stateAt(G.start, G.t, v, t0);
    const end = st.end;
    let j = st.j;
    for (; j < end && G.t[j]! <= t1; j++) {
      const a = xl(G.t[j]!),
        b = xl(j + 1 < end ? G.t[j + 1]! : tl.endNs);
      if (b <= a) continue;
      const bits = G.bits[j]!;
      if (bits & GBit.MASKED) {
        ctx.fillStyle = hatch ?? P.masked;
        ctx.fillRect(a, gy, b - a, gh);
      }
      if (bits & GBit.PENDING) {
        ctx.fillStyle = P.pending;
        ctx.fillRect(a, gy, b - a, gh);
      }
      if (bits & GBit.DATA) {
        ctx.fillStyle = P.data;
        ctx.fillRect(a, gy, b - a, 1);
      }
    }
  } else {
    ctx.fillStyle = P.off;
    ctx.fillRect(xl(t0), gy, xl(t1) - xl(t0), gh);
  }
  // Host state strip.
  const H = tl.host;
  const hs = stateAt(H.start, H.t, v, t0);
  const end = hs.end;
  let j = hs.j;
  const hy = r.y + r.h - hostH;
  for (; j < end && H.t[j]! <= t1; j++) {
    const a = xl(H.t[j]!),
      b = xl(j + 1 < end ? H.t[j + 1]! : tl.endNs);
    const bits = H.bits[j]!;
    if (b <= a || !bits) continue;
    ctx.fillStyle =
      bits & HBit.REQ_IRQFD
        ? P.reqIrqfd
        : bits & HBit.REQ_USER
          ? P.reqUser
          : bits & HBit.REQ_KVM
            ? P.reqKvm
            : bits & HBit.ALLOC
              ? P.alloc
              : P.bg;
    if (bits & (HBit.ALLOC | HBit.REQ_IRQFD | HBit.REQ_USER | HBit.REQ_KVM)) ctx.fillRect(a, hy, b - a, hostH);
    if (bits & (HBit.HOST_PBA | HBit.EVENTFD)) {
      ctx.fillStyle = bits & HBit.EVENTFD ? P.eventfd : P.hostPba;
      ctx.fillRect(a, hy - 1, b - a, Math.max(2, hostH - 1));
    }
  }
}

/** A collapsed group: how many of its entries hold a host IRQ, as intensity. */
function drawGroupRow(
  ctx: Ctx2D,
  r: Extract<Row, { kind: 'group' }>,
  tl: Timeline,
  xl: (t: number) => number,
  t0: number,
  t1: number,
  P: Palette,
): void {
  const H = tl.host;
  const events: [number, number][] = [];
  for (let v = r.from; v <= r.to; v++) {
    let prev = 0;
    for (let j = H.start[v]!; j < H.start[v + 1]!; j++) {
      const on = H.bits[j]! & HBit.ALLOC ? 1 : 0;
      if (on !== prev) events.push([H.t[j]!, on ? 1 : -1]);
      prev = on;
    }
  }
  events.sort((p, q) => p[0] - q[0]);
  const n = r.to - r.from + 1;
  ctx.fillStyle = P.off;
  ctx.globalAlpha = 0.35;
  ctx.fillRect(xl(t0), r.y + 1, xl(t1) - xl(t0), r.h - 2);
  ctx.globalAlpha = 1;
  let count = 0;
  for (let k = 0; k < events.length; k++) {
    count += events[k]![1];
    const a = xl(events[k]![0]),
      b = xl(k + 1 < events.length ? events[k + 1]![0] : tl.endNs);
    if (b <= a || count <= 0 || events[k]![0] > t1) continue;
    ctx.fillStyle = P.alloc;
    ctx.globalAlpha = 0.25 + 0.75 * (count / n);
    ctx.fillRect(a, r.y + 1, b - a, r.h - 2);
  }
  ctx.globalAlpha = 1;
}

function drawWindows(
  ctx: Ctx2D,
  L: PaneLayout,
  tl: Timeline,
  xl: (t: number) => number,
  t0: number,
  t1: number,
  P: Palette,
): void {
  const w = tl.windows;
  const top = L.host.y,
    bottom = L.height;
  for (let k = 0; k < w.n; k++) {
    if (w.close[k]! < t0 || w.open[k]! > t1) continue;
    const a = xl(w.open[k]!),
      b = Math.max(a + 2, xl(w.close[k]!));
    ctx.fillStyle = P.window;
    ctx.globalAlpha = 0.18;
    ctx.fillRect(a, top, b - a, bottom - top);
    ctx.globalAlpha = 1;
    ctx.fillRect(a, top, b - a, 12);
    ctx.fillRect(a, top, 1, bottom - top);
    ctx.fillRect(b - 1, top, 1, bottom - top);
    if (b - a > ctx.measureText('host MSI-X off').width + 6) {
      ctx.fillStyle = '#fff';
      ctx.fillText('host MSI-X off', a + 3, top + 6);
    }
  }
}

function drawRaises(
  ctx: Ctx2D,
  width: number,
  L: PaneLayout,
  tl: Timeline,
  x: TimeScale,
  t0: number,
  t1: number,
  P: Palette,
): void {
  const R = tl.raises;
  const { bins, W, lo, hi } = binRaises(tl, L, x, width, t0, t1);
  const nRows = L.rows.length;
  // Held raises: a line from when it was raised to where it ended (skipped when very dense). The
  // outcome-interval index finds every one overlapping the window, however early it was raised.
  if (hi - lo < 20_000) {
    forHeldOverlapping(tl, t0, t1, (i) => {
      const row = L.rows[L.rowOfVector[R.vec[i]!]!];
      if (!row) return;
      const a = Math.max(GUTTER, x(R.t[i]!)),
        b = Math.min(width, x(R.end[i]!));
      if (b - a < 1) return;
      ctx.fillStyle = R.outcome[i] === Outcome.LOST ? P.lost : P.late;
      ctx.globalAlpha = 0.7;
      ctx.fillRect(a, row.y + row.h / 2 - 0.5, b - a, 1);
      ctx.globalAlpha = 1;
    });
  }
  // One fillRect per run of equal outcomes along a row, fillStyle set only when it changes:
  // zoomed out, a row is a few long runs instead of thousands of 1-px rects.
  const colour = (o: number): string =>
    o === Outcome.DIRECT ? P.delivered : o === Outcome.LATE || o === Outcome.PENDING ? P.late : P.coalesced;
  let style = '';
  for (let row = 0; row < nRows; row++) {
    const r = L.rows[row]!;
    const mh = Math.max(3, r.h - 4);
    const top = r.y + r.h / 2 - mh / 2;
    const base = row * W;
    let px = GUTTER;
    while (px < W) {
      const o = bins[base + px]!;
      if (!o || o === Outcome.LOST) {
        px++;
        continue;
      }
      let end = px + 1;
      while (end < W && bins[base + end] === o) end++;
      const c = colour(o);
      if (c !== style) ctx.fillStyle = style = c;
      ctx.fillRect(px, top, end - px, mh);
      px = end;
    }
  }
  // Losses last, on top, as one path: a cross per lost bin, spaced so neighbours stay readable.
  ctx.strokeStyle = P.lost;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let row = 0; row < nRows; row++) {
    const r = L.rows[row]!;
    const cy = r.y + r.h / 2;
    const s = Math.max(3, Math.min(5, r.h / 2));
    const base = row * W;
    for (let px = GUTTER; px < W; px++) {
      if (bins[base + px] !== Outcome.LOST) continue;
      ctx.moveTo(px - s, cy - s);
      ctx.lineTo(px + s, cy + s);
      ctx.moveTo(px + s, cy - s);
      ctx.lineTo(px - s, cy + s);
      px += 3;
    }
  }
  ctx.stroke();
  ctx.lineWidth = 1;
}
