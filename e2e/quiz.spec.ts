import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { blurAll, expect, nextFrames, openApp, state, test } from './helpers.ts';

// Predict, then reveal (issue 9): a question hides the spoilers until it is answered; a wrong
// answer keeps them hidden; the right one reveals them and selects the evidence on the timeline.
// The expected answer is read from the page's grader (core/teach/grade.ts, whose answers the
// vitest property tests check against metrics and replay), never written here.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs', 'screenshots') : join(ROOT, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

type Hook = { ask(q: unknown): void; practiceAnswer(): Promise<unknown> };
const hook = (page: Page) => ({
  ask: (q: unknown) => page.evaluate((x) => (window as unknown as { __msixlab: Hook }).__msixlab.ask(x), q),
  answer: () => page.evaluate(() => (window as unknown as { __msixlab: Hook }).__msixlab.practiceAnswer()),
});

/** "Will teardown-setup lose the raise at 20 µs?" on the default scenario (vector 0's periodic stream). */
const QUESTION = { kind: 'raise-lost', policy: 'teardown-setup', raise: { t: 20_000, stream: 1 } };

async function choiceFor(page: Page, answer: unknown, right: boolean) {
  const labels = await page.getByTestId('choice').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-label')));
  const want = answer === true ? 'Yes' : answer === false ? 'No' : String(answer);
  const label = right ? want : labels.find((l) => l !== want)!;
  return page.getByTestId('choice').and(page.locator(`[data-label="${label}"]`));
}

test('a question answered wrong then right: spoilers hidden until answered, then the evidence is selected', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await expect(page.getByTestId('metrics')).toBeVisible();
  await expect(page.getByTestId('lost-badge').first()).toBeVisible();

  await hook(page).ask(QUESTION);
  const card = page.getByTestId('question');
  await expect(card.getByRole('heading')).toHaveText(/^Will teardown-setup lose the raise on vector 0 at 20 µs\?$/);
  // Hidden: metrics table, count badges; the panes veiled after the question's moment.
  await expect(page.getByTestId('metrics')).toHaveCount(0);
  await expect(page.getByTestId('metrics-hidden')).toBeVisible();
  await expect(page.getByTestId('lost-badge').first()).toBeHidden();
  await expect(page.getByTestId('badges-hidden').first()).toBeVisible();
  await nextFrames(page, 3);
  let s = await state(page);
  expect(s.panes.every((p) => (p as unknown as { veilFrom: number }).veilFrom === 20_000)).toBe(true);
  expect(s.cursor).toBeLessThan(20_000);
  expect(s.selected).toBeNull();

  // L (next loss) and the inspector give nothing away while the question is open.
  await blurAll(page);
  await page.keyboard.press('l');
  await nextFrames(page, 2);
  expect((await state(page)).selected).toBeNull();
  await expect(page.getByTestId('why-hidden')).toBeVisible();

  const expected = await hook(page).answer();
  expect(typeof expected).toBe('boolean');

  // Wrong: says so, spoilers stay hidden, nothing selected.
  await (await choiceFor(page, expected, false)).click();
  await expect(page.getByTestId('feedback')).toContainText('Not quite');
  await expect(page.getByTestId('metrics')).toHaveCount(0);
  await expect(page.getByTestId('lost-badge').first()).toBeHidden();
  expect((await state(page)).selected).toBeNull();

  await blurAll(page);
  await page.screenshot({ path: join(SHOTS, `quiz-${page.viewportSize()!.width}.png`) });

  // Right: revealed, explained, the evidence row selected and the cursor on it.
  await (await choiceFor(page, expected, true)).click();
  await expect(page.getByTestId('feedback')).toContainText('Right.');
  await expect(page.getByTestId('feedback')).toContainText('teardown-setup');
  await expect(page.getByTestId('metrics')).toBeVisible();
  await expect(page.getByTestId('lost-badge').first()).toBeVisible();
  await expect(page.getByTestId('badges-hidden')).toHaveCount(0);
  await nextFrames(page, 3);
  s = await state(page);
  expect(s.selected).not.toBeNull();
  expect(s.policies[s.selected!.pane]).toBe('teardown-setup');
  expect(s.cursor).toBeGreaterThanOrEqual(20_000);
  expect(s.panes.every((p) => (p as unknown as { veilFrom: number }).veilFrom === -1)).toBe(true);
  await expect(page.getByTestId('evidence').first()).toBeVisible();
  await blurAll(page);
  await page.screenshot({ path: join(SHOTS, `quiz-answered-${page.viewportSize()!.width}.png`) });
});

test('a question on a phone (390×844): no horizontal page scroll in the question, tap targets ≥ 44 px', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  await hook(page).ask({ kind: 'host-irqs-after', policy: 'single-vector', step: 4 });
  const card = page.getByTestId('question');
  await expect(card.getByRole('heading')).toContainText('How many host IRQs does single-vector hold right after');
  const box = await card.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  for (const h of await page.getByTestId('choice').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().height)))
    expect(h).toBeGreaterThanOrEqual(44);
  await blurAll(page);
  await page.screenshot({ path: join(SHOTS, 'quiz-390.png') });
});

test('the Registers panel is a spoiler: hidden while a host-irqs-after question is open, shown once answered', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  const regs = page.getByTestId('registers-panel');
  await expect(regs).toContainText('host IRQs allocated');
  await hook(page).ask({ kind: 'host-irqs-after', policy: 'single-vector', step: 4 });
  await expect(page.getByTestId('question').getByRole('heading')).toContainText(
    'How many host IRQs does single-vector',
  );
  // No host IRQ count anywhere in the inspector, even with the cursor moved past the question's moment.
  await expect(regs).toHaveCount(0);
  await expect(page.getByTestId('registers-hidden')).toBeVisible();
  await blurAll(page);
  await page.keyboard.press('End');
  await nextFrames(page, 3);
  await expect(regs).toHaveCount(0);
  await expect(page.getByLabel('inspector')).not.toContainText('host IRQs allocated');
  const expected = await hook(page).answer();
  expect(typeof expected).toBe('number');
  await (await choiceFor(page, expected, true)).click();
  await expect(page.getByTestId('feedback')).toContainText('Right.');
  await expect(page.getByTestId('registers-hidden')).toHaveCount(0);
  await expect(regs).toContainText(/\d+ host IRQs allocated/);
});
