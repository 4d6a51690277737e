import { test, expect, waitForRun, state } from './helpers';
import { encodeLink } from '../src/core/share/index.ts';
import { findPreset } from '../src/core/presets/index.ts';
import { serveDist } from './serve-dist';

// ?embed=1 (issue 7): the timeline panes and the transport only, with a link back to the full
// page at the same scenario and view; it works inside an iframe on another site.

const link = encodeLink({
  scenario: findPreset('vf-pf-mailbox')!.scenario,
  policies: ['data-hack', 'dynamic-alloc'],
  view: { cursor: 0, domain: [0, 200_000] },
});

test('embed mode shows the panes and the transport only, and links back to the full page', async ({ page }) => {
  await page.goto(`/?embed=1#${link}`);
  await waitForRun(page);
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(page.getByTestId(/^pane-\d+$/)).toHaveCount(2);
  await expect(page.getByRole('toolbar', { name: 'playback' })).toBeVisible();
  // No header chrome, editor, metrics, table or inspector.
  await expect(page.locator('header.top')).toHaveCount(0);
  await expect(page.getByTestId('preset')).toHaveCount(0);
  await expect(page.getByTestId('share')).toHaveCount(0);
  await expect(page.getByTestId('toggle-table')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Side by side' })).toHaveCount(0);
  await expect(page.getByTestId('scenario-json')).toHaveCount(0);
  const back = page.getByTestId('open-full');
  await expect(back).toHaveText('open in msix-lab ↗');
  await expect(back).toHaveAttribute('target', '_blank');
  const href = (await back.getAttribute('href'))!;
  expect(href).not.toContain('embed');
  expect(href).toMatch(/#v2\./);
  // It opens the full page at the same run and moment.
  const before = await state(page);
  const [full] = await Promise.all([page.context().waitForEvent('page'), back.click()]);
  await waitForRun(full);
  const after = await state(full);
  expect(after.policies).toEqual(before.policies);
  expect(after.domain).toEqual(before.domain);
  await expect(full.locator('header.top')).toBeVisible();
  await expect(full.getByTestId('preset')).toHaveValue('vf-pf-mailbox');
});

test('embed works inside an iframe on another site: panes render and playback runs', async ({ page, baseURL }) => {
  const host = await serveDist('/nothing/', {
    '/course.html': `<!doctype html><html><head><title>A course page</title><link rel="icon" href="data:," /></head><body>
<h1>Lesson 3: lost interrupts</h1>
<iframe title="msix-lab" src="${baseURL}/?embed=1#${link}" width="960" height="560" style="border:1px solid #ccc"></iframe>
</body></html>`,
  });
  try {
    await page.goto(host.origin + '/course.html');
    await expect.poll(() => page.frames().some((x) => x.url().includes('embed=1'))).toBe(true);
    const f = page.frames().find((x) => x.url().includes('embed=1'))!;
    await f.waitForFunction(() => {
      const h = (window as unknown as { __msixlab?: { state(): { runVersion: number } } }).__msixlab;
      return (h?.state().runVersion ?? 0) >= 1;
    });
    const fl = page.frameLocator('iframe');
    await expect(fl.getByTestId(/^pane-\d+$/)).toHaveCount(2);
    await expect(fl.getByTestId('open-full')).toBeVisible();
    const cursor = () =>
      f.evaluate(() => (window as unknown as { __msixlab: { state(): { cursor: number } } }).__msixlab.state().cursor);
    const t0 = await cursor();
    await fl.getByRole('button', { name: 'play' }).click();
    await expect.poll(cursor).toBeGreaterThan(t0);
    await page.screenshot({ path: 'test-results/embed-iframe.png' });
  } finally {
    await host.close();
  }
});

for (const [w, h] of [
  [1280, 720],
  [390, 844],
] as const) {
  test(`embed mode at ${w}×${h}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(`/?embed=1#${link}`);
    await waitForRun(page);
    await expect(page.getByTestId(/^pane-\d+$/)).toHaveCount(2);
    // Nothing wider than the viewport.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
    await page.screenshot({ path: `test-results/embed-${w}x${h}.png` });
  });
}
