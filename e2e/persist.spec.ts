import type { Page } from '@playwright/test';
import { test, expect, openApp, waitForRun, state, blurAll, openMenuItem, openShareNote } from './helpers';
import { encodeLink } from '../src/core/share/index.ts';
import { findPreset } from '../src/core/presets/index.ts';

// Never lose work (issue 7): the session survives a reload, a replaced scenario can be undone,
// and the editor's unapplied text survives Escape, a reload and (with a prompt) closing the tab.

const KEY = 'msix-lab.session';
const results = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __msixlab: { results(): { policy: string; hash: string }[] } }).__msixlab
      .results()
      .map((r) => `${r.policy} ${r.hash}`),
  );

/** Applies an edit to the scenario through the JSON editor (the way a user makes a custom one). */
async function applyEdit(page: Page, edit: (json: string) => string, runVersion: number): Promise<void> {
  await openMenuItem(page, 'edit-json');
  const json = page.getByTestId('scenario-json');
  await json.fill(edit(await json.inputValue()));
  await page.getByTestId('editor-run').click();
  await waitForRun(page, runVersion);
  await expect(json).toBeHidden();
}

const bigger = (j: string): string =>
  j.replace('"tableSize": 8', '"tableSize": 16').replace(/"name": "[^"]*"/, '"name": "my edit"');

test('an edited scenario, its policies and its view (cursor, window, selected event) survive a reload', async ({
  page,
}) => {
  await openApp(page);
  await applyEdit(page, bigger, 2);
  await page.getByRole('button', { name: 'remove single-vector' }).click();
  await waitForRun(page, 3);
  await blurAll(page);
  await page.keyboard.press('l'); // select the first loss (the window follows)
  await page.keyboard.press('w'); // zoom in
  const before = await state(page);
  expect(before.selected).not.toBeNull();
  const want = await results(page);
  await page.reload();
  const after = await waitForRun(page);
  expect(after.policies).toEqual(before.policies);
  expect(await results(page)).toEqual(want);
  expect(after.cursor).toBe(before.cursor);
  expect(after.domain).toEqual(before.domain);
  expect(after.selected).toEqual(before.selected);
  await expect(page.getByTestId('preset')).toHaveValue('');
  await expect(page.getByTestId('scenario-name')).toHaveText('my edit.');
  // The bare address (a bookmark, a new tab) restores it too.
  await page.goto('/');
  await waitForRun(page);
  expect(await results(page)).toEqual(want);
});

test('a link in the URL wins over the saved session, and the replaced edit is one Undo away', async ({ page }) => {
  await openApp(page);
  await applyEdit(page, bigger, 2);
  const edited = await results(page);
  await blurAll(page);
  await page.goto('about:blank'); // saves on the way out (pagehide)
  const link = encodeLink({
    scenario: findPreset('vf-pf-mailbox')!.scenario,
    policies: ['data-hack', 'dynamic-alloc'],
  });
  await openApp(page, '#' + link);
  await expect(page.getByTestId('preset')).toHaveValue('vf-pf-mailbox');
  expect((await state(page)).policies).toEqual(['data-hack', 'dynamic-alloc']);
  const toast = page.getByTestId('session-toast');
  await expect(toast).toContainText('replaced the edited scenario of your last visit');
  await toast.getByTestId('undo').click();
  await waitForRun(page, 2);
  expect(await results(page)).toEqual(edited);
});

test('loading a preset over an edited scenario can be undone, by the toast and by Ctrl+Z', async ({ page }) => {
  await openApp(page);
  await applyEdit(page, bigger, 2);
  const edited = await results(page);
  const policies = (await state(page)).policies;
  await page.getByTestId('preset').selectOption('vf-pf-mailbox');
  await waitForRun(page, 3);
  const toast = page.getByTestId('session-toast');
  await expect(toast).toContainText('Your edited scenario was replaced by the preset vf-pf-mailbox');
  await toast.getByTestId('undo').click();
  await waitForRun(page, 4);
  expect(await results(page)).toEqual(edited);
  expect((await state(page)).policies).toEqual(policies);
  await expect(page.getByTestId('preset')).toHaveValue('');
  await expect(toast).toHaveCount(0);

  // Again with the keyboard (focus outside any field).
  await page.getByTestId('preset').selectOption('host-vector-exhaustion');
  await waitForRun(page, 5);
  await blurAll(page);
  await page.keyboard.press('Control+z');
  await waitForRun(page, 6);
  expect(await results(page)).toEqual(edited);
  // In a text field Ctrl+Z is the field's own: the run stays.
  await openShareNote(page);
  await page.getByTestId('share-note').fill('x');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('share-note')).toHaveValue('');
  expect((await state(page)).runVersion).toBe(6);
  expect(await results(page)).toEqual(edited);
});

test("the editor's draft survives Escape (with its error) and a reload, and closing the tab asks first", async ({
  page,
}) => {
  await openApp(page);
  await openMenuItem(page, 'edit-json');
  const json = page.getByTestId('scenario-json');
  const good = await json.inputValue();
  const broken = good.replace('"tableSize": 8', '"tableSize": 0');
  await json.click();
  await json.fill(broken);
  await page.getByTestId('editor-run').click();
  await expect(page.getByTestId('editor-error')).toContainText('device.tableSize');
  await page.keyboard.press('Escape');
  await expect(json).toBeHidden();
  // Reopened: the draft and its error.
  await openMenuItem(page, 'edit-json');
  await expect(json).toHaveValue(broken);
  await expect(page.getByTestId('editor-error')).toContainText('device.tableSize');
  // Not even JSON now; closed with Cancel; reloaded (the reload asks, and is confirmed).
  const notJson = broken.slice(0, 40);
  await json.fill(notJson);
  await page.getByTestId('editor-close').click();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    // Closing the page may settle its beforeunload dialog first (Playwright then reports it handled).
    d.accept().catch(() => undefined);
  });
  await page.reload();
  await waitForRun(page);
  await openMenuItem(page, 'edit-json');
  await expect(json).toHaveValue(notJson);
  await expect(page.getByTestId('editor-error')).toContainText('not valid JSON');
  // Revert drops the draft: the editor shows the scenario on screen again, and nothing is pending.
  await page.getByTestId('editor-revert').click();
  await expect(json).toHaveValue(good);
  await expect(page.getByTestId('draft-note')).toHaveCount(0);
  // A new draft: closing the tab asks.
  await json.click();
  await page.keyboard.type(' ');
  await page.getByTestId('editor-close').click();
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs.includes('beforeunload')).toBe(true);
});

const BAD_SESSIONS: [string, string][] = [
  ['{"v":1,"link":', 'not valid JSON'],
  ['{"v":99,"link":"v9.x"}', 'saved by a newer msix-lab (session format v99'],
  ['{"v":1,"link":"v2.AAAAAAAA.garbage"}', 'the link is damaged'],
  ['[1,2]', 'it is not an object'],
];

test('a corrupt or future saved session is ignored with a one-line notice; the default loads', async ({ page }) => {
  // ?seed=i stores BAD_SESSIONS[i] before the app starts (so nothing saves over it first).
  await page.addInitScript(
    ([key, bad]) => {
      const i = new URLSearchParams(location.search).get('seed');
      if (i !== null) localStorage.setItem(key, bad[Number(i)]![0]);
    },
    [KEY, BAD_SESSIONS] as const,
  );
  for (const [i, [, says]] of BAD_SESSIONS.entries()) {
    await page.goto(`/?seed=${i}`);
    await waitForRun(page);
    const toast = page.getByTestId('session-toast');
    await expect(toast).toContainText('your saved session was not restored: ');
    await expect(toast).toContainText(says);
    await expect(page.getByTestId('preset')).toHaveValue('default');
  }
});

test('a full storage is said once; the page goes on', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await openApp(page);
  await page.getByTestId('preset').selectOption('vf-pf-mailbox');
  await waitForRun(page, 2);
  await expect(page.getByTestId('session-toast')).toContainText('storage is full');
});

test("the sender's note typed beside Share link travels with the link and is shown to whoever opens it", async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await applyEdit(page, bigger, 2);
  await openShareNote(page);
  await page.getByTestId('share-note').fill('vector 3 is lost <here>');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share')).toHaveText(/copied/);
  const url = await page.evaluate(() => navigator.clipboard.readText());
  const fresh = await browser.newContext({ serviceWorkers: 'block' });
  const other = await fresh.newPage();
  await other.goto(url);
  await waitForRun(other);
  await expect(other.getByTestId('notice')).toHaveText(
    'From a shared link — the sender notes: “vector 3 is lost <here>”',
  );
  // The scenario's own name, not "Scenario from a shared link".
  await expect(other.getByTestId('scenario-name')).toHaveText('my edit.');
  await fresh.close();
});
