import { describe, expect, it } from 'vitest';
import {
  accToJson,
  findPreset,
  parseVary,
  runSweepInline,
  SEED_POLICY_IDS,
  validateScenario,
  type SweepSpec,
} from '../../core/index.ts';
import { createSimService } from '../../worker/service.ts';
import { chunkFor, pageWorkers, pruneLossy, runPagePool, unitsFor, type PoolWorker } from './sweepPool.ts';

/** An in-process "Worker": the real service, answering on a later task like a message would. */
function spawn(log: { terminated: number }): (i: number) => PoolWorker {
  return () => {
    const svc = createSimService((x) => x);
    let dead = false;
    const later = <T>(f: () => Promise<T>): Promise<T> =>
      new Promise((res, rej) => setTimeout(() => (dead ? undefined : f().then(res, rej)), 0));
    return {
      sweepStart: (spec) => later(() => svc.sweepStart(spec)),
      sweepUnit: (u) => later(() => svc.sweepUnit(u)),
      terminate: () => {
        dead = true;
        log.terminated++;
      },
    };
  };
}

const spec = (id: string, trials: number, vary: string | null = null): SweepSpec => ({
  scenario: validateScenario(findPreset(id)!.scenario),
  policies: [...SEED_POLICY_IDS],
  trials,
  vary: vary ? parseVary(vary) : null,
});

describe("the page's sweep pool", () => {
  it('gives the CLI reference result (runSweepInline) bit for bit whatever the pool size', async () => {
    const s = spec('default', 60);
    const want = runSweepInline(s).map((pt) => pt.map(accToJson));
    const lossy = [];
    for (const k of [1, 2, 3, 5]) {
      const log = { terminated: 0 };
      const r = await runPagePool(s, k, spawn(log)).done;
      expect(r.complete).toBe(true);
      expect(r.accs.map((pt) => pt.map(accToJson))).toEqual(want);
      expect(log.terminated).toBe(Math.min(k, unitsFor(s, chunkFor(s.trials, k)).length));
      lossy.push(r.lossy);
    }
    // The lossy-trial list (what the page lets you open) is the same too.
    for (const l of lossy) expect(l).toEqual(lossy[0]);
  });

  it('covers every point of a --vary sweep', async () => {
    const s = spec('default', 12, 'host.resizeWindowNs=2000..20000:log:3');
    const want = runSweepInline(s).map((pt) => pt.map(accToJson));
    const r = await runPagePool(s, 2, spawn({ terminated: 0 })).done;
    expect(r.accs.map((pt) => pt.map(accToJson))).toEqual(want);
  });

  it('cancel terminates every Worker at once and keeps the partial result, marked incomplete', async () => {
    const s = spec('default', 400);
    const log = { terminated: 0 };
    const run = runPagePool(s, 2, spawn(log));
    while (run.progress.done < 20) await new Promise((r) => setTimeout(r, 1));
    run.cancel();
    const r = await run.done;
    expect(r.complete).toBe(false);
    expect(log.terminated).toBe(2);
    const trials = r.accs[0]![0]!.trials;
    expect(trials).toBeGreaterThanOrEqual(20);
    expect(trials).toBeLessThan(400);
    // Every policy saw the same trials.
    for (const a of r.accs[0]!) expect(a.trials).toBe(trials);
  });

  it('reports a failing unit as one line and stops', async () => {
    const s = { ...spec('default', 10), policies: ['no-such-policy'] };
    const r = await runPagePool(s, 2, spawn({ terminated: 0 })).done;
    expect(r.complete).toBe(false);
    expect(r.error?.message).toMatch(/no-such-policy/);
  });

  it('keeps the first lossy trials and the first of each loss count, in any arrival order', () => {
    const all = Array.from({ length: 300 }, (_, t) => ({ point: 0, policy: t % 2, trial: t, lost: 1 + (t % 7) }));
    const a = pruneLossy([...all]);
    const b = pruneLossy(pruneLossy([...all].reverse().slice(0, 150)).concat(all.slice(0, 150)));
    expect(b).toEqual(a);
    expect(a.filter((l) => l.policy === 0)).toHaveLength(100);
  });

  it('uses one Worker per core minus one for the page, at least one', () => {
    expect(pageWorkers(8)).toBe(7);
    expect(pageWorkers(2)).toBe(1);
    expect(pageWorkers(1)).toBe(1);
    expect(pageWorkers(undefined)).toBe(1);
  });
});
