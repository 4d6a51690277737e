import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { blurAll, expect, expectNoSidewaysScroll, nextFrames, openApp, test } from './helpers.ts';

// Issue 9, responsive: from a 390 px phone to 4K the page never scrolls sideways, every pane draws,
// the inspector is a bottom sheet on narrow screens, and the screenshots are kept for review.
const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(DIR, { recursive: true });

export const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1024, height: 576 },
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
] as const;

/** How many device pixels of pane i's timeline canvas are drawn (not transparent), and its CSS width. */
export async function drawnPixels(page: Page, i: number): Promise<{ drawn: number; width: number }> {
  return page
    .getByTestId(`pane-${i}`)
    .locator('canvas.base')
    .evaluate((c) => {
      const el = c as HTMLCanvasElement;
      if (!el.width || !el.height) return { drawn: 0, width: el.clientWidth };
      // The panes show bitmaps (render/surface.ts): read them through a 2D copy.
      const g = Object.assign(document.createElement('canvas'), { width: el.width, height: el.height }).getContext(
        '2d',
      )!;
      g.drawImage(el, 0, 0);
      const d = g.getImageData(0, 0, el.width, el.height).data;
      let n = 0;
      for (let k = 3; k < d.length; k += 4) if (d[k]! > 0) n++;
      return { drawn: n, width: el.clientWidth };
    });
}

for (const vp of VIEWPORTS) {
  test(`${vp.width}x${vp.height}: no sideways scroll, every pane drawn, legible axis`, async ({ page }) => {
    await page.setViewportSize(vp);
    const s = await openApp(page);
    await nextFrames(page, 3);
    await expectNoSidewaysScroll(page, `${vp.width}x${vp.height}`);
    // Only the timeline column scrolls, never the document around it.
    expect(await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)).toBeLessThanOrEqual(0);
    for (let i = 0; i < s.policies.length; i++) {
      await page.getByTestId(`pane-${i}`).scrollIntoViewIfNeeded();
      await nextFrames(page, 2);
      const { drawn, width } = await drawnPixels(page, i);
      expect(width, `pane ${i} is wider than its label gutter`).toBeGreaterThan(200);
      expect(drawn, `pane ${i} drew its timeline`).toBeGreaterThan(1000);
    }
    // The shared axis: at least three ticks with short labels (issue 9: a lone "200.000 µs").
    const ticks = await page.locator('.axis .tick text').allTextContents();
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of ticks) expect(t.length).toBeLessThanOrEqual(9);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('main.scroll').evaluate((m) => (m.scrollTop = 0));
    await page.screenshot({ path: join(DIR, `responsive-${vp.width}x${vp.height}.png`) });
  });
}

test('390 px: the metrics and the event table scroll inside themselves; the inspector is a bottom sheet', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  await blurAll(page);
  await page.keyboard.press('t');
  await expect(page.getByRole('region', { name: 'event table' })).toBeVisible();
  await expectNoSidewaysScroll(page, '390 with the event table');
  // Folded: the sheet shows its title only; a selection unfolds it.
  const sheet = page.getByRole('complementary', { name: 'inspector' });
  expect((await sheet.boundingBox())!.height).toBeLessThanOrEqual(50);
  await page.keyboard.press('l');
  await expect(page.getByTestId('why')).toBeVisible();
  const box = (await sheet.boundingBox())!;
  expect(box.height).toBeGreaterThan(150);
  expect(box.y + box.height).toBeCloseTo(844, 0);
  expect(box.width).toBeCloseTo(390, 0);
  await expectNoSidewaysScroll(page, '390 with the inspector open');
  await page.screenshot({ path: join(DIR, 'responsive-390-inspector.png') });
  await page.getByTestId('sheet-toggle').click();
  await expect.poll(async () => (await sheet.boundingBox())!.height).toBeLessThanOrEqual(50);
});
