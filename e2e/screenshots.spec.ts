import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  blurAll,
  expect,
  nextFrames,
  openApp,
  overlayBox,
  rowCentre,
  setTheme as chooseTheme,
  state,
  test,
  xOf,
} from './helpers.ts';

// Screenshots for review. By default they go to screenshots/ (git-ignored, and not wiped by
// Playwright like test-results/); UPDATE_SCREENSHOTS=1 writes the reviewed set in docs/screenshots/.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs', 'screenshots') : join(ROOT, 'screenshots');
mkdirSync(DIR, { recursive: true });

const SIZES = [
  { name: '1280', width: 1280, height: 720 },
  { name: '1440', width: 1440, height: 900 },
] as const;

async function applyTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await chooseTheme(page, theme);
  await blurAll(page);
  await nextFrames(page, 3);
}

async function shoot(page: Page, file: string): Promise<void> {
  const path = join(DIR, file);
  await page.screenshot({ path });
  expect(existsSync(path)).toBe(true);
  expect(statSync(path).size, `${file} is a real image`).toBeGreaterThan(20_000);
}

for (const theme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    test(`${theme} theme at ${size.width}x${size.height}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await openApp(page);
      await applyTheme(page, theme);
      await shoot(page, `${theme}-${size.name}.png`);
    });
  }

  test(`${theme}: a lost interrupt explained in the inspector`, async ({ page }) => {
    await openApp(page);
    await applyTheme(page, theme);
    await page.keyboard.press('l');
    await page.keyboard.press('l');
    await expect(page.getByTestId('why')).toContainText('LOST');
    await expect(page.getByTestId('registers')).toBeVisible();
    await nextFrames(page, 3);
    await shoot(page, theme === 'light' ? 'inspector-loss.png' : 'inspector-loss-dark.png');
  });
}

test('help dialog', async ({ page }) => {
  await openApp(page);
  await applyTheme(page, 'light');
  await page.keyboard.press('?');
  await expect(page.getByTestId('help')).toBeVisible();
  await shoot(page, 'help.png');
});

test('event table and a hovered raise', async ({ page }) => {
  const s = await openApp(page);
  await applyTheme(page, 'light');
  await page.keyboard.press('t');
  await expect(page.getByRole('region', { name: 'event table' })).toBeVisible();
  const box = await overlayBox(page, 0);
  await page.mouse.move(box.x + xOf(s, 50_000, box.width), box.y + rowCentre(s, 0));
  await expect.poll(async () => (await state(page)).hover).not.toBeNull();
  await nextFrames(page, 3);
  await shoot(page, 'hover.png');
  await page.getByRole('region', { name: 'event table' }).scrollIntoViewIfNeeded();
  await shoot(page, 'event-table.png');
});

test('a broken link and a rejected scenario edit', async ({ page }) => {
  await openApp(page, '#v1.garbage');
  await applyTheme(page, 'light');
  await expect(page.getByTestId('error-banner')).toBeVisible();
  await shoot(page, 'error-banner.png');
  await page.getByTestId('error-banner').getByRole('button', { name: 'Dismiss' }).click();
  await page.keyboard.press('e');
  const json = page.getByTestId('scenario-json');
  await json.fill((await json.inputValue()).replace('"tableSize": 8', '"tableSize": 4096'));
  await page.getByTestId('editor-run').click();
  await expect(page.getByTestId('editor-error')).toBeVisible();
  await shoot(page, 'editor-error.png');
});
