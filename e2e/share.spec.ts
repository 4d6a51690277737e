import { expect, openApp, state, test } from './helpers.ts';

// A link pasted into a mailing-list reply must reproduce the comparison at the moment it was
// copied: same preset (and its story), cursor, zoom and selected interrupt.
test('the Share link reopens the same preset, cursor, zoom and selected loss', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.getByTestId('preset').selectOption('vf-pf-mailbox');
  await expect.poll(async () => (await state(page)).runVersion).toBe(2);
  await page.keyboard.press('l'); // select the first loss and move the cursor there
  await page.keyboard.press('w'); // zoom in around it
  const before = await state(page);
  expect(before.selected).not.toBeNull();
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share')).toHaveText(/copied/);
  const url = page.url();
  expect(url).toMatch(/#v2\./);

  const other = await context.newPage();
  await other.goto(url);
  await expect
    .poll(
      async () =>
        await other.evaluate(
          () => (window as unknown as { __msixlab: { state(): { runVersion: number } } }).__msixlab.state().runVersion,
        ),
    )
    .toBe(1);
  const after = await state(other);
  expect(after.cursor).toBe(before.cursor);
  expect(after.domain).toEqual(before.domain);
  expect(after.selected).toEqual(before.selected);
  await expect(other.getByTestId('preset')).toHaveValue('vf-pf-mailbox');
  await expect(other.getByTestId('why')).toContainText('LOST');
  await other.close();
});
