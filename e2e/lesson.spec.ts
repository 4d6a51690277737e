import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { blurAll, expect, nextFrames, openApp, state, test, waitForRun, type AppState } from './helpers.ts';
import { findLesson } from '../src/core/teach/lessons/index.ts';
import { narrationText } from '../src/core/teach/narration.ts';
import type { Lesson, LessonStep } from '../src/core/teach/lesson.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs', 'screenshots') : join(ROOT, 'screenshots');

const lesson1 = findLesson('lazy-and-teardown')!;

/** Waits until the page shows `step` (1-based k of `lesson`): counter, narration, panes, window, cursor, selection. */
async function expectStep(page: Page, lesson: Lesson, k: number): Promise<AppState> {
  const step: LessonStep = lesson.steps[k - 1]!;
  await expect(page.getByTestId('lesson-counter')).toHaveText(`Step ${k} of ${lesson.steps.length}`);
  await expect(page.getByTestId('lesson-narration')).toContainText(narrationText(step.narration).slice(0, 60));
  await page.waitForFunction(
    ({ policies, domain, cursor, pane }) => {
      const s = (window as unknown as { __msixlab: { state(): AppState } }).__msixlab.state();
      return (
        s.policies.join() === policies.join() &&
        s.domain[0] === domain[0] &&
        s.domain[1] === domain[1] &&
        s.cursor === cursor &&
        (pane === null ? s.selected === null : s.selected?.pane === pane)
      );
    },
    {
      policies: step.policies,
      domain: step.moment.window,
      cursor: step.moment.cursor,
      pane: step.moment.select?.pane ?? null,
    },
  );
  return state(page);
}

test.describe('lessons', () => {
  test('a whole lesson played by PageDown: narration, panes, window and selection per step; PageUp goes back', async ({
    page,
  }) => {
    await openApp(page);
    await page.getByTestId('lessons-menu').click();
    await page.getByTestId(`lesson-open-${lesson1.id}`).click();
    for (let k = 1; k <= lesson1.steps.length; k++) {
      await expectStep(page, lesson1, k);
      expect(page.url()).toContain(`#lesson=${lesson1.id}&step=${k}`);
      // The selected event is the one the step names: its row exists in that pane (checked by key in the unit test).
      if (lesson1.steps[k - 1]!.question) await expect(page.getByTestId('question')).toBeVisible();
      if (k < lesson1.steps.length) await page.keyboard.press('PageDown');
    }
    // Past the end nothing changes; PageUp and ← go back.
    await page.keyboard.press('PageDown');
    await expectStep(page, lesson1, lesson1.steps.length);
    await page.keyboard.press('PageUp');
    await expectStep(page, lesson1, lesson1.steps.length - 1);
    await page.keyboard.press('ArrowLeft');
    await expectStep(page, lesson1, lesson1.steps.length - 2);
    await expect(page.getByTestId('lesson-live')).toHaveText(/^Step 7 of 9/);
    // Exit: the panel goes, the URL becomes the scenario's share link again.
    await page.getByTestId('lesson-exit').click();
    await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
    await expect.poll(() => page.url()).toMatch(/#v\d\./);
  });

  test('a lesson link opens at its step, and a reload resumes where the class was', async ({ page }) => {
    await page.goto(`/#lesson=${lesson1.id}&step=4`);
    await expectStep(page, lesson1, 4);
    await page.keyboard.press('ArrowRight');
    await expectStep(page, lesson1, 5);
    await expect.poll(() => page.url()).toContain('&step=5');
    await page.reload();
    await expectStep(page, lesson1, 5);
  });

  test('a broken lesson link says why and shows the default scenario', async ({ page }) => {
    await page.goto('/#lesson=no-such-lesson&step=2');
    await expect(page.getByTestId('error-banner')).toContainText('names the lesson "no-such-lesson"');
    await expect.poll(async () => (await state(page)).policies.length).toBe(4);
    await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  });

  test('an authored lesson round-trips through export/import and through a link', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('lessons-menu').click();
    await page.getByTestId('lesson-write').click();
    await page.getByTestId('lesson-draft-title').fill('Two moments');
    // An empty narration is refused with the field named.
    await page.getByTestId('lesson-add-step').click();
    await page.getByTestId('lesson-export').click();
    await expect(page.getByTestId('lesson-error')).toContainText('steps[0].narration: is empty');
    await page.getByTestId('lesson-narration-input-0').fill('The whole run, `default`.');
    // A second moment: zoomed in twice around the cursor at 0 (the author's keys are the page's usual ones).
    await blurAll(page);
    await page.keyboard.press('Home');
    await page.keyboard.press('w');
    await page.keyboard.press('w');
    await page.getByTestId('lesson-add-step').click();
    await page.getByTestId('lesson-narration-input-1').fill('Zoomed in: *look* here.');
    const zoomed = (await state(page)).domain;
    // Export downloads the lesson as JSON.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lesson-export').click()]);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as Lesson;
    expect(exported.title).toBe('Two moments');
    expect(exported.steps.map((s) => s.narration)).toEqual(['The whole run, `default`.', 'Zoomed in: *look* here.']);
    expect(exported.steps[1]!.moment.window).toEqual([Math.round(zoomed[0]!), Math.round(zoomed[1]!)]);
    expect(exported.steps[0]!.scenario).toEqual({ preset: 'default' });
    // Import: a bad paste is refused in one line; the file comes back whole and plays.
    await page.getByTestId('lesson-exit').click();
    await page.getByTestId('lessons-menu').click();
    await page.getByTestId('lesson-import-menu').click();
    await page
      .getByTestId('lesson-import-text')
      .fill('{"version": 1, "id": "x", "title": "t", "summary": "", "cites": [], "steps": [{}]}');
    await page.getByTestId('lesson-import-load').click();
    await expect(page.getByTestId('lesson-error')).toContainText('the lesson was not imported: steps[0].scenario');
    await page.getByTestId('lesson-import-file').setInputFiles(file);
    await expect(page.getByTestId('lesson-narration-input-1')).toHaveValue('Zoomed in: *look* here.');
    await page.getByTestId('lesson-play-draft').click();
    await expectStep(page, exported, 1);
    await page.keyboard.press('PageDown');
    await expectStep(page, exported, 2);
    await expect(page.getByTestId('lesson-narration').locator('em')).toHaveText('look');
    // Share as a link; a fresh page opens it.
    await page.getByTestId('lesson-edit').click();
    await page.getByTestId('lesson-share').click();
    const url = await page.getByTestId('lesson-share-url').inputValue();
    expect(url).toMatch(/#lesson=l1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+&step=1$/);
    const other = await page.context().newPage();
    await other.goto(url);
    await expect(other.getByTestId('lesson-title')).toHaveText('Two moments');
    await expectStep(other, exported, 1);
    await other.keyboard.press('PageDown');
    await expectStep(other, exported, 2);
    await other.close();
  });

  for (const vp of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
    { width: 390, height: 844 },
  ])
    test(`screenshot of lesson mode at ${vp.width}x${vp.height}`, async ({ page }) => {
      await page.setViewportSize(vp);
      await page.goto(`/#lesson=${lesson1.id}&step=6`);
      await expectStep(page, lesson1, 6);
      // The panes are drawn (not "Loading the timeline…") before the picture is taken.
      await waitForRun(page);
      await nextFrames(page, 3);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `lesson-${vp.width}x${vp.height}.png`) });
      // The panel's narration is legible: at least 16 px, and the panel is on screen.
      const size = await page.getByTestId('lesson-narration').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(size).toBeGreaterThanOrEqual(16);
      await expect(page.getByTestId('lesson-next')).toBeVisible();
    });
});

/** The visible windows drawn in the frames after `act` until the domain is `to` (sampled once per frame). */
async function windowsUntil(page: Page, act: () => Promise<void>, to: [number, number]): Promise<[number, number][]> {
  await page.evaluate(() => {
    const w = window as unknown as { __seen: number[][]; __msixlab: { state(): AppState } };
    w.__seen = [];
    const tick = (): void => {
      w.__seen.push(w.__msixlab.state().domain);
      if (w.__seen.length < 600) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await act();
  await page.waitForFunction(
    (t) => (window as unknown as { __seen: number[][] }).__seen.some((d) => d[0] === t[0] && d[1] === t[1]),
    to,
  );
  return page.evaluate(() => (window as unknown as { __seen: [number, number][] }).__seen);
}

test.describe('lesson window changes', () => {
  // Steps 6 and 7 of lesson 1 show the same run, so the step change only moves the window.
  const from = lesson1.steps[5]!.moment.window; // step 6
  const to = lesson1.steps[6]!.moment.window; // step 7
  const between = (d: [number, number]): boolean =>
    !(d[0] === from[0] && d[1] === from[1]) && !(d[0] === to[0] && d[1] === to[1]);

  test('are animated: the window passes through intermediate values', async ({ page }) => {
    expect(from).not.toEqual(to);
    expect(lesson1.steps[5]!.scenario).toEqual(lesson1.steps[6]!.scenario);
    await page.goto(`/#lesson=${lesson1.id}&step=6`);
    await expectStep(page, lesson1, 6);
    const seen = await windowsUntil(page, () => page.keyboard.press('PageDown'), to);
    expect(seen.some(between)).toBe(true);
  });

  test('are instant under prefers-reduced-motion', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`/#lesson=${lesson1.id}&step=6`);
    await expectStep(page, lesson1, 6);
    const seen = await windowsUntil(page, () => page.keyboard.press('PageDown'), to);
    expect(seen.filter(between)).toEqual([]);
  });
});

test.describe('lesson mode accessibility', () => {
  test('no axe violations while playing a lesson and while writing one', async ({ page }) => {
    await page.goto(`/#lesson=${lesson1.id}&step=2`);
    await expectStep(page, lesson1, 2);
    const play = await new AxeBuilder({ page }).analyze();
    expect(play.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.getByTestId('lesson-edit').click();
    await expect(page.getByTestId('lesson-author')).toBeVisible();
    await page.getByTestId('lesson-import-toggle').click();
    const author = await new AxeBuilder({ page }).analyze();
    expect(author.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
