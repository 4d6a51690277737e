import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { blurAll, expect, openApp, openMenuItem, setTheme, state, test, waitForRun } from './helpers.ts';

// Practice mode (issue 9): a variant of a preset runs in the Worker, a question is drawn from its
// logs, the learner answers, the score moves, "next question" runs another variant.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs', 'screenshots') : join(ROOT, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

const answerOnScreen = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __msixlab: { practiceAnswer(): Promise<unknown> } }).__msixlab.practiceAnswer(),
  );

async function clickAnswer(page: Page, right: boolean): Promise<void> {
  const expected = await answerOnScreen(page);
  const want = expected === true ? 'Yes' : expected === false ? 'No' : null;
  const buttons = page.getByTestId('choice');
  const labels = await buttons.evaluateAll((bs) => bs.map((b) => b.getAttribute('data-label')!));
  // Choice labels: Yes/No, counts ("3"), policies, "vector 2", "none …": match the expected value's label.
  const match = (l: string): boolean =>
    want !== null
      ? l === want
      : typeof expected === 'number'
        ? l === String(expected) || l === `vector ${expected}` || (expected === -1 && l.startsWith('none'))
        : l === expected || (expected === 'none' && l.startsWith('none'));
  const label = labels.find((l) => match(l) === right)!;
  await buttons.and(page.locator(`[data-label="${label}"]`)).click();
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
]) {
  test(`practice at ${size.width}×${size.height}: a question answered moves the score; next runs a new variant`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await openApp(page, '#practice=1234');
    await expect(page.getByTestId('question')).toBeVisible();
    await expect(page.getByTestId('score')).toHaveText('0 / 0 right');
    await expect(page.getByTestId('metrics')).toHaveCount(0);
    expect(page.url()).toMatch(/#practice=1234$/);
    // The practice panel fits the screen (the run view below it is the responsive work's, issue 9).
    const box = (await page.getByRole('region', { name: 'practice' }).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    await blurAll(page);
    await page.screenshot({ path: join(SHOTS, `practice-${size.width}.png`) });

    await clickAnswer(page, true);
    await expect(page.getByTestId('score')).toHaveText('1 / 1 right');
    await expect(page.getByTestId('feedback')).toContainText('Right.');
    await expect(page.getByTestId('metrics')).toBeVisible();
    await blurAll(page);
    await page.screenshot({ path: join(SHOTS, `practice-answered-${size.width}.png`) });

    const before = (await state(page)).runVersion;
    await page.getByTestId('next-question').click();
    await waitForRun(page, before + 1);
    await expect(page.getByTestId('question')).toBeVisible();
    await expect(page.getByTestId('metrics')).toHaveCount(0);
    await clickAnswer(page, false);
    await expect(page.getByTestId('feedback')).toContainText('Not quite');
    await expect(page.getByTestId('score')).toHaveText('1 / 2 right');
    // A second (right) answer reveals but does not change the score: only the first try counts.
    await clickAnswer(page, true);
    await expect(page.getByTestId('score')).toHaveText('1 / 2 right');
  });
}

test('the header opens practice and Exit leaves it with the spoilers shown', async ({ page }) => {
  await openApp(page);
  const before = (await state(page)).runVersion;
  await openMenuItem(page, 'practice');
  await waitForRun(page, before + 1);
  await expect(page.getByTestId('question')).toBeVisible();
  expect(page.url()).toMatch(/#practice$/);
  await page.getByTestId('exit-practice').click();
  await expect(page.getByTestId('question')).toHaveCount(0);
  await expect(page.getByTestId('metrics')).toBeVisible();
});

for (const theme of ['light', 'dark'] as const)
  test(`practice has no axe violations (${theme}): open, after a wrong answer, answered`, async ({ page }) => {
    await openApp(page, '#practice=77');
    await setTheme(page, theme);
    await expect(page.getByTestId('question')).toBeVisible();
    const check = async (what: string): Promise<void> => {
      const r = await new AxeBuilder({ page }).analyze();
      expect(
        r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        what,
      ).toEqual([]);
    };
    await check('question open');
    await clickAnswer(page, false);
    await expect(page.getByTestId('feedback')).toContainText('Not quite');
    await check('after a wrong answer');
    await clickAnswer(page, true);
    await expect(page.getByTestId('feedback')).toContainText('Right.');
    await check('answered');
  });
