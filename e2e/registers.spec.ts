import { findPreset, parsePolicySpec, Replay, simulate, validateScenario } from '../src/core/index.ts';
import type { Page } from '@playwright/test';
import { expect, nextFrames, openApp, state, test } from './helpers.ts';

// The Registers panel replays the pane's log on the page and follows the cursor while playing.

async function panel(page: Page): Promise<{ rows: number; heading: string; body: string }> {
  const p = page.getByTestId('registers-panel');
  return {
    rows: Number(await p.getAttribute('data-rows')),
    heading: (await p.locator('h3').innerText()).trim(),
    body: await p.innerText(),
  };
}

test('the registers panel changes while playing, and shows the replayed state at the cursor', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('speed').selectOption({ label: '1 µs/s' });
  const start = await panel(page);
  expect(start.heading).toMatch(/^Registers at t = 0 ns/);

  await page.getByTestId('play').click();
  await expect.poll(async () => (await state(page)).playing).toBe(true);
  // Sampled while playing: the heading follows the cursor and the state moves on.
  const seen = new Set<string>();
  const rows: number[] = [];
  // At least 40 samples, and on until the cursor is past t = 6 us (the default run's first rows after
  // t = 0 are at 5 us): how many samples that takes depends on the machine's speed, not on the app.
  for (let k = 0; k < 400 && (await state(page)).playing; k++) {
    const p = await panel(page);
    seen.add(p.heading);
    seen.add(p.body);
    rows.push(p.rows);
    if (k >= 40 && (await state(page)).cursor > 6_000) break;
    await nextFrames(page, 6);
  }
  expect(rows.at(-1)!, 'more log rows replayed as the cursor advances').toBeGreaterThan(rows[0]!);
  expect(seen.size, 'the panel changed during playback').toBeGreaterThan(4);
  expect((await state(page)).playing, 'sampled while playing').toBe(true);

  await page.getByTestId('play').click();
  await expect.poll(async () => (await state(page)).playing).toBe(false);
  await nextFrames(page, 3);
  const s = await state(page);
  const shown = await panel(page);

  // The same state from the core in Node: pane 0 of the default run, replayed to the same row.
  const preset = findPreset('default')!;
  const policy = parsePolicySpec(s.policies[0]!);
  const log = simulate(validateScenario(preset.scenario), policy).log.columns();
  let rowsAtCursor = 0;
  while (rowsAtCursor < log.length && log.t[rowsAtCursor]! <= s.cursor) rowsAtCursor++;
  expect(shown.rows).toBe(rowsAtCursor);
  const st = new Replay(log, preset.scenario.device.tableSize, policy.axes.frontEnd).at(rowsAtCursor);
  expect(shown.body).toContain(`guest Message Control 0x${st.guest.ctrl.toString(16)}`);
  expect(shown.body).toContain(`${st.host.nAlloc} host IRQs allocated (IRTEs), ${st.host.nReq} requested`);
  const masks = await page.getByTestId('registers').locator('tbody tr td:nth-child(4)').allInnerTexts();
  expect(masks).toEqual([...st.guest.masked.subarray(0, masks.length)].map((m) => (m ? 'masked' : 'open')));
});
