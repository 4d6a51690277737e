import { encodeShare } from '../src/app/share/link.ts';
import { expect, openApp, overlayBox, rowCentre, state, test, xOf } from './helpers.ts';

// The data hack's masked injections (FIDELITY.md D11): KVM assignment has no MSI-X mask, so a raise
// on a masked entry is injected with the route's last message. Vector 1 is disabled (masked, handler
// kept) from 11 to 19 µs: delivered while masked. After free_irq(1) at 27 µs its route still carries
// the freed handler's message, and vector 0's raise at 0.5 µs meets the 0x40EF placeholder route:
// spurious injections, lost for the driver.
const scenario = {
  version: 1,
  name: 'masked-injection',
  seed: 1,
  device: { tableSize: 8 },
  steps: [
    { at: 0, op: 'linux-alloc-vectors', nvec: 2 },
    { at: 500, op: 'raise', vector: 0 },
    { at: 1_000, op: 'linux-request-irq', vector: 0 },
    { at: 2_000, op: 'linux-request-irq', vector: 1 },
    { at: 5_000, op: 'raise', vector: 1, every: 4_000, until: 38_000 },
    { at: 11_000, op: 'linux-disable-irq', vector: 1 },
    { at: 19_000, op: 'linux-enable-irq', vector: 1 },
    { at: 27_000, op: 'linux-free-irq', vector: 1 },
  ],
};
const MASKED_RAISE_T = 13_000;

test('the data hack shows deliveries while masked and spurious injections, and explains both', async ({ page }) => {
  const s = await openApp(page, '#' + encodeShare({ scenario, policies: ['data-hack', 'dynamic-alloc'] }));
  const pane = (i: number) => page.getByTestId(`pane-${i}`);
  await expect(pane(0).getByTestId('masked-badge')).toHaveText('2 while masked');
  await expect(pane(0).getByTestId('spurious-badge')).toHaveText('4 spurious');
  await expect(pane(0).getByTestId('lost-badge')).toHaveText('4 lost');
  await expect(pane(1).getByTestId('masked-badge')).toHaveCount(0);
  await expect(pane(1).getByTestId('spurious-badge')).toHaveCount(0);
  const metrics = page.getByTestId('metrics');
  await expect(metrics.getByRole('row', { name: /of which while masked/ })).toContainText(/2\s*0/);
  await expect(metrics.getByRole('row', { name: /of which spurious injections/ })).toContainText(/4\s*0/);

  // Click vector 1's raise at 13 µs in the data-hack pane: delivered although masked.
  const box = await overlayBox(page, 0);
  await page.mouse.click(box.x + xOf(s, MASKED_RAISE_T, box.width), box.y + rowCentre(s, 1));
  await expect.poll(async () => (await state(page)).selected).not.toBeNull();
  const why = page.getByTestId('why');
  await expect(why.locator('.title')).toContainText('delivered while masked');
  await expect(why).toContainText('kvm_assigned_dev_thread_msix');
  await expect(why).toContainText('empty branch');
  const same = page.getByTestId('same-raise');
  await expect(same.locator('tr').nth(0)).toContainText('v1 delivered while masked (mask ignored)');
  await expect(same.locator('tr').nth(0).locator('td').nth(1)).not.toHaveClass(/\berr\b/);
  await expect(same.locator('tr').nth(1)).toContainText(/v1 (delivered late|coalesced)/);
  await page.screenshot({ path: test.info().outputPath('masked-injection.png') });

  // The next loss after the cursor: vector 1 at 29 µs, after free_irq(1). Its route still carries the
  // freed handler's message (set by enable_irq's unmask): nobody listens on it any more.
  await page.getByTestId('next-loss').click();
  await expect(why.locator('.title')).toContainText('LOST');
  await expect(why).toContainText('data 0x4042');
  await expect(why).toContainText('enable_irq(1)');
  await expect(why).toContainText('spurious interrupt');
  await expect(same.locator('tr').nth(0)).toContainText('v1 lost stale-route: spurious injection, no handler');
  await expect(same.locator('tr').nth(0).locator('td').nth(1)).toHaveClass(/\berr\b/);
});
