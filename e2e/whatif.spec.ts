import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, openApp, state, test, xOf } from './helpers.ts';

// Issue 9, "What if" and "Forward explanations": a guest operation is selected on a timeline; the
// inspector says what it caused in each policy; an edit forks the scenario, the panes
// re-simulate, changed raises are ringed and the metrics show deltas; the fork's link reproduces it.

const MQ_REQUEST_IRQ_9 = 300_000; // multiqueue-hotplug: the first hotplug's request_irq(9)

async function openPreset(page: Page, id: string): Promise<void> {
  await openApp(page);
  const v = (await state(page)).runVersion;
  await page.getByTestId('preset').selectOption(id);
  await expect.poll(async () => (await state(page)).runVersion).toBe(v + 1);
}

/**
 * Clicks the guest-operation lane (the pane's top 18 px) of pane `pane` at time t. The click is
 * dispatched to the pane's canvas: on a narrow screen the sticky time axis may cover the lane.
 */
async function clickGuestOp(page: Page, pane: number, t: number): Promise<void> {
  const c = page.getByTestId(`overlay-${pane}`);
  await c.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = (await c.boundingBox())!;
  const x = xOf(await state(page), t, box.width);
  await c.dispatchEvent('click', { clientX: box.x + x, clientY: box.y + 9 });
  await expect.poll(async () => (await state(page)).selected?.pane).toBe(pane);
}

test('forward explanations differ between teardown-setup and dynamic-alloc, computed from each log', async ({
  page,
}) => {
  await openPreset(page, 'multiqueue-hotplug');
  await clickGuestOp(page, 0, MQ_REQUEST_IRQ_9);
  const fw = page.getByTestId('forward');
  await expect(fw.locator('li[data-policy="teardown-setup"]')).toContainText(
    /This unmask of v9 \(request_irq\(9\)\) opened a 28 µs resize window .* in which \d+ raises were lost/,
  );
  await expect(fw.locator('li[data-policy="dynamic-alloc"]')).toContainText(
    'pci_msix_alloc_irq_at allocated exactly this vector: one ioctl (VFIO_DEVICE_SET_IRQS), no window',
  );
  await expect(page.getByTestId('whatif')).toContainText('steps[18] linux-request-irq at 300 µs');
});

test('a step moved: rings and deltas appear, back to original clears them, and the link reproduces the fork', async ({
  page,
  browser,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPreset(page, 'multiqueue-hotplug');
  const before = await state(page);
  await clickGuestOp(page, 2, MQ_REQUEST_IRQ_9);
  await page.getByTestId('whatif-by').fill('-150');
  await page.getByTestId('whatif-move').click();
  await expect.poll(async () => (await state(page)).runVersion).toBe(before.runVersion + 1);
  const bar = page.getByTestId('whatif-bar');
  await expect(bar).toContainText('linux-request-irq(9) moved 150 µs earlier (300 µs → 150 µs)');
  // teardown-setup: the window moved to before the queues' traffic starts, so raises changed.
  const tsLine = page.getByTestId('whatif-diff').locator('li[data-policy="teardown-setup"]');
  await expect(tsLine).toContainText(/\d+ raises? changed \(ringed\)/);
  await expect(tsLine).toContainText(/−\d+ lost/);
  await expect(page.getByTestId('whatif-diff').locator('li[data-policy="dynamic-alloc"]')).toContainText(
    'no raise changed',
  );
  await expect(page.getByTestId('metric-delta').first()).toBeVisible();
  await expect
    .poll(async () => Number(await page.getByTestId('diff-rings-2').getAttribute('data-rings')))
    .toBeGreaterThan(0);
  await expect(page.getByTestId('diff-rings-3')).toHaveAttribute('data-rings', '0');
  const summary = await bar.textContent();
  const ringsTs = await page.getByTestId('diff-rings-2').getAttribute('data-rings');

  await page.getByTestId('whatif-copy').click();
  await expect(page.getByTestId('whatif-copied')).toHaveText('link copied');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toMatch(/#v2\./);
  expect(url.length).toBeLessThan(2_000);

  // A fresh browser context: the base preset runs first, then the fork, and the diff is the same.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect.poll(async () => (await state(other)).runVersion, { timeout: 30_000 }).toBe(2);
  await expect(other.getByTestId('whatif-bar')).toContainText('move of linux-request-irq(9) (steps[18])');
  await expect(other.getByTestId('whatif-diff')).toHaveText(
    (await page.getByTestId('whatif-diff').textContent()) ?? '',
  );
  await expect(other.getByTestId('diff-rings-2')).toHaveAttribute('data-rings', ringsTs ?? '');
  expect(summary).toContain('What if');
  await fresh.close();

  await page.getByTestId('whatif-back').click();
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId('metric-delta')).toHaveCount(0);
  await expect(page.getByTestId('preset')).toHaveValue('multiqueue-hotplug');
});

test('a guest switch with no mapping says why; one with a mapping forks', async ({ page }) => {
  await openPreset(page, 'affinity-change');
  await clickGuestOp(page, 0, 0);
  await page.getByTestId('whatif-guest-freebsd').click();
  await expect(page.getByTestId('whatif-error')).toContainText('no freebsd mapping');
  const v = (await state(page)).runVersion;
  await page.getByTestId('whatif-guest-raw').click();
  await expect.poll(async () => (await state(page)).runVersion).toBe(v + 1);
  await expect(page.getByTestId('whatif-bar')).toContainText('guest switched from linux to raw register writes');
});

test('the rows of "this raise in every policy" jump to that pane\'s mark, by mouse and by keyboard', async ({
  page,
}) => {
  await openPreset(page, 'multiqueue-hotplug');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('l'); // the first loss
  const s0 = await state(page);
  expect(s0.selected).not.toBeNull();
  const rows = page.getByTestId('same-raise');
  await rows.getByTestId('same-raise-jump-3').click();
  await expect.poll(async () => (await state(page)).selected?.pane).toBe(3);
  await expect(page.getByTestId('pane-3')).toBeInViewport();
  const s1 = await state(page);
  expect(s1.cursor).toBeGreaterThanOrEqual(s1.domain[0]);
  expect(s1.cursor).toBeLessThanOrEqual(s1.domain[1]);
  expect(s1.panes[3]!.selectedRaise).toBeGreaterThanOrEqual(0);
  await rows.getByTestId('same-raise-jump-1').focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await state(page)).selected?.pane).toBe(1);
});

// Screenshots for review (screenshots/, git-ignored; UPDATE_SCREENSHOTS=1 writes docs/screenshots/).
const SHOT_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'screenshots',
);
for (const vp of [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
])
  test(`screenshot: the inspector's what-if section after a fork at ${vp.width}x${vp.height}`, async ({ page }) => {
    mkdirSync(SHOT_DIR, { recursive: true });
    await page.setViewportSize(vp);
    await openPreset(page, 'multiqueue-hotplug');
    const overBefore = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    await clickGuestOp(page, 2, MQ_REQUEST_IRQ_9);
    const panel = page.getByTestId('whatif');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOT_DIR, `whatif-inspector-${vp.width}.png`) });
    await page.getByTestId('whatif-move-5000').click();
    await expect(page.getByTestId('whatif-diff')).toBeVisible();
    await page.getByTestId('whatif-bar').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOT_DIR, `whatif-fork-${vp.width}.png`) });
    // The new panels add no horizontal page scroll (the narrow layout itself is issue 9's responsive part).
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(over).toBeLessThanOrEqual(Math.max(0, overBefore));
  });

test('no axe violations with a guest op selected (forward + what-if) and a fork on screen', async ({ page }) => {
  await openPreset(page, 'multiqueue-hotplug');
  await clickGuestOp(page, 2, MQ_REQUEST_IRQ_9);
  await page.getByTestId('whatif-move-5000').click();
  await expect(page.getByTestId('whatif-diff')).toBeVisible();
  await expect(page.getByTestId('whatif')).toBeVisible(); // the edited op stays selected
  const r = await new AxeBuilder({ page }).analyze();
  expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
