/**
 * Canvas label scale: 1 normally; presentation mode raises it so an 11 px label draws at 14 px
 * (legible from the back of a room at 1280×720). Read by drawPane on every base redraw.
 */
let scale = 1;
export const PRESENT_LABEL_SCALE = 1.3;

export function setLabelScale(s: number): void {
  scale = s;
}

/** A canvas label size in px for a design size of `base` px. */
export function labelPx(base: number): number {
  return Math.round(base * scale);
}
