import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** Left gutter of every pane canvas (src/app/render/drawPane.ts GUTTER): time maps to [GUTTER, width]. */
export const GUTTER = 72;
export const SEED_POLICIES = ['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc'];

export interface PaneOverlay {
  cursor: number;
  hoverRaise: number;
  selectedRaise: number;
  x: number;
  /** Canvas-local vertical centre of each vector's row, as the pane laid it out. */
  rowCentre: Record<number, number>;
  vectorsTop: number;
  /** Playback pulse window drawn (ns); 0 when paused or under reduced motion. */
  flash: number;
  /** Height of a vector row and the canvas label size (px), as last drawn. */
  rowH: number;
  labelPx: number;
}

/** What window.__msixlab.state() returns (src/app/testHooks.ts). */
export interface AppState {
  cursor: number;
  domain: [number, number];
  extent: [number, number];
  playing: boolean;
  selected: { pane: number; row: number } | null;
  hover: { t: number; stream: number } | null;
  runVersion: number;
  /** Left gutter of the pane canvases, when the hook reports it. */
  gutter?: number;
  policies: string[];
  panes: PaneOverlay[];
  raises: number[];
}

/**
 * Every spec imports `test` from here: an automatic fixture records console errors and page
 * errors (uncaught exceptions, unhandled rejections) and fails the test if there were any.
 */
export const test = base.extend<{ errorGuard: string[] }>({
  errorGuard: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('crash', () => errors.push('page crashed'));
      await use(errors);
      expect(errors, 'console errors and page errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * The app's state. `panes` is cut to the current policy count: the hook's per-pane record is
 * never shortened, so after a run with fewer policies it still holds the removed panes' last draw.
 */
export async function state(page: Page): Promise<AppState> {
  const s = await page.evaluate(() => (window as unknown as { __msixlab: { state(): AppState } }).__msixlab.state());
  return { ...s, panes: s.panes.slice(0, s.policies.length) };
}

/**
 * Waits until run number `minVersion` (or later) is on screen and every pane's overlay has
 * drawn at least once.
 */
export async function waitForRun(page: Page, minVersion = 1): Promise<AppState> {
  await page.waitForFunction((v) => {
    const h = (window as unknown as { __msixlab?: { state(): AppState } }).__msixlab;
    if (!h) return false;
    const s = h.state();
    const panes = s.panes.slice(0, s.policies.length);
    return (
      s.runVersion >= v &&
      s.policies.length > 0 &&
      panes.length === s.policies.length &&
      panes.every((p) => p && typeof p.cursor === 'number')
    );
  }, minVersion);
  await expect(page.getByTestId(/^pane-\d+$/)).toHaveCount((await state(page)).policies.length);
  await nextFrames(page);
  return state(page);
}

/** Opens the app (optionally with a URL fragment) and waits for the first run. */
export async function openApp(page: Page, hash = ''): Promise<AppState> {
  await page.goto('/' + hash);
  return waitForRun(page);
}

/** Lets the app's requestAnimationFrame loop run twice (redraws are coalesced into rAF). */
export async function nextFrames(page: Page, n = 2): Promise<void> {
  await page.evaluate(async (k) => {
    for (let i = 0; i < k; i++) await new Promise((r) => requestAnimationFrame(() => r(null)));
  }, n);
}

/** The x (CSS px, canvas-local) at which the shared time scale draws time t. */
export function xOf(s: AppState, t: number, canvasWidth: number): number {
  const [a, b] = s.domain;
  const g = s.gutter ?? GUTTER;
  return g + ((t - a) / (b - a)) * (canvasWidth - g);
}

/** Vertical centre (canvas-local) of vector v's row in pane `pane`, as the app laid it out. */
export function rowCentre(s: AppState, v: number, pane = 0): number {
  const y = s.panes[pane]?.rowCentre[v];
  if (y === undefined) throw new Error(`pane ${pane} has no row for vector ${v}`);
  return y;
}

/**
 * Asserts that every pane's overlay last drew the cursor at the same time as the shared
 * viewport, and at the x the shared scale gives (polls: overlays redraw on the next frame).
 */
export async function expectPanesFollow(page: Page, cursor?: number): Promise<AppState> {
  await expect
    .poll(
      async () => {
        const s = await state(page);
        const want = cursor ?? s.cursor;
        return s.panes.length > 0 && s.cursor === want && s.panes.every((p) => p.cursor === want);
      },
      { message: 'every pane overlay drew the shared cursor' },
    )
    .toBe(true);
  const s = await state(page);
  const width = (await page.getByTestId('overlay-0').boundingBox())!.width;
  const [a, b] = s.domain;
  if (s.cursor >= a && s.cursor <= b) {
    for (const p of s.panes) expect(p.x).toBeCloseTo(xOf(s, s.cursor, width), 3);
  }
  return s;
}

/** RGBA of one CSS pixel of a canvas (device pixels are handled). */
export async function pixel(canvas: Locator, x: number, y: number): Promise<[number, number, number, number]> {
  return canvas.evaluate(
    (c, [px, py]) => {
      const el = c as HTMLCanvasElement;
      const k = el.width / el.clientWidth;
      if (!el.width || !el.height) return [0, 0, 0, 0] as [number, number, number, number]; // an empty overlay has a 0×0 backing store
      // The panes show bitmaps (render/surface.ts): read them through a 2D copy.
      const g = Object.assign(document.createElement('canvas'), { width: el.width, height: el.height }).getContext(
        '2d',
      )!;
      g.drawImage(el, 0, 0);
      const d = g.getImageData(Math.floor(px! * k), Math.floor(py! * k), 1, 1).data;
      return [d[0]!, d[1]!, d[2]!, d[3]!] as [number, number, number, number];
    },
    [x, y],
  );
}

/** Largest alpha in a small box around (x, y) of a canvas. */
export async function maxAlphaAround(canvas: Locator, x: number, y: number, r = 2): Promise<number> {
  return canvas.evaluate(
    (c, [px, py, rr]) => {
      const el = c as HTMLCanvasElement;
      const k = el.width / el.clientWidth;
      if (!el.width || !el.height) return 0; // an empty overlay has a 0×0 backing store
      const x0 = Math.max(0, Math.floor((px! - rr!) * k)),
        y0 = Math.max(0, Math.floor((py! - rr!) * k));
      // The panes show bitmaps (render/surface.ts): read them through a 2D copy.
      const g = Object.assign(document.createElement('canvas'), { width: el.width, height: el.height }).getContext(
        '2d',
      )!;
      g.drawImage(el, 0, 0);
      const d = g.getImageData(x0, y0, Math.ceil(2 * rr! * k) + 1, Math.ceil(2 * rr! * k) + 1).data;
      let m = 0;
      for (let i = 3; i < d.length; i += 4) m = Math.max(m, d[i]!);
      return m;
    },
    [x, y, r],
  );
}

/** True if some pixel in a small box around (x, y) is the "lost" red of the current theme. */
export async function hasLostRedAround(canvas: Locator, x: number, y: number, r = 2): Promise<boolean> {
  return canvas.evaluate(
    (c, [px, py, rr]) => {
      const el = c as HTMLCanvasElement;
      const k = el.width / el.clientWidth;
      if (!el.width || !el.height) return false; // an empty overlay has a 0×0 backing store
      const hex = getComputedStyle(document.documentElement).getPropertyValue('--c-lost').trim();
      const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const x0 = Math.max(0, Math.floor((px! - rr!) * k)),
        y0 = Math.max(0, Math.floor((py! - rr!) * k));
      // The panes show bitmaps (render/surface.ts): read them through a 2D copy.
      const g = Object.assign(document.createElement('canvas'), { width: el.width, height: el.height }).getContext(
        '2d',
      )!;
      g.drawImage(el, 0, 0);
      const d = g.getImageData(x0, y0, Math.ceil(2 * rr! * k) + 1, Math.ceil(2 * rr! * k) + 1).data;
      for (let i = 0; i < d.length; i += 4) {
        if (
          d[i + 3]! > 200 &&
          Math.abs(d[i]! - want[0]!) < 40 &&
          Math.abs(d[i + 1]! - want[1]!) < 40 &&
          Math.abs(d[i + 2]! - want[2]!) < 40
        )
          return true;
      }
      return false;
    },
    [x, y, r],
  );
}

/** Scrolls pane i's overlay canvas into view and returns its bounding box. */
export async function overlayBox(
  page: Page,
  i: number,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const ov = page.getByTestId(`overlay-${i}`);
  await ov.scrollIntoViewIfNeeded();
  return (await ov.boundingBox())!;
}

/** Moves keyboard focus to nothing (the document body), so global shortcuts are not captured by a control. */
export async function blurAll(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/**
 * Fails unless `loc` is on screen and on top at its centre (not under a sheet, a toast or a
 * fixed column): `toBeInViewport` alone passes for an element hidden behind another. With
 * `scroll`, it is first scrolled to the middle of the screen (reachable by scrolling); without,
 * it must be visible where it is.
 */
export async function expectUncovered(loc: Locator, what = 'element', scroll = false): Promise<void> {
  if (scroll) await loc.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const hit = await loc.evaluate((e) => {
    const r = e.getBoundingClientRect();
    const x = r.left + Math.min(r.width / 2, 40);
    const y = r.top + Math.min(r.height / 2, 12);
    const top = document.elementFromPoint(x, y);
    return top && (e === top || e.contains(top))
      ? 'on top'
      : `covered by ${top?.tagName ?? 'nothing (off screen)'}.${top?.className ?? ''}`;
  });
  expect(hit, `${what} is visible, not covered`).toBe('on top');
}

/**
 * The header's menus (src/app/components/layout/MenuButton.tsx): which menu holds each item.
 * Moving an item to another menu is one line here.
 */
const MENU_OF: Record<string, string> = {
  'edit-json': 'scenario-menu',
  'open-builder': 'scenario-menu',
  'open-import': 'scenario-menu',
  'download-scenario': 'scenario-menu',
  'open-sweep': 'scenario-menu',
  practice: 'lessons-menu',
  'lesson-write': 'lessons-menu',
  'lesson-import-menu': 'lessons-menu',
  'theme-system': 'settings-menu',
  'theme-light': 'settings-menu',
  'theme-dark': 'settings-menu',
  'shortcuts-menu-toggle': 'settings-menu',
};

/** Opens the header menu that holds the item with this test id, and chooses the item. */
export async function openMenuItem(page: Page, testid: string): Promise<void> {
  const menu = MENU_OF[testid] ?? (testid.startsWith('lesson-open-') ? 'lessons-menu' : undefined);
  if (!menu) throw new Error(`no header menu holds ${testid}`);
  const item = page.getByTestId(testid);
  if (!(await item.isVisible())) await page.getByTestId(menu).click();
  await item.click();
}

/** Chooses a theme in the header's settings menu, then closes the menu (Escape). */
export async function setTheme(page: Page, theme: 'system' | 'light' | 'dark'): Promise<void> {
  await openMenuItem(page, `theme-${theme}`);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'settings' })).toHaveCount(0);
  if (theme !== 'system') await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** Opens the share-link note box (the ✎ beside Share link) if it is shut. */
export async function openShareNote(page: Page): Promise<void> {
  if (!(await page.getByTestId('share-note').isVisible())) await page.getByTestId('share-note-toggle').click();
}

/** No horizontal page scroll: the document is no wider than the window. */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { sw, iw } = await page.evaluate(() => ({
    sw: document.documentElement.scrollWidth,
    iw: window.innerWidth,
  }));
  expect(sw, `${what}: page width ${sw} px within the ${iw} px window`).toBeLessThanOrEqual(iw);
}
