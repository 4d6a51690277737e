import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { test, expect, openApp, waitForRun, openMenuItem } from './helpers';
import { encodeLink } from '../src/core/share/index.ts';
import { findPreset } from '../src/core/presets/index.ts';
import { freePort } from './serve-dist';

// Security (issue 7): a Content-Security-Policy with no 'unsafe-eval' and no 'unsafe-inline'
// script, in the build and in dev, read from the served page; the app runs under it with no
// violation; and no HTML is ever built from scenario or link text.

/** Records securitypolicyviolation events from the first script on. */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
}
const violations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** The page's CSP: its <meta http-equiv> and any response header, as directive → sources. */
async function servedCsp(page: Page, headerCsp: string | undefined): Promise<Map<string, string[]>> {
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const text = [meta, headerCsp].filter(Boolean).join(';');
  expect(text, 'the page serves a CSP').not.toBe('');
  const out = new Map<string, string[]>();
  for (const d of text
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [name, ...src] = d.split(/\s+/);
    out.set(name!, [...(out.get(name!) ?? []), ...src]);
  }
  return out;
}

function expectStrictScripts(csp: Map<string, string[]>): void {
  const scripts = csp.get('script-src') ?? csp.get('default-src')!;
  expect(scripts).toContain("'self'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain('data:');
  expect(scripts).not.toContain('*');
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('worker-src')).toContain("'self'");
  // Embedding is allowed (?embed=1): no frame-ancestors (a <meta> could not carry it anyway).
  expect(csp.has('frame-ancestors')).toBe(false);
}

test('the build: a strict script CSP, and the app runs under it with no violation', async ({ page, errorGuard }) => {
  await watchViolations(page);
  const res = await page.goto('/');
  const csp = await servedCsp(page, res?.headers()['content-security-policy']);
  expectStrictScripts(csp);
  expect(res?.headers()['x-frame-options']).toBeUndefined();
  await waitForRun(page);
  // Exercise the Worker, the lazy chunks, the editor and playback.
  await page.getByTestId('preset').selectOption('vf-pf-mailbox');
  await waitForRun(page, 2);
  await page.getByTestId('play').click();
  await page.getByTestId('play').click();
  await openMenuItem(page, 'edit-json');
  await page.keyboard.press('Escape');
  expect(await violations(page)).toEqual([]);
  // And the policy is in force: an injected inline script does not run (and is reported).
  await page.evaluate(() => {
    const el = document.createElement('script');
    el.textContent = 'window.__inlineRan = 1';
    document.head.append(el);
  });
  await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^script-src-elem inline /)]);
  expect(await page.evaluate(() => (window as unknown as { __inlineRan?: number }).__inlineRan)).toBeUndefined();
  // Chromium logs that refusal as a console error: the one error this test expects.
  const i = errorGuard.findIndex((e) => /Executing inline script violates .*Content Security Policy/.test(e));
  expect(i).toBeGreaterThanOrEqual(0);
  errorGuard.splice(i, 1);
});

test('dev (vite with HMR): the same strict script CSP; the page runs and HMR connects with no violation', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const port = await freePort();
  const dev: ChildProcess = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { stdio: 'ignore', env: { ...process.env, BROWSER: 'none' } },
  );
  try {
    const url = `http://127.0.0.1:${port}/`;
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(url)).status;
          } catch {
            return 0;
          }
        },
        { timeout: 60_000 },
      )
      .toBe(200);
    await watchViolations(page);
    const hmr = new Promise<void>((resolve) =>
      page.on('console', (m) => {
        if (m.text().includes('[vite] connected')) resolve();
      }),
    );
    const res = await page.goto(url);
    const csp = await servedCsp(page, res?.headers()['content-security-policy']);
    expectStrictScripts(csp);
    // React's Fast Refresh preamble is the one inline script, allowed by its hash alone.
    expect((csp.get('script-src') ?? []).filter((s) => s.startsWith("'sha256-"))).toHaveLength(1);
    await waitForRun(page);
    await hmr;
    expect(await violations(page)).toEqual([]);
  } finally {
    dev.kill('SIGTERM');
  }
});

const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">';
const HOSTILE_DESC = '</script><script>window.__pwned=2</script> see javascript:window.__pwned=3';
const HOSTILE_NOTE = '<b onclick="window.__pwned=4">look</b> javascript:alert(1)';

test('hostile scenario and link text renders as text, never as HTML', async ({ page }) => {
  await watchViolations(page);
  const scenario = { ...findPreset('vf-pf-mailbox')!.scenario, name: HOSTILE_NAME, description: HOSTILE_DESC };
  const link = encodeLink({ scenario, policies: ['data-hack', 'dynamic-alloc'], note: HOSTILE_NOTE });
  await openApp(page, '#' + link);
  await expect(page.getByTestId('scenario-name')).toHaveText(`${HOSTILE_NAME}.`);
  await expect(page.getByTestId('scenario-description')).toHaveText(HOSTILE_DESC);
  await expect(page.getByTestId('notice')).toHaveText(`From a shared link — the sender notes: “${HOSTILE_NOTE}”`);
  // No element came from the text, no link points at javascript:, nothing ran.
  expect(await page.locator('img[src="x"], b[onclick]').count()).toBe(0);
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await violations(page)).toEqual([]);

  // The embed's title, too.
  await page.goto('about:blank');
  await page.goto(`/?embed=1#${link}`);
  await waitForRun(page);
  await expect(page.locator('.embed-title')).toHaveText(HOSTILE_NAME);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
