import { describe, expect, it } from 'vitest';
import { createSimService } from './service.ts';
import { accToJson, findPreset, runUnit, validateScenario, type SweepSpec } from '../core/index.ts';

const defaultPreset = findPreset('default')!;

const svc = () =>
  createSimService(
    (x) => x,
    () => 0,
  );

describe('worker service', () => {
  it('runs a scenario for each policy and returns logs, metrics and hashes', async () => {
    const r = await svc().run({
      scenarioText: JSON.stringify(defaultPreset.scenario),
      policies: ['data-hack', 'dynamic-alloc'],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.runs.map((x) => x.policy)).toEqual(['data-hack', 'dynamic-alloc']);
    expect(r.runs[0]!.log.length).toBeGreaterThan(100);
    expect(r.runs[1]!.metrics.lost).toBe(0);
  });

  it('answers bad input with a specific error instead of throwing', async () => {
    const s = svc();
    expect(await s.run({ scenarioText: '{', policies: ['data-hack'] })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/malformed JSON/),
    });
    expect(await s.run({ scenarioText: JSON.stringify(defaultPreset.scenario), policies: ['nope'] })).toMatchObject({
      ok: false,
      path: 'policies',
    });
    expect(
      await s.run({
        scenarioText: JSON.stringify({ version: 1, device: { tableSize: 0 }, steps: [] }),
        policies: ['data-hack'],
      }),
    ).toMatchObject({ ok: false, path: 'device.tableSize' });
  });

  it('transfers every log and timeline buffer (none is copied) and keeps no state between runs', async () => {
    const transferred: unknown[][] = [];
    const s = createSimService(
      (x, list) => {
        transferred.push(list);
        return x;
      },
      () => 0,
    );
    // run, its pre-flight estimate, the import parser, the exports (which re-run: worker/export.ts)
    // and the sweep units only: no stateAt (the page replays logs itself).
    expect(Object.keys(s).sort()).toEqual([
      'capacity',
      'estimate',
      'exportRun',
      'importText',
      'run',
      'sweepStart',
      'sweepUnit',
    ]);
    const r = await s.run({
      scenarioText: JSON.stringify(defaultPreset.scenario),
      policies: ['teardown-setup', 'data-hack'],
    });
    if (!r.ok) throw new Error(r.message);
    const list = new Set(transferred[0]);
    for (const p of r.runs) {
      for (const col of [p.log.t, p.log.kind, p.log.vec, p.log.a, p.log.b, p.log.c, p.log.cause])
        expect(list.has(col.buffer)).toBe(true);
    }
    expect(r.runs.map((p) => p.frontEnd)).toEqual(['qemu-msix', 'pci-assign']);
  });
});

describe('worker service limits', () => {
  it('refuses a scenario too large for the page, pointing at the CLI', async () => {
    const big = {
      version: 1,
      device: { tableSize: 4 },
      steps: [{ at: 0, op: 'raise', vector: 0, every: 1, until: 3_000_000 }],
    };
    const r = await svc().run({ scenarioText: JSON.stringify(big), policies: ['data-hack'] });
    expect(r).toMatchObject({
      ok: false,
      path: 'steps',
      message:
        'this scenario raises about 3,000,001 interrupts per policy × 1 policy = 3,000,001; the browser view plays back up to 500,000 (run it with the CLI: npx msix-lab run scenario.json, or compare fewer policies)',
    });
  });

  it('counts raises over all panes: 6 × 100,000 is over the cap, 4 × 100,000 is not', async () => {
    const s = JSON.stringify({
      version: 1,
      device: { tableSize: 4 },
      steps: [{ at: 0, op: 'raise', vector: 0, every: 10, until: 999_990 }],
    });
    const six = await svc().estimate({
      scenarioText: s,
      policies: ['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc', 'allocate-all', 'paravirt'],
    });
    expect(six?.rows).toBeGreaterThan(0);
    const r = await svc().run({
      scenarioText: s,
      policies: ['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc', 'allocate-all', 'paravirt'],
    });
    expect(r).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^this scenario raises about 100,000 interrupts per policy × 6 policies = 600,000;/,
      ),
    });
  });

  it('refuses guest steps that raise nothing but write millions of rows (2000 full allocations)', async () => {
    const pile = JSON.stringify({
      version: 1,
      device: { tableSize: 2048 },
      steps: Array.from({ length: 2000 }, (_, i) => ({ at: i, op: 'linux-alloc-vectors', nvec: 2048 })),
    });
    const r = await svc().run({ scenarioText: pile, policies: ['data-hack'] });
    expect(r).toMatchObject({
      ok: false,
      path: 'steps',
      message: expect.stringMatching(
        /^this scenario writes about [\d,]+ log rows per policy × 1 policy = [\d,]+ \(~[\d.]+ GB\); the browser view holds up to 6,000,000 /,
      ),
    });
  });

  it('estimates without simulating, and answers null for a scenario that will fail', async () => {
    expect(await svc().estimate({ scenarioText: '{', policies: ['data-hack'] })).toBeNull();
    expect(
      (
        await svc().estimate({
          scenarioText: JSON.stringify(defaultPreset.scenario),
          policies: ['data-hack', 'paravirt'],
        })
      )?.rows,
    ).toBeGreaterThan(100);
  });

  it("runs sweep units with the CLI's runUnit and reports every lossy trial of the unit", async () => {
    const s = createSimService((x) => x);
    const spec: SweepSpec = {
      scenario: validateScenario(defaultPreset.scenario),
      policies: ['data-hack', 'dynamic-alloc'],
      trials: 10,
      vary: null,
    };
    await s.sweepStart(spec);
    const unit = { point: 0, from: 3, to: 9 };
    const r = await s.sweepUnit(unit);
    if (!r.ok) throw new Error(r.message);
    expect(r.accs).toEqual(runUnit(spec, unit).map(accToJson));
    const lost = runUnit(spec, unit)[0]!.lossyTrials;
    expect(r.lossy.filter((l) => l.policy === 0).map((l) => l.trial)).toHaveLength(lost);
    expect(r.lossy.every((l) => l.lost > 0 && l.trial >= 3 && l.trial < 9)).toBe(true);
  });

  it('answers capacity like msix-lab capacity, and a bad policy as one line', async () => {
    const s = createSimService((x) => x);
    const text = JSON.stringify(defaultPreset.scenario);
    const r = await s.capacity({ scenarioText: text, policies: ['dynamic-alloc'] }, 64);
    if (!r.ok) throw new Error(r.message);
    expect(r).toMatchObject({ irteLimit: 65536, cpuVectorLimit: 12800, cpus: 64 });
    expect(r.rows[0]!.policy).toBe('dynamic-alloc');
    expect(await s.capacity({ scenarioText: text, policies: ['nope'] }, 64)).toMatchObject({
      ok: false,
      path: 'policies',
    });
  });
});
