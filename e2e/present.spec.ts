import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { blurAll, expect, nextFrames, openApp, state, test, waitForRun } from './helpers.ts';

// Issue 9, presentation mode: large type and rows, four panes fitted to a 1280x720 projector,
// chrome hidden, legend visible, a pointer highlight that screenshots keep, links that open in it.
const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(DIR, { recursive: true });

async function expectPresentLayout(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-present', '');
  await nextFrames(page, 3);
  const s = await state(page);
  expect(s.panes).toHaveLength(4);
  for (const p of s.panes) {
    expect(p.rowH, 'vector rows at least 12 px').toBeGreaterThanOrEqual(12);
    expect(p.labelPx, 'canvas labels at least 14 px').toBeGreaterThanOrEqual(14);
  }
  // Four panes fit: neither the page nor the timeline column scrolls.
  const scroll = await page.evaluate(() => {
    const m = document.querySelector('main.scroll')!;
    return {
      main: m.scrollHeight - m.clientHeight,
      doc: document.documentElement.scrollHeight - innerHeight,
      sideways: document.documentElement.scrollWidth - innerWidth,
    };
  });
  expect(scroll).toEqual({ main: 0, doc: 0, sideways: 0 });
  const lastPane = (await page.getByTestId('pane-3').boundingBox())!;
  expect(lastPane.y + lastPane.height).toBeLessThanOrEqual(720);
  // Chrome hidden: the scenario picker and the blurb; the legend stays on screen.
  await expect(page.getByTestId('preset')).toBeHidden();
  await expect(page.getByRole('region', { name: 'scenario' })).toBeHidden();
  const legend = (await page.getByLabel('legend').boundingBox())!;
  expect(legend.y + Math.min(legend.height, 40)).toBeLessThanOrEqual(720);
  expect(
    await page.getByLabel('legend').evaluate((e) => parseFloat(getComputedStyle(e).fontSize)),
  ).toBeGreaterThanOrEqual(14);
  const title = page.getByTestId('pane-title').first();
  expect(await title.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(14);
}

test('P enters presentation mode at 1280x720: four panes fitted, large type, legend shown; P leaves', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await blurAll(page);
  await page.keyboard.press('p');
  await expectPresentLayout(page);
  // The playback controls are a column beside the panes, whole: Play and the speed are on screen
  // and full-size (the normal layout's one-band rule from 1200 px once squeezed them into it).
  const play = page.getByRole('button', { name: /^(▶ )?play/i });
  await expect(play).toBeInViewport();
  expect((await play.boundingBox())!.width).toBeGreaterThanOrEqual(60);
  const speed = page.getByRole('combobox', { name: /speed/i });
  await expect(speed).toBeInViewport();
  expect((await speed.boundingBox())!.width).toBeGreaterThanOrEqual(60);
  // The pointer highlight is in the DOM, so a screenshot shows it where the pointer is.
  await page.mouse.move(640, 300);
  const ring = page.getByTestId('pointer-ring');
  await expect(ring).toBeVisible();
  await expect
    .poll(async () => {
      const b = (await ring.boundingBox())!;
      return [Math.round(b.x + b.width / 2), Math.round(b.y + b.height / 2)];
    })
    .toEqual([640, 300]);
  await expect(ring).toHaveCSS('opacity', '1');
  await page.screenshot({ path: join(DIR, 'present-1280x720.png') });
  await page.keyboard.press('P'); // both cases
  await expect(page.locator('html')).not.toHaveAttribute('data-present', '');
  await expect(page.getByTestId('preset')).toBeVisible();
  await expect(ring).toHaveCount(0);
  const s = await state(page);
  expect(s.panes[0]!.labelPx).toBeLessThan(14);
});

test('the Present button enters it too, and a selection opens the inspector as a sheet', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByTestId('present').click();
  await expect(page.getByTestId('present')).toHaveAttribute('aria-pressed', 'true');
  await expectPresentLayout(page);
  await blurAll(page);
  await page.keyboard.press('l');
  await expect(page.getByTestId('why')).toBeVisible();
  await nextFrames(page, 2);
  await page.screenshot({ path: join(DIR, 'present-1280x720-inspector.png') });
  await page.getByTestId('sheet-toggle').click();
  await expect(page.getByTestId('why')).toBeHidden();
});

test('a link with &present=1 opens in presentation mode, at its moment', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  // The app writes the run's share link into the address bar once it is on screen.
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#v\d+\./);
  const link = await page.evaluate(() => location.hash.slice(1));
  await page.goto('about:blank');
  await page.goto(`/#${link}&present=1`);
  await waitForRun(page);
  await expectPresentLayout(page);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  // The flag stays in the address bar: a reload presents again.
  expect(await page.evaluate(() => location.hash)).toContain('&present=1');
  await page.reload();
  await waitForRun(page);
  await expect(page.locator('html')).toHaveAttribute('data-present', '');
});

test('presentation mode at 1920x1080 and on a 390 px phone: no sideways scroll, rows still 12 px', async ({ page }) => {
  for (const vp of [
    { width: 1920, height: 1080 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(vp);
    await openApp(page, '#present=1');
    await expect(page.locator('html')).toHaveAttribute('data-present', '');
    await nextFrames(page, 3);
    const sw = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(sw).toBeLessThanOrEqual(0);
    for (const p of (await state(page)).panes) expect(p.rowH).toBeGreaterThanOrEqual(12);
    await page.screenshot({ path: join(DIR, `present-${vp.width}x${vp.height}.png`) });
  }
});
