import { describe, expect, it } from 'vitest';
import { lastOverlay, resetOverlays } from './testHooks.ts';

describe('the overlay record of the test hook', () => {
  it('a new run leaves no holes: every pane reads as not drawn until it draws (issue 9 bug)', () => {
    resetOverlays(4);
    expect(lastOverlay).toHaveLength(4);
    // `length = n` made holes, which `every` skips: "drawn" was reported before anything was drawn.
    expect(Object.keys(lastOverlay)).toEqual(['0', '1', '2', '3']);
    expect(lastOverlay.every((o) => o !== null)).toBe(false);
    lastOverlay[0] = {
      cursor: 0,
      hoverRaise: -1,
      selectedRaise: -1,
      x: 0,
      rowCentre: {},
      vectorsTop: 0,
      flash: 0,
      veilFrom: -1,
      rowH: 13,
      labelPx: 11,
    };
    expect(lastOverlay.every((o) => o !== null)).toBe(false);
    // A run with fewer panes drops the old panes' records.
    resetOverlays(2);
    expect(lastOverlay).toEqual([null, null]);
  });
});
