import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, openMenuItem, setTheme, state, test, waitForRun } from './helpers.ts';

// Issue 7, "Import from real devices": paste or drop → summary → Run comparison (two steps).

const FIX = join(import.meta.dirname, '../src/core/import/__fixtures__');
/** A fixture's body: the text after its "# ---" header (the header cites its source). */
const fixture = (name: string): string => {
  const t = readFileSync(join(FIX, name), 'utf8');
  return t.slice(t.indexOf('\n# ---\n') + '\n# ---\n'.length);
};

async function openImport(page: Page): Promise<void> {
  await openMenuItem(page, 'open-import');
  await expect(page.getByTestId('import-dialog')).toBeVisible();
}

test('a real lspci dump: paste, see the MSI-X block and the warning, run: the panes show the device', async ({
  page,
}) => {
  const before = await openApp(page);
  await openImport(page);
  // acrn-hypervisor#4994: a Samsung NVMe whose PBA comes before its table.
  await page.getByTestId('import-text').fill(fixture('lspci-samsung-nvme-acrn-4994.txt'));
  const summary = page.getByTestId('import-summary');
  await expect(summary.getByTestId('import-msix')).toContainText('33 entries');
  await expect(summary.getByTestId('import-msix')).toContainText('BAR0 + 0x3000');
  await expect(summary.getByTestId('import-msix')).toContainText('BAR0 + 0x2000');
  await expect(summary.locator('[data-code="pba-before-table"]')).toContainText('the PBA comes before the table');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  const s = await waitForRun(page, before.runVersion + 1);
  expect(s.policies).toEqual(before.policies);
  await expect(page.getByTestId('notice')).toContainText('Imported from lspci');
  await expect(page.getByTestId('notice')).toContainText('Count=33');
  await expect(page.getByTestId(/^pane-\d+$/)).toHaveCount(before.policies.length);
  await expect(page.getByTestId('preset')).toHaveValue('');
});

test('a scenario JSON file dropped anywhere on the page opens the dialog with it; Run loads it', async ({ page }) => {
  const before = await openApp(page);
  const scenario = {
    version: 1,
    name: 'dropped: two vectors',
    device: { tableSize: 4 },
    steps: [
      { at: 0, op: 'linux-alloc-vectors', nvec: 2 },
      { at: 1000, op: 'linux-request-irq', vector: 0 },
      { at: 5000, op: 'linux-request-irq', vector: 1 },
      { at: 2000, op: 'raise', vector: 0, every: 1000, until: 20000 },
    ],
  };
  const dt = await page.evaluateHandle((json) => {
    const d = new DataTransfer();
    d.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
    return d;
  }, JSON.stringify(scenario));
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await expect(page.getByTestId('import-kind')).toHaveText('Scenario JSON');
  await expect(page.getByTestId('import-summary')).toContainText('dropped: two vectors');
  await page.getByTestId('import-run').click();
  await waitForRun(page, before.runVersion + 1);
  await expect(page.getByTestId('notice')).toContainText('Scenario from dropped.json: dropped: two vectors');
});

test('a QEMU trace: per-vector counts and unused lines, then the replay runs', async ({ page }) => {
  const before = await openApp(page);
  await openImport(page);
  await page.getByTestId('import-text').fill(fixture('trace-old-qemu-handwritten.log'));
  const vectors = page.getByTestId('import-vectors');
  await expect(vectors.locator('tbody tr')).toHaveCount(4);
  await expect(vectors.locator('tbody tr').nth(2)).toHaveText(['2', '2', '1', '1'].join(''));
  const unknown = page.getByTestId('import-unknown');
  await expect(unknown).toContainText('2 lines not used');
  await unknown.locator('summary').click();
  await expect(unknown).toContainText('line 12:');
  await page.getByTestId('import-run').click();
  await waitForRun(page, before.runVersion + 1);
  await expect(page.getByTestId('notice')).toContainText(
    'Replayed from a QEMU trace: 0000:03:00.0, 4 vectors, 5 interrupts',
  );
});

test('malformed input gives the message naming the line, and the current run stays', async ({ page }) => {
  const before = await openApp(page);
  await openImport(page);
  await page
    .getByTestId('import-text')
    .fill(fixture('trace-old-qemu-handwritten.log').replace('vector 1 used', 'vector one used'));
  await expect(page.getByTestId('import-error')).toHaveText(
    'line 7: vfio_msix_vector_do_use: expected "(<device>) vector <n> used", got "(0000:03:00.0) vector one used"',
  );
  await expect(page.getByTestId('import-run')).toBeDisabled();
  await page
    .getByTestId('import-text')
    .fill('05:00.0 SATA controller: no MSI-X here\n\tCapabilities: [50] MSI: Enable+ Count=1/1 Maskable- 64bit+\n');
  await expect(page.getByTestId('import-error')).toContainText(
    'device 05:00.0 (SATA controller: no MSI-X here) has no MSI-X capability',
  );
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  const after = await state(page);
  expect(after.runVersion).toBe(before.runVersion);
  await expect(page.getByTestId('preset')).toHaveValue('default');
  // The pasted text is kept for when the dialog is opened again.
  await openImport(page);
  await expect(page.getByTestId('import-text')).toHaveValue(/no MSI-X here/);
});

test('hostile device names stay text', async ({ page }) => {
  await openApp(page);
  await openImport(page);
  await page.getByTestId('import-text').fill(fixture('lspci-edge-handwritten.txt'));
  await page.getByTestId('import-device-select').selectOption('06:00.0');
  await expect(page.getByTestId('import-kind')).toContainText('<img src=x onerror=alert(1)>');
  expect(await page.locator('dialog img, dialog script').count()).toBe(0);
});

for (const [w, h] of [
  [1280, 720],
  [390, 844],
] as const) {
  test(`screenshot of the dialog at ${w}×${h}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await openApp(page);
    await openImport(page);
    await page.getByTestId('import-text').fill(fixture('lspci-edge-handwritten.txt'));
    await page.getByTestId('import-device-select').selectOption('04:00.0');
    await expect(page.getByTestId('import-warnings')).toContainText('KVM_MAX_MSIX_PER_DEV');
    const box = await page.getByTestId('import-dialog').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(w);
    await page.screenshot({ path: `test-results/import-dialog-${w}x${h}.png` });
    await page.getByTestId('import-text').fill(fixture('trace-old-qemu-handwritten.log'));
    await expect(page.getByTestId('import-vectors').locator('tbody tr')).toHaveCount(4);
    await page.getByTestId('import-unknown').locator('summary').click();
    await page.screenshot({ path: `test-results/import-trace-${w}x${h}.png` });
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`the dialog with a trace summary and warnings has no axe violations (${theme})`, async ({ page }) => {
    await openApp(page);
    await setTheme(page, theme);
    await openImport(page);
    await page.getByTestId('import-text').fill(fixture('trace-new-qemu-handwritten.log'));
    await expect(page.getByTestId('import-vectors')).toBeVisible();
    await page.getByTestId('import-unknown').or(page.getByTestId('import-warnings')).first().waitFor();
    const r = await new AxeBuilder({ page }).include('[data-testid="import-dialog"]').analyze();
    expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(r.passes.length).toBeGreaterThan(5);
  });
}
