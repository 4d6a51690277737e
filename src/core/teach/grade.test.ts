import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTimeline, Outcome } from '../analysis/timeline.ts';
import { causeChain } from '../analysis/explain.ts';
import { Ev } from '../engine/events.ts';
import { createRng } from '../engine/rng.ts';
import { runScenario, type PolicyRun } from '../machine/run.ts';
import { POLICIES, parsePolicySpec } from '../policies/index.ts';
import { findPreset } from '../presets/index.ts';
import { Replay } from '../replay/replay.ts';
import { validateScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { richScenario, steadyScenario } from '../testing/arbitraries.ts';
import { answerOf, grade, momentOf } from './grade.ts';
import { generateQuestions } from './generate.ts';
import { choicesOf, promptOf } from './prompt.ts';
import type { Question } from './question.ts';

/*
 * The grader's answers against the same facts computed independently: the timeline's raise
 * outcomes and windows (analysis/timeline.ts), the metrics (analysis/metrics.ts), the replay's
 * machine state (replay/replay.ts) and the cause chains (analysis/explain.ts). None of these
 * share code with grade.ts beyond the log's vocabulary.
 */

const ALL = POLICIES.map((p) => parsePolicySpec(p.id));
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 25) };

function runAll(s: Scenario): { runs: PolicyRun[]; size: number } {
  const v = validateScenario(s);
  return { runs: runScenario(v, ALL), size: v.device.tableSize };
}

const timelineOf = (r: PolicyRun, size: number) => buildTimeline(r.log, size, r.visibleSize, r.endNs);

/** Every raise as the first of its stream at its time (what a RaiseRef names), with its raise index. */
function refs(tl: ReturnType<typeof buildTimeline>): { t: number; stream: number; id: number }[] {
  const out: { t: number; stream: number; id: number }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tl.raises.n; i++) {
    const k = `${tl.raises.t[i]}|${tl.raises.stream[i]}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ t: tl.raises.t[i]!, stream: tl.raises.stream[i]!, id: i });
  }
  return out;
}

describe('grade: answers from the log equal the ones computed from timeline, metrics and replay', () => {
  it('raise-lost = the timeline outcome LOST; over every raise the yes answers count metrics.lost', () => {
    fc.assert(
      fc.property(richScenario, (s) => {
        const { runs, size } = runAll(s);
        for (const r of runs) {
          const tl = timelineOf(r, size);
          const all = refs(tl);
          let yes = 0;
          for (const ref of all) {
            const a = answerOf({ kind: 'raise-lost', policy: r.policy, raise: ref }, runs);
            expect(a).toBe(tl.raises.outcome[ref.id] === Outcome.LOST);
            if (a) yes++;
          }
          // A RaiseRef names the first raise of a stream at an instant; bursts aside, that is every raise.
          if (all.length === tl.raises.n) expect(yes).toBe(r.metrics.lost);
        }
      }),
      RUNS,
    );
  });

  it('host-irqs-after = the replay state host.nAlloc after the last row the step caused (cause chains)', () => {
    fc.assert(
      fc.property(steadyScenario, (s) => {
        const { runs, size } = runAll(s);
        for (const r of runs) {
          const tl = timelineOf(r, size);
          const replay = new Replay(r.log, size, parsePolicySpec(r.policy).axes.frontEnd);
          // Each row's root by walking its cause chain (explain.ts), independently of grade.ts's forward pass.
          const lastOf = new Map<number, number>();
          for (let i = 0; i < r.log.length; i++) {
            const chain = causeChain(r.log, i);
            const root = chain[chain.length - 1]!;
            if (r.log.kind[root] === Ev.GUEST_OP) lastOf.set(root, i);
          }
          for (let k = 0; k < tl.ops.n; k++) {
            const expected = replay.at(lastOf.get(tl.ops.row[k]!)! + 1).host.nAlloc;
            expect(answerOf({ kind: 'host-irqs-after', policy: r.policy, step: k }, runs)).toBe(expected);
          }
        }
      }),
      { numRuns: Math.ceil(RUNS.numRuns / 2) },
    );
  });

  it('latest-delivery = the policies whose timeline end is latest among delivered outcomes', () => {
    fc.assert(
      fc.property(richScenario, (s) => {
        const { runs, size } = runAll(s);
        const tls = runs.map((r) => timelineOf(r, size));
        const policies = runs.map((r) => r.policy);
        for (const ref of refs(tls[0]!).slice(0, 40)) {
          const q: Question = { kind: 'latest-delivery', policies, raise: ref };
          const ids = tls.map((tl) => refs(tl).find((x) => x.t === ref.t && x.stream === ref.stream)?.id);
          // A raise some pane never made (the PF's mailbox reply comes only if the VF's MSI-X was on): named, not guessed.
          if (ids.includes(undefined)) {
            expect(() => answerOf(q, runs)).toThrow(/^question\.raise: /);
            continue;
          }
          const ends = tls.map((tl, k) => {
            const i = ids[k]!;
            const o = tl.raises.outcome[i];
            return o === Outcome.DIRECT || o === Outcome.LATE ? tl.raises.end[i]! : -1;
          });
          const latest = Math.max(...ends);
          const want = latest < 0 ? ['none'] : policies.filter((_, k) => ends[k] === latest);
          expect(want).toContain(answerOf(q, runs));
          for (const p of [...policies, 'none']) expect(grade(q, p, runs).correct).toBe(want.includes(p));
        }
      }),
      { numRuns: Math.ceil(RUNS.numRuns / 2) },
    );
  });

  it('window-opened = a timeline window opens among the rows the step caused; first-loss-vector = the first loss', () => {
    fc.assert(
      fc.property(richScenario, (s) => {
        const { runs, size } = runAll(s);
        for (const r of runs) {
          const tl = timelineOf(r, size);
          for (let k = 0; k < tl.ops.n; k++) {
            let opened = false;
            for (let w = 0; w < tl.windows.n; w++) {
              const chain = causeChain(r.log, tl.windows.row[w]!);
              if (chain[chain.length - 1] === tl.ops.row[k]) opened = true;
            }
            expect(answerOf({ kind: 'window-opened', policy: r.policy, step: k }, runs)).toBe(opened);
          }
          const first = tl.losses.n ? tl.raises.vec[tl.losses.id[0]!]! : -1;
          expect(answerOf({ kind: 'first-loss-vector', policy: r.policy }, runs)).toBe(first);
          expect(first < 0).toBe(r.metrics.lost === 0);
        }
      }),
      RUNS,
    );
  });
});

describe('grade on a preset', () => {
  const preset = findPreset('default')!;
  const { runs } = runAll(preset.scenario);
  const policies = runs.map((r) => r.policy);

  it('teardown-setup loses raises in its windows and explains with evidence rows that name them', () => {
    const tl = timelineOf(
      runs.find((r) => r.policy === 'teardown-setup')!,
      8,
    );
    const lost = refs(tl).find((x) => tl.raises.outcome[x.id] === Outcome.LOST)!;
    const q: Question = { kind: 'raise-lost', policy: 'teardown-setup', raise: { t: lost.t, stream: lost.stream } };
    const wrong = grade(q, false, runs);
    expect(wrong.correct).toBe(false);
    expect(wrong.expected).toBe(true);
    const right = grade(q, true, runs);
    expect(right.correct).toBe(true);
    const ev = right.evidence[0]!;
    expect(ev.policy).toBe('teardown-setup');
    expect(runs[ev.pane]!.log.kind[ev.row]).toBe(Ev.LOST);
    expect(right.explanation).toMatch(/lost/i);
    expect(promptOf(q, runs)).toMatch(/^Will teardown-setup lose the raise on vector \d+ at /);
    expect(momentOf(q, runs)).toBe(lost.t);
  });

  it('rejects a question whose subject the run does not have, naming the field', () => {
    expect(() => answerOf({ kind: 'raise-lost', policy: 'teardown-setup', raise: { t: 1, stream: 0 } }, runs)).toThrow(
      /^question\.raise: /,
    );
    expect(() => answerOf({ kind: 'host-irqs-after', policy: 'nope', step: 0 }, runs)).toThrow(/^question\.policy: /);
    expect(() => answerOf({ kind: 'host-irqs-after', policy: policies[0]!, step: 999 }, runs)).toThrow(
      /^question\.step: /,
    );
  });
});

describe('generate', () => {
  it('is deterministic, and every generated question grades, with its answer among its choices', () => {
    fc.assert(
      fc.property(richScenario, fc.integer({ min: 0, max: 2 ** 31 }), (s, seed) => {
        const { runs } = runAll(s);
        const a = generateQuestions(runs, createRng(seed), 6);
        expect(generateQuestions(runs, createRng(seed), 6)).toEqual(a);
        for (const q of a) {
          const expected = answerOf(q, runs);
          expect(choicesOf(q, runs).map((c) => c.value)).toContain(expected);
          expect(grade(q, expected, runs).correct).toBe(true);
          expect(promptOf(q, runs).endsWith('?')).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
