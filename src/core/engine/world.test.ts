import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ev } from './events.ts';
import type { Block } from './block.ts';
import { simulate } from '../machine/simulate.ts';
import { POLICIES, parsePolicySpec } from '../policies/index.ts';
import { validateScenario } from '../scenario/parse.ts';
import { drain, makeWorld } from '../testing/harness.ts';
import { richScenario } from '../testing/arbitraries.ts';

/** The cause register: one mechanism (frames, advance, the vCPU's park/unpark), see World. */
describe('World cause frames', () => {
  it('within opens a frame and restores the outer cause, also when the body throws', () => {
    const w = makeWorld(1);
    const outer = w.emit(Ev.NOTE, -1);
    w.within(outer, () => {
      expect(w.cause).toBe(outer);
      const inner = w.emit(Ev.NOTE, -1);
      w.within(inner, () => expect(w.emit(Ev.NOTE, -1)).toBe(2));
      expect(w.cause).toBe(outer);
    });
    expect(w.cause).toBe(-1);
    expect(() =>
      w.within(outer, () => {
        throw new Error('x');
      }),
    ).toThrow('x');
    expect(w.cause).toBe(-1);
    expect([...w.log.columns().cause]).toEqual([-1, 0, 1]);
  });

  it('advance moves the current frame on; the frame end still restores the outer cause', () => {
    const w = makeWorld(1);
    const a = w.emit(Ev.NOTE, -1);
    w.within(a, () => {
      const b = w.advance(w.emit(Ev.NOTE, -1));
      expect(w.emit(Ev.NOTE, -1)).toBe(2);
      expect(w.cause).toBe(b);
    });
    expect(w.cause).toBe(-1);
    expect([...w.log.columns().cause]).toEqual([-1, 0, 1]);
  });

  it('a scope lasts across waits: parked while the vCPU waits, resumed with the cause it had', () => {
    const w = makeWorld(1);
    const seqs: number[] = [];
    function* body(): Block<number> {
      seqs.push(w.emit(Ev.NOTE, -1)); // points to the scope's row
      yield 100;
      seqs.push(w.emit(Ev.NOTE, -1)); // still does, after the wait
      return 7;
    }
    const root = w.emit(Ev.GUEST_OP, -1);
    const gen = w.scope(root, body());
    expect(gen.next()).toEqual({ value: 100, done: false });
    const saved = w.park();
    expect(w.cause).toBe(-1);
    const during = w.emit(Ev.RAISE, 0); // handled while the write waits: not its effect
    w.unpark(saved);
    expect(gen.next()).toEqual({ value: 7, done: true });
    expect(w.cause).toBe(-1);
    const c = w.log.columns().cause;
    expect([c[seqs[0]!], c[during], c[seqs[1]!]]).toEqual([root, -1, root]);
    expect(
      drain(
        w.scope(
          5,
          (function* () {
            yield* body();
          })(),
        ),
      ),
    ).toBe(100);
    expect(w.cause).toBe(-1);
  });

  it('over random runs of every policy: causes point backwards, only guest operations and raises are roots, and no guest-side row is blamed on a raise', () => {
    const raiseRows = new Set<number>([Ev.RAISE, Ev.PEND, Ev.DELIVER, Ev.COALESCE, Ev.LOST]);
    fc.assert(
      fc.property(richScenario, (s) => {
        for (const def of POLICIES) {
          const log = simulate(validateScenario(s), parsePolicySpec(def.id)).log.columns();
          const bad: string[] = [];
          for (let i = 0; i < log.length && bad.length < 3; i++) {
            const c = log.cause[i]!;
            const k = log.kind[i]!;
            if (c >= i) bad.push(`row ${i}: cause ${c} is not earlier`);
            if (c < 0 && k !== Ev.GUEST_OP && k !== Ev.RAISE) bad.push(`row ${i}: kind ${k} has no cause`);
            if (k === Ev.GUEST_OP && c !== -1) bad.push(`row ${i}: a guest step inherited cause ${c}`); // each step starts in a fresh frame
            if (!raiseRows.has(k)) {
              let r = i;
              while (log.cause[r]! >= 0) r = log.cause[r]!;
              if (log.kind[r] !== Ev.GUEST_OP)
                bad.push(`row ${i}: kind ${k} traces back to row ${r}, not a guest operation`);
            }
          }
          expect(bad, def.id).toEqual([]);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 40) },
    );
  });
});
