import { describe, expect, it } from 'vitest';
import {
  LESSON_VERSION,
  LessonError,
  lessonJson,
  parseLesson,
  parseLessonText,
  stepScenario,
  stepPresetId,
  upgradeLesson,
  type Lesson,
} from './lesson.ts';
import { findPreset } from '../presets/index.ts';

const base = (): Lesson => ({
  version: 1,
  id: 'tiny',
  title: 'Tiny',
  summary: 'A lesson for tests.',
  cites: [{ thread: 'a thread', url: 'https://example.org/t' }],
  steps: [
    {
      scenario: { preset: 'default' },
      policies: ['teardown-setup', 'dynamic-alloc'],
      moment: { cursor: 5000, window: [0, 30000], select: { pane: 0, key: { t: 5000, kind: 'lost', vec: 0, k: 0 } } },
      narration: 'Look at `this`.',
      question: { kind: 'raise-lost', policy: 'teardown-setup', raise: { t: 5000, stream: 0 } },
    },
  ],
});

/** The message parseLesson throws for `mutate(base())`. */
function errorOf(mutate: (l: Record<string, unknown> & Lesson) => void): string {
  const l = base() as Record<string, unknown> & Lesson;
  mutate(l);
  try {
    parseLesson(JSON.parse(JSON.stringify(l)));
  } catch (e) {
    expect(e).toBeInstanceOf(LessonError);
    return (e as Error).message;
  }
  throw new Error('expected a LessonError');
}

describe('lesson format: validation messages name the field', () => {
  it('accepts the base lesson', () => {
    expect(parseLesson(base()).steps).toHaveLength(1);
  });
  it.each<[string, (l: Record<string, unknown> & Lesson) => void, string]>([
    ['unknown top-level field', (l) => (l.extra = 1), 'unknown field "extra"'],
    ['missing title', (l) => delete (l as Partial<Lesson>).title, 'title: is required'],
    ['bad id', (l) => (l.id = 'Not OK'), 'id: must be lower-case letters, digits and dashes'],
    ['no steps', (l) => (l.steps = []), 'steps: a lesson needs at least one step'],
    ['empty narration', (l) => (l.steps[0]!.narration = ''), 'steps[0].narration: is empty'],
    [
      'window backwards',
      (l) => (l.steps[0]!.moment.window = [10, 5]),
      'steps[0].moment.window: from (10) must be < to (5)',
    ],
    ['fractional cursor', (l) => (l.steps[0]!.moment.cursor = 1.5), 'steps[0].moment.cursor: must be an integer'],
    [
      'unknown preset',
      (l) => (l.steps[0]!.scenario = { preset: 'nope' }),
      'steps[0].scenario.preset: unknown preset "nope"',
    ],
    ['unknown policy', (l) => (l.steps[0]!.policies = ['nope']), 'steps[0].policies[0]: unknown policy "nope"'],
    [
      'duplicate policy',
      (l) => (l.steps[0]!.policies = ['dynamic-alloc', 'dynamic-alloc']),
      'steps[0].policies[1]: lists the policy "dynamic-alloc" twice',
    ],
    [
      'selection pane out of range',
      (l) => (l.steps[0]!.moment.select!.pane = 2),
      'steps[0].moment.select.pane: pane 2 does not exist',
    ],
    [
      'question about a policy not shown',
      (l) => (l.steps[0]!.question = { kind: 'raise-lost', policy: 'data-hack', raise: { t: 0, stream: 0 } }),
      'steps[0].question.policy: "data-hack" is not one of the step\'s policies',
    ],
    [
      'question step beyond the scenario',
      (l) => (l.steps[0]!.question = { kind: 'host-irqs-after', policy: 'dynamic-alloc', step: 99 }),
      'steps[0].question.step: the scenario has 11 steps (0..10)',
    ],
    [
      'unknown question kind',
      (l) => ((l.steps[0] as unknown as { question: unknown }).question = { kind: 'guess' }),
      'steps[0].question.kind: unknown question kind; allowed: raise-lost',
    ],
    [
      'invalid override',
      (l) => (l.steps[0]!.scenario = { preset: 'default', overrides: { device: { tableSize: 0 } } }),
      'steps[0].scenario.overrides: device.tableSize: must be between 1 and 2048',
    ],
    [
      'invalid inline scenario',
      (l) => (l.steps[0]!.scenario = { inline: { version: 1, device: { tableSize: 4 }, steps: [{ at: 0, op: 'x' }] } }),
      'steps[0].scenario.inline: steps[0].op: unknown op',
    ],
    ['bad url', (l) => (l.cites[0]!.url = 'javascript:alert(1)'), 'cites[0].url: must be an http(s) URL'],
  ])('%s', (_name, mutate, msg) => {
    expect(errorOf(mutate)).toContain(msg);
  });
  it('every message is one line', () => {
    expect(errorOf((l) => (l.title = ''))).not.toMatch(/\n/);
  });
});

describe('lesson text', () => {
  it('round-trips through its JSON text unchanged', () => {
    const l = parseLesson(base());
    expect(parseLessonText(lessonJson(l))).toEqual(l);
  });
  it('refuses duplicate keys, bad JSON and empty text with one line', () => {
    expect(() => parseLessonText('{"version":1,"version":1}')).toThrow(/duplicate/i);
    expect(() => parseLessonText('{')).toThrow(LessonError);
    expect(() => parseLessonText('  ')).toThrow('the text is empty');
  });
});

describe('versions and migrations', () => {
  it('refuses a newer version and a missing or malformed one, naming version', () => {
    expect(() => parseLesson({ ...base(), version: LESSON_VERSION + 1 })).toThrow(
      /version: this lesson uses format v2, made by a newer msix-lab/,
    );
    expect(() => parseLesson({ ...base(), version: undefined })).toThrow(/^version: is required/);
    expect(() => parseLesson({ ...base(), version: '1' })).toThrow(/^version: must be a format version/);
    expect(() => parseLesson([])).toThrow('a lesson must be a JSON object');
  });
  it('runs a migration chain in order, one version at a time', () => {
    // A made-up history (v1 had "name", v2 renamed it "title", v3 added "summary") exercises the chain.
    const chain = {
      1: (r: Record<string, unknown>) => ({ ...r, title: r.name, name: undefined }),
      2: (r: Record<string, unknown>) => ({ ...r, summary: `about ${String(r.title)}` }),
    };
    const up = upgradeLesson({ version: 1, name: 'Old' }, chain, 3);
    expect(up).toMatchObject({ version: 3, title: 'Old', summary: 'about Old' });
  });
  it('says so when a version has no migration', () => {
    expect(() => upgradeLesson({ version: 1 }, {}, 2)).toThrow('version: no migration from format v1');
  });
  it('leaves a current lesson as it is', () => {
    expect(upgradeLesson(base())).toEqual(base());
  });
});

describe('step scenarios', () => {
  it('a preset with overrides merges objects one level deep and is no longer that preset', () => {
    const step = { ...base().steps[0]!, scenario: { preset: 'default', overrides: { device: { latchMasked: true } } } };
    const s = stepScenario(step);
    expect(s.device).toEqual({ ...findPreset('default')!.scenario.device, latchMasked: true });
    expect(stepPresetId(step)).toBeUndefined();
    expect(stepPresetId(base().steps[0]!)).toBe('default');
  });
  it('an inline scenario is validated as a scenario', () => {
    const inline = JSON.parse(JSON.stringify(findPreset('default')!.scenario)) as Record<string, unknown>;
    expect(stepScenario({ ...base().steps[0]!, scenario: { inline } })).toEqual(findPreset('default')!.scenario);
  });
});
