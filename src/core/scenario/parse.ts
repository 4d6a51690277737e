import { z } from 'zod';
import { MAX_STEPS, ScenarioSchema, StepSchema, type Scenario } from './schema.ts';
import { KVM_MAX_MSIX_PER_DEV } from '../spec/pci-msix.ts';
import { ScenarioError } from './error.ts';
import { parseJsonStrict } from './text.ts';
import { article, preview, quoteKey } from './quote.ts';
import { estimateWork, formatBytes } from './estimate.ts';

export { ScenarioError };

/**
 * Default device.imsSlots. No claim about a real device: large enough that one device never runs
 * out on its own (the most MSI-X entries a function can have); set it to model a shared store.
 */
export const DEFAULT_IMS_SLOTS = 2048;

/** Default limits: a run may not exceed these without raising `limits.maxEvents` explicitly. */
export const DEFAULT_MAX_EVENTS = 20_000_000;
/** Log rows per policy allowed per unit of limits.maxEvents: a raise writes up to 4 rows, the rest is room for guest steps. */
export const ROWS_PER_EVENT_LIMIT = 5;

function pathOf(p: readonly PropertyKey[]): string {
  let s = '';
  for (const k of p) s += typeof k === 'number' ? `[${k}]` : s ? `.${String(k)}` : String(k);
  return s;
}

function keysOf(schema: z.ZodType | undefined): string[] {
  let s = schema;
  while (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** The fields allowed in the object at `path` of the raw input (for "unknown field" errors). */
function allowedAt(raw: unknown, path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return keysOf(ScenarioSchema);
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const step = (raw as { steps?: { op?: unknown }[] }).steps?.[path[1]];
    const opt = StepSchema.options.find((o) => o.shape.op.value === step?.op);
    return opt ? Object.keys(opt.shape) : ['at', 'op'];
  }
  // Walk the schema along the path (objects by key, arrays by index), e.g. host.neighbor[0].
  let sch: z.ZodType | undefined = ScenarioSchema;
  for (const k of path) {
    while (sch instanceof z.ZodOptional) sch = sch.unwrap() as z.ZodType;
    if (sch instanceof z.ZodArray && typeof k === 'number') sch = sch.element as z.ZodType;
    else if (sch instanceof z.ZodObject && typeof k === 'string') sch = (sch.shape as Record<string, z.ZodType>)[k];
    else return [];
  }
  return keysOf(sch);
}

/** What an offending value was, in at most ~80 characters. */
function got(input: unknown): string {
  if (Array.isArray(input)) return 'an array';
  if (input === null) return 'null';
  if (typeof input === 'object') return 'an object';
  if (typeof input === 'string')
    return `the string ${JSON.stringify(input.length > 20 ? `${input.slice(0, 20)}…` : input)}`;
  return preview(input);
}

function firstIssue(err: z.ZodError, raw: unknown): ScenarioError {
  const iss = err.issues[0]!;
  let msg = iss.message;
  if (iss.code === 'unrecognized_keys') {
    const shown = iss.keys
      .slice(0, 3)
      .map((k) => JSON.stringify(quoteKey(k)))
      .join(', ');
    const more = iss.keys.length > 3 ? ` and ${iss.keys.length - 3} more` : '';
    msg = `unknown field${iss.keys.length > 1 ? 's' : ''} ${shown}${more}; allowed here: ${allowedAt(raw, iss.path).join(', ')}`;
  } else if (iss.code === 'invalid_type' && msg.startsWith('Invalid input')) {
    if (iss.input === undefined) msg = `is required (${iss.expected})`;
    else msg = `must be ${iss.expected === 'int' ? 'an integer' : article(iss.expected)}, got ${got(iss.input)}`;
  } else if (iss.code === 'invalid_union' && msg === 'Invalid input' && iss.path[iss.path.length - 1] === 'size') {
    msg = 'must be 1, 2 or 4';
  } else if (msg === 'Invalid input') {
    msg = `has an invalid value ${preview(iss.input)}`;
  }
  return new ScenarioError(msg, pathOf(iss.path));
}

/**
 * Parses JSON text: bounded size and nesting, strict syntax (one-line error with line and
 * column), no duplicate keys. Then validates. Throws ScenarioError.
 */
export function parseScenarioText(text: string): Scenario {
  return validateScenario(parseJsonStrict(text));
}

/** Schema check plus the cross-field rules a schema cannot express. Throws ScenarioError. */
export function validateScenario(raw: unknown): Scenario {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ScenarioError('a scenario must be a JSON object');
  // Before the schema, which would check (and report) every element of a huge array first.
  const steps = (raw as { steps?: unknown }).steps;
  if (Array.isArray(steps) && steps.length > MAX_STEPS)
    throw new ScenarioError(`at most ${MAX_STEPS} steps (got ${steps.length.toLocaleString('en-US')})`, 'steps');
  const r = ScenarioSchema.safeParse(raw, { reportInput: true });
  if (!r.success) throw firstIssue(r.error, raw);
  const s = r.data;
  const n = s.device.tableSize;
  const maxEvents = s.limits?.maxEvents ?? DEFAULT_MAX_EVENTS;
  const maxRows = ROWS_PER_EVENT_LIMIT * maxEvents;
  const fmt = (x: number): string => x.toLocaleString('en-US');
  estimateWork(s, (i, work) => {
    const st = s.steps[i]!;
    const p = `steps[${i}]`;
    if ('vector' in st && st.vector !== undefined && st.vector >= n)
      throw new ScenarioError(
        `vector ${st.vector} is outside the table (device.tableSize is ${n}, so 0..${n - 1})`,
        `${p}.vector`,
      );
    if (st.op === 'mailbox' && st.replyVector !== undefined && st.replyVector >= n)
      throw new ScenarioError(`vector ${st.replyVector} is outside the table (0..${n - 1})`, `${p}.replyVector`);
    if (st.op === 'table-write') {
      if (st.offset % 4 !== 0) throw new ScenarioError('must be a multiple of 4 (4-byte accesses only)', `${p}.offset`);
      if (st.offset >= n * 16)
        throw new ScenarioError(
          `offset ${st.offset} is beyond the ${n}-entry table (max ${n * 16 - 4})`,
          `${p}.offset`,
        );
    }
    if (st.op === 'config-write') {
      if (st.offset % st.size !== 0) throw new ScenarioError(`must be aligned to size ${st.size}`, `${p}.offset`);
      if (st.offset + st.size > 12)
        throw new ScenarioError('write runs past the 12-byte MSI-X capability', `${p}.offset`);
    }
    if ((st.op === 'linux-alloc-vectors' && st.nvec > n) || (st.op === 'freebsd-alloc-msix' && st.count > n)) {
      throw new ScenarioError(
        `asks for more vectors than the table has (${n})`,
        `${p}.${st.op === 'linux-alloc-vectors' ? 'nvec' : 'count'}`,
      );
    }
    if (st.op === 'raise') {
      if (st.every === undefined && st.until !== undefined)
        throw new ScenarioError('"until" needs "every"', `${p}.until`);
      if (st.every !== undefined) {
        if (st.until === undefined)
          throw new ScenarioError('"every" needs "until" (a periodic raise must end)', `${p}.every`);
        if (st.until < st.at) throw new ScenarioError('must be >= at', `${p}.until`);
      }
    }
    if (st.op === 'poisson' && st.until < st.at) throw new ScenarioError('must be >= at', `${p}.until`);
    if (work.raises > maxEvents) {
      throw new ScenarioError(
        `runaway scenario: the traffic up to here raises about ${fmt(work.raises)} interrupts, over the limit of ${fmt(maxEvents)} (set limits.maxEvents to allow more)`,
        p,
      );
    }
    if (work.rows > maxRows) {
      throw new ScenarioError(
        `runaway scenario: the steps up to here (${st.op}) write about ${fmt(work.rows)} log rows (${formatBytes(work.rows)}) per policy, over the limit of ${fmt(maxRows)} (${ROWS_PER_EVENT_LIMIT} × limits.maxEvents; set limits.maxEvents to allow more)`,
        p,
      );
    }
  });
  return s;
}

/** Resolved device/host/guest settings with every documented default filled in. */
export interface Settings {
  tableSize: number;
  latchMasked: boolean;
  pbaSurvivesDisable: boolean;
  irqBudget: number;
  cpuVectorBudget: number;
  resizeWindowNs: number | undefined;
  reservationMode: boolean;
  paravirtGrant: 'all' | 'refuse' | number;
  /** device.imsSlots: the IMS store the ims policy allocates from (shared with the neighbour). */
  imsSlots: number;
  /** host.neighbor, in time order (stable for equal times). */
  neighbor: readonly { at: number; irqs: number }[];
  paravirtAware: boolean;
  freebsdRewriteTable: boolean;
  /** guest.deactivateOnFree: the Linux guest zeroes a freed IRQ's message (FIDELITY O1). */
  deactivateOnFree: boolean;
  maxEvents: number;
  seed: number;
}

export function resolveSettings(s: Scenario, seedOverride?: number): Settings {
  return {
    tableSize: s.device.tableSize,
    latchMasked: s.device.latchMasked ?? true,
    pbaSurvivesDisable: s.device.pbaSurvivesDisable ?? false,
    irqBudget: s.host?.irqBudget ?? 65536,
    cpuVectorBudget: s.host?.cpuVectorBudget ?? 1_000_000,
    resizeWindowNs: s.host?.resizeWindowNs,
    reservationMode: s.host?.reservationMode ?? true,
    paravirtGrant: s.host?.paravirtGrant ?? 'all',
    imsSlots: s.device.imsSlots ?? DEFAULT_IMS_SLOTS,
    neighbor: [...(s.host?.neighbor ?? [])].sort((x, y) => x.at - y.at),
    paravirtAware: s.guest?.paravirtAware ?? true,
    freebsdRewriteTable: s.guest?.freebsdRewriteTable ?? false,
    deactivateOnFree: s.guest?.deactivateOnFree ?? false,
    maxEvents: s.limits?.maxEvents ?? DEFAULT_MAX_EVENTS,
    seed: seedOverride ?? s.seed ?? 1,
  };
}

export { KVM_MAX_MSIX_PER_DEV };
