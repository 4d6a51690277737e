import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { blurAll, expect, nextFrames, openApp, openMenuItem, state, test, setTheme as chooseTheme } from './helpers.ts';

// Requirement 7: axe reports no violations, in both themes, with the help dialog open and the event table shown;
// issue 9: in presentation mode, on a phone (bottom sheet), and with the glossary open.

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await chooseTheme(page, theme);
  await nextFrames(page);
}

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const r = await new AxeBuilder({ page }).analyze();
  const summary = r.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`).join('\n')}`,
  );
  expect(summary, `axe violations: ${what}`).toEqual([]);
  expect(r.passes.length, 'axe actually ran its rules').toBeGreaterThan(10);
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test('the loaded page has no axe violations', async ({ page }) => {
      await openApp(page);
      await setTheme(page, theme);
      await expectNoViolations(page, `${theme}: default scenario`);
    });

    test('no violations with the help dialog open', async ({ page }) => {
      await openApp(page);
      await setTheme(page, theme);
      await blurAll(page);
      await page.keyboard.press('?');
      await expect(page.getByTestId('help')).toBeVisible();
      await expectNoViolations(page, `${theme}: help dialog`);
    });

    test('no violations with the event table shown and a loss selected', async ({ page }) => {
      await openApp(page);
      await setTheme(page, theme);
      await blurAll(page);
      await page.keyboard.press('t');
      await expect(page.getByRole('region', { name: 'event table' })).toBeVisible();
      await page.keyboard.press('l');
      await expect(page.getByTestId('why')).toBeVisible();
      await expect(page.getByTestId('registers')).toBeVisible();
      expect((await state(page)).selected).not.toBeNull();
      await expectNoViolations(page, `${theme}: event table + inspector`);
    });

    test('no violations in presentation mode, with the inspector sheet open', async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await openApp(page);
      await setTheme(page, theme);
      await blurAll(page);
      await page.keyboard.press('p');
      await expect(page.locator('html')).toHaveAttribute('data-present', '');
      await page.mouse.move(400, 300);
      await expectNoViolations(page, `${theme}: presentation mode`);
      await page.keyboard.press('l');
      await expect(page.getByTestId('why')).toBeVisible();
      await expectNoViolations(page, `${theme}: presentation mode + inspector`);
    });

    test('no violations on a 390 px phone (inspector sheet, event table) and with the glossary open', async ({
      page,
    }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await openApp(page);
      await setTheme(page, theme);
      await blurAll(page);
      await expectNoViolations(page, `${theme}: 390 px`);
      await page.keyboard.press('t');
      await page.keyboard.press('l');
      await expect(page.getByTestId('why')).toBeVisible();
      await expectNoViolations(page, `${theme}: 390 px, table + sheet`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('g');
      await expect(page.getByTestId('glossary')).toBeVisible();
      await expectNoViolations(page, `${theme}: glossary`);
    });

    test('no violations with the error banner and the editor error shown', async ({ page }) => {
      await openApp(page, '#hello');
      await setTheme(page, theme);
      await expect(page.getByTestId('error-banner')).toBeVisible();
      await expectNoViolations(page, `${theme}: error banner`);
      await blurAll(page);
      await page.keyboard.press('e');
      await page.getByTestId('scenario-json').fill('{ "version": 1, ');
      await page.getByTestId('editor-run').click();
      await expect(page.getByTestId('editor-error')).toBeVisible();
      await expectNoViolations(page, `${theme}: scenario editor with an error`);
    });
  });
}

// Issue 9, the header's menus (layout/MenuButton.tsx), the export menu and the sweep panel with
// its results: each checked open, in both themes and (the menus) on a phone too.
for (const theme of ['light', 'dark'] as const) {
  for (const vp of [
    { width: 1280, height: 720 },
    { width: 390, height: 844 },
  ]) {
    test(`${theme}, ${vp.width} px: no violations with each header menu open`, async ({ page }) => {
      test.slow(); // six axe passes: a minute on a loaded two-core machine
      await page.setViewportSize(vp);
      await openApp(page);
      await setTheme(page, theme);
      for (const [testid, name] of [
        ['scenario-menu', 'scenario'],
        ['lessons-menu', 'learn'],
        ['export', 'export'],
        ['settings-menu', 'settings'],
      ] as const) {
        await page.getByTestId(testid).click();
        await expect(page.getByRole('menu', { name })).toBeVisible();
        if (testid === 'lessons-menu')
          await expect(page.locator('[data-testid^="lesson-open-"]').first()).toBeVisible();
        await expectNoViolations(page, `${theme}, ${vp.width} px: ${name} menu`);
        await page.keyboard.press('Escape');
      }
      if (vp.width < 600) {
        await page.getByTestId('policies-toggle').click();
        await expect(page.getByRole('group', { name: 'policies compared' })).toBeVisible();
        await expectNoViolations(page, `${theme}, ${vp.width} px: policy chips`);
        await page.keyboard.press('Escape');
      }
      await page.getByTestId('share-note-toggle').click();
      await expect(page.getByTestId('share-note')).toBeVisible();
      await expectNoViolations(page, `${theme}, ${vp.width} px: the link note box`);
    });
  }

  test(`${theme}: no violations with the sweep panel open, then with its results`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page);
    await setTheme(page, theme);
    await openMenuItem(page, 'open-sweep');
    await expect(page.getByTestId('sweep-panel')).toBeVisible();
    await expectNoViolations(page, `${theme}: sweep panel`);
    await page.getByTestId('sweep-trials').fill('50');
    await page.getByTestId('sweep-run').click();
    await expect(page.getByTestId('sweep-progress')).toContainText('done', { timeout: 60_000 });
    await expect(page.getByTestId('sweep-results')).toBeVisible();
    await expectNoViolations(page, `${theme}: sweep results`);
  });
}
