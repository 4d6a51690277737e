import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from './metrics.ts';
import { Replay } from '../replay/replay.ts';
import { Ev, Loss } from '../engine/events.ts';
import { hashLog, type LogColumns } from '../engine/log.ts';
import { simulate, snapshotMachine, stepSimulate } from '../machine/simulate.ts';
import { POLICIES, parsePolicySpec } from '../policies/index.ts';
import { validateScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { richScenario, steadyScenario } from '../testing/arbitraries.ts';

const ALL = POLICIES.map((p) => parsePolicySpec(p.id));
// FC_RUNS=2000 npx vitest run src/core/analysis for a deeper local sweep.
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 60) };

function run(s: Scenario, policy: (typeof ALL)[number]) {
  const r = simulate(validateScenario(s), policy);
  const log = r.log.columns();
  return { r, log, m: computeMetrics(log, r.final, r.settings.reservationMode) };
}

/** Raise ids with their terminal rows (DELIVER / COALESCE / LOST, or a RAISE row delivered at once). */
function terminals(log: LogColumns): Map<number, number[]> {
  const t = new Map<number, number[]>();
  for (let i = 0; i < log.length; i++) {
    const k = log.kind[i];
    const isTerminal = k === Ev.DELIVER || k === Ev.COALESCE || k === Ev.LOST || (k === Ev.RAISE && log.c[i]! > 0);
    if (!isTerminal) continue;
    const id = log.a[i]!;
    t.set(id, [...(t.get(id) ?? []), i]);
  }
  return t;
}

describe('properties over random scenarios, for every policy', () => {
  for (const p of ALL) {
    describe(p.spec, () => {
      it('conserves interrupts: raised = delivered + coalesced + lost + pendingAtEnd, each raise ends at most once', () => {
        fc.assert(
          fc.property(richScenario, (s) => {
            const { log, m } = run(s, p);
            expect(m.raised).toBe(m.delivered + m.coalesced + m.lost + m.pendingAtEnd);
            expect(m.neverDelivered).toBeGreaterThanOrEqual(m.lost + m.pendingAtEnd);
            expect(m.neverDelivered).toBeLessThanOrEqual(m.raised - m.delivered);
            for (const rows of terminals(log).values()) expect(rows.length).toBe(1);
          }),
          RUNS,
        );
      });

      it('counts masked injections only under pci-assign, as parts of delivered and lost', () => {
        fc.assert(
          fc.property(richScenario, (s) => {
            const { m } = run(s, p);
            expect(m.deliveredWhileMasked).toBeLessThanOrEqual(m.delivered);
            expect(m.spuriousInjections).toBe(m.lostByCause['stale-route'] ?? 0);
            expect(m.lostByCause['guest-masked-no-pba']).toBeUndefined(); // retired (FIDELITY.md D11)
            if (p.axes.frontEnd !== 'pci-assign')
              expect([m.deliveredWhileMasked, m.spuriousInjections]).toEqual([0, 0]);
          }),
          RUNS,
        );
      });

      it('is deterministic: the same scenario and seed give the same event-log hash', () => {
        fc.assert(
          fc.property(richScenario, (s) => {
            expect(hashLog(run(s, p).log)).toBe(hashLog(run(structuredClone(s), p).log));
          }),
          { numRuns: Math.min(30, RUNS.numRuns) },
        );
      });

      it('never holds more host IRQs than the budget, nor more CPU vectors than their budget', () => {
        fc.assert(
          fc.property(richScenario, (s) => {
            const { log, r } = run(s, p);
            let alloc = 0;
            for (let i = 0; i < log.length; i++) {
              if (log.kind[i] === Ev.HOST_ALLOC) alloc++;
              if (log.kind[i] === Ev.HOST_FREE) alloc--;
              expect(alloc).toBeLessThanOrEqual(r.settings.irqBudget);
            }
          }),
          RUNS,
        );
      });

      it('the state replayed from the log equals the live machine (its snapshots) at random intermediate points and at the end', () => {
        const points = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 });
        fc.assert(
          fc.property(richScenario, points, fc.integer({ min: 1, max: 64 }), (s, fracs, every) => {
            const { log, r } = run(s, p);
            // Small checkpoint spacing so random access crosses many checkpoints.
            const replay = new Replay(log, s.device.tableSize, p.axes.frontEnd, every);
            // Stop the live machine at the first queue entry that reaches each random row (a
            // component's state is only defined between queue entries).
            const targets = fracs.map((f) => Math.floor(f * log.length)).sort((x, y) => x - y);
            const live = stepSimulate(validateScenario(s), p);
            let k = 0;
            let checked = 0;
            for (let st = live.next(); !st.done; st = live.next()) {
              const m = st.value;
              if (k < targets.length && m.w.log.length >= targets[k]!) {
                expect(replay.at(m.w.log.length)).toEqual(snapshotMachine(m));
                checked++;
                while (k < targets.length && m.w.log.length >= targets[k]!) k++;
              }
              if (st.done) break;
            }
            expect(checked).toBeGreaterThan(0);
            expect(replay.at(log.length)).toEqual(r.final);
          }),
          RUNS,
        );
      });

      it('the stepping run used by tests makes the same log as simulate', () => {
        fc.assert(
          fc.property(richScenario, (s) => {
            const live = stepSimulate(validateScenario(s), p);
            let st = live.next();
            while (!st.done) st = live.next();
            expect(hashLog(st.value.log.columns())).toBe(hashLog(run(s, p).log));
          }),
          { numRuns: Math.min(20, RUNS.numRuns) },
        );
      });
    });
  }

  for (const id of ['dynamic-alloc', 'allocate-all', 'paravirt', 'dynamic-nocache', 'ims']) {
    it(`${id} loses nothing while the budget suffices (steady Linux guest)`, () => {
      fc.assert(
        fc.property(steadyScenario, (s) => {
          const { m } = run(s, parsePolicySpec(id));
          expect(m.lost).toBe(0);
          expect(m.resizes).toBe(0);
          expect(m.allocFailures).toBe(0);
        }),
        RUNS,
      );
    });
  }

  for (const id of ['teardown-setup', 'single-vector', 'data-hack']) {
    // More runs: only some random scenarios resize at all.
    it(`${id} loses exactly the raises that fall inside its windows (between WINDOW_OPEN and WINDOW_CLOSE in log order)`, () => {
      fc.assert(
        fc.property(richScenario, (s) => {
          const { log } = run(s, parsePolicySpec(id));
          // Log order, not just time: a raise in the same nanosecond as the window opening but
          // before it (a mailbox reply, say) is not inside it. Times are checked too: [open, close).
          let inside = false;
          let openT = -1;
          const inWindow = new Set<number>();
          const windowLost = new Set<number>();
          for (let i = 0; i < log.length; i++) {
            const k = log.kind[i];
            if (k === Ev.WINDOW_OPEN) {
              inside = true;
              openT = log.t[i]!;
            } else if (k === Ev.WINDOW_CLOSE) inside = false;
            else if (k === Ev.RAISE && inside) {
              expect(log.t[i]).toBeGreaterThanOrEqual(openT);
              inWindow.add(log.a[i]!);
            } else if (k === Ev.LOST && log.b[i] === Loss.RESIZE_WINDOW) windowLost.add(log.a[i]!);
          }
          expect([...windowLost].sort((x, y) => x - y)).toEqual([...inWindow].sort((x, y) => x - y));
        }),
        { numRuns: Number(process.env.FC_RUNS ?? 200) },
      );
    });
  }
});
