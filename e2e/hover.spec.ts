import { expect, maxAlphaAround, nextFrames, openApp, overlayBox, rowCentre, state, test, xOf } from './helpers.ts';

// Requirement 4: hovering a raise in one pane highlights the same raise in every pane.
// Default scenario (src/core/presets/default.ts): vector 0 raises every 3 µs from 20 µs, so
// there is a raise on vector 0 at 50 µs in every policy.
const T = 50_000;

for (const pane of [3, 0]) {
  test(`hovering vector 0's raise at 50 µs in pane ${pane} rings that raise in every pane`, async ({ page }) => {
    const s = await openApp(page);
    const box = await overlayBox(page, pane);
    const x = xOf(s, T, box.width),
      y = rowCentre(s, 0);
    const ringAt = async (i: number) => maxAlphaAround(page.getByTestId(`overlay-${i}`), x + 7, y, 1);
    for (let i = 0; i < 4; i++) expect(await ringAt(i), `no ring in pane ${i} before hovering`).toBe(0);

    await page.mouse.move(box.x + x, box.y + y);
    await expect.poll(async () => (await state(page)).hover).toEqual({ t: T, stream: expect.any(Number) });
    await expect
      .poll(async () => (await state(page)).panes.map((p) => p.hoverRaise >= 0))
      .toEqual([true, true, true, true]);
    await nextFrames(page);
    // The hover ring (radius 7 around the raise) is on every pane's overlay, not only the hovered one.
    for (let i = 0; i < 4; i++) expect(await ringAt(i), `ring drawn in pane ${i}`).toBeGreaterThan(100);
    // The inspector lines the raise up across policies.
    const table = page.getByTestId('same-raise');
    await expect(table.locator('tr')).toHaveCount(4);
    await expect(table.locator('td:nth-child(2)')).toHaveText([/^v0 /, /^v0 /, /^v0 /, /^v0 /]);

    // Off the raise (an unused vector row), the highlight goes away everywhere.
    await page.mouse.move(box.x + x, box.y + rowCentre(s, 7));
    await expect.poll(async () => (await state(page)).hover).toBeNull();
    await expect.poll(async () => (await state(page)).panes.map((p) => p.hoverRaise)).toEqual([-1, -1, -1, -1]);
    await nextFrames(page);
    for (let i = 0; i < 4; i++) expect(await ringAt(i), `ring gone in pane ${i}`).toBe(0);
  });
}

test('leaving the canvas clears the hover', async ({ page }) => {
  const s = await openApp(page);
  const box = await overlayBox(page, 1);
  await page.mouse.move(box.x + xOf(s, T, box.width), box.y + rowCentre(s, 0));
  await expect.poll(async () => (await state(page)).hover?.t).toBe(T);
  await page.mouse.move(box.x + box.width / 2, box.y - 40);
  await expect.poll(async () => (await state(page)).hover).toBeNull();
});
