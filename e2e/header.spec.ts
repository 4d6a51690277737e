import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { blurAll, expect, expectNoSidewaysScroll, openApp, state, test } from './helpers.ts';

// Issue 9, the header: the always-needed controls in sight, the rest in a few menus that follow
// the WAI-ARIA menu button pattern; at most two rows on a phone, one at 1280 px; and at
// 1280x720 the four default panes fit the window without scrolling.
const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(DIR, { recursive: true });

const MENUS = [
  { testid: 'scenario-menu', name: 'scenario' },
  { testid: 'lessons-menu', name: 'learn' },
  { testid: 'export', name: 'export' },
  { testid: 'settings-menu', name: 'settings' },
] as const;

const headerHeight = async (page: Page): Promise<number> => (await page.locator('header.top').boundingBox())!.height;

test('390x844: the header is at most two rows, nothing overflows sideways, targets are at least 40 px', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  expect(await headerHeight(page)).toBeLessThanOrEqual(110);
  await expectNoSidewaysScroll(page, '390 header');
  const small = await page.locator('header.top').evaluate((h) =>
    [...h.querySelectorAll<HTMLElement>('button, select, input')]
      .filter((e) => e.offsetParent !== null)
      .map((e) => ({ what: e.getAttribute('aria-label') ?? e.textContent ?? e.id, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 40 || r.height < 40)
      .map(({ what, r }) => `${what} ${Math.round(r.width)}x${Math.round(r.height)}`),
  );
  expect(small, 'header targets under 40 px').toEqual([]);
  // The policies fold behind a toggle; their chips open in a popover inside the screen.
  await page.getByTestId('policies-toggle').click();
  const chips = page.getByRole('group', { name: 'policies compared' });
  await expect(chips).toBeVisible();
  const box = (await chips.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: join(DIR, 'header-390-policies.png') });
  await page.keyboard.press('Escape');
  await expect(chips).toBeHidden();
  for (const m of MENUS) {
    await page.getByTestId(m.testid).click();
    const menu = page.getByRole('menu', { name: m.name });
    await expect(menu).toBeVisible();
    const r = (await menu.boundingBox())!;
    expect(r.x, `${m.name} menu inside the screen`).toBeGreaterThanOrEqual(0);
    expect(r.x + r.width, `${m.name} menu inside the screen`).toBeLessThanOrEqual(390);
    await expectNoSidewaysScroll(page, `390 with the ${m.name} menu open`);
    await page.screenshot({ path: join(DIR, `header-390-menu-${m.name}.png`) });
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
  }
});

for (const vp of [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]) {
  test(`${vp.width}x${vp.height}: the header is one row and all four default panes fit the window`, async ({
    page,
  }) => {
    await page.setViewportSize(vp);
    const s = await openApp(page);
    expect(s.policies).toHaveLength(4);
    expect(await headerHeight(page)).toBeLessThanOrEqual(50);
    await expectNoSidewaysScroll(page, `${vp.width}x${vp.height}`);
    for (let i = 0; i < s.policies.length; i++) {
      const b = (await page.getByTestId(`pane-${i}`).boundingBox())!;
      expect(b.y, `pane ${i} top inside the window`).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height, `pane ${i} bottom inside the ${vp.height} px window`).toBeLessThanOrEqual(vp.height);
    }
    // The rows stay legible while fitting (the minimum row height PaneView draws).
    for (const p of (await state(page)).panes) expect(p.rowH).toBeGreaterThanOrEqual(7);
    if (vp.width === 1280)
      for (const m of MENUS) {
        await page.getByTestId(m.testid).click();
        await expect(page.getByRole('menu', { name: m.name })).toBeVisible();
        await page.screenshot({ path: join(DIR, `header-1280-menu-${m.name}.png`) });
        await page.keyboard.press('Escape');
      }
  });
}

test('a menu follows the menu button pattern: keys open and move, Escape and a press outside close', async ({
  page,
}) => {
  await openApp(page);
  await blurAll(page);
  const button = page.getByTestId('scenario-menu');
  const menu = page.getByRole('menu', { name: 'scenario' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('edit-json')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('open-builder')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByTestId('open-sweep')).toBeFocused();
  await page.keyboard.press('ArrowDown'); // wraps
  await expect(page.getByTestId('edit-json')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('open-sweep')).toBeFocused();
  // Keys in the menu do not reach the page's shortcuts: L selects no loss, → steps nothing.
  const before = await state(page);
  await page.keyboard.press('l');
  await page.keyboard.press('ArrowRight');
  const after = await state(page);
  expect(after.selected).toBeNull();
  expect(after.cursor).toBe(before.cursor);
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  // ↑ opens on the last item; Space opens on the first.
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('open-sweep')).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('edit-json')).toBeFocused();
  // A press outside closes it (a touch too: pointerdown).
  await page.mouse.click(600, 500);
  await expect(menu).toHaveCount(0);
  // Choosing an item runs it and closes the menu.
  await button.click();
  await page.getByTestId('edit-json').click();
  await expect(menu).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: /scenario/i })).toBeVisible();
});

test('the settings menu switches the theme and the single-key shortcuts', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('settings-menu').click();
  await page.getByTestId('theme-dark').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme-dark')).toHaveAttribute('aria-checked', 'true');
  // A setting keeps the menu open; the shortcuts toggle is the help dialog's setting too.
  await page.getByTestId('shortcuts-menu-toggle').click();
  await expect(page.getByTestId('shortcuts-menu-toggle')).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('Escape');
  await blurAll(page);
  await page.keyboard.press('l');
  expect((await state(page)).selected).toBeNull();
  await page.getByRole('button', { name: 'keyboard shortcuts and help' }).click();
  await expect(page.getByTestId('shortcuts-toggle')).not.toBeChecked();
});

test('the share note box keeps its note while shut and the link carries it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.getByTestId('share-note-toggle').click();
  await expect(page.getByTestId('share-note')).toBeFocused();
  await page.getByTestId('share-note').fill('look at vector 3');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('share-note')).toHaveCount(0);
  await expect(page.getByTestId('share-note-toggle')).toBeFocused();
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share')).toHaveText(/copied/);
  const url = await page.evaluate(() => navigator.clipboard.readText());
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByText('look at vector 3')).toBeVisible();
});
