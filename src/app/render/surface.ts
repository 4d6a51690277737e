/** A 2D drawing context: a page canvas's own, or an OffscreenCanvas's (see Surface). */
export type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * A page canvas that is drawn off screen and shown as a finished bitmap.
 *
 * Why: Chromium compositing in software (no GPU: VMs, remote desktops, the bench) copies every
 * 2D canvas of the page into each frame it commits, changed or not. With four panes of four
 * canvases, one moving cursor made every commit copy 17 canvases: about 13 ms of main-thread
 * time per frame (Chrome trace: 17 `ProduceCanvasResource` per `Commit`). A `bitmaprenderer`
 * canvas is copied only when it is handed a new bitmap, so a static timeline costs nothing
 * while the cursor plays. Drawing goes to an OffscreenCanvas; `present()` hands its bitmap over
 * without a copy (`transferToImageBitmap`), which leaves the drawing buffer blank: every draw
 * before a present must repaint the whole canvas (all layers here clear and redraw).
 *
 * Browsers without OffscreenCanvas or `bitmaprenderer` draw straight into the canvas's own 2D
 * context (present does nothing).
 */
export interface Surface {
  readonly ctx: Ctx2D;
  /**
   * Sizes the backing store to css × dpr device pixels and scales the context by dpr (clears it).
   * The element's CSS size stays the caller's (a strip sized by its stylesheet keeps it).
   */
  resize(cssWidth: number, cssHeight: number, dpr: number): void;
  /** Shows what was drawn since the last present. */
  present(): void;
}

export function surface(canvas: HTMLCanvasElement): Surface {
  const shown = typeof OffscreenCanvas === 'function' ? canvas.getContext('bitmaprenderer') : null;
  const off = shown ? new OffscreenCanvas(1, 1) : null;
  const ctx = off?.getContext('2d') ?? null;
  if (!shown || !off || !ctx) return directSurface(canvas);
  let scale = 1;
  return {
    ctx,
    resize(w, h, dpr) {
      const dw = Math.round(w * dpr),
        dh = Math.round(h * dpr);
      // Device pixels on the page canvas too: tests and exports read canvas.width as device px.
      if (canvas.width !== dw) canvas.width = dw;
      if (canvas.height !== dh) canvas.height = dh;
      off.width = dw;
      off.height = dh;
      scale = dpr;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    },
    present() {
      shown.transferFromImageBitmap(off.transferToImageBitmap());
      ctx.setTransform(scale, 0, 0, scale, 0, 0); // the drawing buffer starts blank; keep its scale
    },
  };
}

function directSurface(canvas: HTMLCanvasElement): Surface {
  const ctx = canvas.getContext('2d')!;
  return {
    ctx,
    resize(w, h, dpr) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    },
    present() {},
  };
}
