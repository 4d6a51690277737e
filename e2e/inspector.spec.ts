import type { Locator, Page } from '@playwright/test';
import {
  blurAll,
  expect,
  expectPanesFollow,
  hasLostRedAround,
  openApp,
  overlayBox,
  rowCentre,
  SEED_POLICIES,
  state,
  test,
  xOf,
} from './helpers.ts';

// Requirement 3: selecting a lost interrupt opens the "why?" explanation and the same raise in every policy.

/** A C function from QEMU or Linux, as the explanations name them (msix_notify, vfio_msix_vector_do_use, assigned_dev_update_msix...). */
const C_FUNCTION = /\b(?:vfio|msix|msi|pci|assigned_dev|kvm|irq)_[a-z0-9_]+\b/;

async function expectLossExplained(page: Page, pane: number): Promise<void> {
  const why = page.getByTestId('why');
  await expect(why).toBeVisible();
  const policyTitle = await page.getByTestId(`pane-${pane}`).getByTestId('pane-title').innerText();
  await expect(why.locator('.title')).toContainText(policyTitle);
  await expect(why.locator('.title')).toContainText('LOST');
  await expect(why.locator('.title')).toHaveClass(/\blost\b/);
  const sentence = why.locator('p').first();
  await expect(sentence).toHaveText(/^Lost\b.+\.$/s);
  expect(await why.innerText(), 'the explanation names the QEMU/Linux function it follows').toMatch(C_FUNCTION);
  await expect(why.locator('.fn').first()).toHaveText(/^follows .*\b[a-z]+_[a-z0-9_]+/);
}

async function expectSameRaiseTable(page: Page, lostPane: number): Promise<Locator> {
  const table = page.getByTestId('same-raise');
  await expect(table).toBeVisible();
  const rows = table.locator('tr');
  await expect(rows).toHaveCount(SEED_POLICIES.length);
  await expect(rows.locator('td:first-child')).toHaveText(SEED_POLICIES);
  // Every policy saw this raise (same device traffic) and says what became of it.
  await expect(rows.locator('td:nth-child(2)')).toHaveText(
    SEED_POLICIES.map(() => /^v\d+ (delivered|lost|coalesced|pending|held|late)/),
  );
  await expect(rows.nth(lostPane).locator('td').nth(1)).toContainText('lost');
  await expect(rows.nth(lostPane).locator('td').nth(1)).toHaveClass(/\berr\b/);
  return table;
}

test('before anything is selected, the inspector invites a click and shows no explanation', async ({ page }) => {
  await openApp(page);
  const side = page.getByRole('complementary', { name: 'inspector' });
  await expect(side).toContainText('Click any mark on a timeline');
  await expect(page.getByTestId('why')).toHaveCount(0);
  await expect(page.getByTestId('same-raise')).toHaveCount(0);
});

test('the "next loss" button selects the first lost interrupt, moves the cursor there and explains it', async ({
  page,
}) => {
  await openApp(page);
  await page.getByTestId('next-loss').click();
  await expect.poll(async () => (await state(page)).selected).not.toBeNull();
  const s = await expectPanesFollow(page);
  expect(s.cursor).toBeGreaterThan(0);
  await expectLossExplained(page, s.selected!.pane);
  const table = await expectSameRaiseTable(page, s.selected!.pane);
  // The first loss of the default scenario: vector 0 raised at 5 µs, before any handler exists;
  // the data hack injects it through a route that still carries the 0x40EF placeholder (lost for the
  // driver, a spurious interrupt), single-vector and dynamic allocation hold it and deliver it late.
  await expect(table.locator('tr').nth(0)).toContainText('v0 lost');
  await expect(table.locator('tr').nth(3)).toContainText(/v0 delivered late/);
  // The selection is ringed in every pane (matched across panes by time and stream).
  await expect
    .poll(async () => (await state(page)).panes.map((p) => p.selectedRaise >= 0))
    .toEqual([true, true, true, true]);
});

test('key L walks forward through losses, Shift+L walks back, Escape clears the selection', async ({ page }) => {
  await openApp(page);
  await blurAll(page);
  await page.keyboard.press('l');
  const a = await expectPanesFollow(page);
  expect(a.selected).not.toBeNull();
  await expectLossExplained(page, a.selected!.pane);
  await page.keyboard.press('l');
  const b = await expectPanesFollow(page);
  // Losses are visited in (time, pane, raise) order: the next one may be in another pane at the same time.
  expect(b.cursor).toBeGreaterThanOrEqual(a.cursor);
  expect(b.selected).not.toEqual(a.selected);
  await expectLossExplained(page, b.selected!.pane);
  await expectSameRaiseTable(page, b.selected!.pane);
  await page.keyboard.press('Shift+L');
  const c = await expectPanesFollow(page, a.cursor);
  expect(c.selected).toEqual(a.selected);
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await state(page)).selected).toBeNull();
  await expect(page.getByTestId('why')).toHaveCount(0);
});

test('clicking the red cross of a known loss (data hack, vector 0 at 5 µs) explains it', async ({ page }) => {
  const s = await openApp(page);
  const box = await overlayBox(page, 0);
  const x = xOf(s, 5_000, box.width),
    y = rowCentre(s, 0);
  const base = page.getByTestId('pane-0').locator('.canvasBox canvas.base');
  expect(await hasLostRedAround(base, x, y, 1), 'a red cross is drawn where the loss happened').toBe(true);
  await page.mouse.click(box.x + x, box.y + y);
  await expect.poll(async () => (await state(page)).selected?.pane).toBe(0);
  await expectLossExplained(page, 0);
  await expect(page.getByTestId('why')).toContainText('vector 0');
  await expectSameRaiseTable(page, 0);
});

test('clicking red crosses found by sweeping the teardown/setup canvas explains each as a loss', async ({ page }) => {
  const s = await openApp(page);
  const pane = 2;
  const base = page.getByTestId(`pane-${pane}`).locator('.canvasBox canvas.base');
  // Sweep each vector row's centre line for a cross: red at the centre and on both diagonals,
  // not above or below the centre (which would be a vertical window edge).
  const crosses = await base.evaluate(
    (c, rows) => {
      const el = c as HTMLCanvasElement;
      const k = el.width / el.clientWidth;
      // The panes show bitmaps (render/surface.ts): read them through a 2D copy.
      const g = Object.assign(document.createElement('canvas'), { width: el.width, height: el.height }).getContext(
        '2d',
      )!;
      g.drawImage(el, 0, 0);
      const img = g.getImageData(0, 0, el.width, el.height);
      const hex = getComputedStyle(document.documentElement).getPropertyValue('--c-lost').trim();
      const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const red = (x: number, y: number): boolean => {
        const i = (Math.floor(y * k) * img.width + Math.floor(x * k)) * 4;
        const p = img.data;
        return (
          p[i + 3]! > 200 &&
          Math.abs(p[i]! - want[0]!) < 60 &&
          Math.abs(p[i + 1]! - want[1]!) < 60 &&
          Math.abs(p[i + 2]! - want[2]!) < 60
        );
      };
      const found: { x: number; y: number }[] = [];
      for (const cy of rows) {
        for (let x = 60; x < el.clientWidth - 4; x++) {
          if (
            red(x, cy) &&
            red(x - 3, cy - 3) &&
            red(x + 3, cy + 3) &&
            red(x + 3, cy - 3) &&
            red(x - 3, cy + 3) &&
            !red(x, cy - 4) &&
            !red(x, cy + 4)
          ) {
            found.push({ x: x + 1, y: cy }); // a cross centred on a pixel edge lights two columns
            x += 6;
          }
        }
      }
      return found;
    },
    [0, 1, 2, 3].map((v) => rowCentre(s, v, 2)),
  );
  expect(crosses.length, 'teardown/setup shows lost crosses').toBeGreaterThan(3);
  const box = await overlayBox(page, pane);
  for (const c of [crosses[0]!, crosses[Math.floor(crosses.length / 2)]!, crosses[crosses.length - 1]!]) {
    await page.mouse.click(box.x + c.x, box.y + c.y);
    await expect.poll(async () => (await state(page)).selected?.pane).toBe(pane);
    await expectLossExplained(page, pane);
    await expectSameRaiseTable(page, pane);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await state(page)).selected).toBeNull();
  }
});
