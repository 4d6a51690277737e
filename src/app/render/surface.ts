/** The 2D context the layers draw with. */
export type Ctx2D = CanvasRenderingContext2D;

/**
 * A pane canvas drawn in 2D and, once still, shown as a bitmap in its twin.
 *
 * Why: Chromium compositing in software (no GPU: VMs, remote desktops, the bench) copies every
 * 2D canvas of the page into each frame it commits, changed or not. With four panes of four
 * canvases, one moving cursor made every commit copy 17 canvases: about 13 ms of main-thread
 * time per frame (Chrome trace: 17 `ProduceCanvasResource` per `Commit`), the playback long
 * tasks of `bench:ui`. A `bitmaprenderer` canvas is copied only when handed a new bitmap, and a
 * `visibility: hidden` one not at all. So the base layer draws into its 2D canvas as before (the
 * fast path while zooming: drawing into an OffscreenCanvas and transferring its bitmap cost 15
 * ms a pane, measured), and `settleMs` after its last draw a snapshot (`createImageBitmap`,
 * ~3 ms) goes to the twin, which is shown while the 2D canvas is hidden. The next draw shows the
 * 2D canvas again at once. Both carry the same label; one is displayed at a time.
 *
 * Without `bitmaprenderer` or `createImageBitmap` the 2D canvas simply stays.
 */
export interface Surface {
  readonly ctx: Ctx2D;
  /**
   * Sizes the backing store to css × dpr device pixels and scales the context by dpr (clears it).
   * Sets the CSS size too.
   */
  resize(cssWidth: number, cssHeight: number, dpr: number): void;
  /** Call after each complete redraw. */
  present(): void;
  /**
   * Out of view: show the twin (whatever it holds) and take the 2D canvas out of the layers even
   * if it was never drawn; the next present() brings it back.
   */
  park(): void;
}

export function stillSurface(canvas: HTMLCanvasElement, twin: HTMLCanvasElement, settleMs = 250): Surface {
  const ctx = canvas.getContext('2d')!;
  const shown = typeof createImageBitmap === 'function' ? twin.getContext('bitmaprenderer') : null;
  let drawn = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // `visibility: hidden` keeps the 2D canvas's box (tests and hit testing measure it) but leaves
  // it out of the painted layers.
  const show = (still: boolean): void => {
    canvas.style.visibility = still ? 'hidden' : '';
    twin.style.display = still ? '' : 'none';
  };
  show(false);
  const settle = (mine: number): void => {
    if (!shown) return;
    void createImageBitmap(canvas).then(
      (bmp) => {
        if (mine !== drawn || twin.width !== bmp.width || twin.height !== bmp.height) return bmp.close();
        shown.transferFromImageBitmap(bmp);
        show(true);
      },
      () => {}, // a zero-sized canvas has no bitmap: the 2D canvas stays
    );
  };
  return {
    ctx,
    resize(w, h, dpr) {
      for (const c of [canvas, twin]) {
        c.width = Math.round(w * dpr);
        c.height = Math.round(h * dpr);
        c.style.width = `${w}px`;
        c.style.height = `${h}px`;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    },
    park() {
      if (shown) show(true);
    },
    present() {
      const mine = ++drawn;
      show(false);
      clearTimeout(timer);
      timer = setTimeout(() => settle(mine), settleMs);
    },
  };
}
