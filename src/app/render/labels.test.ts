import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeLabels, shorten, type LabelBar, type PlacedLabel } from './labels.ts';

/** A monospace stand-in for canvas text: 7 px per character. */
const measure = (s: string): number => 7 * s.length;
const GAP = 4;

function overlaps(p: { x: number; width: number }, q: { x: number; width: number }, gap = 0): boolean {
  return p.x < q.x + q.width + gap && q.x < p.x + p.width + gap;
}

/** Every rule the lane relies on, checked on one placement. */
function checkPlacement(bars: LabelBar[], placed: PlacedLabel[], right: number, priority: number): void {
  const byBar = new Set<number>();
  for (const p of placed) {
    expect(byBar.has(p.bar), 'one label per bar').toBe(false);
    byBar.add(p.bar);
    const full = bars[p.bar]!.text;
    // The full text, or a prefix of it ending in an ellipsis; its width is what it measures.
    expect(p.text === full || (p.text.endsWith('…') && full.startsWith(p.text.slice(0, -1)))).toBe(true);
    expect(p.width).toBe(measure(p.text));
    expect(p.x + p.width).toBeLessThanOrEqual(right);
    const { a, b } = bars[p.bar]!;
    if (p.inside) expect(p.x >= a && p.x + p.width <= b).toBe(true);
    else if (p.bar !== priority) expect(p.x).toBeGreaterThanOrEqual(b);
    if (p.bar === priority) continue;
    // No other bar under the label (it would be drawn over the text).
    for (let j = 0; j < bars.length; j++)
      if (j !== p.bar) expect(overlaps(p, { x: bars[j]!.a, width: bars[j]!.b - bars[j]!.a })).toBe(false);
  }
  for (let i = 0; i < placed.length; i++)
    for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i]!, placed[j]!)).toBe(false);
}

const arbBars = fc
  .array(
    fc.record({
      a: fc.integer({ min: 72, max: 1200 }),
      len: fc.integer({ min: 2, max: 300 }),
      text: fc.constantFrom('alloc_irq_vectors(4)', 'request_irq(3)', 'enable_irq(12)', 'free_irq(1)', 'mask(0)'),
    }),
    { maxLength: 40 },
  )
  .map((xs) => xs.map(({ a, len, text }) => ({ a, b: a + len, text })));

describe('placeLabels', () => {
  it('never overlaps two labels, nor a label and another bar, on random lanes (with and without a winner)', () => {
    fc.assert(
      fc.property(
        arbBars,
        fc.integer({ min: -1, max: 39 }),
        fc.integer({ min: 300, max: 1400 }),
        (bars, pri, right) => {
          const priority = pri < bars.length ? pri : -1;
          const placed = placeLabels(bars, { measure, right, priority, gap: GAP });
          checkPlacement(bars, placed, right, priority);
          if (priority >= 0 && measure(bars[priority]!.text) <= right - bars[priority]!.a)
            expect(placed.find((p) => p.bar === priority)?.text).toBe(bars[priority]!.text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('puts a label inside a bar that holds it, after a bar that does not, and keeps whole texts with room', () => {
    const bars = [
      { a: 100, b: 300, text: 'alloc_irq_vectors(4)' }, // 140 px of text in a 200 px bar
      { a: 400, b: 404, text: 'request_irq(3)' }, // a thin bar: the label goes after it
    ];
    const placed = placeLabels(bars, { measure, right: 1000 });
    expect(placed).toEqual([
      { bar: 0, x: 103, text: 'alloc_irq_vectors(4)', width: 140, inside: true },
      { bar: 1, x: 407, text: 'request_irq(3)', width: 98, inside: false },
    ]);
  });

  it('shortens a label that runs into the next bar, and drops one with no room, leaving its bar marked', () => {
    // The data-hack lane at 1920x1080: alloc_irq_vectors(4) is followed closely by two more ops.
    const bars = [
      { a: 100, b: 104, text: 'alloc_irq_vectors(4)' },
      { a: 170, b: 172, text: 'request_irq(0)' },
      { a: 174, b: 176, text: 'request_irq(1)' },
      { a: 600, b: 602, text: 'enable_irq(2)' },
    ];
    const placed = placeLabels(bars, { measure, right: 1000, gap: GAP });
    const first = placed.find((p) => p.bar === 0)!;
    expect(first.text).toBe('alloc_i…'); // 59 px of room: 8 characters of 7 px
    expect(first.x + first.width).toBeLessThanOrEqual(170 - GAP);
    expect(placed.some((p) => p.bar === 1)).toBe(false); // 2 px before the next bar: dropped
    expect(placed.find((p) => p.bar === 2)?.text).toBe('request_irq(1)');
    expect(placed.find((p) => p.bar === 3)?.text).toBe('enable_irq(2)');
  });

  it("gives the selected op's label its whole text; its neighbours make way", () => {
    const bars = [
      { a: 100, b: 104, text: 'alloc_irq_vectors(4)' },
      { a: 170, b: 172, text: 'request_irq(0)' },
    ];
    const free = placeLabels(bars, { measure, right: 1000 });
    expect(free.find((p) => p.bar === 1)?.text).toBe('request_irq(0)');
    const chosen = placeLabels(bars, { measure, right: 1000, priority: 0 });
    expect(chosen.find((p) => p.bar === 0)).toMatchObject({ text: 'alloc_irq_vectors(4)', x: 107 });
    expect(chosen.some((p) => p.bar === 1)).toBe(false); // it would sit under the winner
  });

  it('keeps a winning label inside the lane at its right edge', () => {
    const placed = placeLabels([{ a: 950, b: 952, text: 'request_irq(3)' }], { measure, right: 1000, priority: 0 });
    expect(placed[0]!.x + placed[0]!.width).toBeLessThanOrEqual(1000);
    expect(placed[0]!.text).toBe('request_irq(3)');
  });
});

describe('shorten', () => {
  it('keeps the longest prefix that fits with an ellipsis, and gives up below the minimum', () => {
    expect(shorten('request_irq(3)', 7 * 8, measure, 3)).toEqual({ text: 'request…', width: 56 });
    expect(shorten('request_irq(3)', 7 * 3, measure, 3)).toBeNull();
    expect(shorten('abc', 100, measure, 3)).toBeNull();
  });
});
