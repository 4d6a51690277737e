/**
 * Where the guest lane's operation labels go: pure geometry, no canvas (labels.test.ts).
 *
 * A label sits inside its operation's bar when it fits there, else just right of the bar. It never
 * overlaps another label or another operation's bar (a later operation's bar is drawn on top
 * and would cut it). A label without room for its whole text is shortened with an ellipsis to the
 * room it has, or dropped when fewer than `minChars` characters would remain: the bar itself
 * is always drawn, so the operation stays marked. The priority bar (the selected operation) is
 * placed first with its whole text, and the others make way for it.
 */

/** One operation: its bar's extent on the lane (px) and its full label. */
export interface LabelBar {
  a: number;
  b: number;
  text: string;
}

export interface PlacedLabel {
  /** Index into the bars given. */
  bar: number;
  /** Left edge of the text (px). */
  x: number;
  /** The text drawn: the full label, or a prefix of it ending in "…". */
  text: string;
  width: number;
  /** Inside its own bar (drawn in the bar's text colour) rather than after it. */
  inside: boolean;
}

export interface LabelRules {
  measure(text: string): number;
  /** Left and right edges of the lane (px): no label crosses them. */
  left?: number;
  right: number;
  /** Index of the bar whose label wins, or -1. */
  priority?: number;
  /** Space kept between a label and its neighbours (px). */
  gap?: number;
  /** Space between a bar's edge and its label (px). */
  pad?: number;
  /** Fewer characters than this before the ellipsis: the label is dropped instead. */
  minChars?: number;
}

const ELLIPSIS = '…';

export function placeLabels(bars: readonly LabelBar[], rules: LabelRules): PlacedLabel[] {
  const { measure, left = 0, right, priority = -1, gap = 4, pad = 3, minChars = 3 } = rules;
  const order = bars.map((_, i) => i).sort((i, j) => bars[i]!.a - bars[j]!.a || i - j);
  const starts = order.map((i) => bars[i]!.a);
  // Top two bar ends over each prefix of `order`: "does a bar other than i cover s?" in O(log n).
  const top1 = new Float64Array(order.length),
    top1Bar = new Int32Array(order.length),
    top2 = new Float64Array(order.length);
  let m1 = -Infinity,
    m1Bar = -1,
    m2 = -Infinity;
  order.forEach((i, k) => {
    const b = bars[i]!.b;
    if (b > m1) {
      m2 = m1;
      m1 = b;
      m1Bar = i;
    } else if (b > m2) m2 = b;
    top1[k] = m1;
    top1Bar[k] = m1Bar;
    top2[k] = m2;
  });
  /** Number of bars starting at or before s. */
  const upTo = (s: number): number => {
    let lo = 0,
      hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const coveredByOther = (s: number, own: number): boolean => {
    const k = upTo(s) - 1;
    if (k < 0) return false;
    const end = top1Bar[k] === own ? top2[k]! : top1[k]!;
    return end > s;
  };
  const nextStart = (s: number): number => {
    const k = upTo(s);
    return k < starts.length ? starts[k]! : Infinity;
  };

  const placed: PlacedLabel[] = [];
  let won: PlacedLabel | null = null;
  if (priority >= 0 && priority < bars.length) {
    const { a, b, text } = bars[priority]!;
    const w = measure(text);
    const inside = w + 2 * pad <= Math.min(b, right) - a;
    // Near the lane's end the winner moves left rather than lose its text.
    const x = inside ? a + pad : Math.max(left, Math.min(b + pad, right - w));
    if (x + w <= right) placed.push((won = { bar: priority, x, text, width: w, inside }));
  }

  let lastEnd = -Infinity;
  for (const i of order) {
    if (i === priority) continue;
    const { a, b, text } = bars[i]!;
    // The room from s rightwards: up to the next bar, the winning label or the lane's end.
    const room = (s: number, limit: number): number => {
      if (s < lastEnd + gap || coveredByOther(s, i)) return -1;
      if (won && s >= won.x - gap && s < won.x + won.width + gap) return -1;
      let end = Math.min(limit, nextStart(s) - gap);
      if (won && won.x >= s) end = Math.min(end, won.x - gap);
      return end - s;
    };
    const inRoom = room(a + pad, Math.min(b - pad, right)),
      outRoom = room(b + pad, right);
    const w = measure(text);
    let label: PlacedLabel | null = null;
    if (w <= inRoom) label = { bar: i, x: a + pad, text, width: w, inside: true };
    else if (w <= outRoom) label = { bar: i, x: b + pad, text, width: w, inside: false };
    else {
      const inside = inRoom >= outRoom;
      const short = shorten(text, inside ? inRoom : outRoom, measure, minChars);
      if (short) label = { bar: i, x: inside ? a + pad : b + pad, ...short, inside };
    }
    if (!label) continue;
    placed.push(label);
    lastEnd = label.x + label.width;
  }
  return placed.sort((p, q) => p.bar - q.bar);
}

/** The longest prefix of `text` (at least minChars characters) that fits `room` px with "…". */
export function shorten(
  text: string,
  room: number,
  measure: (s: string) => number,
  minChars: number,
): { text: string; width: number } | null {
  if (room <= 0 || text.length <= minChars) return null;
  let lo = minChars,
    hi = text.length - 1,
    best: { text: string; width: number } | null = null;
  while (lo <= hi) {
    const k = (lo + hi) >> 1;
    const t = text.slice(0, k).trimEnd() + ELLIPSIS;
    const w = measure(t);
    if (w <= room) {
      best = { text: t, width: w };
      lo = k + 1;
    } else hi = k - 1;
  }
  return best;
}
