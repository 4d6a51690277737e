import { GBit, type Timeline } from '../../core/analysis/timeline.ts';

/** A row of the vector lanes: one vector, or a collapsed group of idle vectors. */
export type Row =
  | { kind: 'vector'; v: number; y: number; h: number }
  | { kind: 'group'; from: number; to: number; key: string; y: number; h: number };

export interface PaneLayout {
  height: number;
  guest: { y: number; h: number };
  host: { y: number; h: number };
  vectorsTop: number;
  rows: Row[];
  /** Row index by vector (the group row for collapsed vectors), -1 if beyond the guest table. */
  rowOfVector: Int32Array;
}

export const LANE_GUEST = 18;
export const LANE_HOST = 28;
const GAP = 3;
/** Tables up to this size show every entry; larger ones collapse idle entries into groups. */
export const SHOW_ALL_UP_TO = 32;
const GROUP_MAX = 256;

/** Vectors the run touched: raised, unmasked at some point, or named by a driver operation. */
export function activeVectors(tl: Timeline): Uint8Array {
  const act = new Uint8Array(tl.size);
  for (let i = 0; i < tl.raises.n; i++) act[tl.raises.vec[i]!] = 1;
  for (let i = 0; i < tl.ops.n; i++) if (tl.ops.vec[i]! >= 0 && tl.ops.vec[i]! < tl.size) act[tl.ops.vec[i]!] = 1;
  const g = tl.guest;
  for (let v = 0; v < tl.size; v++) {
    for (let j = g.start[v]!; j < g.start[v + 1]!; j++) if (!(g.bits[j]! & GBit.MASKED)) act[v] = 1;
  }
  return act;
}

/**
 * Lays out one pane: the guest-driver lane, the host lane, then one row per vector. Large
 * tables keep their active vectors as rows and fold each run of idle ones into a group row
 * (at most 256 entries), which expands on demand.
 */
export function layoutPane(
  tl: Timeline,
  expanded: Record<string, boolean>,
  active: Uint8Array = activeVectors(tl),
  maxRowH = 13,
  /** Presentation mode: this exact row height (fitted to the screen), overriding the density default. */
  exactRowH?: number,
): PaneLayout {
  const n = tl.size;
  const items: ({ kind: 'vector'; v: number } | { kind: 'group'; from: number; to: number; key: string })[] = [];
  if (n <= SHOW_ALL_UP_TO) for (let v = 0; v < n; v++) items.push({ kind: 'vector', v });
  else {
    let v = 0;
    while (v < n) {
      if (active[v]) {
        items.push({ kind: 'vector', v });
        v++;
        continue;
      }
      let to = v;
      while (to + 1 < n && !active[to + 1] && to + 1 - v < GROUP_MAX) to++;
      const key = `${v}-${to}`;
      if (expanded[key]) for (let k = v; k <= to; k++) items.push({ kind: 'vector', v: k });
      else items.push({ kind: 'group', from: v, to, key });
      v = to + 1;
    }
  }
  const h =
    exactRowH ??
    Math.max(7, Math.min(maxRowH, items.length <= 12 ? 13 : items.length <= 24 ? 10 : items.length <= 64 ? 8 : 7));
  const guest = { y: 0, h: LANE_GUEST };
  const host = { y: LANE_GUEST + GAP, h: LANE_HOST };
  const vectorsTop = host.y + host.h + GAP;
  const rowOfVector = new Int32Array(n).fill(-1);
  const rows: Row[] = items.map((it, i) => {
    const y = vectorsTop + i * h;
    if (it.kind === 'vector') {
      rowOfVector[it.v] = i;
      return { ...it, y, h };
    }
    for (let k = it.from; k <= it.to; k++) rowOfVector[k] = i;
    return { ...it, y, h };
  });
  return { height: vectorsTop + rows.length * h + 2, guest, host, vectorsTop, rows, rowOfVector };
}
