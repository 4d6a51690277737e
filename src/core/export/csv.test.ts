import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KINDS, declOf } from '../engine/schema.ts';
import { metricRows } from '../analysis/metric-rows.ts';
import { csvCell, eventsCsv, EVENT_HEADER, metricsCsv } from './csv.ts';
import { presetRuns } from './fixtures.ts';

/** An RFC 4180 reader (the test's own, to check the writer against the grammar). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [],
    cell = '',
    i = 0,
    quoted = false;
  const endCell = (): void => {
    row.push(cell);
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else if (ch === '\n' || ch === '\r') throw new Error(`bare line break at ${i}`);
    else cell += ch;
    i++;
  }
  if (cell !== '' || row.length) throw new Error('last record not CRLF-terminated');
  return rows;
}

describe('CSV export', () => {
  it('quotes per RFC 4180 and round-trips any text (formula prefixes aside)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), (cells) => {
        const [back] = parseCsv(cells.map(csvCell).join(',') + '\r\n');
        expect(back).toEqual(cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
      }),
      { numRuns: 500 },
    );
  });

  it('guards text cells against formula injection, not numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(NaN)).toBe('');
  });

  it('metrics: the metricRows rows, one column per policy', () => {
    const runs = presetRuns('multiqueue-hotplug', ['single-vector', 'dynamic-alloc']);
    const rows = parseCsv(metricsCsv(runs));
    expect(rows[0]).toEqual(['metric', 'label', 'unit', 'single-vector', 'dynamic-alloc']);
    const expected = metricRows(runs.map((r) => r.metrics));
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected.map((r) => r.key));
    const lost = rows.find((r) => r[0] === 'lost')!;
    expect(lost.slice(3).map(Number)).toEqual(runs.map((r) => r.metrics.lost));
  });

  it('events: a record per log row with the schema fields of its kind; every kind has its columns', () => {
    const runs = presetRuns('vf-pf-mailbox', ['data-hack', 'single-vector:enable=vector0-fd-1']);
    const rows = parseCsv(eventsCsv(runs));
    expect(rows[0]).toEqual([...EVENT_HEADER]);
    expect(rows.length - 1).toBe(runs.reduce((n, r) => n + r.log.length, 0));
    const col = (name: string): number => EVENT_HEADER.indexOf(name);
    for (const k of KINDS)
      for (const f of Object.keys(declOf(k)!.fields)) expect(col(f === 'vec' ? 'vector' : f), f).toBeGreaterThan(0);
    // Row 0 of the second policy: seq restarts, policy is its spec, a code field is its name.
    const second = rows.slice(1).filter((r) => r[col('policy')] === 'single-vector:enable=vector0-fd-1');
    expect(second).toHaveLength(runs[1]!.log.length);
    expect(second[0]![col('seq')]).toBe('0');
    const lost = rows.find((r) => r[col('kind')] === 'lost');
    if (lost) expect(lost[col('loss')]).toMatch(/^[a-z-]+$/);
    const op = rows.find((r) => r[col('kind')] === 'guest-op')!;
    expect(op[col('op')]).toMatch(/^[a-z_-]+/);
    expect(Number(op[col('t_ns')])).toBeGreaterThanOrEqual(0);
  });
});
