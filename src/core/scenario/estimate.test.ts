import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateWork, raiseCapacity } from './estimate.ts';
import { parsePolicyList, runScenario, validateScenario, type Scenario } from '../index.ts';
import { richScenario } from '../testing/arbitraries.ts';
import { simulate } from '../machine/simulate.ts';
import { ScenarioError } from './error.ts';
import { PRESETS } from '../presets/index.ts';

const ALL = parsePolicyList('all');
const maxRows = (s: Scenario): number => Math.max(...runScenario(s, ALL).map((r) => r.log.length));

// The estimate is what validation refuses on, so it must not undercount: for every policy the
// real log is no longer than the estimate. Poisson streams are left out of the random
// scenarios because their raise count is random (the documented formula is their mean).
describe('work estimate (log rows per policy)', () => {
  it('bounds the real log of random scenarios under every policy', () => {
    const noPoisson = richScenario.map((s) => ({ ...s, steps: s.steps.filter((st) => st.op !== 'poisson') }));
    fc.assert(
      fc.property(noPoisson, (s) => {
        expect(maxRows(s)).toBeLessThanOrEqual(estimateWork(s).rows);
      }),
      { numRuns: 60 },
    );
  });

  it('bounds the presets', () => {
    for (const p of PRESETS) {
      const s = validateScenario(p.scenario);
      expect(maxRows(s), p.id).toBeLessThanOrEqual(estimateWork(s).rows);
    }
  });

  // The guest-step worst cases measured at tableSize 2048, here at 256 to stay quick: full
  // allocations, growth one vector at a time (a resize per request), a full free, and the
  // FreeBSD table rewrite that re-unmasks every handler on every setup.
  const N = 256;
  const reqs = (op: 'linux-request-irq' | 'freebsd-setup-intr', k: number) =>
    Array.from({ length: k }, (_, i) => ({ at: 10 + i, op, vector: i }));
  const cases: Record<string, { rewrite?: boolean; steps: Scenario['steps'] }> = {
    'alloc twice': {
      steps: [
        { at: 0, op: 'linux-alloc-vectors', nvec: N },
        { at: 1, op: 'linux-alloc-vectors', nvec: N },
      ],
    },
    'request every vector, then free': {
      steps: [
        { at: 0, op: 'linux-alloc-vectors', nvec: N },
        ...reqs('linux-request-irq', N),
        { at: 5000, op: 'linux-free-vectors' },
      ],
    },
    'freebsd setup every vector': {
      steps: [{ at: 0, op: 'freebsd-alloc-msix', count: N }, ...reqs('freebsd-setup-intr', 64)],
    },
    'freebsd rewrite table': {
      rewrite: true,
      steps: [{ at: 0, op: 'freebsd-alloc-msix', count: N }, ...reqs('freebsd-setup-intr', 64)],
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`bounds the guest-step worst case: ${name}`, () => {
      const s = validateScenario({
        version: 1,
        device: { tableSize: N },
        guest: { freebsdRewriteTable: c.rewrite ?? false },
        steps: c.steps,
      });
      const real = maxRows(s);
      const est = estimateWork(s).rows;
      expect(real).toBeLessThanOrEqual(est);
      // …and is not absurdly pessimistic (a bound 10× too high would refuse honest scenarios).
      expect(est).toBeLessThan(10 * real);
    });
  }

  it('counts 2000 full allocations at tableSize 2048 as ~20 M rows (the issue example), with no raise', () => {
    const s = validateScenario({
      version: 1,
      device: { tableSize: 2048 },
      limits: { maxEvents: 200_000_000 },
      steps: Array.from({ length: 2000 }, (_, i) => ({ at: i, op: 'linux-alloc-vectors', nvec: 2048 })),
    });
    const w = estimateWork(s);
    expect(w.raises).toBe(0);
    expect(w.rows).toBeGreaterThan(16_000_000); // measured: 8,200 – 10,250 rows per allocation
  });

  it('the run-time row guard stops a log longer than 5 × maxEvents between queue entries', () => {
    // Validated under a high limit, then run under a low one: only the run-time guard is left.
    const s = validateScenario({
      version: 1,
      device: { tableSize: 2048 },
      limits: { maxEvents: 100_000 },
      steps: [0, 1, 2].map((at) => ({ at, op: 'linux-alloc-vectors', nvec: 2048 })),
    });
    const low = { ...s, limits: { maxEvents: 1000 } };
    expect(() => simulate(low, 'allocate-all')).toThrow(ScenarioError);
    expect(() => simulate(low, 'allocate-all')).toThrow(
      /^limits\.maxEvents: runaway scenario: more than 5,000 log rows by t=\d+ ns; set limits\.maxEvents to allow more$/,
    );
  });
});

// The log's initial capacity must not move when the raise counts were folded into estimate.ts:
// this is the formula Traffic.estimate had before (kept here as the oracle).
function capacityBefore(steps: Scenario['steps']): number {
  let n = 0;
  for (const st of steps) {
    if (st.op === 'raise') n += st.every === undefined ? 1 : Math.floor(((st.until ?? st.at) - st.at) / st.every) + 1;
    else if (st.op === 'poisson') n += Math.ceil(((st.until - st.at) / st.meanNs) * 1.1) + 8;
    else if (st.op === 'burst') n += st.count;
  }
  return n;
}

describe('raise capacity (pre-sizes the event log)', () => {
  const poisson = fc.record({
    at: fc.integer({ min: 0, max: 1e6 }),
    span: fc.integer({ min: 0, max: 1e8 }),
    meanNs: fc.integer({ min: 1, max: 1e6 }),
  });
  it('is what it was for every preset, random scenarios and Poisson steps', () => {
    for (const p of PRESETS) expect(raiseCapacity(p.scenario.steps), p.id).toBe(capacityBefore(p.scenario.steps));
    fc.assert(
      fc.property(richScenario, (s) => raiseCapacity(s.steps) === capacityBefore(s.steps)),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(poisson, ({ at, span, meanNs }) => {
        const steps: Scenario['steps'] = [{ at, op: 'poisson', vector: 0, meanNs, until: at + span }];
        return raiseCapacity(steps) === capacityBefore(steps);
      }),
    );
  });

  it('is at least the validation count (a Poisson stream gets headroom over its mean)', () => {
    fc.assert(
      fc.property(richScenario, (s) => raiseCapacity(s.steps) >= estimateWork(s).raises),
      { numRuns: 100 },
    );
  });
});
