import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTrace, findPreset, parsePolicyList, runScenario, validateScenario } from '../core/index.ts';
import { parseTimeArg } from './export.ts';

// The CLI as a user runs it: node bin/msix-lab.mjs (the package.json "bin").
const BIN = join(import.meta.dirname, '../../bin/msix-lab.mjs');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const tmp = mkdtempSync(join(tmpdir(), 'msix-export-'));

describe('msix-lab run --format perfetto|csv, --out, and the log filters', () => {
  it('--format perfetto prints a valid trace with a process per policy; --out writes the same bytes', () => {
    const r = cli('run', 'multiqueue-hotplug', '--policy', 'single-vector,dynamic-alloc', '--format', 'perfetto');
    expect(r.status).toBe(0);
    const { problems, summary } = checkTrace(r.stdout);
    expect(problems).toEqual([]);
    expect(summary.processes.map((p) => p.split(' ')[0])).toEqual(['single-vector', 'dynamic-alloc']);
    expect(summary.flows).toBeGreaterThan(0);
    const file = join(tmp, 'trace.json');
    const w = cli(
      'run',
      'multiqueue-hotplug',
      '--policy',
      'single-vector,dynamic-alloc',
      '--format',
      'perfetto',
      '--out',
      file,
    );
    expect(w.status).toBe(0);
    expect(w.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(r.stdout);
  });

  it('--format csv: metrics by default, events with --csv events (a record per log row)', () => {
    const m = cli('run', 'default', '--policy', 'data-hack,dynamic-alloc', '--format', 'csv');
    expect(m.status).toBe(0);
    const lines = m.stdout.split('\r\n');
    expect(lines[0]).toBe('metric,label,unit,data-hack,dynamic-alloc');
    expect(lines.find((l) => l.startsWith('lost,'))).toMatch(/^lost,lost,count,\d+,\d+$/);
    const e = cli('run', 'default', '--policy', 'data-hack,dynamic-alloc', '--format', 'csv', '--csv', 'events');
    expect(e.status).toBe(0);
    const scenario = validateScenario(findPreset('default')!.scenario);
    const runs = runScenario(scenario, parsePolicyList('data-hack,dynamic-alloc'));
    const records = e.stdout.split('\r\n').filter(Boolean);
    expect(records.length - 1).toBe(runs[0]!.log.length + runs[1]!.log.length);
    expect(records[0]!.startsWith('seq,t_ns,policy,kind,cause,vector,')).toBe(true);
  });

  it('--format log --from/--to/--vector prints exactly the rows in the window about those vectors', () => {
    const scenario = validateScenario(findPreset('multiqueue-hotplug')!.scenario);
    const [run] = runScenario(scenario, parsePolicyList('teardown-setup'));
    const log = run!.log;
    const from = 20_000,
      to = 1_500_000;
    const expected: number[] = [];
    for (let i = 0; i < log.length; i++)
      if (log.t[i]! >= from && log.t[i]! <= to && (log.vec[i] === 1 || log.vec[i] === 3)) expected.push(i);
    expect(expected.length).toBeGreaterThan(0);
    for (const args of [
      ['--from', '20us', '--to', '1.5ms', '--vector', '1', '--vector', '3'],
      ['--from', '20000', '--to', '1500000ns', '--vector', '1,3'],
    ]) {
      const r = cli('run', 'multiqueue-hotplug', '--policy', 'teardown-setup', '--format', 'log', ...args);
      expect(r.status).toBe(0);
      const rows = r.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => Number(l.trim().split(/\s+/)[1]));
      expect(rows).toEqual(expected);
    }
    // No filter: every row.
    const all = cli('run', 'multiqueue-hotplug', '--policy', 'teardown-setup', '--format', 'log');
    expect(all.stdout.trim().split('\n')).toHaveLength(log.length + 1);
  });

  it('parses times with units to integer ns', () => {
    expect(parseTimeArg('--from', '20us')).toBe(20_000);
    expect(parseTimeArg('--from', '20µs')).toBe(20_000);
    expect(parseTimeArg('--from', '1.5ms')).toBe(1_500_000);
    expect(parseTimeArg('--from', '300ns')).toBe(300);
    expect(parseTimeArg('--from', '2s')).toBe(2e9);
    expect(parseTimeArg('--from', '1234')).toBe(1234);
    expect(() => parseTimeArg('--to', '-5us')).toThrow(/--to must be a time/);
  });

  it.each([
    [['--format', 'log', '--from', 'soon'], /--from must be a time/],
    [['--format', 'log', '--to', '1h'], /--to must be a time/],
    [['--format', 'log', '--from', '2ms', '--to', '1ms'], /--from \(2ms\) is after --to \(1ms\)/],
    [['--format', 'log', '--vector', '8'], /--vector must be a vector number 0\.\.7/],
    [['--format', 'log', '--vector', '1,x'], /--vector must be a vector number/],
    [['--format', 'table', '--vector', '1'], /filter --format log/],
    [['--format', 'json', '--csv', 'events'], /--csv goes with --format csv/],
    [['--format', 'csv', '--csv', 'rows'], /--csv/],
    [['--format', 'perfetto', '--out', '/nonexistent-dir/t.json'], /--out cannot write/],
  ])('refuses %j with status 2 and one line', (args, message) => {
    const r = cli('run', 'default', ...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
