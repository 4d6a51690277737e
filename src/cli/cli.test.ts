import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPreset, goldenText, parsePolicyList, runScenario, validateScenario } from '../core/index.ts';

// The CLI as a user runs it: node bin/msix-lab.mjs (the package.json "bin").
const BIN = join(import.meta.dirname, '../../bin/msix-lab.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const tmp = mkdtempSync(join(tmpdir(), 'msix-cli-'));
const file = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('msix-lab CLI', () => {
  it('run --format json prints results with the integer metrics for every policy', () => {
    const out = execFileSync(process.execPath, [BIN, 'run', 'default', '--policy', 'all', '--format', 'json'], {
      encoding: 'utf8',
    });
    const j = JSON.parse(out) as { results: { policy: string; metrics: Record<string, unknown> }[] };
    expect(j.results.map((r) => r.policy)).toEqual([
      'data-hack',
      'single-vector',
      'teardown-setup',
      'dynamic-alloc',
      'single-vector-fd',
      'allocate-all',
      'paravirt',
      'dynamic-nocache',
      'ims',
    ]);
    for (const r of j.results) {
      const m = r.metrics as Record<string, number> &
        Record<'raised' | 'delivered' | 'coalesced' | 'lost' | 'pendingAtEnd', number> & {
          lostByCause: Record<string, number>;
        };
      for (const k of [
        'raised',
        'delivered',
        'coalesced',
        'lost',
        'pendingAtEnd',
        'hostVectorsPeak',
        'hostVectorsFinal',
        'cpuVectorsPeak',
        'hostIrqAllocs',
        'hostIrqFrees',
        'hostOps',
        'resizes',
        'lossWindowNs',
        'allocFailures',
        'guestVisibleFailures',
      ]) {
        expect(Number.isInteger(m[k]), `${r.policy}.${k}`).toBe(true);
      }
      expect(m.raised).toBe(m.delivered + m.coalesced + m.lost + m.pendingAtEnd);
      expect(Object.values(m.lostByCause).reduce((a, b) => a + b, 0)).toBe(m.lost);
    }
  });

  it("run --format events prints one JSON object per log row with the schema's named fields, agreeing with --format log and the metrics", () => {
    const ev = cli('run', 'default', '--policy', 'teardown-setup', '--format', 'events');
    const log = cli('run', 'default', '--policy', 'teardown-setup', '--format', 'log');
    const json = cli('run', 'default', '--policy', 'teardown-setup', '--format', 'json');
    expect(ev.status).toBe(0);
    const rows = ev.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string | number>);
    const logRows = log.stdout.trim().split('\n').slice(1);
    expect(rows).toHaveLength(logRows.length);
    rows.forEach((r, i) => {
      expect(r.seq).toBe(i);
      expect(logRows[i]).toContain(` ${r.kind} `);
    });
    const lost = rows.filter((r) => r.kind === 'lost');
    const m = (
      JSON.parse(json.stdout) as { results: { metrics: { lost: number; lostByCause: Record<string, number> } }[] }
    ).results[0]!.metrics;
    expect(lost).toHaveLength(m.lost);
    for (const [cause, n] of Object.entries(m.lostByCause))
      expect(lost.filter((r) => r.loss === cause)).toHaveLength(n);
    expect(rows[0]).toEqual({
      policy: 'teardown-setup',
      seq: 0,
      t: 0,
      kind: 'guest-op',
      cause: -1,
      vec: -1,
      op: 'pci_alloc_irq_vectors',
      opId: 0,
      arg: 4,
    });
  });

  it('accepts the issue example scenario file and a comma list of policies', () => {
    const p = file(
      'ex.json',
      JSON.stringify({
        version: 1,
        seed: 7,
        device: { tableSize: 17 },
        host: { irqBudget: 64, resizeWindowNs: 40000 },
        steps: [
          { at: 0, op: 'config-write', offset: 2, size: 2, value: 49168 },
          { at: 2000, op: 'table-write', offset: 8, size: 4, value: 16449 },
          { at: 9000, op: 'raise', vector: 0 },
          { at: 10000, op: 'raise', vector: 3, every: 20000, until: 5000000 },
        ],
      }),
    );
    const r = cli('run', p, '--policy', 'data-hack,dynamic-alloc', '--format', 'json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).results).toHaveLength(2);
  });

  it('--seed changes a Poisson scenario and the table format lists the policies', () => {
    const a = cli('run', 'multiqueue-hotplug', '--policy', 'dynamic-alloc', '--format', 'json', '--seed', '1');
    const b = cli('run', 'multiqueue-hotplug', '--policy', 'dynamic-alloc', '--format', 'json', '--seed', '2');
    expect(JSON.parse(a.stdout).results[0].hash).not.toBe(JSON.parse(b.stdout).results[0].hash);
    const t = cli('run', 'default');
    expect(t.stdout).toMatch(/data-hack\s+single-vector\s+teardown-setup\s+dynamic-alloc/);
  });

  it('lists presets and policies with one line each', () => {
    const p = cli('presets').stdout.trim().split('\n');
    expect(p.map((l) => l.split(/\s+/)[0])).toEqual([
      'default',
      'multiqueue-hotplug',
      'no-autoen-late-enable',
      'lazy-subfunction',
      'fpga-late-block',
      'vf-pf-mailbox',
      'freebsd-guest',
      'host-vector-exhaustion',
      'driver-reload',
      'affinity-change',
      'sparse-high-vector',
      'irq-churn',
      'ims-shared-store',
    ]);
    expect(cli('policies').stdout).toMatch(/^dynamic-alloc\s+\S/m);
  });

  it('has --help everywhere', () => {
    for (const args of [['--help'], ['run', '--help'], ['presets', '--help'], ['policies', '--help']]) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: msix-lab/);
    }
  });

  const bad: [string, string[], RegExp][] = [
    ['malformed JSON', ['run', file('bad.json', '{"version": 1,')], /malformed JSON/],
    [
      'unknown field',
      ['run', file('uf.json', JSON.stringify({ version: 1, device: { tableSize: 4 }, steps: [], colour: 1 }))],
      /unknown field "colour"/,
    ],
    [
      'table size 0',
      ['run', file('t0.json', JSON.stringify({ version: 1, device: { tableSize: 0 }, steps: [] }))],
      /device\.tableSize: must be between 1 and 2048/,
    ],
    [
      'table size 2049',
      ['run', file('t1.json', JSON.stringify({ version: 1, device: { tableSize: 2049 }, steps: [] }))],
      /device\.tableSize: must be between 1 and 2048/,
    ],
    [
      'vector outside table',
      [
        'run',
        file(
          'v.json',
          JSON.stringify({ version: 1, device: { tableSize: 4 }, steps: [{ at: 0, op: 'raise', vector: 4 }] }),
        ),
      ],
      /steps\[0\]\.vector: vector 4 is outside the table/,
    ],
    [
      'fractional time',
      [
        'run',
        file(
          'f.json',
          JSON.stringify({ version: 1, device: { tableSize: 4 }, steps: [{ at: 1.5, op: 'raise', vector: 0 }] }),
        ),
      ],
      /steps\[0\]\.at: must be an integer/,
    ],
    [
      'negative time',
      [
        'run',
        file(
          'n.json',
          JSON.stringify({ version: 1, device: { tableSize: 4 }, steps: [{ at: -1, op: 'raise', vector: 0 }] }),
        ),
      ],
      /steps\[0\]\.at: must be >= 0/,
    ],
    [
      'runaway',
      [
        'run',
        file(
          'r.json',
          JSON.stringify({
            version: 1,
            device: { tableSize: 4 },
            steps: [{ at: 0, op: 'raise', vector: 0, every: 1, until: 1e12 }],
          }),
        ),
      ],
      /runaway scenario/,
    ],
    ['missing file', ['run', join(tmp, 'nope.json')], /cannot read scenario/],
    ['unknown policy', ['run', 'default', '--policy', 'magic'], /unknown policy "magic"/],
    [
      'impossible composition',
      ['run', 'default', '--policy', 'data-hack:growth=dynamic'],
      /growth=dynamic is not possible/,
    ],
    ['bad seed', ['run', 'default', '--seed', 'x'], /--seed must be an integer/],
    ['bad format', ['run', 'default', '--format', 'xml'], /format/],
    ['unknown command', ['frobnicate'], /unknown command/],
    // The issue-6 fuzz findings, each once through the real binary.
    [
      '5,000-deep seed',
      [
        'run',
        file(
          'deep.json',
          `{"version":1,"seed":${'['.repeat(5000)}1${']'.repeat(5000)},"device":{"tableSize":4},"steps":[]}`,
        ),
      ],
      /^msix-lab: too deeply nested: more than 16 levels/,
    ],
    [
      'multi-line syntax error',
      ['run', file('ml.json', '{\n  "version": 1,\n  "device": { "tableSize": 4 }\n  "steps": [\n  ]\n}\n')],
      /^msix-lab: malformed JSON at line 4, column 3: expected "," or the end of the object or array$/,
    ],
    [
      '5 MB name',
      [
        'run',
        file(
          'big-name.json',
          JSON.stringify({ version: 1, name: 'n'.repeat(5_000_000), device: { tableSize: 4 }, steps: [] }),
        ),
      ],
      /^msix-lab: name: .{0,200}$/,
    ],
    [
      '200 k-character key',
      ['run', file('big-key.json', `{"${'k'.repeat(200_000)}":1,"version":1,"device":{"tableSize":4},"steps":[]}`)],
      /^msix-lab: unknown field "k{80}… \(200,000 characters\)"; allowed here: .{0,200}$/,
    ],
    [
      'duplicate key',
      ['run', file('dup.json', '{"version":1,"device":{"tableSize":4,"tableSize":8},"steps":[]}')],
      /^msix-lab: device\.tableSize: duplicate field "tableSize"/,
    ],
  ];
  it('--format log prints every policy in order, chunked rows identical to one golden text', () => {
    const r = cli('run', 'default', '--policy', 'data-hack,dynamic-alloc', '--format', 'log');
    expect(r.status).toBe(0);
    const runs = runScenario(
      validateScenario(findPreset('default')!.scenario),
      parsePolicyList('data-hack,dynamic-alloc'),
    );
    expect(runs[0]!.log.length).toBeGreaterThan(100);
    expect(r.stdout).toBe(runs.map((x) => `# ${x.policy}\n${goldenText(x.log)}\n`).join(''));
  });

  for (const [name, args, msg] of bad) {
    it(`bad input (${name}): exit status 2 and one line on stderr`, () => {
      const r = cli(...args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.split('\n').filter((l) => l.trim() && !/nodedir/.test(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(msg);
    });
  }
});
