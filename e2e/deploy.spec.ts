import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, waitForRun, state } from './helpers';
import { serveDist } from './serve-dist';

// Hostable anywhere (issue 7): the build uses relative URLs only, so it runs under any sub-path,
// and a service worker keeps it running offline after the first visit.
test.use({ serviceWorkers: 'allow' });

test('the build has no absolute /assets URL (index.html and every chunk)', () => {
  const html = readFileSync(join('dist', 'index.html'), 'utf8');
  expect(html).not.toMatch(/(src|href)="\/(?!\/)/);
  expect(html).toMatch(/src="\.\/assets\/index-[^"]+\.js"/);
  for (const f of readdirSync(join('dist', 'assets')).filter((x) => x.endsWith('.js'))) {
    const js = readFileSync(join('dist', 'assets', f), 'utf8');
    expect(js, f).not.toMatch(/["'`]\/assets\//);
  }
});

test('the app runs under a sub-path: panes, Worker, lazy chunks, a preset', async ({ page }) => {
  const site = await serveDist('/some/deep/sub/');
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
  });
  try {
    await page.goto(site.root);
    await waitForRun(page);
    expect((await state(page)).policies.length).toBeGreaterThan(0);
    await page.getByTestId('preset').selectOption('vf-pf-mailbox');
    await waitForRun(page, 2);
    await expect(page.getByTestId('pane-0')).toBeVisible();
    expect(missing).toEqual([]);
    // The share link points at the sub-path page (no VITE_PUBLIC_URL in this build).
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share')).toHaveText(/copied/);
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url.startsWith(site.root + '#v2.')).toBe(true);
  } finally {
    await site.close();
  }
});

test('offline after the first visit: the service worker serves the app, which still runs a preset', async ({
  page,
  context,
}) => {
  const site = await serveDist('/class/');
  try {
    await page.goto(site.root);
    await waitForRun(page);
    // The worker precaches the build, then controls the page (clientsClaim).
    await page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.ready;
      return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
    });
  } finally {
    // No network at all from here: the server is gone and the browser is offline.
    await site.close();
  }
  await context.setOffline(true);
  await page.reload();
  await waitForRun(page);
  await page.getByTestId('preset').selectOption('host-vector-exhaustion');
  await waitForRun(page, 2);
  await expect(page.getByTestId('preset')).toHaveValue('host-vector-exhaustion');
  expect((await state(page)).raises.length).toBeGreaterThan(0);
  await context.setOffline(false);
});
