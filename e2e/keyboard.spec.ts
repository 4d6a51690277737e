import type { Page } from '@playwright/test';
import { blurAll, expect, expectPanesFollow, nextFrames, openApp, state, test } from './helpers.ts';

// Requirement 5: everything works with the keyboard alone.

/** A short description of the focused element: its accessible label, id or text. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    if (!e || e === document.body) return 'body';
    return e.getAttribute('aria-label') ?? (e.id ? `#${e.id}` : (e.textContent ?? '').trim());
  });
}

/** Presses Tab until `want` has focus (at most `max` times); fails if it never does. */
async function tabTo(page: Page, want: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === want) return;
  }
  throw new Error(`Tab never reached ${want}`);
}

test('Tab reaches the header controls, the transport buttons, the speed select and the overview slider, in reading order', async ({
  page,
}) => {
  await openApp(page);
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f === 'body' || seen.includes(f)) break;
    seen.push(f);
  }
  const want = [
    '#preset',
    'Scenario ▾',
    'add a policy',
    'Share link',
    'Learn ▾',
    'Export ▾',
    'settings',
    'keyboard shortcuts and help',
    'previous event',
    'play',
    'next event',
    'next loss ⚠',
    '#speed',
    'scrub through the run (losses marked in red)',
    'Show the event table (T)',
  ];
  for (const w of want) expect(seen, `Tab reaches ${w}`).toContain(w);
  const order = want.map((w) => seen.indexOf(w));
  expect(order, 'header, then transport, then the table toggle').toEqual([...order].sort((a, b) => a - b));
  // The policy chips' remove buttons are reachable too.
  expect(seen).toContain('remove data-hack');
});

test('the focused control shows a visible focus ring', async ({ page }) => {
  await openApp(page);
  await tabTo(page, 'play');
  const outline = await page.getByTestId('play').evaluate((e) => {
    const cs = getComputedStyle(e);
    return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

test('the play button works from the keyboard (Enter), and Space on the page plays and pauses', async ({ page }) => {
  await openApp(page);
  await tabTo(page, 'play');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await state(page)).playing).toBe(true);
  await expect(page.getByTestId('play')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await state(page)).playing).toBe(false);

  await blurAll(page);
  const before = (await state(page)).cursor;
  await page.keyboard.press(' ');
  await expect.poll(async () => (await state(page)).playing).toBe(true);
  await expect.poll(async () => (await state(page)).cursor).toBeGreaterThan(before);
  await page.keyboard.press(' ');
  await expect.poll(async () => (await state(page)).playing).toBe(false);
  await expectPanesFollow(page);
});

test('arrow keys step from event to event; on the focused overview slider they scrub by 1 %', async ({ page }) => {
  const s0 = await openApp(page);
  await blurAll(page);
  await page.keyboard.press('ArrowRight');
  const a = await expectPanesFollow(page);
  expect(a.cursor).toBeGreaterThan(0);
  await page.keyboard.press('ArrowRight');
  const b = await expectPanesFollow(page);
  expect(b.cursor).toBeGreaterThan(a.cursor);
  await page.keyboard.press('ArrowLeft');
  await expectPanesFollow(page, a.cursor);

  await tabTo(page, 'scrub through the run (losses marked in red)');
  const slider = page.getByRole('slider');
  const step = (s0.extent[1] - s0.extent[0]) / 100;
  await page.keyboard.press('ArrowRight');
  await expectPanesFollow(page, a.cursor + step);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const c = await expectPanesFollow(page, a.cursor + 3 * step);
  await expect(slider).toHaveAttribute('aria-valuenow', String(Math.round((100 * c.cursor) / s0.extent[1])));
  await page.keyboard.press('ArrowLeft');
  await expectPanesFollow(page, a.cursor + 2 * step);
});

test('Home and End move the cursor to the start and end of the run', async ({ page }) => {
  const s0 = await openApp(page);
  await blurAll(page);
  await page.keyboard.press('End');
  await expectPanesFollow(page, s0.extent[1]);
  await page.keyboard.press('Home');
  await expectPanesFollow(page, s0.extent[0]);
});

test('L selects the next loss and explains it', async ({ page }) => {
  await openApp(page);
  await blurAll(page);
  await page.keyboard.press('l');
  await expect.poll(async () => (await state(page)).selected).not.toBeNull();
  await expect(page.getByTestId('why')).toContainText('LOST');
  await expect(page.getByTestId('same-raise')).toBeVisible();
});

test('? opens the help dialog, keys are ignored while it is open, Escape closes it', async ({ page }) => {
  await openApp(page);
  await blurAll(page);
  const help = page.getByTestId('help');
  await expect(help).toBeHidden();
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(help).toContainText('next / previous lost interrupt');
  // Focus is inside the modal dialog; shortcuts do not reach the page behind it.
  expect(await help.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('l');
  await nextFrames(page);
  expect((await state(page)).selected).toBeNull();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Reopen from the header's ? button with the keyboard, close with the dialog's Close button.
  await tabTo(page, 'keyboard shortcuts and help');
  await page.keyboard.press('Enter');
  await expect(help).toBeVisible();
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(help).toBeHidden();
  await expect(page.getByRole('button', { name: 'keyboard shortcuts and help' })).toBeFocused();
});

test('T shows and hides the event table', async ({ page }) => {
  await openApp(page);
  await blurAll(page);
  const table = page.getByRole('region', { name: 'event table' });
  const toggle = page.getByTestId('toggle-table');
  await expect(table).toHaveCount(0);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('t');
  await expect(table).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(table.locator('table.events tbody tr').first()).toBeVisible();
  // The table's scroll box takes focus, so it can be scrolled with the keyboard.
  await expect(table.getByLabel(/^events of /)).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('t');
  await expect(table).toHaveCount(0);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
});

test('shortcut letters work in both cases, as the help writes them (T, E)', async ({ page }) => {
  await openApp(page);
  await blurAll(page);
  const table = page.getByRole('region', { name: 'event table' });
  await page.keyboard.press('Shift+T');
  await expect(table).toBeVisible();
  await page.keyboard.press('Shift+T');
  await expect(table).toHaveCount(0);
  await page.keyboard.press('Shift+E');
  await expect(page.getByRole('dialog')).toBeVisible();
});

test('E opens the scenario editor with the current scenario; typing in it does not trigger shortcuts; Escape closes it', async ({
  page,
}) => {
  await openApp(page);
  await blurAll(page);
  await page.keyboard.press('e');
  const editor = page.getByRole('dialog', { name: /Scenario \(JSON/ });
  await expect(editor).toBeVisible();
  const json = page.getByTestId('scenario-json');
  await expect(json).toHaveValue(/"version": 1/);
  await expect(json).toHaveValue(/"tableSize": 8/);
  await json.focus();
  await page.keyboard.press('Control+End'); // the end of the text, wherever the caret starts
  await page.keyboard.type(' lt?');
  await expect(json).toHaveValue(/ lt\?$/);
  expect((await state(page)).selected).toBeNull();
  await expect(page.getByTestId('help')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
});

test('a select can be changed with the keyboard alone (speed)', async ({ page }) => {
  await openApp(page);
  await tabTo(page, '#speed');
  const speed = page.locator('#speed');
  await expect(speed).toHaveValue('20000');
  await page.keyboard.press('ArrowDown');
  await expect(speed).toHaveValue('100000');
});
