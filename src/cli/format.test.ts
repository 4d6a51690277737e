import { describe, expect, it } from 'vitest';
import { findPreset, formatMetric, indentedLabel, metricRows, parsePolicyList, runScenario } from '../core/index.ts';
import { formatTable } from './format.ts';

describe('the CLI table', () => {
  it('prints every declared metric row, in order, with the values the page shows', () => {
    const runs = runScenario(
      findPreset('default')!.scenario,
      parsePolicyList('data-hack;teardown-setup;dynamic-alloc;allocate-all'),
    );
    const lines = formatTable(runs).split('\n').slice(2);
    const rows = metricRows(runs.map((r) => r.metrics));
    expect(lines).toHaveLength(rows.length);
    rows.forEach((r, i) => {
      expect(lines[i]!.startsWith(indentedLabel(r))).toBe(true);
      expect(
        lines[i]!.trim()
          .split(/\s{2,}/)
          .slice(-runs.length),
      ).toEqual(runs.map((p) => formatMetric(r, r.get(p.metrics))));
    });
  });
});
