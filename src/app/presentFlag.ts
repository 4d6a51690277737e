import { useLayout } from './state/layoutPrefs.ts';

/** The link flag that opens a link in presentation mode: `#v2.….…&present=1` (or `#present=1`). */
const FLAG = /(^|&)present=1(?=&|$)/;

/**
 * Splits the presentation flag off a URL fragment: the rest is the share link proper (the flag
 * sits outside its checksum). Pure; the flag is left in the address bar, so a reload presents too.
 */
export function splitPresentFlag(frag: string): { frag: string; present: boolean } {
  if (!FLAG.test(frag)) return { frag, present: false };
  return { frag: frag.replace(FLAG, '').replace(/^&/, ''), present: true };
}

/** The fragment without the flag; turns presentation mode on if the flag was there. */
export function takePresentFlag(frag: string): string {
  const r = splitPresentFlag(frag);
  if (r.present) useLayout.getState().setPresent(true);
  return r.frag;
}
