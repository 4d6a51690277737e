import { describe, expect, it } from 'vitest';
import { explainRow } from '../analysis/explain.ts';
import { PRESETS } from '../presets/index.ts';
import { explainFnOf } from './explain-fn.ts';
import { presetRuns } from './fixtures.ts';

describe('explainFnOf (the memoised function name of an explanation)', () => {
  it('names the same function as explainRow for every row of every preset under every policy', () => {
    let checked = 0;
    for (const p of PRESETS) {
      for (const r of presetRuns(p.id)) {
        const fnOf = explainFnOf(r.log);
        // Every row when the log is small; otherwise a deterministic stride (plus the last row).
        const step = Math.max(1, Math.floor(r.log.length / 3000));
        for (let i = 0; i < r.log.length; i += step) {
          expect(fnOf(i), `${p.id} ${r.policy} row ${i}`).toBe(explainRow(r.log, i).fn);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});
