/**
 * npm run bench:ui: UI responsiveness of the production build in headless Chromium.
 *
 * Runs `vite build`, serves a private snapshot of dist/ with `vite preview` on a free port (from
 * 4175; other sessions rebuilding dist/ cannot change what is measured) and loads a large scenario
 * through a share link: the 4 seed policies x a 2048-entry table x ~10^5 raises. A `longtask`
 * PerformanceObserver, installed before navigation, counts main-thread tasks >= 50 ms per phase:
 *   load     navigation until the run is drawn (simulation in the Worker + first render),
 *   playback 10 s of playback at 2 ms/s (the cursor crosses about 80% of the 25 ms run),
 *   zoomPan  Ctrl+wheel zoom in and out, mouse drags and the w/s/a/d keys (~60 inputs; the phase
 *            lasts as long as the page takes to answer them, 10-15 s when frames are slow).
 * Also reported: frame-time p50/p95 for playback and zoom/pan from window.__msixlab.frames() (the
 * time spent in the app's rAF callback only: style, layout, paint and the compositor commit come
 * after it and are not included; the long tasks do include them), the gzipped size (level 9) of
 * the initial JavaScript (entry chunk plus its static imports) and of the Worker chunk, the
 * Worker's own simulation time (RunOk.elapsedMs, read from the Comlink reply) and state().raises.
 *
 * When there are long tasks, the phases are repeated under a Chrome trace with CPU sampling, and
 * the samples inside each phase's long tasks are mapped to functions and source lines in src/
 * with the source maps of a second `vite build --sourcemap hidden` (into a temporary folder; its
 * JS is checked to be byte-identical to the served build).
 *
 * The last line printed is one JSON object, also written to bench-results/ui.json.
 * Options: --port N (first port to try, default 4175), --no-build (reuse dist/), --no-attribution,
 * --trace FILE (keep the raw Chrome trace of the attribution pass; open it in DevTools > Performance),
 * --gpu (leave out --disable-gpu: Chromium then composites through SwiftShader instead of its
 * software compositor).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { encodeShare } from '../src/app/share/link.ts';
import { SEED_POLICY_IDS, type Scenario } from '../src/core/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');
const PLAYBACK_MS = 10_000;
const SPEED_NS_PER_S = 2_000_000; // the "2 ms/s" entry of the speed menu
const LONG_TASK_MS = 50;

// ---------------------------------------------------------------------------------------------
// The scenario: a Linux guest allocates all 2048 vectors, requests 64 of them spread over the
// table (every fourth one late, while the device already raises it), and 64 streams, half
// periodic and half Poisson, raise about 100,000 interrupts over 25 ms. The host resize window is
// fixed at 50 us so teardown/setup's 48 resizes stay inside the run instead of stretching it.

export function uiBenchScenario(): Scenario {
  const TABLE = 2048,
    NREQ = 64,
    END = 25_000_000,
    TARGET = 100_000;
  const perVec = TARGET / NREQ;
  const steps: Scenario['steps'] = [{ at: 0, op: 'linux-alloc-vectors', nvec: TABLE }];
  for (let k = 0; k < NREQ; k++) {
    const v = k * 32 + ((k * 7) % 32);
    const late = k % 4 === 3;
    steps.push({ at: late ? 2_000_000 + k * 150_000 : 10_000 + k * 1_000, op: 'linux-request-irq', vector: v });
    const start = 100_000 + k * 997;
    const mean = Math.floor((END - start) / perVec);
    if (k % 2 === 0)
      steps.push({ at: start, op: 'raise', vector: v, every: mean, until: start + mean * (Math.round(perVec) - 1) });
    else steps.push({ at: start, op: 'poisson', vector: v, meanNs: mean, until: END });
  }
  steps.sort((a, b) => a.at - b.at);
  return {
    version: 1,
    name: 'ui-bench-2048x64',
    description: 'UI benchmark: 2048-entry table, 64 requested vectors (16 late), ~100,000 raises over 25 ms.',
    seed: 2048,
    device: { tableSize: TABLE },
    host: { resizeWindowNs: 50_000 },
    steps,
  };
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

const fmt = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : String(x));
const round = (x: number, d = 2): number => Number(x.toFixed(d));

function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Runs the Vite CLI, echoes and returns its output. */
function vite(args: string[]): string {
  const out = execFileSync(process.execPath, [VITE, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(out);
  return out;
}

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

async function startPreview(port: number, outDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [VITE, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}):\n${log}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/`);
      if (r.ok && (await r.text()).includes('/assets/index-')) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`vite preview did not answer on port ${port} within 20 s:\n${log}`);
}

async function stopPreview(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

// ---------------------------------------------------------------------------------------------
// Bundle sizes: the entry script of index.html, its modulepreloads and everything they import
// statically (not dynamic import()); Worker chunks are found by `new Worker(new URL(...))`.

interface Sizes {
  initial: { files: string[]; bytes: number; gzipBytes: number };
  worker: { files: string[]; bytes: number; gzipBytes: number };
}

function bundleSizes(dist: string): Sizes {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const abs = (ref: string, from = '/'): string =>
    ref.startsWith('/') ? posix.normalize(ref) : posix.normalize(posix.join(posix.dirname(from), ref));
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => abs(m[1]!));
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => abs(m[1]!));
  const staticImports = (code: string, from: string): string[] =>
    [...code.matchAll(/(?:^|[;}\s)])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'`]([^"'`]+\.js)["'`]/g)].map(
      (m) => abs(m[1]!, from),
    );
  // Vite 8 (rolldown) nests the URL: `new Worker(new URL(new URL(`sim.worker-x.js`, import.meta.url).href, ...))`;
  // older builds wrote one `new URL("...")`. Both name the chunk relative to the importing file.
  const workerRefs = (code: string, from: string): string[] =>
    [...code.matchAll(/new\s+(?:Shared)?Worker\(\s*(?:new\s+URL\(\s*)+["'`]([^"'`]+\.js)["'`]/g)].map((m) =>
      abs(m[1]!, from),
    );
  const closure = (roots: string[]): { files: Set<string>; workers: Set<string> } => {
    const files = new Set<string>(),
      workers = new Set<string>();
    const todo = [...roots];
    while (todo.length) {
      const f = todo.pop()!;
      if (files.has(f)) continue;
      files.add(f);
      const code = readFileSync(join(dist, f), 'utf8');
      todo.push(...staticImports(code, f));
      for (const w of workerRefs(code, f)) workers.add(w);
    }
    return { files, workers };
  };
  const sum = (files: Iterable<string>): { files: string[]; bytes: number; gzipBytes: number } => {
    let bytes = 0,
      gzipBytes = 0;
    const list = [...files];
    for (const f of list) {
      const b = readFileSync(join(dist, f));
      bytes += b.length;
      gzipBytes += gzipSync(b, { level: 9 }).length;
    }
    return { files: list, bytes, gzipBytes };
  };
  const main = closure([...entries, ...preloads]);
  // A field that silently reads 0 hid a broken pattern once: no Worker chunk is an error.
  if (main.workers.size === 0) throw new Error('bench: no `new Worker(new URL(...))` chunk found in the initial JS');
  const worker = closure([...main.workers]);
  for (const f of main.files) worker.files.delete(f);
  return { initial: sum(main.files), worker: sum(worker.files) };
}

// ---------------------------------------------------------------------------------------------
// In-page instrumentation (plain JS strings: tsx may inject helpers into serialised functions).

const INIT_SCRIPT = `(() => {
  if (window.__uiBench) return;
  const b = window.__uiBench = { longTasks: [], sims: [], observerError: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration, name: e.name,
        attribution: (e.attribution || []).map((a) => a.containerType + ':' + (a.containerSrc || a.containerName || a.name)).join(',') });
    }).observe({ type: 'longtask', buffered: true });
  } catch (err) { b.observerError = String(err); }
  // Time each run request (Comlink APPLY of "run") and read the Worker's own elapsedMs from the reply.
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(url, opts) {
      super(url, opts);
      const sent = new Map();
      const post = this.postMessage.bind(this);
      this.postMessage = (msg, transfer) => {
        if (msg && msg.type === 'APPLY' && Array.isArray(msg.path) && msg.path[0] === 'run') sent.set(msg.id, performance.now());
        return post(msg, transfer);
      };
      this.addEventListener('message', (e) => {
        const d = e.data;
        if (!d || !sent.has(d.id)) return;
        const v = d.value || {};
        b.sims.push({ postedAt: sent.get(d.id), receivedAt: performance.now(), elapsedMs: typeof v.elapsedMs === 'number' ? v.elapsedMs : null, ok: v.ok === true });
        sent.delete(d.id);
      });
    }
  };
})();`;

const mark = (name: string): string =>
  `(() => { performance.mark(${JSON.stringify(name)}); return performance.now(); })()`;

interface LongTask {
  start: number;
  duration: number;
  name: string;
  attribution: string;
}

interface AppState {
  cursor: number;
  domain: [number, number];
  extent: [number, number];
  playing: boolean;
  runVersion: number;
  policies: string[];
  panes: unknown[];
  raises: number[];
}

interface PassResult {
  marks: Record<string, number>;
  drawnAtMs: number;
  longTasks: LongTask[];
  observerError: string | null;
  sim: { postedAt: number; receivedAt: number; elapsedMs: number | null; ok: boolean } | null;
  state: AppState;
  playbackFrames: number[];
  zoomFrames: number[];
  cursorTravel: { fromNs: number; toNs: number; fraction: number };
  /** Canvases on the page after load and their total backing-store pixels. */
  canvas: { n: number; px: number };
  zoom: { minWidthNs: number; maxWidthNs: number; extentNs: number; domainChanges: number };
  errors: string[];
}

const PHASES = ['load', 'settle', 'playback', 'zoomPan'] as const;
type Phase = (typeof PHASES)[number];

function phaseOf(r: PassResult, t: number): Phase | null {
  const m = r.marks;
  if (t <= r.drawnAtMs) return 'load';
  if (t < m['uib:playback:start']!) return 'settle';
  if (t <= m['uib:playback:end']!) return 'playback';
  if (t >= m['uib:zoom:start']! && t <= m['uib:zoom:end']!) return 'zoomPan';
  return null;
}

async function state(page: Page): Promise<AppState> {
  return (await page.evaluate('window.__msixlab.state()')) as AppState;
}

async function runPass(browser: Browser, url: string, trace: string | null): Promise<PassResult> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    // The bench's probes are string predicates (evaluated in the page); the page's CSP forbids eval.
    // Bypassing it changes no rendering work, which is what is measured.
    bypassCSP: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.addInitScript({ content: INIT_SCRIPT });
  if (trace) {
    await browser.startTracing(page, {
      path: trace,
      screenshots: false,
      categories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'v8.execute',
        'disabled-by-default-v8.cpu_profiler',
        '__metadata',
      ],
    });
  }
  const marks: Record<string, number> = {};
  try {
    // Phase 1: load. "Drawn" = a run is in, every pane's overlay has been drawn (the overlay layer
    // runs after the base layer in the same rAF frame), and one more frame has passed.
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      `(() => { const h = window.__msixlab; if (!h) return false; const s = h.state(); return s.runVersion > 0 && s.raises.length > 0 && s.panes.length === s.raises.length; })()`,
      undefined,
      { timeout: 120_000, polling: 20 },
    );
    const drawnAtMs = (await page.evaluate(
      `new Promise((r) => requestAnimationFrame(() => setTimeout(() => { performance.mark('uib:drawn'); r(performance.now()); }, 0)))`,
    )) as number;
    const loaded = await state(page);
    const banner = await page.locator('[data-testid=error-banner]').count();
    if (banner)
      throw new Error(`the app rejected the scenario: ${await page.locator('[data-testid=error-banner]').innerText()}`);
    if (loaded.raises.length !== SEED_POLICY_IDS.length)
      throw new Error(`expected ${SEED_POLICY_IDS.length} panes, got ${loaded.raises.length}`);
    const canvas = (await page.evaluate(
      `(() => { const cs = [...document.querySelectorAll('canvas')]; return { n: cs.length, px: cs.reduce((a, c) => a + c.width * c.height, 0) }; })()`,
    )) as { n: number; px: number };
    await page.waitForTimeout(1500);

    // Phase 2: playback. Pick the speed first (its re-render stays outside the phase).
    await page.selectOption('#speed', String(SPEED_NS_PER_S));
    await page.focus('[data-testid=panes]');
    await page.waitForTimeout(500);
    const before = await state(page);
    await page.evaluate('window.__msixlab.resetFrames()');
    marks['uib:playback:start'] = (await page.evaluate(mark('uib:playback:start'))) as number;
    await page.click('[data-testid=play]');
    await page.waitForTimeout(PLAYBACK_MS);
    marks['uib:playback:end'] = (await page.evaluate(mark('uib:playback:end'))) as number;
    const playbackFrames = (await page.evaluate('window.__msixlab.frames()')) as number[];
    const after = await state(page);
    if (after.playing) await page.click('[data-testid=play]');
    await page.waitForTimeout(800);

    // Phase 3: zoom and pan over the first pane (Ctrl+wheel, drags, w/s/a/d).
    const box = (await page.locator('[data-testid=overlay-0]').boundingBox())!;
    const y = Math.min(box.y + box.height / 2, box.y + 200, 850);
    const x0 = box.x + 80,
      x1 = box.x + box.width - 20;
    const widths: number[] = [];
    let changes = 0,
      lastDomain = '';
    const sample = async (): Promise<void> => {
      const s = await state(page);
      widths.push(s.domain[1] - s.domain[0]);
      const d = s.domain.join(',');
      if (d !== lastDomain) changes++;
      lastDomain = d;
    };
    await page.mouse.move((x0 + x1) / 2, y);
    await sample();
    await page.evaluate('window.__msixlab.resetFrames()');
    marks['uib:zoom:start'] = (await page.evaluate(mark('uib:zoom:start'))) as number;
    const wheel = async (n: number, dy: number): Promise<void> => {
      await page.keyboard.down('Control');
      for (let i = 0; i < n; i++) {
        await page.mouse.move(x0 + ((i * 97) % Math.max(1, x1 - x0)), y);
        await page.mouse.wheel(0, dy);
        await page.waitForTimeout(60);
      }
      await page.keyboard.up('Control');
      await sample();
    };
    const drag = async (dx: number): Promise<void> => {
      const sx = dx > 0 ? x0 + 40 : x1 - 40;
      await page.mouse.move(sx, y);
      await page.mouse.down();
      for (let i = 1; i <= 16; i++) {
        await page.mouse.move(sx + (dx * i) / 16, y + (i % 3));
        await page.waitForTimeout(16);
      }
      await page.mouse.up();
      await sample();
    };
    const keys = async (k: string, n: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        await page.keyboard.press(k);
        await page.waitForTimeout(120);
      }
      await sample();
    };
    await wheel(10, -40); // zoom in ~1.7x per event (d3-zoom: 2^(40 * 0.002 * 10))
    await drag(400);
    await drag(-600);
    await keys('w', 3);
    await keys('a', 4);
    await keys('d', 4);
    await keys('s', 3);
    await wheel(10, 40); // zoom back out
    await drag(500);
    await wheel(6, -40);
    await drag(-500);
    await keys('s', 4);
    marks['uib:zoom:end'] = (await page.evaluate(mark('uib:zoom:end'))) as number;
    const zoomFrames = (await page.evaluate('window.__msixlab.frames()')) as number[];
    await page.waitForTimeout(300); // long-task entries arrive after their task ends

    const b = (await page.evaluate('window.__uiBench')) as {
      longTasks: LongTask[];
      sims: PassResult['sim'][];
      observerError: string | null;
    };
    const st = await state(page);
    return {
      marks,
      drawnAtMs,
      longTasks: b.longTasks,
      observerError: b.observerError,
      sim: b.sims.find((s) => s?.ok) ?? b.sims[0] ?? null,
      state: loaded,
      playbackFrames,
      zoomFrames,
      cursorTravel: {
        fromNs: before.cursor,
        toNs: after.cursor,
        fraction: (after.cursor - before.cursor) / (after.extent[1] - after.extent[0]),
      },
      canvas,
      zoom: {
        minWidthNs: Math.min(...widths),
        maxWidthNs: Math.max(...widths),
        extentNs: st.extent[1] - st.extent[0],
        domainChanges: changes,
      },
      errors,
    };
  } finally {
    if (trace) await browser.stopTracing();
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Attribution: Chrome trace CPU samples of the renderer main thread, mapped to original sources.

interface Seg {
  col: number;
  src: number;
  line: number;
  scol: number;
  name: number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeMappings(mappings: string): Seg[][] {
  const lines: Seg[][] = [];
  let src = 0,
    line = 0,
    scol = 0,
    name = 0;
  for (const l of mappings.split(';')) {
    const segs: Seg[] = [];
    let col = 0;
    for (const s of l.split(',')) {
      if (!s) continue;
      const v: number[] = [];
      let shift = 0,
        acc = 0;
      for (const ch of s) {
        const d = B64.indexOf(ch);
        acc += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          v.push(acc & 1 ? -(acc >>> 1) : acc >>> 1);
          acc = shift = 0;
        }
      }
      col += v[0]!;
      if (v.length >= 4) {
        src += v[1]!;
        line += v[2]!;
        scol += v[3]!;
        if (v.length >= 5) name += v[4]!;
        segs.push({ col, src, line, scol, name: v.length >= 5 ? name : -1 });
      }
    }
    lines.push(segs);
  }
  return lines;
}

interface SourceMap {
  code: string[];
  lines: Seg[][];
  sources: string[];
  names: string[];
  content: (string | null)[];
}

function loadMaps(dir: string): Map<string, SourceMap> {
  const out = new Map<string, SourceMap>();
  const assets = join(dir, 'assets');
  if (!existsSync(assets)) return out;
  for (const f of readdirSync(assets)) {
    if (!f.endsWith('.js.map')) continue;
    const m = JSON.parse(readFileSync(join(assets, f), 'utf8')) as {
      sources: string[];
      names: string[];
      mappings: string;
      sourcesContent?: (string | null)[];
    };
    const js = f.slice(0, -4);
    out.set(js, {
      code: readFileSync(join(assets, js), 'utf8').split('\n'),
      lines: decodeMappings(m.mappings),
      // Sources are relative to the map; report them relative to the project.
      sources: m.sources.map((s) => posix.relative(ROOT, posix.resolve(assets, s))),
      names: m.names,
      content: m.sourcesContent ?? [],
    });
  }
  return out;
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** "name (src/app/render/drawPane.ts:245)" for a frame of the built JS; V8 positions are 0-based. */
function symbolicate(
  maps: Map<string, SourceMap>,
  cf: CallFrame,
  cache: Map<string, { label: string; file: string }>,
): { label: string; file: string } {
  cf = {
    functionName: cf.functionName ?? '',
    url: cf.url ?? '',
    lineNumber: cf.lineNumber ?? -1,
    columnNumber: cf.columnNumber ?? -1,
  };
  const key = `${cf.url}:${cf.lineNumber}:${cf.columnNumber}:${cf.functionName}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const base = cf.url.split('/').pop() ?? '';
  const m = maps.get(base);
  let res: { label: string; file: string };
  if (!cf.url) res = { label: cf.functionName || '(anonymous internal script)', file: '' };
  else if (!m || cf.lineNumber < 0)
    res = { label: `${cf.functionName || '(anonymous)'} (${base || cf.url}:${cf.lineNumber + 1})`, file: base };
  else {
    const segs = m.lines[cf.lineNumber] ?? [];
    let lo = 0,
      hi = segs.length - 1,
      at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid]!.col <= cf.columnNumber) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at < 0) res = { label: `${cf.functionName || '(anonymous)'} (${base})`, file: base };
    else {
      const s = segs[at]!;
      const file = m.sources[s.src] ?? '?';
      // The function's name: a named segment just before its start, if only "name", "name=",
      // "name:" or "function name" separates them (a callee's name before "(" does not count).
      let name = '';
      const gen = m.code[cf.lineNumber] ?? '';
      for (let k = at; k >= 0 && k >= at - 4; k--) {
        const sk = segs[k]!;
        if (sk.name < 0) continue;
        const between = gen.slice(sk.col, cf.columnNumber);
        if (/^[\w$]+\s*(?:[=:]\s*)?(?:async\s*)?(?:function\s*\*?\s*)?$/.test(between)) name = m.names[sk.name] ?? '';
        break;
      }
      if (!name) {
        const srcLine = (m.content[s.src] ?? '').split('\n')[s.line] ?? '';
        const before = srcLine.slice(0, s.scol + 1);
        const mm =
          /(?:function\s*\*?\s*([\w$]+)\s*\($|([\w$]+)\s*[=:]\s*(?:async\s*)?(?:\(?[\w$,\s]*\)?\s*(?::\s*[\w$<>[\],\s|]+)?\s*=>|function)?\s*\(?$|([\w$]+)\s*\($)/.exec(
            before.trimEnd(),
          );
        name = mm?.[1] ?? mm?.[2] ?? mm?.[3] ?? '';
      }
      const label = name || `(anonymous) "${((m.content[s.src] ?? '').split('\n')[s.line] ?? '').trim().slice(0, 70)}"`;
      res = { label: `${label} (${file}:${s.line + 1})`, file };
    }
  }
  cache.set(key, res);
  return res;
}

/** "src/app/render/drawPane.ts:242 ctx.fillRect(...)" for a 1-based position in a built file. */
function sourceLine(
  maps: Map<string, SourceMap>,
  url: string,
  line: number,
  col: number,
  cache: Map<string, string | null>,
): string | null {
  const key = `${url}:${line}:${col}`;
  if (cache.has(key)) return cache.get(key)!;
  const m = maps.get(url.split('/').pop() ?? '');
  let res: string | null = null;
  const segs = m?.lines[line - 1];
  if (m && segs && line > 0 && col > 0) {
    let at: Seg | null = null;
    for (const sg of segs) {
      if (sg.col <= col - 1) at = sg;
      else break;
    }
    if (at)
      res = `${m.sources[at.src]}:${at.line + 1}  ${((m.content[at.src] ?? '').split('\n')[at.line] ?? '').trim().slice(0, 90)}`;
  }
  cache.set(key, res);
  return res;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface Sample {
  ts: number;
  w: number;
  stack: number[]; // node ids, leaf first
  /** Position being executed (1-based line and column of the built file), when the trace has it. */
  line: number;
  col: number;
}

interface ProfileData {
  nodes: Map<number, { cf: CallFrame; parent: number }>;
  samples: Sample[];
}

function mainThreadProfile(events: TraceEvent[], pid: number, tid: number): ProfileData {
  const profiles = new Map<
    string,
    {
      start: number;
      nodes: Map<number, { cf: CallFrame; parent: number }>;
      ids: number[];
      deltas: number[];
      lines: number[];
      cols: number[];
      tid: number;
    }
  >();
  for (const e of events) {
    if (e.pid !== pid || (e.name !== 'Profile' && e.name !== 'ProfileChunk')) continue;
    const id = `${e.pid}:${e.id}`;
    const d = (e.args?.data ?? {}) as {
      startTime?: number;
      cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: CallFrame }[]; samples?: number[] };
      timeDeltas?: number[];
      lines?: number[];
      columns?: number[];
    };
    let p = profiles.get(id);
    if (!p)
      profiles.set(id, (p = { start: 0, nodes: new Map(), ids: [], deltas: [], lines: [], cols: [], tid: e.tid }));
    if (e.name === 'Profile') {
      p.start = d.startTime ?? e.ts;
      p.tid = e.tid;
      continue;
    }
    for (const n of d.cpuProfile?.nodes ?? []) p.nodes.set(n.id, { cf: n.callFrame, parent: n.parent ?? 0 });
    const ids = d.cpuProfile?.samples ?? [];
    for (let i = 0; i < ids.length; i++) {
      p.ids.push(ids[i]!);
      p.deltas.push(d.timeDeltas?.[i] ?? 0);
      p.lines.push(d.lines?.[i] ?? 0);
      p.cols.push(d.columns?.[i] ?? 0);
    }
  }
  // The main thread's profile is the one recorded on its tid (or, failing that, the one with app frames).
  let best = [...profiles.values()].find((p) => p.tid === tid);
  if (!best) best = [...profiles.values()].sort((a, b) => b.ids.length - a.ids.length)[0];
  const samples: Sample[] = [];
  if (!best) return { nodes: new Map(), samples };
  let t = best.start;
  for (let i = 0; i < best.ids.length; i++) {
    t += best.deltas[i] ?? 0;
    const stack: number[] = [];
    for (let n = best.ids[i]!; n && best.nodes.has(n); n = best.nodes.get(n)!.parent) stack.push(n);
    samples.push({ ts: t, w: 0, stack, line: best.lines[i]!, col: best.cols[i]! });
  }
  for (let i = 0; i < samples.length; i++)
    samples[i]!.w = i + 1 < samples.length ? Math.min(samples[i + 1]!.ts - samples[i]!.ts, 10_000) : 0;
  return { nodes: best.nodes, samples };
}

type Ranked = { fn: string; ms: number }[];

interface PhaseAttribution {
  /** Long tasks of this phase in the traced pass, and their total duration. */
  tasks: number;
  taskMs: number;
  /** Outermost trace events inside those tasks (what the browser was doing), ms. */
  activities: Ranked;
  /** Inclusive CPU time inside those tasks by function in src/, ms. */
  appInclusive: Ranked;
  /** Self CPU time inside those tasks by function (any code; "(program)" = native browser work), ms. */
  self: Ranked;
  /** Self CPU time inside those tasks by source line of src/ code, ms. */
  hotLines: Ranked;
  /** The longest task of the phase, in the same terms. */
  longest: { startMs: number; durationMs: number; activities: Ranked; appInclusive: Ranked; self: Ranked } | null;
  /** Main-thread CPU over the whole phase (long tasks or not) by function in src/, inclusive, ms. */
  wholePhase: Ranked;
}

interface Attribution {
  note: string;
  tracedLongTasks: Record<Phase, number>;
  phases: Partial<Record<Phase, PhaseAttribution>>;
}

const ACTIVITY = new Set([
  'FunctionCall',
  'FireAnimationFrame',
  'EventDispatch',
  'TimerFire',
  'EvaluateScript',
  'v8.evaluateModule',
  'v8.compile',
  'v8.compileModule',
  'ParseHTML',
  'Layout',
  'UpdateLayoutTree',
  'Paint',
  'PrePaint',
  'Layerize',
  'Commit',
  'MinorGC',
  'MajorGC',
  'RunMicrotasks',
  'HandlePostMessage',
  'FireIdleCallback',
]);
const SCRIPT = new Set([
  'FunctionCall',
  'FireAnimationFrame',
  'EventDispatch',
  'TimerFire',
  'EvaluateScript',
  'v8.evaluateModule',
  'RunMicrotasks',
  'HandlePostMessage',
]);

function describeActivity(e: TraceEvent): string {
  const d = (e.args?.data ?? {}) as { type?: string; url?: string };
  if (e.name === 'EventDispatch') return `EventDispatch(${d.type ?? '?'})`;
  if (e.name === 'EvaluateScript' || e.name === 'v8.compile') return `${e.name}(${(d.url ?? '').split('/').pop()})`;
  return e.name;
}

function attribute(tracePath: string, r: PassResult, maps: Map<string, SourceMap>): Attribution {
  const raw = JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
  const tracedLongTasks = { load: 0, settle: 0, playback: 0, zoomPan: 0 } as Record<Phase, number>;
  for (const lt of r.longTasks) {
    const p = phaseOf(r, lt.start);
    if (p) tracedLongTasks[p]++;
  }
  const markEv = events.find((e) => e.name === 'uib:playback:start' && e.cat.includes('user_timing'));
  if (!markEv) return { note: 'no user-timing mark in the trace: cannot align it', tracedLongTasks, phases: {} };
  const { pid, tid } = markEv;
  const offsetUs = markEv.ts - r.marks['uib:playback:start']! * 1000; // trace µs = perf ms * 1000 + offset
  const toTrace = (ms: number): number => ms * 1000 + offsetUs;
  const prof = mainThreadProfile(events, pid, tid);
  const cache = new Map<string, { label: string; file: string }>();
  const sym = (n: number): { label: string; file: string } => symbolicate(maps, prof.nodes.get(n)!.cf, cache);
  const isApp = (f: string): boolean => f.startsWith('src/');
  const inWindow = (a: number, b: number): Sample[] => prof.samples.filter((s) => s.ts >= a && s.ts <= b);
  const add = (m: Map<string, number>, k: string, v: number): void => void m.set(k, (m.get(k) ?? 0) + v);
  const top = (m: Map<string, number>, n: number): Ranked =>
    [...m]
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .filter(([, us]) => us >= 500)
      .map(([fn, us]) => ({ fn, ms: round(us / 1000, 1) }));
  const main = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts);

  // Per window: outermost activities, forced layouts (Layout/style inside script), CPU by function.
  const lineCache = new Map<string, string | null>();
  const collect = (
    a: number,
    b: number,
    acts: Map<string, number>,
    incl: Map<string, number>,
    self: Map<string, number>,
    hot?: Map<string, number>,
  ): void => {
    let outerEnd = -Infinity,
      scriptEnd = -Infinity;
    for (const e of main) {
      if (e.ts < a - 1000 || e.ts > b || !ACTIVITY.has(e.name)) continue;
      const end = e.ts + e.dur!;
      if ((e.name === 'Layout' || e.name === 'UpdateLayoutTree') && e.ts < scriptEnd)
        add(acts, `${e.name} forced by script`, e.dur!);
      if (SCRIPT.has(e.name) && e.ts >= scriptEnd) scriptEnd = end;
      if (e.ts < outerEnd) continue;
      outerEnd = end;
      add(acts, describeActivity(e), e.dur!);
    }
    for (const s of inWindow(a, b)) {
      if (!s.stack.length) continue;
      const leaf = sym(s.stack[0]!);
      add(self, leaf.label, s.w);
      if (hot && isApp(leaf.file) && s.line) {
        const where = sourceLine(maps, prof.nodes.get(s.stack[0]!)!.cf.url ?? '', s.line, s.col, lineCache);
        if (where) add(hot, where, s.w);
      }
      const seen = new Set<string>();
      for (const n of s.stack) {
        const f = sym(n);
        if (!isApp(f.file) || seen.has(f.label)) continue;
        seen.add(f.label);
        add(incl, f.label, s.w);
      }
    }
  };

  const phases: Partial<Record<Phase, PhaseAttribution>> = {};
  const windows: [Phase, number, number][] = [
    ['load', 0, r.drawnAtMs],
    ['playback', r.marks['uib:playback:start']!, r.marks['uib:playback:end']!],
    ['zoomPan', r.marks['uib:zoom:start']!, r.marks['uib:zoom:end']!],
  ];
  for (const [ph, ws, we] of windows) {
    const lts = r.longTasks.filter((lt) => phaseOf(r, lt.start) === ph);
    const acts = new Map<string, number>(),
      incl = new Map<string, number>(),
      self = new Map<string, number>(),
      hot = new Map<string, number>();
    for (const lt of lts) collect(toTrace(lt.start), toTrace(lt.start + lt.duration), acts, incl, self, hot);
    const longestLt = lts.reduce<LongTask | null>((x, y) => (!x || y.duration > x.duration ? y : x), null);
    let longest: PhaseAttribution['longest'] = null;
    if (longestLt) {
      const a2 = new Map<string, number>(),
        i2 = new Map<string, number>(),
        s2 = new Map<string, number>();
      collect(toTrace(longestLt.start), toTrace(longestLt.start + longestLt.duration), a2, i2, s2);
      longest = {
        startMs: round(longestLt.start, 1),
        durationMs: round(longestLt.duration, 1),
        activities: top(a2, 6),
        appInclusive: top(i2, 8),
        self: top(s2, 6),
      };
    }
    const wa = new Map<string, number>(),
      wi = new Map<string, number>(),
      wsf = new Map<string, number>();
    collect(toTrace(ws), toTrace(we), wa, wi, wsf);
    phases[ph] = {
      tasks: lts.length,
      taskMs: round(
        lts.reduce((x, y) => x + y.duration, 0),
        1,
      ),
      activities: top(acts, 8),
      appInclusive: top(incl, 12),
      self: top(self, 8),
      hotLines: top(hot, 8),
      longest,
      wholePhase: top(wi, 8),
    };
  }
  const note = prof.samples.length
    ? `${prof.samples.length} CPU samples on the renderer main thread`
    : 'no CPU samples found for the renderer main thread';
  return { note, tracedLongTasks, phases };
}

// ---------------------------------------------------------------------------------------------

async function main(tmp: string): Promise<void> {
  const { values: opts } = parseArgs({
    options: {
      port: { type: 'string', default: '4175' },
      'no-build': { type: 'boolean', default: false },
      'no-attribution': { type: 'boolean', default: false },
      trace: { type: 'string' },
      gpu: { type: 'boolean', default: false },
    },
  });
  const dist = join(ROOT, 'dist');
  const served = join(tmp, 'dist');
  // Build, then serve a private snapshot of dist/: other sessions (npm run e2e) rebuild dist/ too,
  // and a rebuild in the middle of the bench would change what is measured.
  // The source maps for attribution come from a second build made right away (`--sourcemap hidden`
  // changes no byte of the JS); if the sources change in between, the JS differs and both rebuild.
  const mapsDir = join(tmp, 'maps');
  let mapsOk = false;
  for (let attempt = 1; ; attempt++) {
    let entry: string | null = null;
    if (!opts['no-build']) {
      console.log('== vite build');
      entry = /assets\/(index-[\w-]+\.js)/.exec(vite(['build']))?.[1] ?? null;
    }
    if (!opts['no-attribution'])
      vite(['build', '--sourcemap', 'hidden', '--outDir', mapsDir, '--emptyOutDir', '--logLevel', 'warn']);
    if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/index.html is missing: run without --no-build');
    rmSync(served, { recursive: true, force: true });
    cpSync(dist, served, { recursive: true });
    const fresh = !entry || readFileSync(join(served, 'index.html'), 'utf8').includes(`/assets/${entry}`);
    const b = bundleSizes(served);
    mapsOk =
      !opts['no-attribution'] &&
      [...b.initial.files, ...b.worker.files].every(
        (f) => existsSync(join(mapsDir, f)) && readFileSync(join(mapsDir, f)).equals(readFileSync(join(served, f))),
      );
    if (fresh && (mapsOk || opts['no-attribution'] || opts['no-build'])) break;
    if (attempt === 3) {
      if (!fresh) throw new Error('dist/ keeps changing under the bench (is another build running?)');
      console.log('   (the source-mapped build keeps differing from dist/: attribution will show minified names)');
      break;
    }
    console.log(
      fresh
        ? '   sources changed between the two builds: building again'
        : '   dist/ changed right after the build (another build running?): building again',
    );
  }
  const sizes = bundleSizes(served);

  const scenario = uiBenchScenario();
  const policies = [...SEED_POLICY_IDS];
  const fragment = encodeShare({ scenario, policies });
  const port = await freePort(Number(opts.port));
  console.log(`== vite preview on 127.0.0.1:${port} (serving a snapshot of dist/)`);
  const preview = await startPreview(port, served);
  const url = `http://127.0.0.1:${port}/#${fragment}`;
  const onSignal = (): void => {
    preview.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        ...(opts.gpu ? [] : ['--disable-gpu']),
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    console.log(`== measuring (share link: ${fragment.length} characters; ${policies.join(', ')})`);
    const r = await runPass(browser, url, null);
    if (r.observerError) throw new Error(`the longtask PerformanceObserver failed: ${r.observerError}`);

    const byPhase = (lts: LongTask[]): Record<Phase, LongTask[]> => {
      const o = { load: [], settle: [], playback: [], zoomPan: [] } as Record<Phase, LongTask[]>;
      for (const lt of lts) {
        const p = phaseOf(r, lt.start);
        if (p) o[p].push(lt);
      }
      return o;
    };
    const lts = byPhase(r.longTasks);
    const totalMs = (xs: LongTask[]): number =>
      round(
        xs.reduce((a, x) => a + x.duration, 0),
        1,
      );
    const maxMs = (xs: LongTask[]): number =>
      round(
        xs.reduce((a, x) => Math.max(a, x.duration), 0),
        1,
      );

    // Attribution pass (same phases under a Chrome trace), only when there is something to explain.
    let attribution: Attribution | null = null;
    if (r.longTasks.length && !opts['no-attribution']) {
      console.log('== long tasks found: repeating the phases under a Chrome trace to attribute them');
      const maps = mapsOk ? loadMaps(mapsDir) : new Map<string, SourceMap>();
      if (!mapsOk) console.log('   (no source maps matching the served build: frames stay minified)');
      const tracePath = opts.trace ? resolve(opts.trace) : join(tmp, 'trace.json');
      const t = await runPass(browser, url, tracePath);
      attribution = attribute(tracePath, t, maps);
    }

    const raises = r.state.raises;
    const playbackSec = (r.marks['uib:playback:end']! - r.marks['uib:playback:start']!) / 1000;
    const zoomSec = (r.marks['uib:zoom:end']! - r.marks['uib:zoom:start']!) / 1000;
    const simRound = r.sim ? r.sim.receivedAt - r.sim.postedAt : NaN;

    console.log('');
    console.log(
      `msix-lab UI bench: ${policies.length} policies x ${scenario.device.tableSize}-entry table x ${raises[0]?.toLocaleString('en-US')} raises (per pane), headless Chromium 1440x900`,
    );
    console.log(
      `  initial JS (gzip -9)     ${fmt(sizes.initial.gzipBytes / 1024)} KB  (${sizes.initial.files.join(', ')}; ${fmt(sizes.initial.bytes / 1024)} KB raw)`,
    );
    console.log(
      `  worker JS (gzip -9)      ${fmt(sizes.worker.gzipBytes / 1024)} KB  (${sizes.worker.files.join(', ')}; ${fmt(sizes.worker.bytes / 1024)} KB raw)`,
    );
    console.log(
      `  load                     drawn at ${fmt(r.drawnAtMs, 0)} ms after navigation; Worker simulation ${fmt(r.sim?.elapsedMs ?? NaN, 0)} ms (request to reply on the page: ${fmt(simRound, 0)} ms)`,
    );
    console.log(`  canvases                 ${r.canvas.n}, ${fmt(r.canvas.px / 1e6, 2)} Mpx of backing store in total`);
    console.log(
      `  raises drawn per pane    ${raises.map((n, i) => `${r.state.policies[i]} ${n.toLocaleString('en-US')}`).join(', ')}`,
    );
    console.log(
      `  playback                 ${fmt(playbackSec)} s at ${SPEED_NS_PER_S / 1e6} ms/s: cursor ${fmt(r.cursorTravel.fromNs / 1e6, 2)} -> ${fmt(r.cursorTravel.toNs / 1e6, 2)} ms (${fmt(100 * r.cursorTravel.fraction, 0)}% of the run); ${r.playbackFrames.length} frames (${fmt(r.playbackFrames.length / playbackSec)} fps); frame ms p50 ${fmt(percentile(r.playbackFrames, 50), 2)} p95 ${fmt(percentile(r.playbackFrames, 95), 2)} max ${fmt(Math.max(...r.playbackFrames), 1)}`,
    );
    console.log(
      `  zoom/pan                 ${fmt(zoomSec)} s: window ${fmt(r.zoom.minWidthNs / 1e3, 1)} us .. ${fmt(r.zoom.maxWidthNs / 1e6, 2)} ms of ${fmt(r.zoom.extentNs / 1e6, 2)} ms, ${r.zoom.domainChanges} distinct windows sampled; ${r.zoomFrames.length} frames; frame ms p50 ${fmt(percentile(r.zoomFrames, 50), 2)} p95 ${fmt(percentile(r.zoomFrames, 95), 2)} max ${fmt(Math.max(...r.zoomFrames), 1)}`,
    );
    console.log(
      `  long tasks (>= ${LONG_TASK_MS} ms)      load ${lts.load.length} (${totalMs(lts.load)} ms, max ${maxMs(lts.load)}), playback ${lts.playback.length} (${totalMs(lts.playback)} ms, max ${maxMs(lts.playback)}), zoom/pan ${lts.zoomPan.length} (${totalMs(lts.zoomPan)} ms, max ${maxMs(lts.zoomPan)}); between load and playback ${lts.settle.length}`,
    );
    for (const p of PHASES)
      for (const lt of lts[p])
        console.log(
          `    ${p.padEnd(8)} at ${fmt(lt.start, 0).padStart(6)} ms  ${fmt(lt.duration, 0).padStart(4)} ms  ${lt.attribution}`,
        );
    if (r.errors.length) console.log(`  page errors: ${r.errors.join(' | ')}`);
    if (attribution) {
      const list = (xs: Ranked): string => xs.map((x) => `${x.fn} ${fmt(x.ms)}`).join('; ');
      console.log('');
      console.log(
        `Attribution (a second pass under a Chrome trace; ${attribution.note}; long tasks in that pass: ${JSON.stringify(attribution.tracedLongTasks)})`,
      );
      console.log(
        '"incl" = CPU time inside long tasks with the function on the stack; "self" = in the function itself ("(program)" = native browser work outside JS).',
      );
      for (const [ph, a] of Object.entries(attribution.phases)) {
        console.log(`  ${ph}: ${a.tasks} long tasks, ${fmt(a.taskMs)} ms in total`);
        if (a.tasks) {
          console.log(`    browser activity: ${list(a.activities)}`);
          for (const f of a.appInclusive) console.log(`    incl ${fmt(f.ms).padStart(7)} ms  ${f.fn}`);
          console.log(`    self: ${list(a.self)}`);
          if (a.hotLines.length) console.log(`    hottest src/ lines (self):`);
          for (const f of a.hotLines) console.log(`      ${fmt(f.ms).padStart(7)} ms  ${f.fn}`);
        }
        if (a.longest) {
          console.log(
            `    longest task: ${a.longest.durationMs} ms at ${a.longest.startMs} ms: ${list(a.longest.activities)}`,
          );
          console.log(`      incl: ${list(a.longest.appInclusive.slice(0, 5))}`);
        }
        if (a.wholePhase.length)
          console.log(`    whole phase, src/ functions (incl): ${list(a.wholePhase.slice(0, 6))}`);
      }
    }

    const summary = {
      longTasks: { load: lts.load.length, playback: lts.playback.length, zoomPan: lts.zoomPan.length },
      frameMsP50: round(percentile(r.playbackFrames, 50), 3),
      frameMsP95: round(percentile(r.playbackFrames, 95), 3),
      zoomFrameMsP50: round(percentile(r.zoomFrames, 50), 3),
      zoomFrameMsP95: round(percentile(r.zoomFrames, 95), 3),
      initialJsGzipKB: round(sizes.initial.gzipBytes / 1024),
      workerJsGzipKB: round(sizes.worker.gzipBytes / 1024),
      workerSimMs: round(r.sim?.elapsedMs ?? NaN, 1),
      workerRoundTripMs: round(simRound, 1),
      drawnAtMs: round(r.drawnAtMs, 1),
      raisesDrawn: raises,
      policies: r.state.policies,
      tableSize: scenario.device.tableSize,
      canvasMegapixels: round(r.canvas.px / 1e6, 2),
      longTaskMs: { load: totalMs(lts.load), playback: totalMs(lts.playback), zoomPan: totalMs(lts.zoomPan) },
      longTaskMaxMs: { load: maxMs(lts.load), playback: maxMs(lts.playback), zoomPan: maxMs(lts.zoomPan) },
      longTasksBetweenLoadAndPlayback: lts.settle.length,
      playback: {
        seconds: round(playbackSec),
        speedNsPerS: SPEED_NS_PER_S,
        frames: r.playbackFrames.length,
        frameMsMax: round(Math.max(...r.playbackFrames), 1),
        cursorTravelFraction: round(r.cursorTravel.fraction, 3),
      },
      zoomPan: {
        seconds: round(zoomSec),
        frames: r.zoomFrames.length,
        frameMsMax: round(Math.max(...r.zoomFrames), 1),
        minWindowNs: Math.round(r.zoom.minWidthNs),
        domainChanges: r.zoom.domainChanges,
      },
      initialJsFiles: sizes.initial.files,
      workerJsFiles: sizes.worker.files,
      attribution: attribution
        ? {
            tracedLongTasks: attribution.tracedLongTasks,
            ...Object.fromEntries(
              Object.entries(attribution.phases).map(([ph, a]) => [
                ph,
                {
                  tasks: a.tasks,
                  taskMs: a.taskMs,
                  activities: a.activities.slice(0, 4),
                  appInclusive: a.appInclusive.slice(0, 6),
                  hotLines: a.hotLines.slice(0, 4),
                },
              ]),
            ),
          }
        : null,
      pageErrors: r.errors,
      chromium: browser.version(),
      gpu: opts.gpu,
      node: process.version,
    };
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench-results/ui.json'), JSON.stringify(summary, null, 2) + '\n');
    console.log(JSON.stringify(summary));
  } finally {
    await browser?.close();
    await stopPreview(preview);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

// Run only as a script, so that uiBenchScenario() can be imported.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const tmp = mkdtempSync(join(tmpdir(), 'msix-ui-bench-'));
  try {
    await main(tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
