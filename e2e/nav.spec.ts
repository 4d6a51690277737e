import type { Page } from '@playwright/test';
import { blurAll, expect, nextFrames, openApp, state, test, waitForRun } from './helpers.ts';

// Issue 9, navigation: next/previous per kind (loss, resize window, failure ▲, guest operation)
// and per pane, by key and by button; the event table filtered by pane, kind, vector and time.

async function live(page: Page): Promise<string> {
  return (await page.getByTestId('live').textContent()) ?? '';
}

async function loadPreset(page: Page, id: string): Promise<void> {
  const before = (await state(page)).runVersion;
  await page.getByTestId('preset').selectOption(id);
  await waitForRun(page, before + 1);
  await blurAll(page);
}

test('] and . walk every resize window in time order, as many as the panes count', async ({ page }) => {
  await openApp(page);
  await blurAll(page);
  // How many windows the metrics say there are ("3× host MSI-X off · 42 µs" badges).
  const badges = await page.locator('.badge', { hasText: '× host MSI-X off' }).allTextContents();
  const expected = badges.reduce((n, b) => n + Number(/^(\d+)×/.exec(b)![1]), 0);
  expect(expected).toBeGreaterThan(0);
  await page.keyboard.press(']');
  await expect(page.getByTestId('nav-kind')).toHaveValue('window');
  await expect.poll(() => live(page)).toContain('resize windows');
  const seen: [number, number][] = [];
  for (let k = 0; k < expected + 1; k++) {
    await page.keyboard.press('.');
    const s = await state(page);
    const said = await live(page);
    if (said.startsWith('No resize window')) break;
    expect(said).toMatch(/: resize window of [\d.]+ µs opens at [\d.]+ µs\.$/);
    expect(s.selected).not.toBeNull();
    seen.push([s.cursor, s.selected!.pane]);
  }
  expect(seen).toHaveLength(expected);
  for (let k = 1; k < seen.length; k++) {
    const [t0, p0] = seen[k - 1]!;
    const [t1, p1] = seen[k]!;
    expect(t1 > t0 || (t1 === t0 && p1 > p0), `visit ${k} comes after visit ${k - 1}`).toBe(true);
  }
  // , walks back.
  await page.keyboard.press(',');
  expect((await state(page)).cursor).toBe(seen[seen.length - 2]![0]);
});

test('the mailbox timeout ▲ of vf-pf-mailbox is reachable by key and explained', async ({ page }) => {
  await openApp(page);
  await loadPreset(page, 'vf-pf-mailbox');
  await page.getByTestId('nav-kind').selectOption('failure');
  // The select let go of focus: the keys act on the timeline.
  await page.keyboard.press('.');
  await expect.poll(() => live(page)).toMatch(/guest failure at [\d.]+ (ns|µs|ms)/);
  expect((await state(page)).selected).not.toBeNull();
  await expect(page.getByTestId('why')).toContainText(/TIMED OUT|timeout/i);
});

test('\\ keeps next/previous in the selected pane; the buttons do what the keys do', async ({ page }) => {
  await openApp(page);
  await blurAll(page);
  await page.keyboard.press('l');
  await page.keyboard.press('l');
  const pane = (await state(page)).selected!.pane;
  await page.keyboard.press('\\');
  await expect(page.getByTestId('nav-scope')).toHaveAttribute('aria-pressed', 'true');
  let last = (await state(page)).cursor;
  for (let k = 0; k < 6; k++) {
    await page.getByTestId('nav-next').click();
    const s = await state(page);
    if ((await live(page)).startsWith('No lost interrupt')) break;
    expect(s.selected!.pane).toBe(pane);
    expect(s.cursor).toBeGreaterThanOrEqual(last);
    last = s.cursor;
  }
  await page.getByTestId('nav-scope').click();
  await expect(page.getByTestId('nav-scope')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('nav-scope')).toHaveText('all panes');
});

test('guest operations: [ chooses them and each is named in words', async ({ page }) => {
  await openApp(page);
  await blurAll(page);
  await page.keyboard.press('[');
  await expect(page.getByTestId('nav-kind')).toHaveValue('op');
  await page.keyboard.press('.');
  await expect.poll(() => live(page)).toMatch(/^[\w-]+: [a-z_]+(\(\d+\))? at [\d.]+ (ns|µs)\.$/);
});

test('the event table filters by vector, kind and time range', async ({ page }) => {
  await openApp(page);
  await blurAll(page);
  await page.keyboard.press('t');
  const count = async (): Promise<number> =>
    Number(((await page.getByTestId('event-count').textContent()) ?? '').replace(/\D/g, ''));
  const all = await count();
  await page.locator('#evfilter').selectOption('all');
  const everything = await count();
  expect(everything).toBeGreaterThanOrEqual(all);
  await page.locator('#evvec').fill('2');
  const v2 = await count();
  expect(v2).toBeGreaterThan(0);
  expect(v2).toBeLessThan(everything);
  await page.locator('#evvec').fill('');
  await page.locator('#evkind').selectOption({ label: 'raise' });
  const raises = await count();
  expect(raises).toBe((await state(page)).raises[0]);
  await page.locator('#evfrom').fill('100');
  await page.locator('#evto').fill('200');
  const inRange = await count();
  expect(inRange).toBeGreaterThan(0);
  expect(inRange).toBeLessThan(raises);
  await nextFrames(page);
  const times = await page.locator('table.events tbody tr td:first-child').allTextContents();
  for (const t of times) {
    const m = /^([\d.]+) (ns|µs|ms)$/.exec(t)!;
    const ns = Number(m[1]) * (m[2] === 'ms' ? 1e6 : m[2] === 'µs' ? 1e3 : 1);
    expect(ns).toBeGreaterThanOrEqual(100_000);
    expect(ns).toBeLessThanOrEqual(200_000);
  }
});
