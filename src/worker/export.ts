import {
  eventsCsv,
  metricsCsv,
  parsePolicyList,
  parseScenarioText,
  perfettoChunks,
  PolicyError,
  resolveSettings,
  runScenario,
  ScenarioError,
} from '../core/index.ts';
import type { ExportRequest, ExportResponse } from './protocol.ts';

/**
 * Builds an export in the Worker: re-runs the page's run (same scenario text, policies and seed:
 * the same logs, which the hashes check) and renders the file. Errors come back as values.
 */
export function buildExport(req: ExportRequest): ExportResponse {
  try {
    const scenario = parseScenarioText(req.scenarioText);
    const policies = parsePolicyList(req.policies.join(';'));
    const runs = runScenario(scenario, policies, req.seed).map((r) => ({
      ...r,
      tableSize: scenario.device.tableSize,
    }));
    const differs = runs.findIndex((r, i) => r.hash !== req.hashes[i]);
    if (differs >= 0 || runs.length !== req.hashes.length)
      return {
        ok: false,
        message: `the export's re-run of ${runs[differs]?.policy ?? 'the policies'} differs from the run on screen; run it again`,
        path: 'policies',
      };
    const enc = new TextEncoder();
    if (req.kind === 'metrics-csv') return { ok: true, bytes: enc.encode(metricsCsv(runs)) };
    if (req.kind === 'events-csv') return { ok: true, bytes: enc.encode(eventsCsv(runs)) };
    // The trace can be tens of MB: encode chunk by chunk into one buffer rather than one giant string.
    const parts: Uint8Array[] = [];
    let n = 0;
    for (const c of perfettoChunks(runs, { scenario: req.name, seed: resolveSettings(scenario, req.seed).seed })) {
      const b = enc.encode(c);
      parts.push(b);
      n += b.length;
    }
    const bytes = new Uint8Array(n);
    let at = 0;
    for (const b of parts) {
      bytes.set(b, at);
      at += b.length;
    }
    return { ok: true, bytes };
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, message: e.message, path: e.path };
    if (e instanceof PolicyError) return { ok: false, message: e.message, path: 'policies' };
    return { ok: false, message: `internal error: ${(e as Error).message}`, path: '' };
  }
}
