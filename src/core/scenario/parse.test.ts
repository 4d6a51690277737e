import { describe, expect, it } from 'vitest';
import { simulate } from '../machine/simulate.ts';
import { DEFAULT_MAX_EVENTS, parseScenarioText, resolveSettings, ScenarioError, validateScenario } from './parse.ts';
import { STEP_OPS } from './schema.ts';

const EXAMPLE =
  '{"version":1,"seed":7,"device":{"tableSize":17},"host":{"irqBudget":64,"resizeWindowNs":40000},"steps":[' +
  '{"at":0,"op":"config-write","offset":2,"size":2,"value":49168},' +
  '{"at":2000,"op":"table-write","offset":8,"size":4,"value":16449},' +
  '{"at":9000,"op":"raise","vector":0},' +
  '{"at":10000,"op":"raise","vector":3,"every":20000,"until":5000000}]}';

function base(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { version: 1, device: { tableSize: 8 }, steps: [], ...extra };
}
function withSteps(...steps: Record<string, unknown>[]): Record<string, unknown> {
  return base({ steps });
}

/** The ScenarioError thrown by validating `raw` (fails the test if none is thrown). */
function errorOf(raw: unknown): ScenarioError {
  try {
    validateScenario(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}
function textErrorOf(text: string): ScenarioError {
  try {
    parseScenarioText(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}

describe('the example scenario', () => {
  it('is accepted', () => {
    const s = parseScenarioText(EXAMPLE);
    expect(s.seed).toBe(7);
    expect(s.device.tableSize).toBe(17);
    expect(s.steps).toHaveLength(4);
    expect(s.steps[3]).toEqual({ at: 10000, op: 'raise', vector: 3, every: 20000, until: 5000000 });
  });

  it('resolves its settings with the documented defaults', () => {
    const st = resolveSettings(parseScenarioText(EXAMPLE));
    expect(st).toMatchObject({
      tableSize: 17,
      seed: 7,
      irqBudget: 64,
      resizeWindowNs: 40000,
      latchMasked: true,
      pbaSurvivesDisable: false,
      reservationMode: true,
      maxEvents: DEFAULT_MAX_EVENTS,
    });
  });

  it('runs under every seed policy', () => {
    const s = parseScenarioText(EXAMPLE);
    for (const p of ['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc']) {
      expect(simulate(s, p).log.length).toBeGreaterThan(0);
    }
  });

  it('lets a seed override replace the scenario seed', () => {
    expect(resolveSettings(parseScenarioText(EXAMPLE), 99).seed).toBe(99);
  });
});

describe('errors carry the path and a message prefixed with it', () => {
  it('formats the message as "path: reason"', () => {
    const e = errorOf({ version: 1, device: { tableSize: 0 }, steps: [] });
    expect(e.name).toBe('ScenarioError');
    expect(e.path).toBe('device.tableSize');
    expect(e.message.startsWith('device.tableSize: ')).toBe(true);
  });
});

describe('malformed input', () => {
  it('reports malformed JSON with the parser position', () => {
    const e = textErrorOf('{"version":1,');
    expect(e.path).toBe('');
    expect(e.message).toMatch(/^malformed JSON at line 1, column 14: /);
  });

  it('reports an empty text as malformed JSON', () => {
    expect(textErrorOf('').message).toMatch(/^malformed JSON/);
  });

  it('rejects JSON that is not an object', () => {
    for (const t of ['null', '[]', '42', '"x"'])
      expect(textErrorOf(t).message).toBe('a scenario must be a JSON object');
  });

  it('rejects a missing steps array', () => {
    const e = errorOf({ version: 1, device: { tableSize: 8 } });
    expect(e.path).toBe('steps');
    expect(e.message).toMatch(/array/);
  });

  it('rejects another format version and says which is allowed', () => {
    const e = errorOf({ version: 2, device: { tableSize: 8 }, steps: [] });
    expect(e.path).toBe('version');
    expect(e.message).toMatch(/must be 1/);
  });
});

describe('unknown fields are errors, never ignored', () => {
  it('at the top level, naming the field', () => {
    const e = errorOf(base({ tablesize: 8 }));
    expect(e.path).toBe('');
    expect(e.message).toMatch(/^unknown field "tablesize"; allowed here: version, .*steps$/);
  });

  it('lists every unknown field when there are several', () => {
    expect(errorOf(base({ foo: 1, bar: 2 })).message).toMatch(
      /^unknown fields "foo", "bar"; allowed here: version, name/,
    );
  });

  it('in a nested object, with its path', () => {
    const e = errorOf({ version: 1, device: { tableSize: 8, pba: true }, steps: [] });
    expect(e.path).toBe('device');
    expect(e.message).toMatch(/unknown field "pba"/);
  });

  it('in a step, with the step index in the path', () => {
    const e = errorOf(withSteps({ at: 0, op: 'raise', vector: 0 }, { at: 0, op: 'raise', vector: 1, vec: 1 }));
    expect(e.path).toBe('steps[1]');
    expect(e.message).toMatch(/unknown field "vec"/);
  });
});

describe('device.tableSize', () => {
  for (const n of [0, 2049]) {
    it(`rejects ${n} and states the allowed range 1..2048`, () => {
      const e = errorOf({ version: 1, device: { tableSize: n }, steps: [] });
      expect(e.path).toBe('device.tableSize');
      expect(e.message).toMatch(/between 1 and 2048/);
    });
  }

  it('accepts the bounds 1 and 2048', () => {
    expect(validateScenario({ version: 1, device: { tableSize: 1 }, steps: [] }).device.tableSize).toBe(1);
    expect(validateScenario({ version: 1, device: { tableSize: 2048 }, steps: [] }).device.tableSize).toBe(2048);
  });

  it('rejects a fractional size', () => {
    const e = errorOf({ version: 1, device: { tableSize: 4.5 }, steps: [] });
    expect(e.path).toBe('device.tableSize');
    expect(e.message).toMatch(/integer/);
  });

  it('explains a missing size', () => {
    const e = errorOf({ version: 1, device: {}, steps: [] });
    expect(e.path).toBe('device.tableSize');
    expect(e.message).toMatch(/required.*1\.\.2048/);
  });
});

describe('vectors', () => {
  it('rejects a vector outside the table and gives the valid range', () => {
    const e = errorOf(withSteps({ at: 0, op: 'raise', vector: 8 }));
    expect(e.path).toBe('steps[0].vector');
    expect(e.message).toMatch(/outside the table.*0\.\.7/);
  });

  it('checks vectors of driver steps too', () => {
    const e = errorOf(withSteps({ at: 0, op: 'linux-request-irq', vector: 9 }));
    expect(e.path).toBe('steps[0].vector');
  });

  it('checks a mailbox reply vector', () => {
    const e = errorOf(withSteps({ at: 0, op: 'mailbox', replyVector: 8 }));
    expect(e.path).toBe('steps[0].replyVector');
    expect(e.message).toMatch(/outside the table/);
  });

  it('accepts the last vector of the table', () => {
    expect(() => validateScenario(withSteps({ at: 0, op: 'raise', vector: 7 }))).not.toThrow();
  });

  it('rejects asking for more vectors than the table has', () => {
    const e = errorOf(withSteps({ at: 0, op: 'linux-alloc-vectors', nvec: 9 }));
    expect(e.path).toBe('steps[0].nvec');
    expect(e.message).toMatch(/more vectors than the table has \(8\)/);
    expect(errorOf(withSteps({ at: 0, op: 'freebsd-alloc-msix', count: 9 })).path).toBe('steps[0].count');
  });
});

describe('times', () => {
  it('rejects a negative time', () => {
    const e = errorOf(withSteps({ at: -1, op: 'raise', vector: 0 }));
    expect(e.path).toBe('steps[0].at');
    expect(e.message).toMatch(/>= 0 ns/);
  });

  it('rejects a fractional time', () => {
    const e = errorOf(withSteps({ at: 12.5, op: 'raise', vector: 0 }));
    expect(e.path).toBe('steps[0].at');
    expect(e.message).toMatch(/integer number of nanoseconds/);
  });

  it('rejects a zero period', () => {
    const e = errorOf(withSteps({ at: 0, op: 'raise', vector: 0, every: 0, until: 10 }));
    expect(e.path).toBe('steps[0].every');
    expect(e.message).toMatch(/>= 1 ns/);
  });
});

describe('ops', () => {
  it('rejects an unknown op and lists every allowed op', () => {
    const e = errorOf(withSteps({ at: 0, op: 'msix-enable' }));
    expect(e.path).toBe('steps[0].op');
    expect(e.message).toMatch(/^steps\[0\]\.op: unknown op; allowed: /);
    for (const op of STEP_OPS) expect(e.message).toContain(op);
  });

  it('rejects a step without op the same way', () => {
    expect(errorOf(withSteps({ at: 0 })).path).toBe('steps[0].op');
  });
});

describe('register accesses', () => {
  it('rejects a table-write offset that is not a multiple of 4', () => {
    const e = errorOf(withSteps({ at: 0, op: 'table-write', offset: 6, size: 4, value: 0 }));
    expect(e.path).toBe('steps[0].offset');
    expect(e.message).toMatch(/multiple of 4/);
  });

  it('rejects a table-write beyond the table and gives the last valid offset', () => {
    const e = errorOf(withSteps({ at: 0, op: 'table-write', offset: 128, size: 4, value: 0 }));
    expect(e.path).toBe('steps[0].offset');
    expect(e.message).toMatch(/beyond the 8-entry table \(max 124\)/);
  });

  it('rejects a table access that is not 4 bytes', () => {
    const e = errorOf(withSteps({ at: 0, op: 'table-write', offset: 0, size: 2, value: 0 }));
    expect(e.path).toBe('steps[0].size');
    expect(e.message).toMatch(/must be 4/);
  });

  it('rejects a config-write offset past the 12-byte capability', () => {
    const e = errorOf(withSteps({ at: 0, op: 'config-write', offset: 12, size: 1, value: 0 }));
    expect(e.path).toBe('steps[0].offset');
    expect(e.message).toMatch(/12/);
    expect(e.message).toMatch(/capability/);
  });

  it('rejects a config write that is not naturally aligned', () => {
    const e = errorOf(withSteps({ at: 0, op: 'config-write', offset: 3, size: 2, value: 0 }));
    expect(e.path).toBe('steps[0].offset');
    expect(e.message).toMatch(/aligned to size 2/);
  });

  it('accepts the last dword of the capability', () => {
    expect(() =>
      validateScenario(withSteps({ at: 0, op: 'config-write', offset: 8, size: 4, value: 0 })),
    ).not.toThrow();
  });

  it('rejects a value that does not fit in 32 bits', () => {
    const e = errorOf(withSteps({ at: 0, op: 'table-write', offset: 0, size: 4, value: 2 ** 32 }));
    expect(e.path).toBe('steps[0].value');
    expect(e.message).toMatch(/32 bits/);
  });
});

describe('periodic raises', () => {
  it('rejects "every" without "until"', () => {
    const e = errorOf(withSteps({ at: 0, op: 'raise', vector: 0, every: 100 }));
    expect(e.path).toBe('steps[0].every');
    expect(e.message).toMatch(/needs "until"/);
  });

  it('rejects "until" without "every"', () => {
    const e = errorOf(withSteps({ at: 0, op: 'raise', vector: 0, until: 100 }));
    expect(e.path).toBe('steps[0].until');
    expect(e.message).toMatch(/needs "every"/);
  });

  it('rejects "until" before "at"', () => {
    const e = errorOf(withSteps({ at: 500, op: 'raise', vector: 0, every: 100, until: 100 }));
    expect(e.path).toBe('steps[0].until');
    expect(e.message).toMatch(/>= at/);
  });
});

describe('runaway guard', () => {
  it('rejects traffic that raises more interrupts than limits.maxEvents, at the step that crosses it', () => {
    const e = errorOf(
      base({
        limits: { maxEvents: 1000 },
        steps: [
          { at: 0, op: 'raise', vector: 0, every: 10, until: 5000 },
          { at: 0, op: 'raise', vector: 1, every: 10, until: 5000 },
        ],
      }),
    );
    expect(e.path).toBe('steps[1]');
    expect(e.message).toMatch(/runaway scenario/);
    expect(e.message).toMatch(/1,002 interrupts/);
    expect(e.message).toMatch(/limit of 1,000/);
    expect(e.message).toMatch(/limits\.maxEvents/);
  });

  it('applies the default limit when limits.maxEvents is not set', () => {
    const e = errorOf(
      withSteps(
        { at: 0, op: 'burst', vector: 0, count: 10_000_000, spacingNs: 1 },
        { at: 0, op: 'burst', vector: 0, count: 10_000_000, spacingNs: 1 },
        { at: 0, op: 'raise', vector: 0 },
      ),
    );
    expect(e.path).toBe('steps[2]');
    expect(e.message).toMatch(/20,000,000/);
  });

  it('accepts traffic exactly at the limit', () => {
    expect(() =>
      validateScenario(
        base({ limits: { maxEvents: 1000 }, steps: [{ at: 0, op: 'raise', vector: 0, every: 1, until: 999 }] }),
      ),
    ).not.toThrow();
  });

  it('stops a run whose queue work exceeds limits.maxEvents (simulate guard)', () => {
    // 1000 raises pass validation, but the guest steps add queue work beyond the limit.
    const steps = [
      { at: 0, op: 'raise', vector: 0, every: 1, until: 999 },
      ...Array.from({ length: 5 }, (_, i) => ({ at: i, op: 'linux-free-irq', vector: 0 })),
    ];
    const s = validateScenario(base({ limits: { maxEvents: 1000 }, steps }));
    expect(() => simulate(s, 'dynamic-alloc')).toThrow(ScenarioError);
    try {
      simulate(s, 'dynamic-alloc');
    } catch (e) {
      expect((e as ScenarioError).path).toBe('limits.maxEvents');
      expect((e as ScenarioError).message).toMatch(/runaway scenario/);
    }
  });
});

describe('other settings', () => {
  it('rejects an irqBudget above the interrupt-remapping table size and says why', () => {
    const e = errorOf(base({ host: { irqBudget: 65537 } }));
    expect(e.path).toBe('host.irqBudget');
    expect(e.message).toMatch(/65536/);
  });

  it('rejects more than 6 policies', () => {
    const e = errorOf(base({ policies: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }));
    expect(e.path).toBe('policies');
    expect(e.message).toMatch(/at most 6/);
  });

  it('rejects paravirtFallback (the fallback is the policy growth axis)', () => {
    expect(errorOf(base({ host: { paravirtFallback: 'eager' } })).message).toMatch(
      /unknown field "paravirtFallback"; allowed here: irqBudget/,
    );
  });
});

describe('device.imsSlots and host.neighbor', () => {
  it('default to a 2048-slot store and no neighbour', () => {
    const s = resolveSettings(validateScenario(base()));
    expect(s.imsSlots).toBe(2048);
    expect(s.neighbor).toEqual([]);
  });

  it('resolve the neighbour requests in time order, keeping the file order for equal times', () => {
    const raw = base({
      device: { tableSize: 8, imsSlots: 5 },
      host: {
        neighbor: [
          { at: 9, irqs: 1 },
          { at: 3, irqs: 2 },
          { at: 3, irqs: 0 },
        ],
      },
    });
    const s = resolveSettings(validateScenario(raw));
    expect(s.imsSlots).toBe(5);
    expect(s.neighbor).toEqual([
      { at: 3, irqs: 2 },
      { at: 3, irqs: 0 },
      { at: 9, irqs: 1 },
    ]);
  });

  it('rejects an imsSlots out of range or not an integer, naming the field', () => {
    expect(errorOf(base({ device: { tableSize: 8, imsSlots: 65537 } }))).toMatchObject({
      path: 'device.imsSlots',
      message: expect.stringMatching(/<= 65536$/),
    });
    expect(errorOf(base({ device: { tableSize: 8, imsSlots: -1 } })).path).toBe('device.imsSlots');
    expect(errorOf(base({ device: { tableSize: 8, imsSlots: 1.5 } })).message).toMatch(/must be an integer/);
  });

  it('rejects a bad neighbour request with the index in the path', () => {
    expect(
      errorOf(
        base({
          host: {
            neighbor: [
              { at: 0, irqs: 1 },
              { at: -5, irqs: 1 },
            ],
          },
        }),
      ).path,
    ).toBe('host.neighbor[1].at');
    expect(errorOf(base({ host: { neighbor: [{ at: 0, irqs: 70000 }] } })).path).toBe('host.neighbor[0].irqs');
    expect(errorOf(base({ host: { neighbor: [{ at: 0 }] } }))).toMatchObject({
      path: 'host.neighbor[0].irqs',
      message: expect.stringMatching(/is required/),
    });
  });

  it('names an unknown field inside a neighbour request and lists the fields allowed there', () => {
    const e = errorOf(base({ host: { neighbor: [{ at: 0, irqs: 1, device: 'nic' }] } }));
    expect(e.path).toBe('host.neighbor[0]');
    expect(e.message).toBe('host.neighbor[0]: unknown field "device"; allowed here: at, irqs');
  });
});
