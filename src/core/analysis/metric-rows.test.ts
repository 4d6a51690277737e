import { describe, expect, it } from 'vitest';
import { defaultPreset } from '../presets/default.ts';
import { parsePolicyList } from '../policies/index.ts';
import { runScenario } from '../machine/run.ts';
import { formatMetric, judge, metricRows, type MetricRow } from './metric-rows.ts';

const runs = runScenario(
  defaultPreset.scenario,
  parsePolicyList('data-hack;teardown-setup;dynamic-alloc;allocate-all'),
);
const metrics = runs.map((r) => r.metrics);

describe('metric rows (declared once for the CLI and the page)', () => {
  it('have unique keys, and one lost:<cause> row per cause seen, right after `lost`, summing to it', () => {
    const rows = metricRows(metrics);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    const at = rows.findIndex((r) => r.key === 'lost');
    const causes = rows.filter((r) => r.key.startsWith('lost:'));
    expect(causes.length).toBeGreaterThan(0);
    expect(rows.slice(at + 1, at + 1 + causes.length)).toEqual(causes);
    for (const m of metrics) expect(causes.reduce((n, r) => n + r.get(m), 0)).toBe(m.lost);
  });

  it('read the Metrics field their key names', () => {
    for (const r of metricRows(metrics)) {
      if (r.key.startsWith('lost:')) continue;
      for (const m of metrics) expect(r.get(m)).toBe((m as unknown as Record<string, number>)[r.key]);
    }
  });

  it('judge best and worst by the declared direction; unjudged or equal rows get no mark', () => {
    const lower: MetricRow = { key: 'x', label: 'x', depth: 0, unit: 'count', better: 'lower', get: () => 0 };
    expect(judge(lower, [3, 0, 1])).toEqual(['worst', 'best', '']);
    expect(judge({ ...lower, better: 'higher' }, [3, 0, 1])).toEqual(['best', 'worst', '']);
    expect(judge(lower, [2, 2])).toEqual(['', '']);
    const { better: _, ...plain } = lower;
    expect(judge(plain, [3, 0])).toEqual(['', '']);
  });

  it('format ns rows as durations and counts as integers', () => {
    const ns = metricRows(metrics).find((r) => r.key === 'lossWindowNs')!;
    expect(formatMetric(ns, 12_500)).toBe('12.5 µs');
    expect(formatMetric(metricRows(metrics)[0]!, 42)).toBe('42');
  });
});
