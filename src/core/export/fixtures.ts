import { POLICIES, parsePolicySpec } from '../policies/index.ts';
import { findPreset } from '../presets/index.ts';
import { runScenario, type PolicyRun } from '../machine/run.ts';
import { validateScenario } from '../scenario/parse.ts';
import type { ExportRun } from './run.ts';

/** Test helper: a preset run under the given policies (default: every named policy), as the exporters take it. */
export function presetRuns(
  id: string,
  policies: readonly string[] = POLICIES.map((p) => p.id),
): (ExportRun & PolicyRun)[] {
  const scenario = validateScenario(findPreset(id)!.scenario);
  return runScenario(
    scenario,
    policies.map((p) => parsePolicySpec(p)),
  ).map((r) => ({ ...r, tableSize: scenario.device.tableSize }));
}
