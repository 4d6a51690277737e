import type { CDPSession, Page } from '@playwright/test';
import { expect, nextFrames, openApp, overlayBox, rowCentre, state, test, xOf } from './helpers.ts';

// Issue 9, touch: tap selects, one finger pans, two fingers pinch-zoom the shared time axis.
// Real touch input through the DevTools protocol (Input.dispatchTouchEvent), as a phone sends it.
test.use({ hasTouch: true, viewport: { width: 390, height: 844 } });

type Pt = { x: number; y: number; id?: number };

async function touch(cdp: CDPSession, type: 'touchStart' | 'touchMove' | 'touchEnd', pts: Pt[]): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: pts.map((p, i) => ({ x: p.x, y: p.y, id: p.id ?? i })),
  });
}

/** A gesture: fingers from `from` to `to` in `steps` moves. */
async function gesture(cdp: CDPSession, page: Page, from: Pt[], to: Pt[], steps = 8): Promise<void> {
  await touch(cdp, 'touchStart', from);
  for (let k = 1; k <= steps; k++) {
    const f = k / steps;
    await touch(
      cdp,
      'touchMove',
      from.map((p, i) => ({ x: p.x + (to[i]!.x - p.x) * f, y: p.y + (to[i]!.y - p.y) * f })),
    );
  }
  await touch(cdp, 'touchEnd', []);
  await nextFrames(page);
}

test('one finger pans and two fingers pinch-zoom the timelines; the page does not scroll sideways', async ({
  page,
}) => {
  await openApp(page);
  const cdp = await page.context().newCDPSession(page);
  const box = await overlayBox(page, 0);
  const y = box.y + box.height / 2;
  const s0 = await state(page);
  const w0 = s0.domain[1] - s0.domain[0];
  // Pinch out: the window narrows (zoom in).
  const cx = box.x + box.width * 0.6;
  await gesture(
    cdp,
    page,
    [
      { x: cx - 30, y },
      { x: cx + 30, y },
    ],
    [
      { x: cx - 110, y },
      { x: cx + 110, y },
    ],
  );
  const s1 = await state(page);
  const w1 = s1.domain[1] - s1.domain[0];
  expect(w1).toBeLessThan(w0 * 0.6);
  // One finger dragged right: the window moves back in time by about the dragged distance.
  await gesture(cdp, page, [{ x: box.x + 150, y }], [{ x: box.x + 250, y }]);
  const s2 = await state(page);
  expect(s2.domain[0]).toBeLessThan(s1.domain[0]);
  expect(s2.domain[1] - s2.domain[0]).toBeCloseTo(w1, -1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
});

test('a tap on a mark selects it and explains it', async ({ page }) => {
  await openApp(page);
  const cdp = await page.context().newCDPSession(page);
  // Find a lost raise with the keyboard (its pane, time and vector), then clear the selection.
  await page.keyboard.press('l');
  const said = (await page.getByTestId('live').textContent())!;
  const vec = Number(/vector (\d+)/.exec(said)![1]);
  const s = await state(page);
  const pane = s.selected!.pane;
  await page.keyboard.press('Escape');
  expect((await state(page)).selected).toBeNull();
  const box = await overlayBox(page, pane);
  const x = box.x + xOf(s, s.cursor, box.width);
  const y = box.y + rowCentre(await state(page), vec, pane);
  await touch(cdp, 'touchStart', [{ x, y }]);
  await touch(cdp, 'touchEnd', []);
  await expect.poll(async () => (await state(page)).selected?.pane).toBe(pane);
  await expect(page.getByTestId('why')).toContainText('LOST');
});
