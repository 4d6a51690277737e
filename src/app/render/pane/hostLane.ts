import { firstAtOrAfter, lastAtOrBefore } from '../../../core/analysis/timeline.ts';
import type { LaneContext } from './context.ts';

/** Host MSI-X state as a band, the host IRQ counts as a step plot under it, ioctls as ticks. */
export function drawHostLane(c: LaneContext): void {
  const { ctx, L, tl, x, xl, t0, t1, P } = c;
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
