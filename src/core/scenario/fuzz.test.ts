import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, ScenarioError, validateScenario } from './parse.ts';
import { MAX_DEPTH } from './text.ts';
import { PRESETS } from '../presets/index.ts';

// Bad input, generated: whatever the text, parsing ends in a value or in one ScenarioError
// whose message is one short line. Never a RangeError, never a stack trace, never an echo of
// the whole offending value.
const MAX_LINE = 600;

function outcome(text: string): ScenarioError | null {
  try {
    parseScenarioText(text);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
}
function refused(text: string): ScenarioError {
  const e = outcome(text);
  expect(e).not.toBeNull();
  return e!;
}
function oneShortLine(e: ScenarioError | null): void {
  if (!e) return;
  expect(e.message).not.toMatch(/[\r\n]/);
  expect(e.message.length).toBeLessThanOrEqual(MAX_LINE);
}

const nest = (depth: number, leaf = '1'): string => '['.repeat(depth) + leaf + ']'.repeat(depth);
const obj = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const scenarioWith = (field: string, value: string): string => {
  const s = { version: 1, device: { tableSize: 4 }, host: {}, steps: [] };
  if (field === 'host.paravirtGrant')
    return JSON.stringify(s).replace('"host":{}', `"host":{"paravirtGrant":${value}}`);
  return JSON.stringify(s).replace('{', `{"${field}":${value},`);
};

describe('deep nesting', () => {
  for (const field of ['seed', 'name', 'host.paravirtGrant']) {
    for (const [kind, text] of [
      ['arrays', nest(5000)],
      ['objects', obj(5000)],
    ] as const) {
      it(`refuses 5,000 levels of ${kind} in ${field} with one line, before anything recursive runs`, () => {
        const e = refused(scenarioWith(field, text));
        expect(e.message).toMatch(
          new RegExp(
            `^too deeply nested: more than ${MAX_DEPTH} levels of \\[ \\] or \\{ \\} at line 1, column \\d+ \\(a scenario nests 3\\)$`,
          ),
        );
      });
    }
  }

  it('accepts nesting up to the limit and then names the field with a bounded echo', () => {
    const e = refused(scenarioWith('seed', nest(MAX_DEPTH - 2, JSON.stringify('x'.repeat(10_000)))));
    expect(e.path).toBe('seed');
    expect(e.message).toBe('seed: must be a number, got an array');
  });

  it('ignores brackets inside strings (and escaped quotes) when counting depth', () => {
    const name = JSON.stringify('[{'.repeat(5000) + '\\"[[[');
    expect(outcome(scenarioWith('name', name))?.message).toMatch(/^name: Too big/);
  });

  it('refuses any nesting deeper than the limit, whatever the shape', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MAX_DEPTH + 1, max: 3000 }),
        fc.array(fc.constantFrom('[', '{"k":'), { minLength: 1, maxLength: 4 }),
        (depth, openers) => {
          let open = '';
          let close = '';
          for (let i = 0; i < depth; i++) {
            const o = openers[i % openers.length]!;
            open += o;
            close = (o === '[' ? ']' : '}') + close;
          }
          const e = refused(open + '0' + close);
          expect(e.message).toMatch(/^too deeply nested/);
          oneShortLine(e);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('syntax errors', () => {
  const pretty = JSON.stringify(PRESETS[0]!.scenario, null, 2);

  it('reports a syntax error over several lines as one line with line and column', () => {
    const e = refused('{\n  "version": 1,\n  "device": { "tableSize": 4 }\n  "steps": []\n}');
    expect(e.message).toBe('malformed JSON at line 4, column 3: expected "," or the end of the object or array');
  });

  it('refuses comments, trailing commas and empty text, one line each', () => {
    expect(refused('{"version": 1, // no\n}').message).toMatch(
      /^malformed JSON at line 1, column 16: comments are not allowed/,
    );
    expect(refused('{"version": 1,}').message).toMatch(/^malformed JSON at line 1, column 15: /);
    expect(refused('').message).toMatch(/^malformed JSON at line 1, column 1: expected a value/);
  });

  it('any single-character corruption of a pretty-printed scenario parses or fails in one short line', () => {
    const junk = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      '\n',
      ' ',
      'x',
      '0',
      '-',
      '/',
      '\u0000',
      '\u2028',
    );
    fc.assert(
      fc.property(
        fc.nat({ max: pretty.length - 1 }),
        fc.constantFrom('insert', 'delete', 'replace'),
        junk,
        (at, how, c) => {
          const text =
            how === 'insert'
              ? pretty.slice(0, at) + c + pretty.slice(at)
              : how === 'delete'
                ? pretty.slice(0, at) + pretty.slice(at + 1)
                : pretty.slice(0, at) + c + pretty.slice(at + 1);
          oneShortLine(outcome(text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('random text never escapes as anything but a one-line ScenarioError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => oneShortLine(outcome(text))),
      { numRuns: 150 },
    );
  });
});

describe('huge and odd values', () => {
  it('a 5 MB name is refused without echoing it', () => {
    const e = refused(scenarioWith('name', JSON.stringify('n'.repeat(5_000_000))));
    expect(e.path).toBe('name');
    oneShortLine(e);
  });

  it('a 5 MB string where a number belongs is quoted in at most ~20 characters', () => {
    const e = refused(scenarioWith('seed', JSON.stringify('9'.repeat(5_000_000))));
    expect(e.message).toBe(`seed: must be a number, got the string "${'9'.repeat(20)}…"`);
  });

  it('a 200,000-character unknown key is clipped to 80 characters and its length', () => {
    const key = 'k'.repeat(200_000);
    const e = refused(scenarioWith(key, '1'));
    expect(e.message).toBe(
      `unknown field "${'k'.repeat(80)}… (200,000 characters)"; allowed here: version, name, description, seed, policies, device, host, guest, random, limits, steps`,
    );
  });

  it('many unknown keys are listed three at a time', () => {
    const e = refused(scenarioWith('a', '1').replace('{', '{"b":1,"c":1,"d":1,'));
    expect(e.message).toMatch(/^unknown fields "b", "c", "d" and 1 more; allowed here: /);
  });

  it('a huge array in an invalid place echoes a bounded preview', () => {
    const e = refused(
      scenarioWith('host.paravirtGrant', JSON.stringify(Array.from({ length: 100_000 }, (_, i) => ({ k: i })))),
    );
    expect(e.path).toBe('host.paravirtGrant');
    oneShortLine(e);
    expect(e.message.length).toBeLessThan(200);
  });

  it('says "an object" and "an array", not "a object"', () => {
    expect(refused('{"version":1,"device":[],"steps":[]}').message).toBe('device: must be an object, got an array');
    expect(refused('{"version":1,"device":{"tableSize":4},"steps":{}}').message).toBe(
      'steps: must be an array, got an object',
    );
  });

  it('any JSON value validates to a scenario or one bounded line', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.jsonValue({ maxDepth: 4 }), (a, b) => {
        for (const raw of [
          a,
          { version: 1, device: { tableSize: 4 }, steps: [b] },
          { version: 1, device: b, steps: [] },
          { version: 1, device: { tableSize: 4 }, host: b, steps: [] },
        ]) {
          try {
            validateScenario(raw);
          } catch (e) {
            expect(e).toBeInstanceOf(ScenarioError);
            oneShortLine(e as ScenarioError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('duplicate keys', () => {
  it('are an error naming the key path, at any depth', () => {
    expect(refused('{"version":1,"version":1,"device":{"tableSize":4},"steps":[]}').message).toBe(
      'version: duplicate field "version" at line 1, column 14 (JSON would silently keep the last one)',
    );
    const e = refused(
      '{"version":1,"device":{"tableSize":4},"steps":[{"at":0,"op":"raise","vector":0},{"at":1,"op":"raise","vector":1,"vector":2}]}',
    );
    expect(e.path).toBe('steps[1].vector');
    expect(e.message).toMatch(/^steps\[1\]\.vector: duplicate field "vector" at line 1, column \d+/);
  });

  it('the same key in sibling objects is fine', () => {
    expect(
      outcome(
        '{"version":1,"device":{"tableSize":4},"steps":[{"at":0,"op":"raise","vector":0},{"at":0,"op":"raise","vector":0}]}',
      ),
    ).toBeNull();
  });
});

describe('guest-step guard', () => {
  const allocs = (k: number, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      version: 1,
      device: { tableSize: 2048 },
      ...extra,
      steps: Array.from({ length: k }, (_, i) => ({ at: i, op: 'linux-alloc-vectors', nvec: 2048 })),
    });

  it('refuses guest steps that raise nothing but write too many log rows, naming the step and the limit', () => {
    const e = refused(allocs(2000, { limits: { maxEvents: 1_000_000 } }));
    expect(e.path).toMatch(/^steps\[\d+\]$/);
    expect(e.message).toMatch(
      /^steps\[\d+\]: runaway scenario: the steps up to here \(linux-alloc-vectors\) write about [\d,]+ log rows \(~\d+ MB\) per policy, over the limit of 5,000,000 \(5 × limits\.maxEvents; set limits\.maxEvents to allow more\)$/,
    );
  });

  it('a random guest-step pile is accepted or refused at the first step over the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1000, max: 2_000_000 }), (k, maxEvents) => {
        const e = outcome(allocs(k, { limits: { maxEvents } }));
        if (e) {
          const i = Number(/^steps\[(\d+)\]/.exec(e.message)?.[1]);
          expect(i).toBeLessThan(k);
          // The step before it was still within the limit.
          if (i > 0) expect(outcome(allocs(i, { limits: { maxEvents } }))).toBeNull();
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('huge arrays', () => {
  it('more than 100,000 steps is refused before the schema looks at each one', () => {
    const e = refused(`{"version":1,"device":{"tableSize":4},"steps":[${'0,'.repeat(2_000_000)}0]}`);
    expect(e.message).toBe('steps: at most 100000 steps (got 2,000,001)');
  });
});
