import { deflateSync, strFromU8, strToU8 } from 'fflate';
import { fromBase64url, toBase64url } from '../share/base64url.ts';
import { CHECKSUM_CHARS, linkChecksum } from '../share/checksum.ts';
import { LinkError } from '../share/errors.ts';
import { inflateCapped } from '../share/inflate.ts';
import { parseBoundedJson } from '../share/json.ts';
import { MAX_INFLATED_BYTES, MAX_JSON_DEPTH } from '../share/limits.ts';
import { LessonError, parseLesson, type Lesson } from './lesson.ts';

/**
 * Lesson links: "#lesson=<id>&step=k" for a shipped lesson, "#lesson=l1.<checksum>.<payload>&step=k"
 * for any other (an authored one), where the payload is base64url(deflate(JSON)) with the share
 * links' checksum, inflate cap and depth cap (src/core/share), so a damaged or hostile link is
 * refused in one line. `step` is 1-based, as the page shows it ("step 3 of 8").
 */
const HEAD = 'l1.';

export interface LessonLinkRef {
  /** A shipped lesson's id, or the lesson the link carries. */
  lesson: string | Lesson;
  /** 1-based step; 1 when the link names none. */
  step: number;
}

/** Whether a URL fragment (no '#') is a lesson link (the page's boot routes it here). */
export const isLessonFragment = (frag: string): boolean => frag.startsWith('lesson=');

/** The value of `#lesson=` for a lesson the page does not ship. */
export function encodeLessonPayload(lesson: Lesson): string {
  const payload = toBase64url(deflateSync(strToU8(JSON.stringify(lesson)), { level: 9 }));
  return `${HEAD}${linkChecksum(HEAD + payload)}.${payload}`;
}

/** The fragment (no '#') for `lesson` at 1-based `step`: by id when `shipped`, else carried whole. */
export function lessonFragment(lesson: Lesson, step: number, shipped: boolean): string {
  return `lesson=${shipped ? lesson.id : encodeLessonPayload(lesson)}&step=${step}`;
}

/** Reads "lesson=…&step=k". Throws LessonError (a shape problem) or LinkError (a damaged payload). */
export function parseLessonFragment(frag: string): LessonLinkRef {
  // Hand-parsed: the core has no DOM (URLSearchParams); a lesson link holds only [A-Za-z0-9_.=&-].
  const params = new Map<string, string>();
  for (const part of frag.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && !params.has(part.slice(0, eq))) params.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const value = (params.get('lesson') ?? '').replace(/\s+/g, '');
  if (value === '') throw new LessonError('the link names no lesson (#lesson=<id>)');
  const stepText = params.get('step') ?? null;
  let step = 1;
  if (stepText !== null) {
    step = Number(stepText);
    if (!Number.isInteger(step) || step < 1)
      throw new LessonError(`step must be a step number 1, 2, …; got "${stepText.slice(0, 20)}"`);
  }
  if (!value.startsWith(HEAD)) {
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(value))
      throw new LessonError(`"${value.slice(0, 40)}" is not a lesson id or a lesson link`);
    return { lesson: value, step };
  }
  const rest = value.slice(HEAD.length);
  const dot = rest.indexOf('.');
  const sum = dot < 0 ? '' : rest.slice(0, dot);
  if (sum.length !== CHECKSUM_CHARS)
    throw new LinkError(
      'checksum',
      'the lesson link is damaged: its checksum is missing (was it cut off when pasted?)',
    );
  const payload = rest.slice(dot + 1);
  if (linkChecksum(HEAD + payload) !== sum)
    throw new LinkError(
      'checksum',
      'the lesson link is damaged: checksum mismatch (a character was changed, added or lost)',
    );
  let json: string;
  try {
    json = strFromU8(inflateCapped(fromBase64url(payload), MAX_INFLATED_BYTES));
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError('corrupt', 'the lesson link is damaged: its data is not UTF-8 text');
  }
  return { lesson: parseLesson(parseBoundedJson(json, MAX_JSON_DEPTH)), step };
}
