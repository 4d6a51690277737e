import { GUEST_OP_NAMES, GuestOp } from '../../../core/engine/events.ts';
import type { Timeline } from '../../../core/analysis/timeline.ts';
import { GUTTER } from '../geometry.ts';
import { placeLabels, type LabelBar } from '../labels.ts';
import type { LaneContext } from './context.ts';

const OP_SHORT: Record<number, string> = {
  ...GUEST_OP_NAMES,
  [GuestOp.LINUX_ALLOC_VECTORS]: 'alloc_irq_vectors',
  [GuestOp.LINUX_FREE_VECTORS]: 'free_irq_vectors',
  [GuestOp.LINUX_ALLOC_IRQ_AT]: 'alloc_irq_at',
};

/** "request_irq(3)", "alloc_irq_vectors(4)": the op's short name and its vector or count. */
export function opLabel(ops: Timeline['ops'], i: number): string {
  const code = ops.code[i]!;
  const arg =
    ops.vec[i]! >= 0
      ? `(${ops.vec[i]})`
      : code === GuestOp.LINUX_ALLOC_VECTORS || code === GuestOp.FREEBSD_ALLOC_MSIX
        ? `(${ops.arg[i]})`
        : '';
  return `${OP_SHORT[code]}${arg}`;
}

/**
 * The guest driver's operations as bars, labelled where a label fits (render/labels.ts: no two
 * labels overlap, a label never lies under another bar, the selected op's label wins, the rest
 * are shortened with an ellipsis or dropped while their bar stays).
 */
export function drawGuestLane(c: LaneContext): void {
  const { ctx, L, tl, xl, t0, t1, P } = c;
  const { ops } = tl;
  const y = L.guest.y + 3,
    h = L.guest.h - 6;
  const bars: LabelBar[] = [];
  const opOf: number[] = [];
  ctx.fillStyle = P.op;
  for (let i = 0; i < ops.n; i++) {
    if (ops.end[i]! < t0 || ops.start[i]! > t1) continue;
    const a = xl(ops.start[i]!),
      b = Math.max(a + 2, xl(ops.end[i]!));
    ctx.fillRect(a, y, b - a, h);
    bars.push({ a, b, text: opLabel(ops, i) });
    opOf.push(i);
  }
  const priority = opOf.indexOf(c.selectedOp);
  const placed = placeLabels(bars, {
    measure: (s) => ctx.measureText(s).width,
    left: GUTTER,
    right: c.width,
    priority,
  });
  for (const p of placed) {
    if (p.bar === priority && !p.inside) {
      // The winner may lie over other bars: a backing keeps it legible.
      ctx.fillStyle = P.bg;
      ctx.fillRect(p.x - 2, y, p.width + 4, h);
    }
    ctx.fillStyle = p.inside ? P.opText : P.text;
    ctx.fillText(p.text, p.x, y + h / 2);
  }
}
