import { LinkError } from './errors.ts';

/**
 * JSON.parse behind a linear pre-scan of the nesting depth, so a link that nests thousands of
 * arrays deep is refused here with a message instead of overflowing the stack later (in
 * JSON.parse itself, a validator or JSON.stringify). Strings are skipped with their escapes, so
 * brackets inside strings do not count. (The scenario parser is getting its own bounded parse;
 * the two can share one once it lands.)
 */
export function parseBoundedJson(text: string, maxDepth: number): unknown {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: a backslash escapes the next character.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth)
        throw new LinkError(
          'too-deep',
          `the link's data nests deeper than ${maxDepth} levels: it is not a link msix-lab writes`,
        );
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new LinkError('json', 'the link is damaged: its data is not valid JSON');
  }
}
