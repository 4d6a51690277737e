import type { Page } from '@playwright/test';
import { blurAll, expect, expectPanesFollow, maxAlphaAround, nextFrames, openApp, state, test } from './helpers.ts';

// Requirement 2: play, pause, step and scrub move the cursor, and every pane's overlay follows.

/**
 * Every pane draws the cursor line where the pane reported it: the cursor lives on a narrow strip
 * canvas (data-testid cursor-i) that moves with the cursor, with the line at its column PULSE_AT.
 */
const PULSE_AT = 160; // src/app/render/drawOverlay.ts
async function expectCursorLineDrawn(page: Page): Promise<void> {
  const n = (await state(page)).panes.length;
  for (let i = 0; i < n; i++) {
    // A pane scrolled out of view skips its strip until it is seen again (PaneView's
    // IntersectionObserver): bring each into view, as a user scrolling to it would.
    await page.getByTestId(`overlay-${i}`).scrollIntoViewIfNeeded();
    await nextFrames(page, 3);
    const s = await state(page);
    const strip = page.getByTestId(`cursor-${i}`);
    const pane = (await page.getByTestId(`overlay-${i}`).boundingBox())!;
    const box = (await strip.boundingBox())!;
    // The strip is placed so its cursor column sits at the reported x (within a pixel).
    expect(box.x - pane.x + PULSE_AT, `pane ${i}: cursor strip position`).toBeCloseTo(s.panes[i]!.x, 0);
    expect(await maxAlphaAround(strip, PULSE_AT, 12, 1), `pane ${i}: cursor line drawn`).toBeGreaterThan(200);
    // ...and only there: 40 px to the left the strip's guest lane is transparent.
    expect(await maxAlphaAround(strip, PULSE_AT - 40, 12, 1), `pane ${i}: nothing beside it`).toBe(0);
  }
}

test('play advances the cursor with every pane following; pause stops it', async ({ page }) => {
  await openApp(page);
  const play = page.getByTestId('play');
  await expect(play).toHaveAccessibleName('play');
  await play.click();
  await expect(play).toHaveAccessibleName('pause');
  await expect.poll(async () => (await state(page)).playing).toBe(true);
  await expect.poll(async () => (await state(page)).cursor).toBeGreaterThan(2_000);
  // Sampled mid-playback: all overlays drew this very frame's cursor.
  for (let k = 0; k < 3; k++) {
    const s = await state(page);
    expect(s.panes.map((p) => p.cursor)).toEqual(s.panes.map(() => s.cursor));
    await nextFrames(page, 3);
  }
  await expect(page.getByTestId('cursor-time')).not.toHaveText('t = 0 ns');

  await play.click();
  await expect(play).toHaveAccessibleName('play');
  const paused = await expectPanesFollow(page);
  expect(paused.playing).toBe(false);
  await nextFrames(page, 10);
  expect((await state(page)).cursor, 'the cursor stays put while paused').toBe(paused.cursor);
  await expectCursorLineDrawn(page);
});

test('playback stops at the end of the run, and play again starts from the beginning', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('speed').selectOption({ label: '10 ms/s' });
  await page.getByTestId('play').click();
  await expect.poll(async () => (await state(page)).playing, { timeout: 10_000 }).toBe(false);
  const end = await expectPanesFollow(page);
  expect(end.cursor).toBe(end.extent[1]);
  // Slow down so the rewind is observable: at 1 µs/s the cursor barely moves from 0.
  await page.getByLabel('speed').selectOption({ label: '1 µs/s' });
  await page.getByTestId('play').click();
  await expect.poll(async () => (await state(page)).playing).toBe(true);
  const again = await expectPanesFollow(page);
  expect(again.cursor).toBeLessThan(5_000);
  await page.getByTestId('play').click();
  await expect.poll(async () => (await state(page)).playing).toBe(false);
});

test('next / previous event buttons and arrow keys step between events, panes follow', async ({ page }) => {
  await openApp(page);
  const next = page.getByRole('button', { name: 'next event' });
  const prev = page.getByRole('button', { name: 'previous event' });
  await next.click();
  const t1 = (await expectPanesFollow(page)).cursor;
  expect(t1).toBeGreaterThan(0);
  await next.click();
  const t2 = (await expectPanesFollow(page)).cursor;
  expect(t2).toBeGreaterThan(t1);
  await next.click();
  const t3 = (await expectPanesFollow(page)).cursor;
  expect(t3).toBeGreaterThan(t2);
  await prev.click();
  await expectPanesFollow(page, t2);
  await prev.click();
  await expectPanesFollow(page, t1);

  // The same steps from the keyboard (focus on the page, not on a control).
  await blurAll(page);
  await page.keyboard.press('ArrowRight');
  await expectPanesFollow(page, t2);
  await page.keyboard.press('ArrowRight');
  await expectPanesFollow(page, t3);
  await page.keyboard.press('ArrowLeft');
  await expectPanesFollow(page, t2);
  await expectCursorLineDrawn(page);
});

test('clicking the overview scrubs to that time; every pane draws its cursor there', async ({ page }) => {
  const s0 = await openApp(page);
  const ov = page.getByTestId('overview');
  const box = (await ov.boundingBox())!;
  const [e0, e1] = s0.extent;
  for (const f of [0.5, 0.25, 0.8]) {
    await ov.click({ position: { x: box.width * f, y: box.height / 2 } });
    const s = await expectPanesFollow(page);
    expect(Math.abs(s.cursor - (e0 + f * (e1 - e0))), `cursor at ${f} of the run`).toBeLessThan((e1 - e0) * 0.01);
    await expectCursorLineDrawn(page);
    await expect(ov).toHaveAttribute('aria-valuenow', String(Math.round(100 * f)));
  }
});

test('dragging on the overview scrubs continuously and stops when released', async ({ page }) => {
  const s0 = await openApp(page);
  const ov = page.getByTestId('overview');
  const box = (await ov.boundingBox())!;
  const [e0, e1] = s0.extent;
  const at = (f: number) => ({ x: box.x + box.width * f, y: box.y + box.height / 2 });
  const near = (t: number, f: number) => Math.abs(t - (e0 + f * (e1 - e0))) < (e1 - e0) * 0.01;

  await page.mouse.move(at(0.2).x, at(0.2).y);
  await page.mouse.down();
  expect(near((await expectPanesFollow(page)).cursor, 0.2)).toBe(true);
  await page.mouse.move(at(0.45).x, at(0.45).y, { steps: 5 });
  expect(near((await expectPanesFollow(page)).cursor, 0.45)).toBe(true);
  await page.mouse.move(at(0.7).x, at(0.7).y, { steps: 5 });
  expect(near((await expectPanesFollow(page)).cursor, 0.7)).toBe(true);
  await page.mouse.up();
  const released = (await state(page)).cursor;
  // Moving without the button held no longer scrubs.
  await page.mouse.move(at(0.1).x, at(0.1).y, { steps: 3 });
  await nextFrames(page);
  expect((await expectPanesFollow(page)).cursor).toBe(released);
  await expectCursorLineDrawn(page);
});
