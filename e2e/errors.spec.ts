import type { Page } from '@playwright/test';
import { encodeShare } from '../src/app/share/link.ts';
import { defaultPreset } from '../src/core/presets/default.ts';
import { blurAll, expect, openApp, SEED_POLICIES, state, test, waitForRun, openMenuItem } from './helpers.ts';

// Requirement 8: bad input says exactly what is wrong and keeps the user's work on screen.

async function expectDefaultLoaded(page: Page): Promise<void> {
  const s = await state(page);
  expect(s.policies).toEqual(SEED_POLICIES);
  await expect(page.getByTestId('preset')).toHaveValue('default');
  await expect(page.getByTestId(/^pane-\d+$/)).toHaveCount(4);
  for (const [i, id] of SEED_POLICIES.entries())
    await expect(page.getByTestId(`pane-${i}`)).toHaveAttribute('data-policy', id);
  await expect(page.getByTestId('metrics')).toBeVisible();
}

const BROKEN_LINKS: [string, RegExp][] = [
  ['#v1.garbage', /the link is damaged: its data does not decompress/],
  ['#hello', /this is not an msix-lab scenario link \(it should start with #v2\.\)/],
  ['#v9.abc', /this link uses format v9, made by a newer msix-lab; this version reads formats v1 to v2/],
  ['#v1.a*b', /the link is damaged: it contains characters that base64url does not use/],
];

for (const [hash, message] of BROKEN_LINKS) {
  test(`a broken share link (${hash}) shows a specific error and the default scenario still loads`, async ({
    page,
  }) => {
    await openApp(page, hash);
    const banner = page.getByTestId('error-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toHaveAttribute('role', 'alert');
    await expect(banner).toContainText('Could not load that');
    await expect(banner).toContainText(message);
    await expectDefaultLoaded(page);
    // The banner can be dismissed.
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);
  });
}

test('a well-formed link whose scenario is invalid names the field, and the default loads', async ({ page }) => {
  const bad = { ...defaultPreset.scenario, device: { tableSize: 0 } };
  await openApp(page, '#' + encodeShare({ scenario: bad, policies: ['data-hack'] }));
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText(
    "the shared link's scenario was rejected: device.tableSize: must be between 1 and 2048",
  );
  await expectDefaultLoaded(page);
});

test('a valid share link round-trips: reloading it shows the same comparison', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'remove single-vector' }).click();
  await waitForRun(page, 2);
  expect((await state(page)).policies).toEqual(['data-hack', 'teardown-setup', 'dynamic-alloc']);
  const url = page.url();
  expect(url).toMatch(/#v2\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+$/);
  await page.goto('about:blank');
  await openApp(page, url.slice(url.indexOf('#')));
  expect((await state(page)).policies).toEqual(['data-hack', 'teardown-setup', 'dynamic-alloc']);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  // The link remembers that the scenario is the default preset, so its story is shown too.
  await expect(page.getByTestId('preset')).toHaveValue('default');
  await expect(page.getByText('First contact: four vectors, one late.')).toBeVisible();
});

/** Snapshot of what is on screen, to check a failed edit left it alone. */
async function onScreen(page: Page) {
  const s = await state(page);
  return {
    runVersion: s.runVersion,
    policies: s.policies,
    raises: s.raises,
    extent: s.extent,
    panes: await page.getByTestId(/^pane-\d+$/).evaluateAll((els) => els.map((e) => e.getAttribute('data-policy'))),
    badges: await page.getByTestId('lost-badge').allInnerTexts(),
    preset: await page.getByTestId('preset').inputValue(),
  };
}

const BAD_EDITS: [string, (json: string) => string, RegExp[]][] = [
  ['invalid JSON', (j) => j.replace(/}\s*$/, ''), [/malformed JSON/]],
  [
    'a table size out of range',
    (j) => j.replace('"tableSize": 8', '"tableSize": 4096'),
    [/device\.tableSize/, /between 1 and 2048/],
  ],
  [
    'a step on a vector beyond the table',
    (j) => j.replace('"vector": 0', '"vector": 9'),
    [/steps\[1\]\.vector/, /vector 9 is outside the table \(device\.tableSize is 8/],
  ],
];

for (const [what, edit, messages] of BAD_EDITS) {
  test(`the scenario editor rejects ${what}, names the problem, and keeps both the run and the text`, async ({
    page,
  }) => {
    await openApp(page);
    const before = await onScreen(page);
    await blurAll(page);
    await page.keyboard.press('e');
    const json = page.getByTestId('scenario-json');
    await expect(json).toBeVisible();
    const broken = edit(await json.inputValue());
    expect(broken).not.toBe(await json.inputValue());
    await json.fill(broken);
    await page.getByTestId('editor-run').click();
    const err = page.getByTestId('editor-error');
    await expect(err).toBeVisible();
    for (const m of messages) await expect(err).toContainText(m);
    // The dialog stays open with the user's text, and the previous run is still on screen.
    await expect(json).toBeVisible();
    await expect(json).toHaveValue(broken);
    expect(await onScreen(page)).toEqual(before);
    await expect(page.getByTestId('error-banner')).toHaveCount(0);
    // Cancel: still the same run.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(json).toBeHidden();
    expect(await onScreen(page)).toEqual(before);
  });
}

test('after an error, fixing the text and running again replaces the run', async ({ page }) => {
  await openApp(page);
  await openMenuItem(page, 'edit-json');
  const json = page.getByTestId('scenario-json');
  const good = await json.inputValue();
  await json.fill(good.replace('"tableSize": 8', '"tableSize": 0'));
  await page.getByTestId('editor-run').click();
  await expect(page.getByTestId('editor-error')).toContainText('device.tableSize');
  expect((await state(page)).runVersion).toBe(1);
  await json.fill(good.replace('"tableSize": 8', '"tableSize": 16'));
  await page.getByTestId('editor-run').click();
  await waitForRun(page, 2);
  await expect(json).toBeHidden();
  expect((await state(page)).policies).toEqual(SEED_POLICIES);
  await expect(page.getByTestId('preset')).toHaveValue('');
  await expect(page.getByText('custom scenario', { exact: true })).toBeVisible();
});
