import { GBit, HBit, lastAtOrBefore } from '../../../core/analysis/timeline.ts';
import { GUTTER } from '../geometry.ts';
import type { Row } from '../layout.ts';
import { labelPx } from '../textScale.ts';
import type { LaneContext } from './context.ts';

/** Alternate row backgrounds and the gutter's lane and row labels. */
export function drawRowLabels(c: LaneContext): void {
  const { ctx, width, L, P } = c;
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
  // Rows under 7 px label every fourth vector: the labels would touch.
  const labelEvery = L.rows[0] && L.rows[0].h < 7 ? 4 : 1;
  ctx.font = `${labelPx(Math.max(8, Math.min(11, (L.rows[0]?.h ?? 10) + 1)))}px ui-monospace, monospace`;
  L.rows.forEach((r, i) => {
    if (i % labelEvery && r.kind === 'vector') return;
    ctx.fillText(r.kind === 'vector' ? `v${r.v}` : `v${r.from}–${r.to}`, GUTTER - 6, r.y + r.h / 2);
  });
  ctx.textAlign = 'left';
}

function stateAt(start: Int32Array, ts: Float64Array, v: number, t: number): { j: number; end: number } {
  const lo = start[v]!,
    hi = start[v + 1]!;
  return { j: Math.max(lo, lastAtOrBefore(ts, t, lo, hi)), end: hi };
}

/** One vector row: the guest's table entry (masked, pending, data) over the host's state for it. */
export function drawRowState(c: LaneContext, r: Row): void {
  if (r.kind === 'group') {
    drawGroupRow(c, r);
    return;
  }
  const { ctx, tl, xl, t0, t1, P, hatch } = c;
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
function drawGroupRow(c: LaneContext, r: Extract<Row, { kind: 'group' }>): void {
  const { ctx, tl, xl, t0, t1, P } = c;
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
