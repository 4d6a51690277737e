import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeMetrics,
  findPreset,
  parsePolicySpec,
  PRESETS,
  simulate,
  validateScenario,
  type Scenario,
} from '../index.ts';
import {
  applyVary,
  buildReport,
  makeState,
  mergeStates,
  parseShard,
  parseVary,
  runSweepInline,
  runUnit,
  shardRange,
  trialScenario,
  trialSeed,
  foldLog,
  emptyAcc,
  summarise,
  type SweepSpec,
} from './index.ts';

const preset = (id: string): Scenario => validateScenario(findPreset(id)!.scenario);

/** A Linux guest that brings vectors 1..3 up one by one while vector 0 carries Poisson traffic. */
const hotplug = (meanNs: number, windowNs: number, random: Scenario['random']): Scenario =>
  validateScenario({
    version: 1,
    name: 'closed-form',
    seed: 5,
    device: { tableSize: 4 },
    host: { resizeWindowNs: windowNs },
    random,
    steps: [
      { at: 0, op: 'linux-alloc-vectors', nvec: 4 },
      { at: 1_000, op: 'linux-request-irq', vector: 0 },
      { at: 2_000, op: 'poisson', vector: 0, meanNs, until: 1_000_000 },
      { at: 100_000, op: 'linux-request-irq', vector: 1 },
      { at: 200_000, op: 'linux-request-irq', vector: 2 },
      { at: 300_000, op: 'linux-request-irq', vector: 3 },
      { at: 400_000, op: 'poisson', vector: 3, meanNs: meanNs * 2, until: 1_000_000 },
      { at: 500_000, op: 'linux-free-irq', vector: 3 },
      { at: 600_000, op: 'linux-request-irq', vector: 3 },
    ],
  });

const summary = (spec: SweepSpec) =>
  buildReport(makeState(spec, runSweepInline(spec), null)).points.map((p) => p.results);

describe('trial seeds and randomisation', () => {
  it('trial k has a fixed seed, different for each k and each scenario seed', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, k) => trialSeed(7, k)));
    expect(seeds.size).toBe(1000);
    expect(trialSeed(7, 3)).toBe(trialSeed(7, 3));
    expect(trialSeed(7, 3)).not.toBe(trialSeed(8, 3));
  });

  it("jitter keeps the guest steps in order, a phase keeps each traffic step's length, and trial k is reproducible", () => {
    const s = hotplug(20_000, 10_000, { phaseNs: 50_000, rateJitter: 0.5, jitterNs: 150_000 });
    fc.assert(
      fc.property(fc.nat(1e6), (k) => {
        const t = trialScenario(s, k);
        expect(trialScenario(s, k)).toEqual(t);
        expect(t.random).toBeUndefined();
        expect(t.seed).toBe(trialSeed(5, k));
        const guest = t.steps.filter((st) => st.op !== 'poisson').map((st) => st.at);
        expect(guest).toEqual([...guest].sort((a, b) => a - b));
        t.steps.forEach((st, i) => {
          const o = s.steps[i]!;
          expect(st.op).toBe(o.op);
          if (st.op === 'poisson' && o.op === 'poisson') {
            expect(st.until - st.at).toBe(o.until - o.at);
            expect(st.at - o.at).toBeLessThan(50_000);
            expect(st.meanNs).toBeGreaterThanOrEqual(Math.round(o.meanNs * 0.5));
            expect(st.meanNs).toBeLessThanOrEqual(Math.round(o.meanNs * 1.5));
          } else expect(st.at - o.at).toBeGreaterThanOrEqual(0);
        });
        expect(() => validateScenario(t)).not.toThrow();
      }),
      { numRuns: 50 },
    );
  });

  it('the random block is validated like every other field', () => {
    const base = { version: 1, device: { tableSize: 2 }, steps: [] };
    expect(() => validateScenario({ ...base, random: { phase: 1 } })).toThrow(
      /^random: unknown field "phase"; allowed here: phaseNs, rateJitter, jitterNs$/,
    );
    expect(() => validateScenario({ ...base, random: { rateJitter: 2 } })).toThrow(
      /^random.rateJitter: must be <= 0.9$/,
    );
    expect(() => validateScenario({ ...base, random: { jitterNs: 1.5 } })).toThrow(/^random.jitterNs: /);
    expect(validateScenario({ ...base, random: { phaseNs: 10, rateJitter: 0.1, jitterNs: 0 } }).random).toEqual({
      phaseNs: 10,
      rateJitter: 0.1,
      jitterNs: 0,
    });
  });

  it('without a random block only the seed changes', () => {
    const s = preset('default');
    const t = trialScenario(s, 4);
    expect({ ...t, seed: s.seed }).toEqual(s);
  });
});

describe('folding a trial', () => {
  it('the folded counts equal the log-derived metrics (any preset, policy and trial)', () => {
    const ids = PRESETS.map((p) => p.id).filter((id) => id !== 'irq-churn');
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.constantFrom('teardown-setup', 'single-vector', 'data-hack', 'dynamic-alloc'),
        fc.nat(1000),
        (id, pol, k) => {
          const s = trialScenario(preset(id), k);
          const r = simulate(s, parsePolicySpec(pol));
          const log = r.log.columns();
          const m = computeMetrics(log, r.final, r.settings.reservationMode);
          const f = foldLog(log, []);
          expect(f.resizes).toBe(m.resizes);
          expect(f.lost).toBe(m.lost);
          expect(f.windowNs).toBe(m.lossWindowNs);
          expect(f.lostInWindows).toBeLessThanOrEqual(
            (m.lostByCause['resize-window'] ?? 0) + (m.lostByCause['host-msix-off'] ?? 0),
          );
          expect(f.lostInWindows).toBeGreaterThanOrEqual(m.lostByCause['resize-window'] ?? 0);
          expect(f.pbaClearedAtResize).toBeLessThanOrEqual(m.lostByCause['pba-cleared-on-disable'] ?? 0);
          expect(f.lossyResizes).toBeLessThanOrEqual(f.resizes);
          expect(f.lossyResizes).toBeLessThanOrEqual(f.lostInWindows);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('the closed form agrees with the Monte-Carlo estimate', () => {
  // Each workload: Poisson traffic and known windows; the closed form must fall inside the 95 %
  // Wilson interval of P(resize loses) and inside the Garwood interval of lost per 10^6 resizes.
  const workloads: [string, SweepSpec][] = [
    [
      'multiqueue-hotplug at 1/400 µs per queue',
      {
        scenario: {
          ...applyVary(preset('multiqueue-hotplug'), 'traffic.meanNs', 400_000),
          random: { phaseNs: 50_000 },
        },
        policies: ['teardown-setup'],
        trials: 120,
        vary: null,
      },
    ],
    [
      'one busy vector, 20 µs windows, jittered rate',
      {
        scenario: hotplug(30_000, 20_000, { rateJitter: 0.4, phaseNs: 5_000 }),
        policies: ['teardown-setup'],
        trials: 400,
        vary: null,
      },
    ],
    [
      'single-vector enable, 60 µs windows, jittered steps',
      {
        scenario: hotplug(150_000, 60_000, { jitterNs: 40_000 }),
        policies: ['single-vector'],
        trials: 400,
        vary: null,
      },
    ],
  ];
  it.each(workloads)('%s', (_, spec) => {
    const [r] = summary(spec)[0]!;
    expect(r!.resizes).toBeGreaterThan(300);
    expect(r!.lossyResizes).toBeGreaterThan(10);
    expect(r!.lossyResizes).toBeLessThan(r!.resizes);
    expect(r!.closedFormPLossPerResize!).toBeGreaterThanOrEqual(r!.ciLow!);
    expect(r!.closedFormPLossPerResize!).toBeLessThanOrEqual(r!.ciHigh!);
    expect(r!.closedFormLostPerMillionResizes!).toBeGreaterThanOrEqual(r!.lostPerMillionLow!);
    expect(r!.closedFormLostPerMillionResizes!).toBeLessThanOrEqual(r!.lostPerMillionHigh!);
  });

  it('a policy without resize windows reports none and loses nothing there', () => {
    const [r] = summary({
      scenario: hotplug(30_000, 20_000, undefined),
      policies: ['dynamic-alloc'],
      trials: 50,
      vary: null,
    })[0]!;
    expect(r!.resizes).toBe(0);
    expect(r!.pLossPerResize).toBeNull();
    expect(r!.lostInWindows).toBe(0);
  });

  it('with no loss seen, the rule-of-three bound and the trials a ±10 % estimate needs are given, not a bare 0', () => {
    const [r] = summary({
      scenario: hotplug(1e9, 1_000, undefined),
      policies: ['teardown-setup'],
      trials: 20,
      vary: null,
    })[0]!;
    expect(r!.lossyResizes).toBe(0);
    expect(r!.ruleOfThreeUpper).toBe(3 / r!.resizes);
    expect(r!.trialsFor10pct!).toBeGreaterThan(20);
  });
});

describe('summary', () => {
  it('the losses-per-trial distribution: median, 99th percentile and maximum from the histogram', () => {
    const a = { ...emptyAcc(), trials: 100, lostHist: { 0: 49, 3: 50, 10: 1 } };
    const r = summarise('x', a);
    expect([r.lostPerTrialP50, r.lostPerTrialP99, r.lostPerTrialMax]).toEqual([3, 10, 10]);
    expect(summarise('x', emptyAcc()).lostPerTrialMax).toBe(0);
  });
});

describe('shards, merge and --vary', () => {
  const spec: SweepSpec = {
    scenario: hotplug(30_000, 20_000, { phaseNs: 5_000 }),
    policies: ['teardown-setup', 'dynamic-alloc'],
    trials: 23,
    vary: parseVary('host.resizeWindowNs=2000..200000:log:3'),
  };

  it('the shards tile the trials and merging them gives the single run, bit for bit', () => {
    const whole = JSON.stringify(buildReport(makeState(spec, runSweepInline(spec), null)));
    for (const n of [1, 2, 5]) {
      const parts = Array.from({ length: n }, (_, i) => ({
        name: `part-${i}`,
        state: makeState(spec, runSweepInline(spec, { index: i, count: n }), { index: i, count: n }),
      }));
      // Order of the parts must not matter either.
      expect(JSON.stringify(buildReport(mergeStates(parts.reverse())))).toBe(whole);
      expect(
        parts.reduce((a, _, i) => {
          const r = shardRange(23, { index: i, count: n });
          return a + r.to - r.from;
        }, 0),
      ).toBe(23);
    }
  });

  it('a unit of trials equals the same trials run one by one (what run --trial k replays)', () => {
    const a = runUnit(spec, { point: 1, from: 3, to: 6 });
    const b = [3, 4, 5].map((k) => runUnit(spec, { point: 1, from: k, to: k + 1 }));
    expect(a[0]!.lossyResizes).toBe(b.reduce((x, u) => x + u[0]!.lossyResizes, 0));
    expect(a[0]!.lost).toBe(b.reduce((x, u) => x + u[0]!.lost, 0));
  });

  it('merge refuses a duplicate shard, a different sweep and an incomplete part', () => {
    const st = (i: number, s = spec) => ({
      name: `p${i}`,
      state: makeState(s, runSweepInline(s, { index: i, count: 2 }), { index: i, count: 2 }),
    });
    expect(() => mergeStates([st(0), st(0)])).toThrow(/shard 0\/2 is given twice/);
    expect(() => mergeStates([st(0), st(1, { ...spec, trials: 24 })])).toThrow(/different sweep/);
    const broken = st(1);
    broken.state.points[0]![0]!.trials--;
    expect(() => mergeStates([st(0), broken])).toThrow(/incomplete/);
  });

  it('parses --vary and --shard, and rejects bad ones with a message naming the option', () => {
    expect(parseVary('host.resizeWindowNs=2000..200000:log:3').values).toEqual([2000, 20000, 200000]);
    expect(parseVary('traffic.busyVectors=1,2,2,3').values).toEqual([1, 2, 3]);
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    for (const bad of [
      'host.resizeWindowNs',
      'nope=1',
      'host.resizeWindowNs=5..1:lin:3',
      'host.resizeWindowNs=0..10:log:3',
      'host.resizeWindowNs=1..10:lin:1',
      'host.irqBudget=a,b',
    ]) {
      expect(() => parseVary(bad)).toThrow(/^--vary: /);
    }
    for (const bad of ['4/4', '1', '-1/2', '0/0']) expect(() => parseShard(bad)).toThrow(/^--shard: /);
    expect(() => applyVary(preset('default'), 'device.tableSize', 1)).toThrow(
      /^--vary: device.tableSize=1 makes the scenario invalid: steps\[\d+\]/,
    );
  });
});
