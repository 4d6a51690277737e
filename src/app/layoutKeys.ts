import { useLayout } from './state/layoutPrefs.ts';
import { cycleKind, navStep, toggleScope } from './nav/nav.ts';

/** The issue-9 layout and navigation keys (listed in the help; keyboard.ts calls this). */
export const LAYOUT_SHORTCUTS: [string, string][] = [
  [', / .', 'previous / next item of the chosen kind (loss, resize window, failure ▲, guest operation)'],
  ['[ / ]', 'choose the kind , and . step through'],
  ['\\', 'step through every pane / only the selected pane'],
  ['P', 'presentation mode (large type, panes fitted to the screen, pointer highlight)'],
  ['G', 'glossary of the jargon'],
];

/**
 * True for a single-character key (letter, digit, punctuation): WCAG 2.1.4 lets the user turn
 * these shortcuts off. Space, arrows, Home/End and Esc are not character keys and stay on.
 */
export function isCharacterKey(key: string): boolean {
  return key.length === 1 && key !== ' ';
}

/** Handles one of the keys above (`k` already lower-cased); true if it was one. */
export function layoutKey(k: string): boolean {
  const L = useLayout.getState();
  if (k === 'p') L.togglePresent();
  else if (k === 'g') L.openGlossary();
  else if (k === ']') cycleKind(1);
  else if (k === '[') cycleKind(-1);
  else if (k === '.' || k === '>') navStep(1);
  else if (k === ',' || k === '<') navStep(-1);
  else if (k === '\\') toggleScope();
  else return false;
  return true;
}
