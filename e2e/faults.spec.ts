import type { Page } from '@playwright/test';
import { expect, openApp, state, test, waitForRun, openMenuItem } from './helpers.ts';

// Issue 6: every fault recovered. A run can be cancelled; a Worker that dies mid-run is noticed
// at once (its liveness lock is released), said in one line, replaced; what was on screen stays
// and later runs work. Long input in a message wraps instead of widening the page.

/**
 * A scenario that keeps the Worker busy for seconds but is within the page's cap: 90 full
 * allocations of a 2048-entry table (~8,000-10,000 log rows each under these policies) and a
 * little traffic.
 */
const SLOW_POLICIES = ['single-vector', 'dynamic-alloc', 'allocate-all', 'paravirt'];
function slowScenario(): string {
  const steps: unknown[] = Array.from({ length: 90 }, (_, i) => ({
    at: i * 1000,
    op: 'linux-alloc-vectors',
    nvec: 2048,
  }));
  steps.push(
    { at: 100_000, op: 'linux-request-irq', vector: 0 },
    { at: 100_000, op: 'raise', vector: 0, every: 100, until: 1_100_000 },
  );
  return JSON.stringify({ version: 1, device: { tableSize: 2048 }, steps });
}

/** Starts a run; for a slow one, waits until the page says it is simulating. */
async function startRun(page: Page, text: string, policies: string[], slow = true): Promise<void> {
  await page.evaluate(
    ([t, p]) => {
      void (
        window as unknown as { __msixlab: { startRun(t: string, p: string[]): Promise<boolean> } }
      ).__msixlab.startRun(t, p);
    },
    [text, policies] as const,
  );
  // A refused scenario can come and go before "simulating…" is seen.
  if (slow) await expect(page.getByTestId('simulating')).toBeVisible();
}

async function expectPreviousRunShown(page: Page, version: number, policies: string[]): Promise<void> {
  const s = await state(page);
  expect(s.runVersion).toBe(version);
  expect(s.policies).toEqual(policies);
  await expect(page.getByTestId(/^pane-\d+$/)).toHaveCount(policies.length);
  await expect(page.getByTestId('simulating')).toHaveCount(0);
}

async function laterRunWorks(page: Page, version: number): Promise<void> {
  await page.getByTestId('preset').selectOption('driver-reload');
  const s = await waitForRun(page, version + 1);
  expect(s.runVersion).toBe(version + 1);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
}

test('a Worker killed mid-run: one line says so, the previous run stays, a fresh Worker runs the next one', async ({
  page,
}) => {
  const before = await openApp(page);
  await startRun(page, slowScenario(), SLOW_POLICIES);
  await page.evaluate(() => (window as unknown as { __msixlab: { killWorker(): void } }).__msixlab.killWorker());
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText(
    'the simulation Worker stopped (closed, crashed or out of memory); a fresh Worker was started. What you had is still shown.',
    { timeout: 10_000 },
  );
  await expectPreviousRunShown(page, before.runVersion, before.policies);
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await laterRunWorks(page, before.runVersion);
});

test('cancel stops a run: the previous run stays and the next run works', async ({ page }) => {
  const before = await openApp(page);
  await startRun(page, slowScenario(), SLOW_POLICIES);
  await page.getByTestId('cancel-run').click();
  await expect(page.getByTestId('error-banner')).toContainText('the run was cancelled. What you had is still shown.');
  await expectPreviousRunShown(page, before.runVersion, before.policies);
  await page.getByTestId('error-banner').getByRole('button', { name: 'Dismiss' }).click();
  await laterRunWorks(page, before.runVersion);
});

test('the editor can stop its own run (the header is behind the modal dialog)', async ({ page }) => {
  const before = await openApp(page);
  await openMenuItem(page, 'edit-json');
  await page.getByTestId('scenario-json').fill(slowScenario());
  await page.getByTestId('editor-run').click();
  await page.getByTestId('editor-cancel-run').click();
  await expect(page.getByTestId('editor-error')).toHaveText('the run was cancelled');
  await expect(page.getByTestId('scenario-json')).toHaveValue(slowScenario());
  expect((await state(page)).runVersion).toBe(before.runVersion);
});

test('a scenario over the page cap (guest steps only, no raise) is refused in one line pointing at the CLI', async ({
  page,
}) => {
  const before = await openApp(page);
  const pile = JSON.stringify({
    version: 1,
    device: { tableSize: 2048 },
    steps: Array.from({ length: 2000 }, (_, i) => ({ at: i, op: 'linux-alloc-vectors', nvec: 2048 })),
  });
  await startRun(page, pile, ['data-hack'], false);
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText(
    /this scenario writes about [\d,]+ log rows per policy × 1 policy = [\d,]+ \(~[\d.]+ GB\); the browser view holds up to [\d,]+ \(run it with the CLI: npx msix-lab run scenario\.json, or compare fewer policies\)/,
  );
  await expectPreviousRunShown(page, before.runVersion, before.policies);
});

test('a 200,000-character key: the message quotes 80 characters and the banner wraps inside the page', async ({
  page,
}) => {
  await openApp(page);
  await startRun(
    page,
    `{"${'k'.repeat(200_000)}":1,"version":1,"device":{"tableSize":4},"steps":[]}`,
    ['data-hack'],
    false,
  );
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText(`unknown field "${'k'.repeat(80)}… (200,000 characters)"`);
  const [scrollW, innerW, bannerW] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
    document.querySelector('[data-testid="error-banner"]')!.getBoundingClientRect().width,
  ]);
  expect(scrollW).toBeLessThanOrEqual(innerW);
  expect(bannerW).toBeLessThanOrEqual(innerW);
});
