import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../core/scenario/parse.ts';
import { STEP_OPS } from '../../../core/scenario/schema.ts';
import { DEVICE_FIELDS, HOST_FIELDS, makeStep, STEP_FIELDS } from './schemaFields.ts';

describe('builder widgets from the zod schema', () => {
  it('reads names, optionality and bounds from the schema', () => {
    expect(DEVICE_FIELDS.find((f) => f.name === 'tableSize')).toEqual({
      name: 'tableSize',
      optional: false,
      widget: { kind: 'number', int: true, min: 1, max: 2048 },
    });
    expect(HOST_FIELDS.find((f) => f.name === 'paravirtGrant')?.widget).toMatchObject({
      kind: 'number-or',
      words: ['all', 'refuse'],
    });
    expect(HOST_FIELDS.find((f) => f.name === 'neighbor')?.widget.kind).toBe('json');
    expect(STEP_FIELDS['config-write'].map((f) => f.name)).toEqual(['offset', 'size', 'value', 'jitterNs']);
    expect(STEP_FIELDS['config-write'][1]!.widget).toEqual({ kind: 'choice', values: [1, 2, 4] });
  });

  it('makes a valid step of every op, and a re-typed step keeps its time and vector', () => {
    for (const op of STEP_OPS) {
      const s = makeStep(op, 5_000, 8);
      expect(() =>
        validateScenario({
          version: 1,
          device: { tableSize: 8 },
          steps: [{ at: 0, op: 'linux-alloc-vectors', nvec: 8 }, s],
        }),
      ).not.toThrow();
    }
    expect(makeStep('linux-free-irq', 7, 8, { at: 7, op: 'linux-request-irq', vector: 3 })).toEqual({
      at: 7,
      op: 'linux-free-irq',
      vector: 3,
    });
  });
});
