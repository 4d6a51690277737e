import { visit, type ParseErrorCode } from 'jsonc-parser';
import { ScenarioError } from './error.ts';
import { quoteKey } from './quote.ts';

/**
 * Scenario text → plain JSON value, refusing before anything recursive touches the text:
 * oversized text, nesting deeper than MAX_DEPTH (a linear scan), syntax errors (one line with
 * line and column) and duplicate keys (JSON.parse would silently keep the last one).
 */

/** Largest scenario text accepted: 100 000 pretty-printed steps fit several times over. */
export const MAX_SCENARIO_CHARS = 32 * 1024 * 1024;
/** Deepest nesting accepted. A valid scenario nests 3 levels (object → steps → step). */
export const MAX_DEPTH = 16;

const SYNTAX: Record<number, string> = {
  1: 'unexpected character (not JSON)',
  2: 'invalid number',
  3: 'expected a double-quoted property name',
  4: 'expected a value',
  5: 'expected ":"',
  6: 'expected "," or the end of the object or array',
  7: 'expected "}"',
  8: 'expected "]"',
  9: 'unexpected text after the end of the JSON value',
  10: 'comments are not allowed in JSON',
  11: 'unterminated comment',
  12: 'unterminated string',
  13: 'unterminated number',
  14: 'invalid unicode escape',
  15: 'invalid escape character in a string',
  16: 'invalid control character in a string (escape it)',
};

function lineCol(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `line ${line}, column ${offset - last}`;
}

/** Linear pre-scan: throws if `[`/`{` nest deeper than MAX_DEPTH outside strings. */
export function checkDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH)
        throw new ScenarioError(
          `too deeply nested: more than ${MAX_DEPTH} levels of [ ] or { } at ${lineCol(text, i)} (a scenario nests 3)`,
        );
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

/** Strict JSON (no comments, no trailing commas, no duplicate keys) → value. Throws ScenarioError. */
export function parseJsonStrict(text: string): unknown {
  if (text.length > MAX_SCENARIO_CHARS) {
    throw new ScenarioError(
      `scenario text too large: ${text.length.toLocaleString('en-US')} characters, the limit is ${MAX_SCENARIO_CHARS.toLocaleString('en-US')}`,
    );
  }
  checkDepth(text);
  // jsonc-parser's visitor recurses once per nesting level: safe after checkDepth.
  const keys: Set<string>[] = [];
  visit(
    text,
    {
      onObjectBegin: () => {
        keys.push(new Set());
      },
      onObjectEnd: () => {
        keys.pop();
      },
      onObjectProperty: (key, offset, _len, _line, _col, pathOf) => {
        const seen = keys[keys.length - 1];
        if (!seen) return;
        if (seen.has(key)) {
          const path = [...pathOf(), key]
            .map((k) => (typeof k === 'number' ? `[${k}]` : `.${quoteKey(k)}`))
            .join('')
            .replace(/^\./, '');
          throw new ScenarioError(
            `duplicate field ${JSON.stringify(quoteKey(key))} at ${lineCol(text, offset)} (JSON would silently keep the last one)`,
            path,
          );
        }
        seen.add(key);
      },
      onError: (code: ParseErrorCode, offset: number) => {
        throw new ScenarioError(`malformed JSON at ${lineCol(text, offset)}: ${SYNTAX[code] ?? 'syntax error'}`);
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  try {
    return JSON.parse(text);
  } catch (e) {
    // jsonc-parser accepted what JSON.parse refuses (should not happen): still one short line.
    throw new ScenarioError(`malformed JSON: ${(e as Error).message.replace(/\s+/g, ' ').slice(0, 120)}`);
  }
}
