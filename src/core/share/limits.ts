/**
 * Bounds on the work one link may cause. Every decode is linear in the link's length (capped
 * here), inflates at most MAX_INFLATED_BYTES and parses JSON at most MAX_JSON_DEPTH deep, so a
 * hostile link (deflate bomb, deep nesting, megabytes of text) is refused in milliseconds.
 */

/** Longest link text accepted (Chromium's URL limit is 2 MB; real links are far shorter). */
export const MAX_LINK_CHARS = 2_000_000;
/**
 * Decompressed payload cap: a deflate bomb stops here. About 90 000 simple steps fit; a link to
 * such a scenario is hundreds of KB long, far past LINK_FILE_CHARS, so a file is the way anyway.
 */
export const MAX_INFLATED_BYTES = 4 * 1024 * 1024;
/** JSON nesting cap (a v2 payload nests 4 deep, a scenario 3 more). */
export const MAX_JSON_DEPTH = 32;
/** Longest sender's note. */
export const MAX_NOTE_CHARS = 500;
/** Panes the page can show; a link lists 1..MAX_LINK_POLICIES policies. */
export const MAX_LINK_POLICIES = 6;

/** Above this many characters some mail clients and chat tools wrap or cut a link. */
export const LINK_WARN_CHARS = 2_000;
/** Above this, a scenario file is the better way to share (some servers and tools refuse longer URLs). */
export const LINK_FILE_CHARS = 8_000;

export type LinkSizeAdvice =
  { level: 'ok'; length: number } | { level: 'warn' | 'file'; length: number; message: string };

/** What to tell the sender about a link of `length` characters (the page and the CLI both use this). */
export function linkSizeAdvice(length: number): LinkSizeAdvice {
  if (length > LINK_FILE_CHARS) {
    return {
      level: 'file',
      length,
      message: `this link is ${length} characters long, too long for many mail clients and servers (over ${LINK_FILE_CHARS}): share the scenario as a JSON file instead`,
    };
  }
  if (length > LINK_WARN_CHARS) {
    return {
      level: 'warn',
      length,
      message: `this link is ${length} characters long; some mail clients wrap or cut links over ${LINK_WARN_CHARS} characters`,
    };
  }
  return { level: 'ok', length };
}
