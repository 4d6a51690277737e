import { POLICIES } from '../src/core/policies/index.ts';
import { expect, nextFrames, openApp, SEED_POLICIES, test } from './helpers.ts';

// Requirement 1: the default scenario (no URL fragment) shows the four seed policies side by side.

test('the default scenario renders one pane per seed policy, in order, with its title and summary', async ({
  page,
}) => {
  const s = await openApp(page);
  expect(s.policies).toEqual(SEED_POLICIES);
  await expect(page.getByTestId('preset')).toHaveValue('default');
  await expect(page.getByTestId(/^pane-\d+$/)).toHaveCount(4);
  await expect(page.getByTestId('pane-0').getByTestId('pane-title')).toHaveText('Data hack (pci-assign)');
  for (const [i, id] of SEED_POLICIES.entries()) {
    const def = POLICIES.find((p) => p.id === id)!;
    const pane = page.getByTestId(`pane-${i}`);
    await expect(pane).toHaveAttribute('data-policy', id);
    await expect(pane.getByTestId('pane-title')).toHaveText(def.title);
    await expect(pane.locator('header.paneHead')).toContainText(def.summary);
    // The pane is a labelled region named by its heading.
    await expect(page.getByRole('region', { name: def.title })).toHaveCount(1);
  }
});

test('lost badges: data-hack and teardown-setup lose interrupts, dynamic-alloc loses nothing', async ({ page }) => {
  await openApp(page);
  const badge = (i: number) => page.getByTestId(`pane-${i}`).getByTestId('lost-badge');
  await expect(badge(0)).toHaveText(/^[1-9]\d* lost$/);
  await expect(badge(0)).toHaveClass(/\bbad\b/);
  await expect(badge(2)).toHaveText(/^[1-9]\d* lost$/);
  await expect(badge(2)).toHaveClass(/\bbad\b/);
  await expect(badge(3)).toHaveText('nothing lost');
  await expect(badge(3)).toHaveClass(/\bgood\b/);
});

test('the metrics table has a column per policy and agrees with the badges', async ({ page }) => {
  await openApp(page);
  const table = page.getByTestId('metrics');
  await expect(table).toBeVisible();
  await expect(table.locator('thead th')).toHaveText(['metric', ...SEED_POLICIES]);
  const lostRow = table.locator('tbody tr').filter({ has: page.locator('th', { hasText: /^lost$/ }) });
  await expect(lostRow).toHaveCount(1);
  const lost = (await lostRow.locator('td').allInnerTexts()).map((t) => Number(t.trim()));
  expect(lost).toHaveLength(4);
  for (const [i, n] of lost.entries()) {
    await expect(page.getByTestId(`pane-${i}`).getByTestId('lost-badge')).toHaveText(n ? `${n} lost` : 'nothing lost');
  }
  // Raised is the same device traffic in every policy.
  const raisedRow = table.locator('tbody tr').filter({ has: page.locator('th', { hasText: /^raised$/ }) });
  const raised = await raisedRow.locator('td').allInnerTexts();
  expect(new Set(raised).size).toBe(1);
  expect(Number(raised[0])).toBeGreaterThan(100);
});

test('every pane canvas actually draws its timeline (vector rows are not blank)', async ({ page }) => {
  const s = await openApp(page);
  for (let i = 0; i < s.policies.length; i++) {
    // A pane out of view skips its base layer until it is seen (PaneView's IntersectionObserver):
    // bring each into view, as a user scrolling to it would, and wait for the redraw.
    await page.getByTestId(`pane-${i}`).scrollIntoViewIfNeeded();
    await nextFrames(page, 3);
    const base = page.getByTestId(`pane-${i}`).locator('.canvasBox canvas.base');
    const painted = await base.evaluate((c, top) => {
      const el = c as HTMLCanvasElement;
      const k = el.width / el.clientWidth;
      // The panes show bitmaps (render/surface.ts): read them through a 2D copy.
      const g = Object.assign(document.createElement('canvas'), { width: el.width, height: el.height }).getContext(
        '2d',
      )!;
      g.drawImage(el, 0, 0);
      const d = g.getImageData(0, Math.floor(top * k), el.width, Math.floor(7 * k)).data;
      let n = 0;
      for (let j = 3; j < d.length; j += 4) if (d[j]! > 0) n++;
      return n / (d.length / 4);
    }, s.panes[i]!.vectorsTop);
    // Vector 0's row is raised every 3 µs: a good share of it carries ink.
    expect(painted, `pane ${i} vector 0 row`).toBeGreaterThan(0.05);
  }
});
