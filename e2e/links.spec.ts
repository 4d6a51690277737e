import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { encodeLink } from '../src/core/share/index.ts';
import { toBase64url } from '../src/core/share/base64url.ts';
import { linkChecksum } from '../src/core/share/checksum.ts';
import { deflateBomb } from '../src/core/testing/deflate-bomb.ts';
import { deflateSync, strToU8 } from 'fflate';
import { defaultPreset } from '../src/core/presets/default.ts';
import { findPreset } from '../src/core/presets/index.ts';
import { expect, nextFrames, openApp, SEED_POLICIES, state, test, waitForRun, openMenuItem } from './helpers.ts';

// Issue 7: one link codec for the page and the CLI. A link reopens the same run and the same
// event in a fresh browser, survives a reload, and a bad or hostile one never replaces itself
// in the address bar with the default's link.

const BIN = join(import.meta.dirname, '../bin/msix-lab.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

interface PaneResult {
  policy: string;
  hash: string;
  metrics: unknown;
}
const results = (page: Page): Promise<PaneResult[]> =>
  page.evaluate(() => (window as unknown as { __msixlab: { results(): PaneResult[] } }).__msixlab.results());
const hashOf = async (page: Page): Promise<string> => new URL(page.url()).hash;

const forged = (json: string): string => {
  const p = toBase64url(deflateSync(strToU8(json)));
  return `#v2.${linkChecksum('v2.' + p)}.${p}`;
};

test('copy link → a fresh browser context opens the same run at the same moment with the same event selected', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.getByTestId('preset').selectOption('host-vector-exhaustion');
  await waitForRun(page, 2);
  await page.keyboard.press('l');
  await page.keyboard.press('w');
  const before = await state(page);
  expect(before.selected).not.toBeNull();
  const want = await results(page);
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share')).toHaveText(/copied/);
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toBe(page.url());
  // An unedited preset: the link names it and stays short.
  expect(url.length).toBeLessThanOrEqual(500);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await waitForRun(other);
  const after = await state(other);
  expect(after.policies).toEqual(before.policies);
  expect(await results(other)).toEqual(want);
  expect(after.cursor).toBe(before.cursor);
  expect(after.domain).toEqual(before.domain);
  expect(after.selected).toEqual(before.selected);
  await expect(other.getByTestId('preset')).toHaveValue('host-vector-exhaustion');
  await fresh.close();
});

test('a link to a moment survives a reload (the URL keeps its view)', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('l');
  await page.keyboard.press('w');
  const before = await state(page);
  await page.getByTestId('share').click();
  const link = await hashOf(page);
  await page.goto('about:blank');
  await openApp(page, link);
  await nextFrames(page, 4); // after any deferred URL write (there must be none)
  expect(await hashOf(page)).toBe(link);
  await page.reload();
  await waitForRun(page);
  expect(await hashOf(page)).toBe(link);
  const after = await state(page);
  expect([after.cursor, after.domain, after.selected]).toEqual([before.cursor, before.domain, before.selected]);
});

const HOSTILE: [string, string, RegExp][] = [
  ['garbage', '#v2.garbage', /checksum is missing/],
  [
    'a corrupted character',
    '#' +
      encodeLink({ scenario: { ...defaultPreset.scenario, seed: 3 }, policies: ['data-hack'] }).replace(
        /\.(.)/,
        (_m, c: string) => '.' + (c === 'A' ? 'B' : 'A'),
      ),
    /checksum mismatch/,
  ],
  ['an unknown future version', '#v9.abc', /format v9, made by a newer msix-lab/],
  [
    'deep nesting',
    forged('{"s":{"x":' + '['.repeat(50_000) + ']'.repeat(50_000) + '},"p":["data-hack"]}'),
    /nests deeper than 32 levels/,
  ],
  [
    'duplicate policies',
    forged('{"id":"default","p":["data-hack","data-hack"]}'),
    /lists the policy "data-hack" twice/,
  ],
  [
    'a 100 MB deflate bomb',
    (() => {
      const p = toBase64url(deflateBomb(100 * 1024 * 1024));
      return `#v2.${linkChecksum('v2.' + p)}.${p}`;
    })(),
    /grows beyond 4 MB when decompressed/,
  ],
];

for (const [what, hash, message] of HOSTILE) {
  test(`a bad or hostile link (${what}) is refused with a message and stays in the address bar`, async ({ page }) => {
    await openApp(page, hash);
    await expect(page.getByTestId('error-banner')).toContainText(message);
    expect((await state(page)).policies).toEqual(SEED_POLICIES);
    await nextFrames(page, 4);
    expect(await hashOf(page)).toBe(hash);
  });
}

test("a link whose scenario is invalid keeps the URL, and Edit JSON holds the link's scenario", async ({ page }) => {
  const hash =
    '#' +
    encodeLink({
      scenario: { ...defaultPreset.scenario, name: 'broken', device: { tableSize: 0 } },
      policies: ['data-hack'],
    });
  await openApp(page, hash);
  await expect(page.getByTestId('error-banner')).toContainText('device.tableSize: must be between 1 and 2048');
  await expect(page.getByTestId('error-banner')).toContainText("Edit JSON holds the link's scenario");
  expect(await hashOf(page)).toBe(hash);
  await openMenuItem(page, 'edit-json');
  const text = await page.getByTestId('scenario-json').inputValue();
  expect(JSON.parse(text)).toMatchObject({ name: 'broken', device: { tableSize: 0 } });
});

test('CLI parity: msix-lab run <link> --format json gives the metrics and hashes the page shows for that link', async ({
  page,
}) => {
  const made = cli(
    'link',
    'vf-pf-mailbox',
    '--policy',
    'data-hack;single-vector:enable=vector0-fd-1;dynamic-alloc',
    '--note',
    'the reply is lost',
  );
  expect(made.status, made.stderr).toBe(0);
  const url = made.stdout.trim();
  const ran = cli('run', url, '--format', 'json');
  expect(ran.status, ran.stderr).toBe(0);
  const fromCli = (JSON.parse(ran.stdout) as { results: PaneResult[] }).results;
  await openApp(page, url.slice(url.indexOf('#')));
  expect(await results(page)).toEqual(fromCli);
  await expect(page.getByTestId('preset')).toHaveValue('vf-pf-mailbox');
  await expect(page.getByTestId('notice')).toContainText('the sender notes: “the reply is lost”');
  // And the page's own link runs the same in the CLI.
  const pageLink = page.url();
  const again = cli('run', pageLink, '--format', 'json');
  expect((JSON.parse(again.stdout) as { results: PaneResult[] }).results).toEqual(fromCli);
});

/** A valid scenario whose link is about `steps` × 6 characters long (irregular times compress badly). */
function bulky(steps: number): object {
  let x = 12_345;
  const raises = Array.from({ length: steps }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return { at: 1_000 + (x % 900_000), op: 'raise', vector: x % 4 };
  }).sort((a, b) => a.at - b.at);
  return {
    version: 1,
    name: 'bulky',
    seed: 1,
    device: { tableSize: 4 },
    steps: [{ at: 0, op: 'linux-alloc-vectors', nvec: 4 }, ...raises],
  };
}

test('a long link gets a warning after Share; a very long one offers the scenario as a file', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, '#' + encodeLink({ scenario: bulky(600), policies: ['data-hack'] }));
  await page.getByTestId('share').click();
  const advice = page.getByTestId('share-advice');
  await expect(advice).toContainText(/this link is \d+ characters long; some mail clients wrap or cut links over 2000/);
  await expect(advice.getByRole('button', { name: 'Download scenario.json' })).toHaveCount(0);

  await page.goto('about:blank'); // a new fragment alone would not reload the page
  await openApp(page, '#' + encodeLink({ scenario: bulky(3_000), policies: ['data-hack'] }));
  await page.getByTestId('share').click();
  await expect(advice).toContainText(/share the scenario as a JSON file instead/);
  const download = page.waitForEvent('download');
  await advice.getByRole('button', { name: 'Download scenario.json' }).click();
  expect((await download).suggestedFilename()).toBe('scenario.json');
  await page.screenshot({ path: 'test-results/link-advice.png' });
});

test("the sender's note is shown with a preset link", async ({ page }) => {
  await openApp(
    page,
    '#' +
      encodeLink({
        scenario: defaultPreset.scenario,
        policies: ['data-hack', 'dynamic-alloc'],
        preset: 'default',
        note: 'vector 2 is lost under the data hack',
      }),
  );
  await expect(page.getByTestId('notice')).toHaveText(
    'From a shared link — the sender notes: “vector 2 is lost under the data hack”. ',
  );
  await expect(page.getByText('First contact: four vectors, one late.')).toBeVisible();
  await page.screenshot({ path: 'test-results/link-note.png' });
});

test('a link pasted into an open tab opens; a broken one leaves the run on screen and says why', async ({ page }) => {
  await openApp(page);
  const before = await state(page);
  const link = encodeLink({
    scenario: findPreset('vf-pf-mailbox')!.scenario,
    policies: ['data-hack', 'dynamic-alloc'],
  });
  await page.evaluate((h) => (location.hash = h), '#' + link);
  await waitForRun(page, before.runVersion + 1);
  await expect.poll(async () => (await state(page)).policies).toEqual(['data-hack', 'dynamic-alloc']);
  const opened = await state(page);
  await page.evaluate(() => (location.hash = '#v2.broken.link'));
  await expect(page.getByTestId('error-banner')).toBeVisible();
  await nextFrames(page, 5);
  const after = await state(page);
  expect(after.policies).toEqual(['data-hack', 'dynamic-alloc']);
  expect(after.runVersion).toBe(opened.runVersion);
});
