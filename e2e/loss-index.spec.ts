import { encodeShare } from '../src/app/share/link.ts';
import { expect, hasLostRedAround, openApp, overlayBox, rowCentre, state, test, xOf } from './helpers.ts';

// Issue 6: a loss is never hidden. A raise latched in the device's PBA at 1 µs is lost at 50 µs
// (the guest frees its vectors, host MSI-X Enable is cleared, the device drops pending bits), with
// ~4,700 raises on another vector in between. Zoomed to 1 µs around the loss, in a 2048-entry
// table, the red cross is drawn and clicking it explains that loss.

const scenario = {
  version: 1,
  name: 'held long, lost late',
  device: { tableSize: 2048 },
  steps: [
    { at: 0, op: 'linux-alloc-vectors', nvec: 4 },
    { at: 1000, op: 'raise', vector: 2 },
    { at: 2000, op: 'linux-request-irq', vector: 0 },
    { at: 3000, op: 'raise', vector: 0, every: 10, until: 49_990 },
    { at: 50_000, op: 'linux-free-vectors' },
  ],
};

test('zoomed to 1 µs around a loss held since 1 µs (2048 entries), the cross is drawn and a click explains it', async ({
  page,
}) => {
  const hash =
    '#' + encodeShare({ scenario, policies: ['dynamic-alloc'], view: { cursor: 50_000, domain: [49_500, 50_500] } });
  const s = await openApp(page, hash);
  expect(s.domain).toEqual([49_500, 50_500]);
  expect(s.raises[0], 'thousands of raises between the latch and the loss').toBeGreaterThan(4000);

  const box = await overlayBox(page, 0);
  const x = xOf(s, 50_000, box.width),
    y = rowCentre(s, 2);
  const base = page.getByTestId('pane-0').locator('.canvasBox canvas.base');
  expect(await hasLostRedAround(base, x, y, 2), 'a red cross on vector 2 where the loss happened').toBe(true);

  await page.mouse.click(box.x + x, box.y + y);
  await expect.poll(async () => (await state(page)).selected?.pane).toBe(0);
  const why = page.getByTestId('why');
  await expect(why.locator('.title')).toContainText('Raise #0 LOST');
  await expect(why.locator('.title')).toContainText('vector 2');
  await expect(why.locator('p').first()).toContainText('latched it in its PBA, then the host cleared MSI-X Enable');
  // The journey starts at the device, 49 µs before the visible window.
  const journey = page.getByTestId('journey');
  await expect(journey.locator('li').first()).toContainText('device signals vector 2');
  await expect(journey.locator('li').first()).toContainText(/1(\.0+)? µs/);
  await expect(journey.locator('li').last()).toContainText('LOST');
});
