import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../analysis/metrics.ts';
import { initialState } from '../replay/machine-state.ts';
import { applyRows } from '../replay/replay.ts';
import { Ev, Note } from '../engine/events.ts';
import { hashLog } from '../engine/log.ts';
import { simulate } from '../machine/simulate.ts';
import { validateScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { richScenario, steadyScenario } from '../testing/arbitraries.ts';
import { POLICIES, parsePolicySpec } from './index.ts';

// Properties of the shared budget (host.neighbor, device.imsSlots) and of the cache, over random
// scenarios. The general properties (properties.test.ts) cover the new policies without a neighbour.

const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 40) };

/** A rich scenario plus up to three neighbour requests and, sometimes, a small IMS store. */
const withNeighbour: fc.Arbitrary<Scenario> = fc
  .tuple(
    richScenario,
    fc.array(fc.record({ at: fc.integer({ min: 0, max: 400_000 }), irqs: fc.integer({ min: 0, max: 12 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
  )
  .map(([s, neighbor, imsSlots]) => ({
    ...s,
    device: { ...s.device, ...(imsSlots === undefined ? {} : { imsSlots }) },
    host: { ...s.host, neighbor },
  }));

function run(s: Scenario, id: string) {
  const r = simulate(validateScenario(s), parsePolicySpec(id));
  const log = r.log.columns();
  return { r, log, m: computeMetrics(log, r.final, r.settings.reservationMode) };
}

describe('with a neighbour sharing the budget, for every policy', () => {
  for (const p of POLICIES) {
    it(`${p.id}: this device and the neighbour together never exceed the budget (and the IMS store under ims)`, () => {
      fc.assert(
        fc.property(withNeighbour, (s) => {
          const { log, r } = run(s, p.id);
          const cap = Math.min(r.settings.irqBudget, p.axes.growth === 'ims' ? r.settings.imsSlots : Infinity);
          let ours = 0,
            theirs = 0;
          for (let i = 0; i < log.length; i++) {
            const k = log.kind[i];
            if (k === Ev.HOST_ALLOC) ours++;
            else if (k === Ev.HOST_FREE) ours--;
            else if (k === Ev.NOTE && log.a[i] === Note.NEIGHBOR) {
              theirs = log.b[i]!;
              expect(theirs).toBeLessThanOrEqual(log.c[i]!); // never more than it wants
            }
            expect(ours + theirs).toBeLessThanOrEqual(cap);
          }
        }),
        RUNS,
      );
    });

    it(`${p.id}: still conserves interrupts, is deterministic, and the log rebuilds the final state`, () => {
      fc.assert(
        fc.property(withNeighbour, (s) => {
          const { log, r, m } = run(s, p.id);
          expect(m.raised).toBe(m.delivered + m.coalesced + m.lost + m.pendingAtEnd);
          expect(hashLog(run(structuredClone(s), p.id).log)).toBe(hashLog(log));
          const st = initialState(s.device.tableSize, p.axes.frontEnd);
          applyRows(st, log, log.length);
          expect(st).toEqual(r.final);
        }),
        RUNS,
      );
    });
  }
});

describe('the cache', () => {
  it('dynamic-alloc frees a host IRQ only while shutting the index down (host Enable already 0)', () => {
    fc.assert(
      fc.property(withNeighbour, (s) => {
        const { log } = run(s, 'dynamic-alloc');
        let enabled = false;
        for (let i = 0; i < log.length; i++) {
          const k = log.kind[i];
          if (k === Ev.HOST_ENABLE) enabled = true;
          else if (k === Ev.HOST_DISABLE) enabled = false;
          else if (k === Ev.HOST_FREE) expect(enabled).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('on a steady guest, dynamic-nocache and ims churn at least as many allocations as dynamic-alloc, which frees none', () => {
    fc.assert(
      fc.property(steadyScenario, (s) => {
        const cached = run(s, 'dynamic-alloc').m;
        expect(cached.hostIrqFrees).toBe(0);
        for (const id of ['dynamic-nocache', 'ims']) {
          const m = run(s, id).m;
          expect(m.hostIrqAllocs).toBeGreaterThanOrEqual(cached.hostIrqAllocs - 1); // ims has no vector-0 allocation
          expect(m.hostIrqAllocs - m.hostIrqFrees).toBe(m.hostVectorsFinal);
          expect(m.delivered).toBe(cached.delivered);
        }
      }),
      RUNS,
    );
  });
});
