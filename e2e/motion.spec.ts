import { expect, openApp, state, test } from './helpers.ts';

// prefers-reduced-motion: playback moves in discrete steps (event to event), with no pulses;
// with motion allowed, raises pulse behind the moving cursor.

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('playback jumps event to event and draws no pulses', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('play').click();
    await expect.poll(async () => (await state(page)).cursor, { timeout: 5000 }).toBeGreaterThan(0);
    const seen = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const s = await state(page);
      seen.add(s.cursor);
      expect(s.panes.every((p) => p.flash === 0)).toBe(true);
      await page.waitForTimeout(150);
    }
    // Discrete: over ~0.9 s the cursor took at most a few distinct positions (two steps a second).
    expect(seen.size).toBeLessThanOrEqual(4);
    await page.getByTestId('play').click();
  });
});

test('with motion allowed, raises pulse behind the moving cursor', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('play').click();
  await expect.poll(async () => (await state(page)).panes.every((p) => p.flash > 0)).toBe(true);
  const a = (await state(page)).cursor;
  await expect.poll(async () => (await state(page)).cursor).toBeGreaterThan(a);
  await page.getByTestId('play').click();
  await expect.poll(async () => (await state(page)).panes.every((p) => p.flash === 0)).toBe(true);
});
