import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { blurAll, expect, nextFrames, openApp, state, test } from './helpers.ts';
import type { Lesson } from '../src/core/teach/lesson.ts';
import { rightLabel } from './lessonAnswers.ts';

// Issue 9: a question written in the page. The author picks a kind, its parameters come from the
// selection, the card shows the learner's prompt and the simulator's answer (graded live on the
// step's run), refuses a question the run cannot answer, and the saved question round-trips
// through the exported JSON and the lesson link. The expected answers here come from the core run
// in Node (the same grader on the same scenario), never written by hand.

const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

async function answerByLabel(page: Page, label: string) {
  await page
    .getByTestId('choice')
    .and(page.locator(`[data-label="${label}"]`))
    .click();
}

test('a two-step lesson written in the page with a question: previewed, refused when wrong, saved, played wrong then right', async ({
  page,
}) => {
  await openApp(page);
  await page.getByTestId('lessons-menu').click();
  await page.getByTestId('lesson-write').click();
  await page.getByTestId('lesson-draft-title').fill('Lost or not');
  await page.getByTestId('lesson-add-step').click();
  await page.getByTestId('lesson-narration-input-0').fill('Four policies, one run.');

  // Step 2: the first lost raise selected (L), captured, then asked about.
  await blurAll(page);
  await page.keyboard.press('l');
  await expect.poll(async () => (await state(page)).selected).not.toBeNull();
  const sel = (await state(page)).selected!;
  await page.getByTestId('lesson-add-step').click();
  await page.getByTestId('lesson-narration-input-1').fill('Predict this one.');
  await page.getByTestId('lesson-ask-1').click();
  const editor = page.getByTestId('question-editor');
  await expect(editor).toBeVisible();
  // Defaults from the selection: a raise question about the selected pane's policy.
  await expect(page.getByTestId('question-kind')).toHaveValue('raise-lost');
  const policy = (await state(page)).policies[sel.pane]!;
  await expect(page.getByTestId('question-policy')).toHaveValue(policy);
  await expect(page.getByTestId('question-preview-prompt')).toHaveText(
    new RegExp(`^Will ${policy} lose the raise on vector \\d+ at [\\d.]+ [nµm]?s\\?$`),
  );
  // The selected raise is a lost one: the grader says so.
  await expect(page.getByTestId('question-preview-answer')).toHaveText('Yes');
  const axe = await new AxeBuilder({ page }).include('[data-testid="lesson-author"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await editor.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'lesson-question-author-1440x900.png') });

  // Other kinds preview too (the op comes from the selection's cause chain or the cursor).
  await page.getByTestId('question-kind').selectOption('host-irqs-after');
  await expect(page.getByTestId('question-preview-prompt')).toContainText(`How many host IRQs does ${policy} hold`);
  await expect(page.getByTestId('question-preview-answer')).toHaveText(/^\d+$/);
  await page.getByTestId('question-op').fill('999');
  await expect(page.getByTestId('question-error')).toContainText('guest op 999 is not in this scenario');
  await page.getByTestId('question-kind').selectOption('raise-lost');

  // A raise this run does not have: one line saying so, and nothing can be saved.
  const t = await page.getByTestId('question-raise-t').inputValue();
  await page.getByTestId('question-raise-stream').fill('99');
  await expect(page.getByTestId('question-error')).toContainText(`on stream 99 is not in this scenario`);
  await expect(page.getByTestId('question-save')).toBeDisabled();
  await expect(page.getByTestId('question-preview')).toHaveCount(0);
  await page.getByTestId('question-use-raise').click();
  await expect(page.getByTestId('question-raise-t')).toHaveValue(t);
  await expect(page.getByTestId('question-error')).toHaveCount(0);
  await page.getByTestId('question-save').click();
  await expect(page.getByTestId('question-editor')).toHaveCount(0);
  await expect(page.getByTestId('lesson-question-1')).toContainText('Will this policy lose this raise?');

  // Export: the question is in the JSON, and the core grades it as the page previewed.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lesson-export').click()]);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Lesson;
  expect(exported.steps[0]!.question).toBeUndefined();
  expect(exported.steps[1]!.question).toEqual({
    kind: 'raise-lost',
    policy,
    raise: { t: Number(t), stream: expect.any(Number) as unknown as number },
  });
  const right = rightLabel(exported.steps[1]!);
  expect(right).toBe('Yes');

  // The link carries it: a fresh page plays the lesson, the question waits with the spoilers hidden.
  await page.getByTestId('lesson-share').click();
  const url = await page.getByTestId('lesson-share-url').inputValue();
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.getByTestId('lesson-title')).toHaveText('Lost or not');
  await expect(other.getByTestId('question')).toHaveCount(0);
  await other.keyboard.press('PageDown');
  await expect(other.getByTestId('lesson-counter')).toHaveText('Step 2 of 2');
  const card = other.getByTestId('question');
  await expect(card.getByRole('heading')).toHaveText(new RegExp(`^Will ${policy} lose the raise`));
  await expect(other.getByTestId('metrics')).toHaveCount(0);
  await expect(other.getByTestId('registers-hidden')).toBeVisible();
  await expect(other.getByTestId('registers-panel')).toHaveCount(0);
  await answerByLabel(other, 'No');
  await expect(other.getByTestId('feedback')).toContainText('Not quite');
  await expect(other.getByTestId('metrics')).toHaveCount(0);
  await answerByLabel(other, right);
  await expect(other.getByTestId('feedback')).toContainText('Right.');
  await expect(other.getByTestId('metrics')).toBeVisible();
  await expect(other.getByTestId('registers-panel')).toBeVisible();
  await nextFrames(other, 2);
  expect((await state(other)).selected?.pane).toBe(sel.pane);
  await other.close();

  // Removing the question takes it off the step.
  await page.getByTestId('lesson-unask-1').click();
  await expect(page.getByTestId('lesson-ask-1')).toHaveText('Add a question');
});
