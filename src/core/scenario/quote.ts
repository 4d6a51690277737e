/** How much of an offending value an error message may echo. */
export const MAX_QUOTE = 80;

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A field name as echoed in a message: at most MAX_QUOTE characters, noting the full length. */
export function quoteKey(k: string): string {
  return k.length > MAX_QUOTE ? `${k.slice(0, MAX_QUOTE)}… (${k.length.toLocaleString('en-US')} characters)` : k;
}

/**
 * A bounded, one-line rendering of any JSON value: at most ~MAX_QUOTE characters, nesting
 * shown to depth 3 at most. Never recurses deeper, never stringifies more than it shows.
 */
export function preview(v: unknown, max: number = MAX_QUOTE): string {
  let out = '';
  const put = (s: string): boolean => {
    out += s;
    return out.length <= max;
  };
  const walk = (x: unknown, depth: number): boolean => {
    if (typeof x === 'string') return put(JSON.stringify(clip(x, max)));
    if (x === null || typeof x !== 'object') return put(String(x));
    if (depth >= 3) return put(Array.isArray(x) ? '[…]' : '{…}');
    if (Array.isArray(x)) {
      if (!put('[')) return false;
      for (let i = 0; i < x.length; i++) if (!put(i ? ',' : '') || !walk(x[i], depth + 1)) return false;
      return put(']');
    }
    if (!put('{')) return false;
    let first = true;
    for (const k in x) {
      if (
        !put(`${first ? '' : ','}${JSON.stringify(clip(k, max))}:`) ||
        !walk((x as Record<string, unknown>)[k], depth + 1)
      )
        return false;
      first = false;
    }
    return put('}');
  };
  walk(v, 0);
  return clip(out, max);
}

/** "a"/"an" + a type name, for "must be an object". */
export function article(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
