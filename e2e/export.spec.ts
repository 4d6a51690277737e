import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { checkTrace, findPreset, parsePolicyList, runScenario, validateScenario } from '../src/core/index.ts';
import { expect, openApp, SEED_POLICIES, test } from './helpers.ts';

// Every export downloads and opens as what it claims to be. The files of the default preset are
// kept under test-results/export-files/ to be looked at (README "Export").
const KEEP = join(import.meta.dirname, '../test-results/export-files');
mkdirSync(KEEP, { recursive: true });

async function exportFile(
  page: Page,
  item: string,
  prep?: () => Promise<void>,
): Promise<{ name: string; bytes: Buffer }> {
  await page.getByTestId('export').click();
  await prep?.();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${item}`).click()]);
  const path = join(KEEP, download.suggestedFilename());
  await download.saveAs(path);
  await expect(page.getByRole('menu', { name: 'export' })).toHaveCount(0); // choosing closes the menu
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** The page's run, re-run in Node: the same logs (the determinism spec checks the hashes agree). */
function nodeRuns() {
  return runScenario(validateScenario(findPreset('default')!.scenario), parsePolicyList(SEED_POLICIES.join(',')));
}

test('every export of the default preset downloads and parses as its format', async ({ page }) => {
  await openApp(page);
  const runs = nodeRuns();
  const hashes = await page.evaluate(() =>
    (window as unknown as { __msixlab: { results(): { hash: string }[] } }).__msixlab.results().map((r) => r.hash),
  );
  expect(hashes).toEqual(runs.map((r) => r.hash));

  // The menu: open, looked at, closed by Escape (the selection and the page stay as they were).
  await page.getByTestId('export').click();
  await expect(page.getByRole('menu', { name: 'export' })).toBeVisible();
  await page.screenshot({ path: join(KEEP, 'menu-open.png'), clip: { x: 640, y: 0, width: 800, height: 360 } });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'export' })).toHaveCount(0);
  await expect(page.getByTestId('export')).toHaveAttribute('aria-expanded', 'false');

  const trace = await exportFile(page, 'perfetto');
  expect(trace.name).toBe(`msix-lab_default_${SEED_POLICIES.join('+')}.perfetto.json`);
  const doc = JSON.parse(trace.bytes.toString('utf8')) as { traceEvents: Record<string, unknown>[] };
  expect(doc.traceEvents.length).toBeGreaterThan(100);
  expect(doc.traceEvents.filter((e) => e.flow_out).length).toBeGreaterThan(0);
  const { problems, summary } = checkTrace(trace.bytes.toString('utf8'));
  expect(problems).toEqual([]);
  expect(summary.processes.map((p) => p.split(' ')[0])).toEqual(SEED_POLICIES);
  await expect(page.getByTestId('export')).toBeEnabled();

  const metrics = await exportFile(page, 'metrics-csv');
  expect(metrics.name).toMatch(/\.metrics\.csv$/);
  const mLines = metrics.bytes.toString('utf8').split('\r\n');
  expect(mLines[0]).toBe(`metric,label,unit,${SEED_POLICIES.join(',')}`);
  expect(mLines.find((l) => l.startsWith('lost,'))).toBe(
    `lost,lost,count,${runs.map((r) => r.metrics.lost).join(',')}`,
  );

  const events = await exportFile(page, 'events-csv');
  const records = events.bytes.toString('utf8').split('\r\n').filter(Boolean);
  expect(records[0]).toMatch(/^seq,t_ns,policy,kind,cause,vector,/);
  expect(records.length - 1).toBe(runs.reduce((n, r) => n + r.log.length, 0));

  const scenario = await exportFile(page, 'scenario');
  expect(scenario.name).toMatch(/\.scenario\.json$/);
  const parsed = JSON.parse(scenario.bytes.toString('utf8')) as { steps: unknown[] };
  expect(parsed.steps.length).toBe((findPreset('default')!.scenario as { steps: unknown[] }).steps.length);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the current view as SVG and PNG, ${theme} theme`, async ({ page }) => {
    await openApp(page);
    const width = await page.evaluate(() =>
      Math.round(document.querySelector('.canvasBox')!.getBoundingClientRect().width),
    );
    const pick = async (): Promise<void> => {
      await page.getByTestId(`export-theme-${theme}`).click();
    };
    const svg = await exportFile(page, 'svg', pick);
    expect(svg.name).toBe(`msix-lab_default_${SEED_POLICIES.join('+')}.view-${theme}.svg`);
    const text = svg.bytes.toString('utf8');
    const parsed = await page.evaluate((s) => {
      const d = new DOMParser().parseFromString(s, 'image/svg+xml');
      return {
        error: d.querySelector('parsererror')?.textContent ?? null,
        root: d.documentElement.nodeName,
        width: Number(d.documentElement.getAttribute('width')),
        height: Number(d.documentElement.getAttribute('height')),
        texts: [...d.querySelectorAll('text')].map((t) => t.textContent),
      };
    }, text);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.width).toBe(width);
    for (const p of SEED_POLICIES) expect(parsed.texts.some((t) => t?.startsWith(`${p} — `))).toBe(true);
    for (const label of ['guest', 'host', 'v0', 'lost']) expect(parsed.texts).toContain(label);

    const png = await exportFile(page, 'png', pick);
    expect(png.name).toMatch(new RegExp(`view-${theme}\\.png$`));
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height at 2x the view (the SVG's size).
    expect(png.bytes.readUInt32BE(16)).toBe(width * 2);
    expect(png.bytes.readUInt32BE(20)).toBe(Math.round(parsed.height * 2));

    // The page's own theme did not change.
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    // Render the SVG as a browser would show it, to look at beside the PNG.
    const view = await page.context().newPage();
    await view.setViewportSize({ width: parsed.width, height: Math.ceil(parsed.height) });
    await view.setContent(text.replace(/^<\?xml[^>]*>/, ''));
    await view.screenshot({ path: join(KEEP, `svg-rendered-${theme}.png`) });
    await view.close();
  });
}
