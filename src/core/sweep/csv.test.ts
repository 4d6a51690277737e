import { describe, expect, it } from 'vitest';
import { findPreset, validateScenario } from '../index.ts';
import { buildReport, makeState, parseVary, runSweepInline, type SweepSpec } from './index.ts';
import { SUMMARY_CSV_COLS, sweepSummaryCsv } from './csv.ts';

const spec: SweepSpec = {
  scenario: validateScenario(findPreset('multiqueue-hotplug')!.scenario),
  // A composed spec holds commas: its cell must stay one cell.
  policies: [
    'teardown-setup',
    'dynamic-alloc',
    'teardown-setup:frontend=qemu-msix,enable=vector0-fd-1,growth=teardown-setup',
  ],
  trials: 6,
  vary: parseVary('host.resizeWindowNs=2000..20000:log:2'),
};

describe('the sweep CSV (CLI and page write the same text)', () => {
  const rep = buildReport(makeState(spec, runSweepInline(spec), null));
  const rows = sweepSummaryCsv(rep).split('\n');

  it('has a header, then one row per (point, policy) carrying the hash, seed and vary value', () => {
    expect(rows[0]).toBe(['scenarioHash', 'seed', 'param', 'value', 'policy', ...SUMMARY_CSV_COLS].join(','));
    expect(rows).toHaveLength(1 + 2 * 3);
    const cells = rows[1]!.split(',');
    expect(cells.slice(0, 5)).toEqual([
      rep.scenarioHash,
      String(rep.seed),
      'host.resizeWindowNs',
      '2000',
      '"teardown-setup"',
    ]);
  });

  it('every cell is the summary value (empty for null), read back by column name', () => {
    const head = rows[0]!.split(',');
    const r = rep.points[1]!.results[1]!;
    const cells = rows[1 + 3 + 1]!.split(',');
    for (const k of SUMMARY_CSV_COLS) expect(cells[head.indexOf(k)]).toBe(String(r[k] ?? ''));
    expect(cells[head.indexOf('trials')]).toBe('6');
  });

  it('keeps a composed policy spec with commas in one quoted cell', () => {
    expect(rows[3]).toContain('"teardown-setup:frontend=qemu-msix,enable=vector0-fd-1,growth=teardown-setup"');
  });
});
