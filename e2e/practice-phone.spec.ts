import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, expectUncovered, test, waitForRun } from './helpers.ts';

// Issue 9, practice on a phone: five questions played by touch at 390x844. Every tap target of
// the practice panel is at least 40 px, the page never scrolls sideways, and the feedback is on
// screen after each tap (the evidence shown on the timeline must not scroll it away). The right
// answer is the page's own grader's (the practice hook), never written here.

const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const expectedAnswer = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __msixlab: { practiceAnswer(): Promise<unknown> } }).__msixlab.practiceAnswer(),
  );

/** The choice button whose value is `expected` (right) or another one (wrong). */
async function choice(page: Page, expected: unknown, right: boolean): Promise<Locator> {
  const buttons = page.getByTestId('choice');
  const labels = await buttons.evaluateAll((bs) => bs.map((b) => b.getAttribute('data-label')!));
  const is = (l: string): boolean =>
    expected === true
      ? l === 'Yes'
      : expected === false
        ? l === 'No'
        : typeof expected === 'number'
          ? l === String(expected) || l === `vector ${expected}` || (expected === -1 && l.startsWith('none'))
          : l === expected || (expected === 'none' && l.startsWith('none'));
  const label = labels.find((l) => is(l) === right)!;
  return buttons.and(page.locator(`[data-label="${label}"]`));
}

/** No sideways scroll, and every enabled button of the practice panel at least 40x40 px. */
async function expectPhoneFriendly(page: Page, what: string): Promise<void> {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - innerWidth),
    `${what}: no sideways scroll`,
  ).toBeLessThanOrEqual(0);
  const small = await page
    .getByRole('region', { name: 'practice' })
    .locator('button:visible')
    .evaluateAll((bs) =>
      bs
        .map((b) => ({ text: b.textContent!.trim(), r: b.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 40 || r.height < 40)
        .map(({ text, r }) => `${text} ${Math.round(r.width)}x${Math.round(r.height)}`),
    );
  expect(small, `${what}: tap targets under 40 px`).toEqual([]);
}

test('five practice questions played by touch at 390x844', async ({ page }) => {
  await page.goto('/#practice=777');
  await waitForRun(page);
  const score = page.getByTestId('score');
  for (let k = 1; k <= 5; k++) {
    const card = page.getByTestId('question');
    await expect(card).toBeVisible();
    // Right at the first try so far: the even questions before this one.
    await expect(score).toHaveText(`${Math.floor((k - 1) / 2)} / ${k - 1} right`);
    await expectPhoneFriendly(page, `question ${k}`);
    await expect(card.getByRole('heading')).toBeInViewport();
    const expected = await expectedAnswer(page);
    // Odd questions: a wrong tap first (the score counts the first answer only), then the right one.
    if (k % 2) {
      await (await choice(page, expected, false)).tap();
      await expect(page.getByTestId('feedback')).toContainText('Not quite');
      await expectUncovered(page.getByTestId('feedback'), `question ${k}: the wrong-answer feedback`);
    }
    await (await choice(page, expected, true)).tap();
    const feedback = page.getByTestId('feedback');
    await expect(feedback).toContainText('Right.');
    await expectUncovered(feedback, `question ${k}: the feedback`);
    await expectUncovered(page.getByTestId('next-question'), `question ${k}: Next question`, true);
    await expectPhoneFriendly(page, `answered ${k}`);
    await page.screenshot({ path: join(SHOTS, `practice-phone-${k}-390x844.png`) });
    if (k < 5) {
      await page.getByTestId('next-question').tap();
      await expect(page.getByText(`Question ${k + 1} · a variant of`)).toBeVisible();
    }
  }
  // Wrong first on questions 1, 3, 5: two of five right at the first try.
  await expect(score).toHaveText('2 / 5 right');
});
