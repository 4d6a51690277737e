/**
 * The narration's tiny markup, parsed to data the page renders as text nodes (never HTML, so a
 * shared lesson cannot inject markup): a blank line separates paragraphs, `code` is code and
 * *emphasis* is emphasis. Anything else is literal text, including a lone * or `.
 */
export type Inline = { kind: 'text' | 'code' | 'em'; text: string };
export type Paragraph = Inline[];

/** `code` first (an asterisk inside code is literal), then *emphasis* (no newline or space just inside). */
const TOKEN = /`([^`\n]+)`|\*([^*\s](?:[^*\n]*[^*\s])?)\*/g;

function inlines(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'code', text: m[1] });
    else out.push({ kind: 'em', text: m[2]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Paragraphs of inline runs; single newlines inside a paragraph become spaces. */
export function parseNarration(text: string): Paragraph[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim().replace(/\s*\n\s*/g, ' '))
    .filter((p) => p !== '')
    .map(inlines);
}

/** The narration as plain words (a screen-reader announcement, a step list's label). */
export function narrationText(text: string): string {
  return parseNarration(text)
    .map((p) => p.map((x) => x.text).join(''))
    .join(' ');
}
