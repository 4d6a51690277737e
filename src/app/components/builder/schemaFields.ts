import type { z } from 'zod';
import { ScenarioSchema, StepSchema, STEP_OPS, type Step, type StepOp } from '../../../core/scenario/schema.ts';

/**
 * Form widgets derived from the scenario's zod schema (core/scenario/schema.ts), so the builder
 * offers exactly the fields the format has, with its bounds; validation stays validateScenario's.
 */
export type Widget =
  | { kind: 'number'; min?: number; max?: number; int: boolean }
  | { kind: 'boolean' }
  | { kind: 'choice'; values: (string | number)[] }
  /** A number or one of some words (host.paravirtGrant: 'all' | 'refuse' | n). */
  | { kind: 'number-or'; words: string[]; min?: number; max?: number }
  /** Not editable in the form (arrays of objects): the JSON view edits it. */
  | { kind: 'json' };

export interface Field {
  name: string;
  optional: boolean;
  widget: Widget;
  /** The schema's description comment is not kept by zod: a short hint from the field name. */
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function bounds(s: z.ZodType): { min?: number; max?: number; int: boolean } {
  const n = s as unknown as { minValue: number | null; maxValue: number | null; isInt?: boolean; format?: string };
  const out: { min?: number; max?: number; int: boolean } = {
    int: n.isInt === true || n.format === 'safeint' || n.format === 'int32',
  };
  if (n.minValue !== null && Number.isFinite(n.minValue)) out.min = n.minValue;
  if (n.maxValue !== null && Number.isFinite(n.maxValue)) out.max = n.maxValue;
  return out;
}

export function widgetOf(schema: z.ZodType): { optional: boolean; widget: Widget } {
  let s = schema;
  let optional = false;
  while (defOf(s).type === 'optional') {
    optional = true;
    s = defOf(s).innerType!;
  }
  const d = defOf(s);
  switch (d.type) {
    case 'number':
      return { optional, widget: { kind: 'number', ...bounds(s) } };
    case 'boolean':
      return { optional, widget: { kind: 'boolean' } };
    case 'literal':
      return { optional, widget: { kind: 'choice', values: d.values as (string | number)[] } };
    case 'union': {
      const opts = d.options!.map((o) => ({ d: defOf(o), s: o }));
      if (opts.every((o) => o.d.type === 'literal'))
        return { optional, widget: { kind: 'choice', values: opts.flatMap((o) => o.d.values as (string | number)[]) } };
      const num = opts.find((o) => o.d.type === 'number');
      const words = opts.filter((o) => o.d.type === 'literal').flatMap((o) => o.d.values as string[]);
      if (num) return { optional, widget: { kind: 'number-or', words, ...bounds(num.s) } };
      return { optional, widget: { kind: 'json' } };
    }
    default:
      return { optional, widget: { kind: 'json' } };
  }
}

function fieldsOf(shape: Record<string, z.ZodType>, skip: string[] = []): Field[] {
  return Object.entries(shape)
    .filter(([k]) => !skip.includes(k))
    .map(([name, s]) => ({ name, ...widgetOf(s) }));
}

const shapeOf = (s: z.ZodType): Record<string, z.ZodType> => {
  let x = s;
  while (defOf(x).type === 'optional') x = defOf(x).innerType!;
  return (x as unknown as { shape: Record<string, z.ZodType> }).shape;
};

/** The device, host and guest blocks' fields, in schema order. */
export const DEVICE_FIELDS = fieldsOf(shapeOf(ScenarioSchema.shape.device));
export const HOST_FIELDS = fieldsOf(shapeOf(ScenarioSchema.shape.host));
export const GUEST_FIELDS = fieldsOf(shapeOf(ScenarioSchema.shape.guest));

/**
 * Each step op's own fields (not `at`, not `op`), in schema order, then the optional `jitterNs`
 * every step has (a sweep's per-step jitter, docs/SCENARIO.md §13.1: last, as it is not the op's own).
 */
export const STEP_FIELDS: Record<StepOp, Field[]> = Object.fromEntries(
  (StepSchema as unknown as { options: z.ZodType[] }).options.map((o) => {
    const shape = shapeOf(o);
    const op = (defOf(shape.op!).values as string[])[0]!;
    const own = fieldsOf(shape, ['at', 'op']);
    return [op, [...own.filter((f) => f.name !== 'jitterNs'), ...own.filter((f) => f.name === 'jitterNs')]];
  }),
) as Record<StepOp, Field[]>;

export { STEP_OPS };

/** A sensible value for a required field of a new or re-typed step (never a run-away rate). */
function defaultFor(name: string, f: Field, at: number, tableSize: number): unknown {
  const w = f.widget;
  if (w.kind === 'choice') return w.values[0];
  if (w.kind === 'boolean') return false;
  switch (name) {
    case 'vector':
      return 0;
    case 'nvec':
    case 'count':
      return tableSize;
    case 'meanNs':
      return 10_000;
    case 'until':
      return at + 100_000;
    case 'spacingNs':
      return 1_000;
    default:
      return w.kind === 'number' ? Math.max(0, w.min ?? 0) : 0;
  }
}

/**
 * A step of `op` at `at`, keeping the fields of `from` that the new op also has (so changing a
 * request_irq into a free_irq keeps its vector) and filling the other required ones.
 */
export function makeStep(op: StepOp, at: number, tableSize: number, from?: Step): Step {
  const out: Record<string, unknown> = { at, op };
  const old = (from ?? {}) as Record<string, unknown>;
  for (const f of STEP_FIELDS[op]) {
    if (old[f.name] !== undefined) out[f.name] = old[f.name];
    else if (!f.optional) out[f.name] = defaultFor(f.name, f, at, tableSize);
  }
  if (op === 'burst' && out.count === tableSize) out.count = 10;
  return out as Step;
}
