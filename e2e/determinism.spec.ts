import { expect, test } from '@playwright/test';
import { parsePolicySpec, PRESETS, runScenario, validateScenario } from '../src/core/index.ts';

// The same scenario and seed must give the same event-log hash in the browser's Worker as in Node.
test('Worker and Node produce identical event-log hashes for every preset and seed policy', async ({ page }) => {
  await page.goto('/');
  // The page compares at most six policies at once, so every policy is checked in three runs.
  const groups = [
    ['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc'],
    ['single-vector-fd', 'allocate-all', 'paravirt'],
    ['dynamic-nocache', 'ims'],
  ];
  for (const preset of PRESETS)
    for (const policies of groups) {
      const scenario = validateScenario(preset.scenario);
      const node = runScenario(
        scenario,
        policies.map((p) => parsePolicySpec(p)),
      ).map((r) => r.hash);
      const browser = await page.evaluate(
        async ({ text, policies }) => {
          const w = (window as unknown as { __msixlab: { runHashes(t: string, p: string[]): Promise<string[]> } })
            .__msixlab;
          return w.runHashes(text, policies);
        },
        { text: JSON.stringify(preset.scenario), policies },
      );
      expect(browser, preset.id).toEqual(node);
    }
});
