import { describe, expect, it } from 'vitest';
import { checkTrace, findPreset } from '../core/index.ts';
import { createSimService } from './service.ts';
import type { ExportKind, RunOk } from './protocol.ts';

describe('the Worker builds exports of the run on screen', () => {
  const service = createSimService((x) => x);
  const scenarioText = JSON.stringify(findPreset('default')!.scenario);
  const policies = ['data-hack', 'teardown-setup', 'dynamic-alloc'];
  const run = async (): Promise<RunOk> => {
    const r = await service.run({ scenarioText, policies });
    if (!r.ok) throw new Error(r.message);
    return r;
  };
  const exp = async (kind: ExportKind, hashes?: string[]) => {
    const r = await run();
    return service.exportRun({
      kind,
      name: 'default',
      scenarioText: JSON.stringify(r.scenario),
      policies: r.policies,
      seed: r.seed,
      hashes: hashes ?? r.runs.map((p) => p.hash),
    });
  };
  const text = (x: Awaited<ReturnType<typeof exp>>): string => {
    if (!x.ok) throw new Error(x.message);
    return new TextDecoder().decode(x.bytes);
  };

  it('perfetto: a valid trace with a process per pane', async () => {
    const { problems, summary } = checkTrace(text(await exp('perfetto')));
    expect(problems).toEqual([]);
    expect(summary.processes).toHaveLength(3);
  });

  it('CSV: metrics with a column per pane, events with a record per log row', async () => {
    const r = await run();
    expect(text(await exp('metrics-csv')).split('\r\n')[0]).toBe(`metric,label,unit,${policies.join(',')}`);
    const rows = text(await exp('events-csv'))
      .split('\r\n')
      .filter(Boolean);
    expect(rows.length - 1).toBe(r.runs.reduce((n, p) => n + p.log.length, 0));
  });

  it('refuses to export a run that is not the one on screen (hash differs)', async () => {
    const x = await exp('perfetto', ['0', '0', '0']);
    expect(x.ok).toBe(false);
    if (!x.ok) expect(x.message).toMatch(/differs from the run on screen/);
  });
});
