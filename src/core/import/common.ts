/**
 * What every importer shares: the one error class, the input bound, and the shape of a warning.
 * Importers are pure (no DOM, no Node, no clock): the CLI, the Worker and the tests call them alike.
 */

/** Longest text an importer reads: an lspci -vv of a large server is ~300 KB, a long trace a few MB. */
export const MAX_IMPORT_CHARS = 8 * 1024 * 1024;
/** Most lines an importer reads (a trace line is ~60 characters, so this is reached before the size). */
export const MAX_IMPORT_LINES = 200_000;
/** Unknown lines listed by line number; past this they are only counted. */
export const MAX_LISTED_UNKNOWN = 200;

/** A refused import: one line, bounded, naming the line or the device at fault. */
export class ImportError extends Error {
  constructor(message: string) {
    let m = message.replace(/[\r\n\u2028\u2029]+/g, ' ');
    if (m.length > 600) m = m.slice(0, 599) + '…';
    super(m);
    this.name = 'ImportError';
  }
}

/** Something the user should know about the imported device or trace; `code` is stable for tests and UIs. */
export interface ImportWarning {
  code: string;
  message: string;
}

/** A bounded echo of input text for messages (input text is never trusted to be short or printable). */
export function quoteInput(s: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Splits text into lines, refusing input beyond the bounds before any per-line work. */
export function boundedLines(text: string, what: string): string[] {
  if (text.length > MAX_IMPORT_CHARS)
    throw new ImportError(
      `the ${what} is ${text.length.toLocaleString('en-US')} characters; the limit is ${MAX_IMPORT_CHARS.toLocaleString('en-US')} (cut it to the part you need)`,
    );
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > MAX_IMPORT_LINES)
    throw new ImportError(
      `the ${what} has ${lines.length.toLocaleString('en-US')} lines; the limit is ${MAX_IMPORT_LINES.toLocaleString('en-US')} (cut it to the part you need)`,
    );
  return lines;
}

/** `0x1000` → "0x1000"; offsets print in hex like lspci does. */
export const hex = (n: number): string => `0x${n.toString(16)}`;
