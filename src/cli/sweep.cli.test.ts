import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPreset, runScenario, parsePolicyList, validateScenario } from '../core/index.ts';
import { trialScenario } from '../core/index.ts';

// The CLI as a user runs it: node bin/msix-lab.mjs.
const BIN = join(import.meta.dirname, '../../bin/msix-lab.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const cliAsync = (...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args]);
    let stdout = '',
      stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
const tmp = mkdtempSync(join(tmpdir(), 'msix-sweep-'));
const SWEEP = [
  'sweep',
  'default',
  '--trials',
  '24',
  '--policy',
  'teardown-setup,dynamic-alloc',
  '--vary',
  'host.resizeWindowNs=5000,80000',
];

describe('msix-lab sweep / merge / capacity', () => {
  it('gives the same result, bit for bit, with 0 (in-thread), 1 and 2 worker_threads', () => {
    const outs = ['0', '1', '2'].map((k) => cli(...SWEEP, '--workers', k, '--format', 'json'));
    for (const o of outs) expect(o.status, o.stderr).toBe(0);
    expect(outs[1]!.stdout).toBe(outs[0]!.stdout);
    expect(outs[2]!.stdout).toBe(outs[0]!.stdout);
    const j = JSON.parse(outs[0]!.stdout) as {
      complete: boolean;
      seed: number;
      scenarioHash: string;
      points: { results: Record<string, unknown>[] }[];
    };
    expect(j.complete).toBe(true);
    expect(j.seed).toBe(7);
    expect(j.scenarioHash).toMatch(/^[0-9a-f]{16}$/);
    for (const k of ['trials', 'resizes', 'pLossPerResize', 'ciLow', 'ciHigh', 'lostPerMillionResizes'])
      expect(j.points[0]!.results[0]).toHaveProperty(k);
  }, 60_000);

  it('shards run in parallel processes and merged print exactly the single run', async () => {
    const single = cli(...SWEEP, '--workers', '1', '--format', 'json');
    const parts = await Promise.all(
      [0, 1, 2].map((i) => cliAsync(...SWEEP, '--workers', '0', '--shard', `${i}/3`, '--format', 'json')),
    );
    const files = parts.map((p, i) => {
      expect(p.status, p.stderr).toBe(0);
      const f = join(tmp, `part-${i}.json`);
      writeFileSync(f, p.stdout);
      return f;
    });
    const merged = cli('merge', files[2]!, files[0]!, files[1]!, '--format', 'json');
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(single.stdout);
    // Two of three shards: a partial result that says so.
    const partial = JSON.parse(cli('merge', files[0]!, files[1]!, '--format', 'json').stdout) as {
      complete: boolean;
      shards: unknown;
    };
    expect(partial.complete).toBe(false);
    expect(partial.shards).toEqual({ indices: [0, 1], count: 3 });
  }, 60_000);

  it('run --trial k reproduces trial k of a sweep', () => {
    const r = cli('run', 'multiqueue-hotplug', '--trial', '5', '--policy', 'teardown-setup', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const s = trialScenario(validateScenario(findPreset('multiqueue-hotplug')!.scenario), 5);
    const [want] = runScenario(s, parsePolicyList('teardown-setup'));
    expect((JSON.parse(r.stdout) as { results: { hash: string }[] }).results[0]!.hash).toBe(want!.hash);
  });

  it.each([
    [['--vary', 'host.resizeWindowNs=9..1:log:3'], /^msix-lab: --vary: range must go up/],
    [['--vary', 'bogus=1'], /^msix-lab: --vary: unknown parameter "bogus"/],
    [['--vary', 'device.tableSize=2'], /^msix-lab: --vary: device.tableSize=2 makes the scenario invalid/],
    [['--shard', '2/2'], /^msix-lab: --shard: i must be < n/],
    [['--shard', 'x'], /^msix-lab: --shard: expected i\/n/],
    [['--workers', '-1'], /--workers/],
  ])('bad %j exits 2 with one line', (args, msg) => {
    const r = cli('sweep', 'default', '--trials', '2', ...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(msg);
  });

  it('bad merge inputs and a missing --trials exit 2 with one line', () => {
    const notJson = join(tmp, 'x.json');
    writeFileSync(notJson, 'hello');
    for (const args of [
      ['merge', notJson],
      ['merge', join(tmp, 'missing.json')],
      ['sweep', 'default'],
    ]) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('capacity marks where the IRTEs and CPU vectors run out', () => {
    const r = cli('capacity', 'multiqueue-hotplug', '--cpus', '8', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as {
      irteLimit: number;
      cpuVectorLimit: number;
      rows: {
        policy: string;
        irtesPerDevice: number;
        cpuVectorsPerDevice: number;
        maxDevices: number;
        limitedBy: string;
      }[];
    };
    expect(j.irteLimit).toBe(65536);
    expect(j.cpuVectorLimit).toBe(1600);
    for (const row of j.rows)
      expect(row.maxDevices).toBe(
        Math.min(Math.floor(65536 / row.irtesPerDevice), Math.floor(1600 / row.cpuVectorsPerDevice)),
      );
    expect(cli('capacity', 'default', '--cpus', '0').status).toBe(2);
  });
});
