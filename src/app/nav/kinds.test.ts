import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nearestOfKind, type KindIndex, type NavKey } from './kinds.ts';

const idx = (ts: number[]): KindIndex => ({ n: ts.length, t: Float64Array.from(ts), row: (j) => j });
const cmp = (x: NavKey, y: NavKey): number => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

/** Every item of every pane in visiting order: the reference the binary searches must agree with. */
function brute(panes: number[][], at: NavKey, dir: 1 | -1, scope: number | null): NavKey | null {
  const all: NavKey[] = [];
  panes.forEach((ts, p) => {
    if (scope === null || scope === p) ts.forEach((t, j) => all.push([t, p, j]));
  });
  all.sort(cmp);
  const after = all.filter((k) => dir * cmp(k, at) > 0);
  return (dir > 0 ? after[0] : after[after.length - 1]) ?? null;
}

describe('nearestOfKind', () => {
  it('agrees with a sort of every item, simultaneous items included, in every pane or one', () => {
    const times = fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 12 }).map((a) => a.sort((x, y) => x - y));
    fc.assert(
      fc.property(
        fc.array(times, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: -1, max: 21 }),
        fc.constantFrom<1 | -1>(1, -1),
        fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
        (panes, t, dir, scope) => {
          const ix = panes.map(idx);
          // From the cursor (no item visited), then walking item by item to the end.
          let at: NavKey = [t, dir > 0 ? Infinity : -Infinity, 0];
          for (let k = 0; k < 60; k++) {
            const got = nearestOfKind(ix, at, dir, scope);
            expect(got).toEqual(brute(panes, at, dir, scope));
            if (!got) break;
            at = got;
          }
        },
      ),
      { seed: 9, numRuns: 300 },
    );
  });
});
