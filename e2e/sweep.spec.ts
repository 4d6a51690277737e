import { execFileSync } from 'node:child_process';
import { test, expect, openApp, state, waitForRun, openMenuItem } from './helpers.ts';
import type { Page } from '@playwright/test';

/** What window.__msixlab.sweep() returns (src/app/testHooks.ts). */
interface SweepHook {
  workersAlive: number;
  firstLossy: { point: number; trial: number; policy: number; lost: number } | null;
  status: string;
  progress: { done: number; total: number; workers: number } | null;
  result: {
    complete: boolean;
    policies: string[];
    points: { results: Record<string, number | null | string>[] }[];
  } | null;
  selectedIsLoss: boolean;
  selectedT: number | null;
}

const sweep = (page: Page): Promise<SweepHook> =>
  page.evaluate(() => (window as unknown as { __msixlab: { sweep(): Promise<SweepHook> } }).__msixlab.sweep());

async function openPanel(page: Page, via: 'button' | 'flag'): Promise<void> {
  if (via === 'flag') {
    await page.goto('/?sweep');
    await waitForRun(page);
  } else await openApp(page);
  if (via === 'button') await openMenuItem(page, 'open-sweep');
  await expect(page.getByTestId('sweep-panel')).toBeVisible();
}

async function runTrials(page: Page, n: number): Promise<void> {
  await page.getByTestId('sweep-trials').fill(String(n));
  await page.getByTestId('sweep-run').click();
}

test.describe('sweep panel', () => {
  test('progress moves, and Cancel terminates every Worker at once and keeps a partial result', async ({ page }) => {
    await openPanel(page, 'flag');
    await runTrials(page, 100_000);
    // Progress moves: the trials-done count grows while it runs.
    await expect.poll(async () => (await sweep(page)).progress?.done ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
    const first = (await sweep(page)).progress!.done;
    await expect.poll(async () => (await sweep(page)).progress?.done ?? 0, { timeout: 30_000 }).toBeGreaterThan(first);
    expect((await sweep(page)).workersAlive).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('sweep-progress')).toContainText('trials/s');
    await expect(page.getByTestId('sweep-progress')).toContainText('ETA');
    await page.getByTestId('sweep-cancel').click();
    const after = await sweep(page);
    expect(after.workersAlive).toBe(0);
    await expect(page.getByTestId('sweep-partial')).toBeVisible();
    await expect(page.getByTestId('sweep-partial-label')).toContainText('Partial');
    const s = await sweep(page);
    expect(s.status).toBe('cancelled');
    expect(s.result!.complete).toBe(false);
    expect(s.progress!.done).toBeLessThan(100_000);
  });

  test('200 trials of the default preset: plots drawn, the CLI prints the same numbers, a lossy trial opens at its first loss', async ({
    page,
  }, info) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openPanel(page, 'button');
    await runTrials(page, 200);
    await expect.poll(async () => (await sweep(page)).status, { timeout: 60_000 }).toBe('done');
    const s = await sweep(page);
    expect(s.result!.complete).toBe(true);

    // The same numbers as the CLI's JSON for the same preset, seed, policies and trials.
    const cli = JSON.parse(
      execFileSync(
        'node',
        ['bin/msix-lab.mjs', 'sweep', 'default', '--trials', '200', '--workers', '0', '--format', 'json'],
        { encoding: 'utf8' },
      ),
    ) as { points: { results: Record<string, unknown>[] }[] };
    const page0 = s.result!.points[0]!.results;
    expect(page0.map((r) => r.policy)).toEqual(cli.points[0]!.results.map((r) => r.policy));
    for (const k of ['trials', 'resizes', 'lossyResizes', 'lost', 'pLossPerResize', 'lostPerMillionResizes', 'ciHigh'])
      expect(
        page0.map((r) => r[k]),
        k,
      ).toEqual(cli.points[0]!.results.map((r) => r[k]));
    await expect(page.getByTestId('sweep-cli')).toContainText('npx msix-lab sweep default --trials 200');

    // Plots drawn: interval marks per policy, histogram bars.
    const p = page.getByTestId('plot-p-loss');
    await expect(p.locator('svg circle').first()).toBeAttached();
    await expect(page.getByTestId('plot-histogram').locator('rect[data-testid="hist-lossy"]').first()).toBeAttached();
    await expect(page.getByTestId('plot-lost-per-million').locator('svg g[data-policy]')).toHaveCount(4);
    await page.getByTestId('sweep-capacity').click();
    await expect(page.getByTestId('plot-capacity').locator('svg path').first()).toBeAttached();
    await page.screenshot({ path: info.outputPath('sweep-1280x720.png') });
    await page.getByTestId('plot-p-loss').screenshot({ path: info.outputPath('sweep-p-plot.png') });
    await page.getByTestId('plot-capacity').screenshot({ path: info.outputPath('sweep-capacity.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: info.outputPath('sweep-390x844.png') });
    await page.setViewportSize({ width: 1280, height: 720 });

    // CSV export: a download with the numbers.
    const dl = page.waitForEvent('download');
    await page.getByTestId('csv-p-loss').click();
    expect((await dl).suggestedFilename()).toBe('p-loss.csv');

    // A trial with losses opens in the timeline with the cursor and the selection on its first loss.
    const lossy = s.firstLossy!;
    expect(lossy).not.toBeNull();
    await page.getByTestId('lossy-trial').first().click();
    await expect(page.getByTestId('sweep-panel')).toBeHidden();
    await expect(page.getByTestId('notice')).toContainText(`Trial ${lossy.trial} of the sweep`);
    await expect.poll(async () => (await sweep(page)).selectedIsLoss, { timeout: 30_000 }).toBe(true);
    const after = await sweep(page);
    expect((await state(page)).cursor).toBe(after.selectedT);
    await page.screenshot({ path: info.outputPath('sweep-trial-opened.png') });
  });

  test("bad settings say which field, in the CLI's words, and run nothing", async ({ page }) => {
    await openPanel(page, 'button');
    const panel = page.getByTestId('sweep-panel');
    await panel.getByLabel('parameter').selectOption('host.resizeWindowNs');
    await panel.getByRole('textbox', { name: 'from', exact: true }).fill('5000');
    await panel.getByRole('textbox', { name: 'to', exact: true }).fill('100');
    await page.getByTestId('sweep-run').click();
    await expect(page.getByTestId('sweep-error')).toContainText('--vary: range must go up');
    await panel.getByLabel('parameter').selectOption('');
    await panel.getByLabel('guest step jitter, ns').fill('1.5');
    await page.getByTestId('sweep-run').click();
    await expect(page.getByTestId('sweep-error')).toContainText('random.jitterNs');
    expect((await sweep(page)).status).toBe('idle');
    expect((await sweep(page)).workersAlive).toBe(0);
  });
});
