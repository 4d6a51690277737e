import { z } from 'zod';
import { findPreset, PRESETS } from '../presets/index.ts';
import { parsePolicySpec, PolicyError } from '../policies/index.ts';
import { validateScenario } from '../scenario/parse.ts';
import { ScenarioError } from '../scenario/error.ts';
import { parseJsonStrict } from '../scenario/text.ts';
import { preview, quoteKey } from '../scenario/quote.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { EventKey } from '../share/event-key.ts';
import type { Question } from './question.ts';

/**
 * Lesson format (issue 9, docs/LESSONS.md is the prose version): a narrated path through runs of
 * the simulator. A lesson is data, like a scenario: strict (an unknown field is an error), versioned
 * with a migration chain like share links (share/payload.ts), and it never stores an answer or a
 * number the simulator computes: a step pins what to show (scenario, policies, moment) and the
 * question, and the page runs the simulator to show it.
 *
 * Pure: no DOM, no clock. The page loads this module lazily (it pulls zod in).
 */

/** The format this build writes. Older versions are read by migrating them up (MIGRATIONS). */
export const LESSON_VERSION = 1;

/** Bounds: a lesson is read from links and files, so every list and text has a cap. */
export const MAX_LESSON_STEPS = 60;
export const MAX_NARRATION_CHARS = 4000;
export const MAX_LESSON_CHARS = 2 * 1024 * 1024;

/** A step's scenario: a preset (optionally with top-level fields overridden) or a whole scenario. */
export type StepScenario =
  { preset: string; overrides?: Record<string, unknown> } | { inline: Record<string, unknown> };

/** A selected event: the pane (index into the step's policies) and the event's stable key (share/event-key.ts). */
export interface StepSelection {
  pane: number;
  key: EventKey;
}

/** Where the view stands: the cursor, the visible window [from, to] and optionally a selected event (ns). */
export interface Moment {
  cursor: number;
  window: [number, number];
  select?: StepSelection;
}

export interface LessonStep {
  /** A short heading for the step list (optional; the narration's first words otherwise). */
  title?: string;
  scenario: StepScenario;
  /** Policy specs, one pane each (policies/index.ts parsePolicySpec). */
  policies: string[];
  moment: Moment;
  /** Plain text with a tiny markup (narration.ts): blank line = paragraph, `code`, *emphasis*. Never HTML. */
  narration: string;
  question?: Question;
}

export interface LessonCite {
  /** The thread: subject, list and date, as a reader would search for it. */
  thread: string;
  url?: string;
}

export interface Lesson {
  version: 1;
  /** Stable id (links say #lesson=<id>): lower-case letters, digits and dashes. */
  id: string;
  title: string;
  summary: string;
  cites: LessonCite[];
  steps: LessonStep[];
}

/** One line naming the field, like ScenarioError: "steps[2].moment.window: from must be < to". */
export class LessonError extends Error {
  override name = 'LessonError';
  constructor(
    message: string,
    readonly path: string = '',
  ) {
    let m = (path ? `${path}: ${message}` : message).replace(/[\r\n\u2028\u2029]+/g, ' ');
    if (m.length > 600) m = m.slice(0, 599) + '…';
    super(m);
  }
}

const ns = z
  .number({ error: 'must be a number of nanoseconds' })
  .int('must be an integer number of nanoseconds')
  .min(0, 'must be >= 0 ns')
  .max(Number.MAX_SAFE_INTEGER);
const int0 = z.number({ error: 'must be an integer' }).int('must be an integer').min(0, 'must be >= 0');
const policySpec = z.string({ error: 'must be a policy spec (a string)' }).min(1).max(200);

const KeySchema = z.union(
  [
    z.strictObject({ t: ns, stream: z.number().int('must be an integer'), k: int0 }),
    z.strictObject({
      t: ns,
      kind: z.string().min(1).max(40),
      vec: z.number().int('must be an integer').min(-1, 'must be a vector or -1'),
      k: int0,
    }),
  ],
  { error: 'must be an event key: {t, stream, k} for a raise or {t, kind, vec, k} for another event' },
);

const RaiseRefSchema = z.strictObject({ t: ns, stream: z.number().int('must be an integer') });

/** The shared Question union (question.ts); a new kind there needs a line here. */
const QuestionSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('raise-lost'), policy: policySpec, raise: RaiseRefSchema }),
    z.strictObject({ kind: z.literal('host-irqs-after'), policy: policySpec, step: int0 }),
    z.strictObject({
      kind: z.literal('latest-delivery'),
      policies: z.array(policySpec).min(2, 'must list at least 2 policies').max(6),
      raise: RaiseRefSchema,
    }),
    z.strictObject({ kind: z.literal('window-opened'), policy: policySpec, step: int0 }),
    z.strictObject({ kind: z.literal('first-loss-vector'), policy: policySpec }),
  ],
  {
    error:
      'unknown question kind; allowed: raise-lost, host-irqs-after, latest-delivery, window-opened, first-loss-vector',
  },
);

const StepScenarioSchema = z.union(
  [
    z.strictObject({
      preset: z.string().min(1).max(100),
      overrides: z.record(z.string(), z.unknown()).optional(),
    }),
    z.strictObject({ inline: z.record(z.string(), z.unknown()) }),
  ],
  { error: 'must be {"preset": id} (optionally with "overrides") or {"inline": scenario}' },
);

const StepSchema = z.strictObject({
  title: z.string().max(120, 'must be at most 120 characters').optional(),
  scenario: StepScenarioSchema,
  policies: z
    .array(policySpec, { error: 'must be a list of policy specs' })
    .min(1, 'must list 1 to 6 policies')
    .max(6, 'must list 1 to 6 policies'),
  moment: z.strictObject({
    cursor: ns,
    window: z.tuple([ns, ns], { error: 'must be [from, to] in ns' }),
    select: z.strictObject({ pane: int0, key: KeySchema }).optional(),
  }),
  narration: z
    .string({ error: 'must be text' })
    .min(1, 'is empty: say what the learner should see')
    .max(MAX_NARRATION_CHARS, `must be at most ${MAX_NARRATION_CHARS} characters`),
  question: QuestionSchema.optional(),
});

const LessonSchema = z.strictObject({
  version: z.literal(LESSON_VERSION),
  id: z
    .string({ error: 'is required: lower-case letters, digits and dashes' })
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and dashes (at most 64)'),
  title: z.string({ error: 'is required (text)' }).min(1, 'is empty').max(200, 'must be at most 200 characters'),
  summary: z.string({ error: 'is required (text)' }).max(2000, 'must be at most 2000 characters'),
  cites: z
    .array(
      z.strictObject({
        thread: z.string({ error: 'is required (text)' }).min(1, 'is empty').max(300),
        url: z
          .string()
          .max(500)
          .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
          .optional(),
      }),
    )
    .max(20, 'at most 20 citations'),
  steps: z
    .array(StepSchema, { error: 'must be a list of steps' })
    .min(1, 'a lesson needs at least one step')
    .max(MAX_LESSON_STEPS, `at most ${MAX_LESSON_STEPS} steps`),
});

// The schema and the hand-written types must agree (a compile-time check, no runtime cost).
type Parsed = z.infer<typeof LessonSchema>;
const agree = (x: Parsed): Lesson => x;
void agree;

/**
 * MIGRATIONS[n] turns a version-n lesson into a version n+1 one. Old formats are never edited: a
 * format change adds a version and a migration here (the link codec's rule, share/payload.ts).
 * Version 1 is the first format, so the chain is empty today; `upgradeLesson` runs any chain.
 */
export const MIGRATIONS: Readonly<Record<number, (raw: Record<string, unknown>) => Record<string, unknown>>> = {};

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Brings a raw lesson of any known version up to `current`, one migration at a time. */
export function upgradeLesson(
  raw: unknown,
  migrations: Readonly<Record<number, (raw: Record<string, unknown>) => Record<string, unknown>>> = MIGRATIONS,
  current: number = LESSON_VERSION,
): Record<string, unknown> {
  if (!isObj(raw)) throw new LessonError('a lesson must be a JSON object');
  const v = raw.version;
  if (v === undefined) throw new LessonError(`is required (the lesson format version, ${current})`, 'version');
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new LessonError(`must be a format version 1..${current}, got ${preview(v)}`, 'version');
  if (v > current)
    throw new LessonError(
      `this lesson uses format v${v}, made by a newer msix-lab; this version reads v1 to v${current}`,
      'version',
    );
  let out = raw;
  for (let n = v; n < current; n++) {
    const m = migrations[n];
    if (!m) throw new LessonError(`no migration from format v${n} (this build reads v1 to v${current})`, 'version');
    out = { ...m(out), version: n + 1 };
  }
  return out;
}

function pathOf(p: readonly PropertyKey[]): string {
  let s = '';
  for (const k of p) s += typeof k === 'number' ? `[${k}]` : s ? `.${String(k)}` : String(k);
  return s;
}

function firstIssue(err: z.ZodError): LessonError {
  const iss = err.issues[0]!;
  let msg = iss.message;
  if (iss.code === 'unrecognized_keys')
    msg = `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys
      .slice(0, 3)
      .map((k) => JSON.stringify(quoteKey(k)))
      .join(', ')}`;
  else if (iss.code === 'invalid_type' && msg.startsWith('Invalid input'))
    msg = iss.input === undefined ? `is required (${iss.expected})` : `must be ${iss.expected}`;
  else if (iss.code === 'invalid_value' && iss.path[iss.path.length - 1] === 'version')
    msg = `must be ${LESSON_VERSION}`;
  return new LessonError(msg, pathOf(iss.path));
}

/**
 * The scenario a step shows. A preset's overrides replace top-level fields; the object fields
 * (device, host, guest, limits) are merged one level deep, so `{"device": {"tableSize": 16}}`
 * keeps the preset's other device fields. Throws LessonError naming the step's field.
 */
export function stepScenario(step: LessonStep, where = 'scenario'): Scenario {
  let raw: unknown;
  if ('inline' in step.scenario) raw = step.scenario.inline;
  else {
    const p = findPreset(step.scenario.preset);
    if (!p)
      throw new LessonError(
        `unknown preset "${step.scenario.preset}"; known: ${PRESETS.map((x) => x.id).join(', ')}`,
        `${where}.preset`,
      );
    const merged: Record<string, unknown> = JSON.parse(JSON.stringify(p.scenario)) as Record<string, unknown>;
    for (const [k, v] of Object.entries(step.scenario.overrides ?? {})) {
      const base = merged[k];
      merged[k] = isObj(base) && isObj(v) ? { ...base, ...v } : v;
    }
    raw = merged;
  }
  try {
    return validateScenario(raw);
  } catch (e) {
    if (e instanceof ScenarioError)
      throw new LessonError(e.message, `${where}.${'inline' in step.scenario ? 'inline' : 'overrides'}`);
    throw e;
  }
}

/** The preset a step shows unedited (then a run of it is that preset, and its share link is short). */
export function stepPresetId(step: LessonStep): string | undefined {
  return 'preset' in step.scenario && !step.scenario.overrides ? step.scenario.preset : undefined;
}

/** The cross-field rules the schema cannot express. */
function checkStep(step: LessonStep, i: number): void {
  const at = `steps[${i}]`;
  const canon: string[] = [];
  step.policies.forEach((p, j) => {
    try {
      const c = parsePolicySpec(p).spec;
      if (canon.includes(c)) throw new LessonError(`lists the policy "${p}" twice`, `${at}.policies[${j}]`);
      canon.push(c);
    } catch (e) {
      if (e instanceof PolicyError) throw new LessonError(e.message, `${at}.policies[${j}]`);
      throw e;
    }
  });
  const s = stepScenario(step, `${at}.scenario`);
  const [from, to] = step.moment.window;
  if (!(from < to)) throw new LessonError(`from (${from}) must be < to (${to})`, `${at}.moment.window`);
  const sel = step.moment.select;
  if (sel && sel.pane >= step.policies.length)
    throw new LessonError(
      `pane ${sel.pane} does not exist: the step shows ${step.policies.length} policies (0..${step.policies.length - 1})`,
      `${at}.moment.select.pane`,
    );
  const q = step.question;
  if (q) {
    const inStep = (p: string, path: string): void => {
      let c: string;
      try {
        c = parsePolicySpec(p).spec;
      } catch (e) {
        throw new LessonError(e instanceof Error ? e.message : String(e), path);
      }
      if (!canon.includes(c))
        throw new LessonError(`"${p}" is not one of the step's policies (${step.policies.join(', ')})`, path);
    };
    if (q.kind === 'latest-delivery') q.policies.forEach((p, j) => inStep(p, `${at}.question.policies[${j}]`));
    else inStep(q.policy, `${at}.question.policy`);
    if (q.kind === 'host-irqs-after' && q.step >= s.steps.length)
      throw new LessonError(
        `the scenario has ${s.steps.length} steps (0..${s.steps.length - 1})`,
        `${at}.question.step`,
      );
  }
}

/** Validates a lesson (any known version; migrated up). Throws LessonError naming the field. */
export function parseLesson(raw: unknown): Lesson {
  const up = upgradeLesson(raw);
  const r = LessonSchema.safeParse(up);
  if (!r.success) throw firstIssue(r.error);
  const lesson = r.data as Lesson;
  lesson.steps.forEach(checkStep);
  return lesson;
}

/** Lesson JSON text (a file, a paste): bounded, strict JSON (no duplicate keys), then parseLesson. */
export function parseLessonText(text: string): Lesson {
  if (text.length > MAX_LESSON_CHARS)
    throw new LessonError(`the text is ${text.length} characters long; a lesson is at most ${MAX_LESSON_CHARS}`);
  if (text.trim() === '') throw new LessonError('the text is empty: paste or choose a lesson JSON file');
  let raw: unknown;
  try {
    raw = parseJsonStrict(text);
  } catch (e) {
    throw new LessonError(e instanceof Error ? e.message : String(e));
  }
  return parseLesson(raw);
}

/** The lesson as pretty JSON (what Export downloads; parseLessonText reads it back unchanged). */
export function lessonJson(lesson: Lesson): string {
  return JSON.stringify(lesson, null, 2) + '\n';
}
