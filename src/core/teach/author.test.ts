import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { causeChain } from '../analysis/explain.ts';
import { Ev } from '../engine/events.ts';
import { col, RAISE_ROW_KINDS } from '../engine/schema.ts';
import { runScenario } from '../machine/run.ts';
import { POLICIES, parsePolicySpec } from '../policies/index.ts';
import { findPreset } from '../presets/index.ts';
import { validateScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { richScenario } from '../testing/arbitraries.ts';
import { checkQuestion, draftFromPage, opIdAt, questionOf, raiseRefAt } from './author.ts';
import { QUESTION_KINDS } from './generate.ts';
import { answerOf } from './grade.ts';
import { choicesOf, promptOf } from './prompt.ts';
import { raiseRow } from './runs.ts';

/*
 * Questions written in the page: built from a selection on the step's run and checked by the real
 * grader. On random scenarios and random selections, every question the builder makes either
 * grades (and the author sees the grader's own answer) or is refused in one line naming what is
 * not in the run, never an exception.
 */

const ALL = POLICIES.map((p) => parsePolicySpec(p.id));
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 20) };
const runAll = (s: Scenario) => runScenario(validateScenario(s), ALL);
const STREAM = col(Ev.RAISE, 'stream');
const OP_ID = col(Ev.GUEST_OP, 'opId');

describe('author: a question from the page selection', () => {
  it('raiseRefAt names the RAISE row of any row of a raise; opIdAt the op at the root of the cause chain', () => {
    fc.assert(
      fc.property(richScenario, fc.nat(), (s, pick) => {
        const runs = runAll(s);
        for (const r of runs) {
          const log = r.log;
          if (log.length === 0) continue;
          const row = pick % log.length;
          const ref = raiseRefAt(log, row);
          if (RAISE_ROW_KINDS.has(log.kind[row]!)) {
            expect(ref).not.toBeNull();
            const raise = raiseRow(log, ref!);
            expect(raise).toBeGreaterThanOrEqual(0);
            expect(raise).toBeLessThanOrEqual(row);
            expect(log[STREAM][raise]).toBe(ref!.stream);
          } else expect(ref).toBeNull();
          const chain = causeChain(log, row);
          const root = chain[chain.length - 1]!;
          expect(opIdAt(log, row)).toBe(log.kind[root] === Ev.GUEST_OP ? log[OP_ID][root] : null);
        }
      }),
      RUNS,
    );
  });

  it('on random scenarios and selections, every built question grades, with the grader’s answer among the choices', () => {
    fc.assert(
      fc.property(richScenario, fc.nat(), fc.nat(), fc.nat(), (s, paneSeed, rowSeed, cursorSeed) => {
        const runs = runAll(s);
        const pane = paneSeed % runs.length;
        const log = runs[pane]!.log;
        const selected = log.length && rowSeed % 3 ? { pane, row: rowSeed % log.length } : null;
        const end = log.length ? log.t[log.length - 1]! : 0;
        const cursor = end ? cursorSeed % (end + 1) : 0;
        for (const kind of QUESTION_KINDS) {
          const q = questionOf(draftFromPage(kind, { runs, selected, cursor }), runs);
          if (typeof q === 'string') {
            // Only a run with nothing to ask about refuses to build (no raise, no guest op).
            expect(q).toMatch(/^select a (raise|guest operation) on the timeline first/);
            continue;
          }
          const checked = checkQuestion(q, runs);
          if (typeof checked === 'string') {
            // A raise some pane never made (the mailbox reply exists only when the VF's MSI-X was on).
            expect(q.kind).toBe('latest-delivery');
            expect(checked).toMatch(/is not in this scenario/);
            continue;
          }
          expect(checked.prompt).toBe(promptOf(q, runs));
          const expected = answerOf(q, runs);
          expect(choicesOf(q, runs).find((c) => c.value === expected)?.label).toBe(checked.answer);
          expect(checked.explanation.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  const runs = runScenario(
    validateScenario(findPreset('default')!.scenario),
    ['teardown-setup', 'dynamic-alloc'].map((p) => parsePolicySpec(p)),
  );

  it('a raise, guest op or policy the run does not have is refused in one specific line', () => {
    expect(checkQuestion({ kind: 'raise-lost', policy: 'teardown-setup', raise: { t: 20_000, stream: 3 } }, runs)).toBe(
      'the raise at 20 µs on stream 3 is not in this scenario (teardown-setup has no such raise): select a raise on the timeline',
    );
    expect(checkQuestion({ kind: 'host-irqs-after', policy: 'dynamic-alloc', step: 999 }, runs)).toMatch(
      /^guest op 999 is not in this scenario \(dynamic-alloc runs \d+ guest ops, 0 to \d+\)$/,
    );
    expect(checkQuestion({ kind: 'first-loss-vector', policy: 'data-hack' }, runs)).toBe(
      'the policy "data-hack" is not one of this step\'s panes (teardown-setup, dynamic-alloc)',
    );
    expect(
      questionOf({ kind: 'latest-delivery', policy: 'teardown-setup', raise: { t: 20_000, stream: 1 }, step: null }, [
        runs[0]!,
      ]),
    ).toMatch(/needs at least two panes/);
    expect(questionOf({ kind: 'window-opened', policy: 'teardown-setup', raise: null, step: null }, runs)).toMatch(
      /^select a guest operation/,
    );
  });

  it('defaults: the selected raise and its pane; without a selection, the raise at or after the cursor', () => {
    const log = runs[0]!.log;
    const lost = [...Array(log.length).keys()].find((i) => log.kind[i] === Ev.LOST)!;
    const d = draftFromPage('raise-lost', { runs, selected: { pane: 0, row: lost }, cursor: 0 });
    expect(d.policy).toBe('teardown-setup');
    expect(d.raise).toEqual(raiseRefAt(log, lost));
    const q = questionOf(d, runs);
    expect(typeof q).toBe('object');
    const checked = checkQuestion(q as Exclude<typeof q, string>, runs);
    expect(checked).toMatchObject({ answer: 'Yes' });
    const none = draftFromPage('raise-lost', { runs, selected: null, cursor: 19_999 });
    expect(none.raise!.t).toBeGreaterThanOrEqual(19_999);
    expect(none.step).not.toBeNull();
  });
});
