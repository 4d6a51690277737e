import type { Page } from '@playwright/test';
import { blurAll, expect, nextFrames, openApp, state, test, waitForRun } from './helpers.ts';

// Issue 9's bug list (the layout engineer's part), one regression test each; and the live region,
// the shortcut setting (WCAG 2.1.4). Narrow-pane ticks: e2e/responsive.spec.ts.

async function live(page: Page): Promise<string> {
  return (await page.getByTestId('live').textContent()) ?? '';
}

test('after choosing from a dropdown, ← → Space and L act on the timeline, not the dropdown', async ({ page }) => {
  await openApp(page);
  for (const id of ['#speed', '#nav-kind']) {
    const sel = page.locator(id);
    const value = await sel.evaluate((e) => (e as HTMLSelectElement).options[1]!.value);
    await sel.focus(); // as after a click: the dropdown has focus when the choice is made
    await sel.selectOption(value);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).not.toBe('SELECT');
    const c0 = (await state(page)).cursor;
    await page.keyboard.press('ArrowRight');
    await expect(sel).toHaveValue(value);
    expect((await state(page)).cursor, `${id}: → stepped the timeline`).toBeGreaterThan(c0);
    await page.keyboard.press('ArrowLeft');
    expect((await state(page)).cursor).toBe(c0);
    await expect(sel).toHaveValue(value);
  }
  await page.keyboard.press(' ');
  await expect.poll(async () => (await state(page)).playing).toBe(true);
  await page.keyboard.press(' ');
  await expect.poll(async () => (await state(page)).playing).toBe(false);
  await page.keyboard.press('l');
  expect((await state(page)).selected).not.toBeNull();
});

test('the run-view chunk is requested while the Worker simulates, not after it answers', async ({ page }) => {
  await openApp(page);
  const t = await page.evaluate(() => {
    const chunk = performance
      .getEntriesByType('resource')
      .find((e) => /\/RunView[^/]*\.js$/.test(new URL(e.name).pathname));
    const answered = performance.getEntriesByName('msix:worker-answered')[0];
    return { chunk: chunk?.startTime ?? null, answered: answered?.startTime ?? null };
  });
  expect(t.chunk, 'the RunView chunk was fetched').not.toBeNull();
  expect(t.answered, 'the Worker answered').not.toBeNull();
  expect(t.chunk!).toBeLessThan(t.answered!);
});

test("a custom scenario's name and description are shown in the blurb", async ({ page }) => {
  await openApp(page);
  await blurAll(page);
  await page.keyboard.press('e');
  const text = await page.getByTestId('scenario-json').inputValue();
  await page.keyboard.press('Escape');
  const scenario = JSON.parse(text) as Record<string, unknown>;
  scenario.name = 'Lecture 3: the late vector';
  scenario.description = 'Vector 3 is requested while the device is busy.';
  const before = (await state(page)).runVersion;
  await page.evaluate(
    ([t, p]) =>
      (window as unknown as { __msixlab: { startRun(t: string, p: string[]): Promise<boolean> } }).__msixlab.startRun(
        t!,
        JSON.parse(p!) as string[],
      ),
    [JSON.stringify(scenario), JSON.stringify((await state(page)).policies)],
  );
  await waitForRun(page, before + 1);
  await expect(page.getByTestId('scenario-blurb')).toContainText('Lecture 3: the late vector.');
  await expect(page.getByTestId('scenario-blurb')).toContainText('Vector 3 is requested while the device is busy.');
});

test('steps and playback are announced politely in words and units; no stale sentence stays', async ({ page }) => {
  await openApp(page);
  await blurAll(page);
  await expect(page.getByTestId('live')).toHaveAttribute('aria-live', 'polite');
  await page.keyboard.press('l');
  await expect.poll(() => live(page)).toMatch(/^[\w-]+: raise on vector \d+ lost at [\d.]+ (ns|µs)\.$/);
  const lossSentence = await live(page);
  await page.keyboard.press('ArrowRight');
  // The step is described where the cursor stopped: its time, and what happens there.
  await expect.poll(() => live(page)).toMatch(/^t = [\d.]+ (ns|µs)\./);
  expect(await live(page)).not.toBe(lossSentence);
  const s = await state(page);
  const said = await live(page);
  const m = /^t = ([\d.]+) (ns|µs)\./.exec(said)!;
  expect(Number(m[1]) * (m[2] === 'µs' ? 1000 : 1)).toBeCloseTo(s.cursor, -1);
  // Playback: announced when it starts and when it pauses (not every frame).
  await page.keyboard.press(' ');
  await expect.poll(() => live(page)).toMatch(/^Playing/);
  await page.keyboard.press(' ');
  await expect.poll(() => live(page)).toMatch(/^Paused\. t = [\d.]+ (ns|µs)\./);
});

test('single-key shortcuts can be turned off (and the setting is kept); arrows and Space still work', async ({
  page,
}) => {
  await openApp(page);
  await blurAll(page);
  await page.keyboard.press('?');
  const toggle = page.getByTestId('shortcuts-toggle');
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help')).toBeHidden();
  await blurAll(page);
  for (const k of ['l', 'L', 't', 'p', '.', '?']) await page.keyboard.press(k);
  await nextFrames(page);
  const s = await state(page);
  expect(s.selected).toBeNull();
  await expect(page.getByRole('region', { name: 'event table' })).toHaveCount(0);
  await expect(page.getByTestId('help')).toBeHidden();
  await page.keyboard.press('ArrowRight');
  expect((await state(page)).cursor).toBeGreaterThan(s.cursor);
  await page.reload();
  await waitForRun(page);
  await page.getByRole('button', { name: 'keyboard shortcuts and help' }).click();
  await expect(page.getByTestId('shortcuts-toggle')).not.toBeChecked();
  await page.getByTestId('shortcuts-toggle').check();
  await page.keyboard.press('Escape');
  await blurAll(page);
  await page.keyboard.press('L'); // on again, both cases: Shift+L is the previous loss
  await page.keyboard.press('l');
  expect((await state(page)).selected).not.toBeNull();
});
