/**
 * Text readouts that change while playing (the time readout, the Registers panel). Playback moves
 * the cursor every frame; writing these every frame made each frame's compositor commit carry a
 * relayout and a repaint of wide page regions (measured: most playback long tasks were Commit).
 * So while playing they are refreshed at most every READOUT_MS (ten times a second), and
 * exactly once more when playback stops; when paused they follow every cursor move.
 */
export const READOUT_MS = 100;

/**
 * Sets an element's text by editing its single Text node in place: `textContent =` replaces the
 * node (remove + insert, a layout-tree change) even for a same-length label. No-op when unchanged.
 */
export function setText(el: HTMLElement | null | undefined, text: string): void {
  if (!el) return;
  const first = el.firstChild;
  if (first && first === el.lastChild && first.nodeType === Node.TEXT_NODE) {
    const node = first as Text;
    if (node.data !== text) node.data = text;
  } else if (el.textContent !== text) el.textContent = text;
}

/** A gate for readouts: true when a refresh is due (always when not playing). */
export function readoutGate(): (playing: boolean, now: number) => boolean {
  let last = -Infinity;
  return (playing, now) => {
    if (playing && now - last < READOUT_MS) return false;
    last = now;
    return true;
  };
}
