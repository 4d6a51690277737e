import { describe, expect, it } from 'vitest';
import { createSimService } from './service.ts';

// The Worker's import call: detection, the scenario as text for run(), errors as one line.
const svc = () =>
  createSimService(
    (x) => x,
    () => 0,
  );
const LSPCI =
  '18:00.0 Ethernet controller: Intel Corporation Ethernet Controller X710\n\tCapabilities: [70] MSI-X: Enable+ Count=129 Masked-\n\t\tVector table: BAR=3 offset=00000000\n\t\tPBA: BAR=3 offset=00001000\n';

describe('worker importText', () => {
  it('imports lspci text and returns a scenario text that run() accepts', async () => {
    const s = svc();
    const r = await s.importText({ text: LSPCI });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.result.kind).toBe('lspci');
    const run = await s.run({ scenarioText: r.scenarioText, policies: ['data-hack', 'dynamic-alloc'] });
    expect(run.ok).toBe(true);
  });

  it('a scenario JSON passes through; bad text is one message', async () => {
    const s = svc();
    const ok = await s.importText({ text: '{"version":1,"device":{"tableSize":2},"steps":[]}' });
    expect(ok).toMatchObject({ ok: true, result: { kind: 'scenario', scenario: { device: { tableSize: 2 } } } });
    expect(await s.importText({ text: 'hello' })).toEqual({
      ok: false,
      message: expect.stringMatching(/^not recognised: paste `lspci -vv` output/),
    });
    expect(await s.importText({ text: LSPCI, device: '01:00.0' })).toEqual({
      ok: false,
      message: 'no device 01:00.0 in this lspci output; it lists 18:00.0',
    });
  });
});
