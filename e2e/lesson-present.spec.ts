import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, expectUncovered, nextFrames, state, test, waitForRun } from './helpers.ts';
import { LESSONS } from '../src/core/teach/lessons/index.ts';
import { parsePolicySpec } from '../src/core/policies/index.ts';
import { rightLabel } from './lessonAnswers.ts';
import { narrationText } from '../src/core/teach/narration.ts';

// Issue 9, teaching from a projector with a remote: every shipped lesson walked end to end in
// presentation mode at 1280x720 with PageDown only (what a presentation remote sends); each
// question is answered from the keyboard (Tab to a choice, Enter) and graded by the page. The
// right answer is computed here by the core on the same scenario, never written by hand.

const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

/**
 * Tabs to the choice labelled `label`, then presses Enter. The question takes focus when it
 * appears (and keeps it on the answers after a wrong one), so no more Tabs than there are
 * choices (plus one) may be needed: a card buried behind the page's controls fails here.
 */
async function answerByKeyboard(page: Page, label: string): Promise<void> {
  const n = await page.getByTestId('choice').count();
  for (let k = 0; k <= n + 1; k++) {
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-label') ?? null);
    if (focused === label) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`the choice "${label}" was not reached in ${n + 1} Tabs`);
}

for (const lesson of LESSONS)
  test(`lesson "${lesson.id}" walked to the end by PageDown in presentation mode at 1280x720, questions answered by keyboard`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/#lesson=${lesson.id}&step=1&present=1`);
    await waitForRun(page);
    await expect(page.locator('html')).toHaveAttribute('data-present', '');
    let shot = false;
    let answeredShot = false;
    for (let k = 1; k <= lesson.steps.length; k++) {
      const step = lesson.steps[k - 1]!;
      await expect(page.getByTestId('lesson-counter')).toHaveText(`Step ${k} of ${lesson.steps.length}`);
      const narration = page.getByTestId('lesson-narration');
      await expect(narration).toContainText(narrationText(step.narration).slice(0, 60));
      await expect(narration).toBeInViewport();
      expect(await narration.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(14);
      await expect
        .poll(async () => (await state(page)).policies.join())
        .toBe(step.policies.map((p) => parsePolicySpec(p).spec).join());
      // The panes fit: no page scroll either way, and the last pane ends on screen.
      const scroll = await page.evaluate(() => ({
        doc: document.documentElement.scrollHeight - innerHeight,
        sideways: document.documentElement.scrollWidth - innerWidth,
      }));
      expect(scroll, `step ${k}: the page does not scroll`).toEqual({ doc: 0, sideways: 0 });
      // Every pane fits unless even 12 px rows (the legibility floor) cannot: then the timeline
      // column scrolls (three 16-vector panes need 824 px), never the page.
      // A new run's panes report their layout once they have drawn.
      await expect.poll(async () => (await state(page)).panes.every((p) => p && p.rowH > 0)).toBe(true);
      const rowH = (await state(page)).panes.map((p) => p.rowH);
      for (const h of rowH) expect(h, `step ${k}: vector rows at least 12 px`).toBeGreaterThanOrEqual(12);
      const last = (await page.getByTestId(`pane-${step.policies.length - 1}`).boundingBox())!;
      if (rowH.some((h) => h > 12))
        expect(last.y + last.height, `step ${k}: the last pane ends on screen`).toBeLessThanOrEqual(720);
      if (step.question) {
        const card = page.getByTestId('question');
        await expect(card).toBeVisible();
        await expect(page.getByTestId('metrics')).toHaveCount(0);
        const right = rightLabel(step);
        const wrong = (await page.getByTestId('choice').evaluateAll((bs) => bs.map((b) => b.dataset.label!))).find(
          (l) => l !== right,
        )!;
        if (!shot) {
          await nextFrames(page, 3);
          await page.screenshot({ path: join(SHOTS, `lesson-present-${lesson.id}-1280x720.png`) });
          shot = true;
        }
        await answerByKeyboard(page, wrong);
        await expect(page.getByTestId('feedback')).toContainText('Not quite');
        await answerByKeyboard(page, right);
        await expect(page.getByTestId('feedback')).toContainText('Right.');
        await expectUncovered(page.getByTestId('feedback'), `step ${k}: the feedback`);
        await expectUncovered(page.getByTestId('evidence').first(), `step ${k}: the evidence button`);
        if (!answeredShot) {
          await nextFrames(page, 3);
          await page.screenshot({ path: join(SHOTS, `lesson-present-${lesson.id}-answered-1280x720.png`) });
          answeredShot = true;
        }
      }
      if (k === 1) {
        // A dropdown keeps focus after a choice; the remote's PageDown must still step the lesson.
        await page.getByLabel('speed').focus();
        await page.keyboard.press('ArrowDown');
        await expect(page.getByLabel('speed')).toBeFocused();
      }
      if (k < lesson.steps.length) await page.keyboard.press('PageDown');
      if (k === 1) await expect(page.getByLabel('speed')).not.toBeFocused();
    }
    // At the end PageDown changes nothing; PageUp goes back one step.
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('lesson-counter')).toHaveText(
      `Step ${lesson.steps.length} of ${lesson.steps.length}`,
    );
    await page.keyboard.press('PageUp');
    await expect(page.getByTestId('lesson-counter')).toHaveText(
      `Step ${lesson.steps.length - 1} of ${lesson.steps.length}`,
    );
    expect(shot, 'every shipped lesson asks at least one question').toBe(true);
  });

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  test('lesson mode on a 390x844 phone: a question step fits the width, its narration is legible, its answers are tappable', async ({
    page,
  }) => {
    const lesson = LESSONS[0]!;
    const k = lesson.steps.findIndex((s) => s.question) + 1;
    await page.goto(`/#lesson=${lesson.id}&step=${k}`);
    await waitForRun(page);
    await expect(page.getByTestId('lesson-counter')).toHaveText(`Step ${k} of ${lesson.steps.length}`);
    const card = page.getByTestId('question');
    await expect(card).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    expect(
      await page.getByTestId('lesson-narration').evaluate((e) => parseFloat(getComputedStyle(e).fontSize)),
    ).toBeGreaterThanOrEqual(14);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'lesson-question-390x844.png') });
    for (const b of await page.getByTestId('choice').all()) {
      const r = (await b.boundingBox())!;
      expect(Math.min(r.width, r.height)).toBeGreaterThanOrEqual(40);
    }
    await page
      .getByTestId('choice')
      .and(page.locator(`[data-label="${rightLabel(lesson.steps[k - 1]!)}"]`))
      .tap();
    await expect(page.getByTestId('feedback')).toContainText('Right.');
    await expectUncovered(page.getByTestId('feedback'), 'the feedback');
    await page.screenshot({ path: join(SHOTS, 'lesson-question-answered-390x844.png') });
  });
});
