/**
 * npm run bench:sweep-ui — does the page stay responsive during a sweep (issue 8: "the main thread
 * never has a task over 50 ms during a sweep")?
 *
 * Builds (unless --no-build), serves dist/ with `vite preview` on a free port (from 4185), opens the
 * page with `?sweep` in headless Chromium, and runs a 2000-trial sweep of the default preset from
 * the panel, twice: with the machine's own navigator.hardwareConcurrency (one pool Worker per core
 * minus one) and with it reported as 3 (two pool Workers). A `longtask` PerformanceObserver,
 * installed before navigation, records every main-thread task >= 50 ms; the ones that start
 * between the Run click and the end of the sweep are reported (count and longest), with trials/s.
 * The machine may be shared: `uptime` is printed beside the figures. Last line is JSON (also
 * written to bench-results/sweep-ui.json).
 */
import { execFileSync, execSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '..');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');
const TRIALS = 2000;
const { values: args } = parseArgs({
  options: { port: { type: 'string', default: '4185' }, 'no-build': { type: 'boolean', default: false } },
});
const uptime = (): string =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/^.*load/, 'load');

async function freePort(first: number): Promise<number> {
  for (let p = first; p < first + 50; p++) {
    const ok = await new Promise<boolean>((res) => {
      const s = createServer();
      s.once('error', () => res(false));
      s.listen(p, '127.0.0.1', () => s.close(() => res(true)));
    });
    if (ok) return p;
  }
  throw new Error(`no free port in ${first}..${first + 49}`);
}

async function preview(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [VITE, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`vite preview did not answer on port ${port}`);
}

const INIT = (cores: number | null): string => `(() => {
  const b = window.__sweepBench = { longTasks: [] };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
  ${cores === null ? '' : `Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => ${cores} });`}
})();`;

interface Phase {
  workers: number;
  trials: number;
  seconds: number;
  trialsPerSec: number;
  longTasks: number;
  longestMs: number;
  /** Long tasks in 3 s of doing nothing just before (the machine's own noise). */
  idleLongTasksPer3s: number;
}

async function measure(base: string, cores: number | null): Promise<Phase> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await page.addInitScript(INIT(cores));
    await page.goto(`${base}/?sweep`);
    await page.getByTestId('sweep-trials').waitFor({ timeout: 60_000 });
    await page.getByTestId('sweep-trials').fill(String(TRIALS));
    // Let the first run's render settle, then count long tasks in an idle window of the same
    // length as a baseline (on a loaded machine a starved renderer shows long tasks by itself).
    await new Promise((r) => setTimeout(r, 3000));
    const b0 = (await page.evaluate('performance.now()')) as number;
    await new Promise((r) => setTimeout(r, 3000));
    const b1 = (await page.evaluate('performance.now()')) as number;
    const t0 = await page.evaluate('performance.now()');
    await page.getByTestId('sweep-run').click();
    for (;;) {
      const st = await page.evaluate('__msixlab.sweep().then((s) => s.status)');
      if (st !== 'running') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const t1 = (await page.evaluate('performance.now()')) as number;
    const r = (await page.evaluate(
      '__msixlab.sweep().then((s) => ({ p: s.progress, lt: window.__sweepBench.longTasks }))',
    )) as { p: { done: number; workers: number }; lt: { start: number; duration: number }[] };
    const idle = r.lt.filter((t) => t.start >= b0 && t.start <= b1);
    const during = r.lt.filter((t) => t.start >= (t0 as number) && t.start <= t1);
    const seconds = (t1 - (t0 as number)) / 1000;
    return {
      workers: r.p.workers,
      trials: r.p.done,
      seconds: Number(seconds.toFixed(2)),
      trialsPerSec: Math.round(r.p.done / seconds),
      longTasks: during.length,
      longestMs: Math.round(Math.max(0, ...during.map((t) => t.duration))),
      idleLongTasksPer3s: idle.length,
    };
  } finally {
    await browser.close();
  }
}

if (!args['no-build']) execFileSync(process.execPath, [VITE, 'build'], { cwd: ROOT, stdio: 'inherit' });
const port = await freePort(Number(args.port));
const server = await preview(port);
const out: Record<string, unknown> = { before: uptime() };
try {
  for (const [name, cores] of [
    ['ownCores', null],
    ['twoWorkers', 3],
  ] as const) {
    const p = await measure(`http://127.0.0.1:${port}`, cores);
    out[name] = p;
    console.log(
      `${TRIALS} trials of default x 4 policies, ${p.workers} pool Worker${p.workers === 1 ? '' : 's'}: ${p.seconds} s (${p.trialsPerSec} trials/s); main-thread tasks >= 50 ms during the sweep: ${p.longTasks}${p.longTasks ? ` (longest ${p.longestMs} ms)` : ''}; idle baseline: ${p.idleLongTasksPer3s} in 3 s`,
    );
  }
} finally {
  server.kill('SIGTERM');
}
out.after = uptime();
console.log(`load: ${out.before} -> ${out.after}`);
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(ROOT, 'bench-results/sweep-ui.json'), JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out));
