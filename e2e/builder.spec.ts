import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, openApp, state, test, xOf, openMenuItem } from './helpers.ts';

// Issue 7, "A scenario builder": a form for device, host and guest, and a step list; a step is added
// at the cursor (from the builder or from the timeline) and moved by editing its time; every change
// re-simulates in the Worker while the previous run stays on screen.

/** Sets a text input the way typing does (React's onChange) and, in the same task, reads what is on screen. */
async function typeAndLook(page: Page, testId: string, value: string) {
  return page.evaluate(
    ({ testId, value }) => {
      const el = document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)!;
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      set.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      const s = (
        window as unknown as { __msixlab: { state(): { runVersion: number; raises: number[] } } }
      ).__msixlab.state();
      return {
        runVersion: s.runVersion,
        raises: s.raises,
        panes: document.querySelectorAll('[data-testid^="pane-"] canvas.base').length,
        status: document.querySelector('[data-testid="builder-status"]')?.textContent ?? '',
      };
    },
    { testId, value },
  );
}

test('a step added from the timeline, its time edited: the run updates and the old one stayed on screen meanwhile', async ({
  page,
}) => {
  const s0 = await openApp(page);
  // The context action: right-click the first pane at 50 µs.
  const c = page.getByTestId('overlay-0');
  const box = (await c.boundingBox())!;
  await c.click({ button: 'right', position: { x: xOf(s0, 50_000, box.width), y: 60 } });
  await expect(page.getByTestId('step-menu')).toBeVisible();
  await page.getByTestId('step-menu-add').click();
  await expect(page.getByTestId('builder')).toBeVisible();
  // The new step is a single raise at the clicked time, and its time field has the focus.
  const at = page.locator('[data-testid^="builder-step-at-"]:focus');
  await expect(at).toHaveCount(1);
  const id = (await at.getAttribute('data-testid'))!;
  const t = Number(await at.inputValue());
  expect(Math.abs(t - 50_000)).toBeLessThan((s0.domain[1] - s0.domain[0]) / 100);
  // That edit re-simulates: one more raise in every pane.
  await expect.poll(async () => (await state(page)).runVersion).toBe(s0.runVersion + 1);
  const s1 = await state(page);
  expect(s1.raises).toEqual(s0.raises.map((n) => n + 1));
  await expect(page.getByTestId('builder-status')).toHaveText('up to date');

  // Edit its time: right after the edit the old run is still on screen and a new one is coming.
  const now = await typeAndLook(page, id, '123456');
  expect(now.runVersion).toBe(s1.runVersion);
  expect(now.raises).toEqual(s1.raises);
  expect(now.panes).toBe(s1.policies.length);
  expect(now.status).toMatch(/simulating/);
  await expect.poll(async () => (await state(page)).runVersion).toBe(s1.runVersion + 1);
  await expect(page.getByTestId('builder-status')).toHaveText('up to date');
  // The view survived the re-run, and the JSON view holds the same edit.
  expect((await state(page)).domain).toEqual(s1.domain);
  await page.getByTestId('builder-tab-json').click();
  await expect(page.getByTestId('builder-json')).toHaveValue(/"at": 123456,\s+"op": "raise"/);
});

test('"add step here" in the builder uses the cursor; an invalid field is named and nothing runs; JSON and form share edits', async ({
  page,
}) => {
  await openApp(page);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('l'); // the cursor goes to the first loss
  const s0 = await state(page);
  await openMenuItem(page, 'open-builder');
  await page.getByTestId('builder-add-step').click();
  const at = page.locator('[data-testid^="builder-step-at-"]:focus');
  await expect(at).toHaveValue(String(Math.round(s0.cursor)));
  await expect.poll(async () => (await state(page)).runVersion).toBe(s0.runVersion + 1);

  const v = (await state(page)).runVersion;
  await page.locator('[data-field="device.tableSize"]').fill('0');
  await expect(page.getByTestId('builder-error')).toHaveText('device.tableSize must be between 1 and 2048');
  await expect(page.locator('[data-field="device.tableSize"]')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('builder-tab-json').click();
  const json = page.getByTestId('builder-json');
  await expect(json).toHaveValue(/"tableSize": 0/);
  await json.fill((await json.inputValue()).replace('"tableSize": 0', '"tableSize": 8'));
  await page.getByTestId('builder-tab-form').click();
  await expect(page.locator('[data-field="device.tableSize"]')).toHaveValue('8');
  await expect(page.getByTestId('builder-error')).toHaveCount(0);
  await expect.poll(async () => (await state(page)).runVersion).toBe(v + 1);
  // The op select re-types a step, keeping its time and vector.
  const last = (await page.locator('[data-testid^="builder-step-op-"]').count()) - 1;
  await page.getByTestId(`builder-step-op-${last}`).selectOption('burst');
  await expect(page.getByTestId(`builder-step-${last}`)).toContainText('count');
});

const SHOT_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'screenshots',
);
for (const vp of [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
])
  test(`screenshot: the builder at ${vp.width}x${vp.height}`, async ({ page }) => {
    mkdirSync(SHOT_DIR, { recursive: true });
    await page.setViewportSize(vp);
    await openApp(page);
    const overBefore = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    await openMenuItem(page, 'open-builder');
    await expect(page.getByTestId('builder')).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOT_DIR, `builder-${vp.width}.png`) });
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    // The builder adds no horizontal page scroll (the narrow layout itself is issue 9's responsive part).
    expect(over).toBeLessThanOrEqual(Math.max(0, overBefore));
  });

test('no axe violations with the builder open (form and JSON views)', async ({ page }) => {
  await openApp(page);
  await openMenuItem(page, 'open-builder');
  await expect(page.getByTestId('builder')).toBeVisible();
  for (const tab of ['form', 'json'] as const) {
    await page.getByTestId(`builder-tab-${tab}`).click();
    const r = await new AxeBuilder({ page }).include('[data-testid="builder"]').analyze();
    expect(r.violations.map((v) => `${tab} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});
