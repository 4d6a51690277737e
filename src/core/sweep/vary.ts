import { ScenarioError, validateScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';

/** One swept parameter: its name and the values it takes, in order. */
export interface Vary {
  param: VaryParam;
  values: number[];
}

/** What --vary can change; each is applied to the scenario and the result validated again. */
export const VARY_PARAMS = {
  'host.resizeWindowNs': 'the resize window length, ns (integer >= 0)',
  'host.irqBudget': 'the host IRQ budget (integer 0..65536)',
  'traffic.meanNs': 'the mean interval of every Poisson stream, ns (integer >= 1): the interrupt rate',
  'traffic.busyVectors': 'keep traffic only on the first k vectors that carry any (integer >= 0)',
  'device.tableSize': 'the MSI-X table size (integer 1..2048)',
} as const;
export type VaryParam = keyof typeof VARY_PARAMS;

const bad = (msg: string): ScenarioError => new ScenarioError(msg, '--vary');
const NUM = /^\d+(\.\d+)?(e\d+)?$/i;

/**
 * Parses `name=lo..hi:log:n`, `name=lo..hi:lin:n` or `name=v1,v2,...`. Values are rounded to
 * integers (every parameter is an integer) and de-duplicated, keeping order.
 */
export function parseVary(text: string): Vary {
  const eq = text.indexOf('=');
  if (eq < 0) throw bad(`expected name=lo..hi:log|lin:n or name=v1,v2,..., got "${text}"`);
  const name = text.slice(0, eq);
  if (!(name in VARY_PARAMS)) throw bad(`unknown parameter "${name}"; allowed: ${Object.keys(VARY_PARAMS).join(', ')}`);
  const rhs = text.slice(eq + 1);
  let values: number[];
  const range = /^([^.:]+)\.\.([^.:]+):(log|lin):(\d+)$/.exec(rhs);
  if (range) {
    const [, a, b, scale, ns] = range;
    if (!NUM.test(a!) || !NUM.test(b!)) throw bad(`range ends must be non-negative numbers, got "${a}..${b}"`);
    const lo = Number(a),
      hi = Number(b),
      n = Number(ns);
    if (!(hi > lo)) throw bad(`range must go up (lo < hi), got ${lo}..${hi}`);
    if (n < 2 || n > 200) throw bad(`point count must be 2..200, got ${n}`);
    if (scale === 'log' && lo <= 0) throw bad('a log range needs lo > 0');
    values = Array.from({ length: n }, (_, i) =>
      scale === 'log' ? lo * Math.pow(hi / lo, i / (n - 1)) : lo + ((hi - lo) * i) / (n - 1),
    );
  } else {
    const parts = rhs.split(',');
    if (parts.some((p) => !NUM.test(p)))
      throw bad(`expected lo..hi:log|lin:n or a comma list of non-negative numbers, got "${rhs}"`);
    values = parts.map(Number);
    if (values.length > 200) throw bad('at most 200 values');
  }
  const seen = new Set<number>();
  const out: number[] = [];
  for (const v of values.map((x) => Math.round(x)))
    if (!seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  return { param: name as VaryParam, values: out };
}

/** The scenario with `param` set to `value`, validated (a ScenarioError names --vary and the field). */
export function applyVary(s: Scenario, param: VaryParam, value: number): Scenario {
  let next: Scenario;
  switch (param) {
    case 'host.resizeWindowNs':
      next = { ...s, host: { ...s.host, resizeWindowNs: value } };
      break;
    case 'host.irqBudget':
      next = { ...s, host: { ...s.host, irqBudget: value } };
      break;
    case 'device.tableSize':
      next = { ...s, device: { ...s.device, tableSize: value } };
      break;
    case 'traffic.meanNs':
      next = { ...s, steps: s.steps.map((st) => (st.op === 'poisson' ? { ...st, meanNs: value } : st)) };
      break;
    case 'traffic.busyVectors': {
      const busy = [
        ...new Set(
          s.steps.flatMap((st) => (st.op === 'raise' || st.op === 'poisson' || st.op === 'burst' ? [st.vector] : [])),
        ),
      ].sort((a, b) => a - b);
      const keep = new Set(busy.slice(0, value));
      next = {
        ...s,
        steps: s.steps.filter(
          (st) => !(st.op === 'raise' || st.op === 'poisson' || st.op === 'burst') || keep.has(st.vector),
        ),
      };
      break;
    }
  }
  try {
    return validateScenario(next);
  } catch (e) {
    if (e instanceof ScenarioError) throw bad(`${param}=${value} makes the scenario invalid: ${e.message}`);
    throw e;
  }
}
