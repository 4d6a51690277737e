import { useEffect, useLayoutEffect, type RefObject } from 'react';

/** Gap between a popover and the screen's edges, and below its button (px). */
const EDGE = 8;

/**
 * A popover under its button (the header's menus and the link-note box): fixed-positioned so no
 * scroller clips it, aligned to the button's left edge (or right, for buttons on the right half),
 * clamped inside the screen so it never widens the page on a phone, and as tall as the space below.
 * A press outside (mouse, pen or touch) closes it; Escape closes it and gives the focus back to the
 * button, and goes no further (the page's own Escape, clearing the selection, should not also run).
 */
export function usePopover(
  open: boolean,
  close: () => void,
  button: RefObject<HTMLElement | null>,
  pop: RefObject<HTMLElement | null>,
): void {
  useLayoutEffect(() => {
    if (!open) return;
    const place = (): void => {
      const b = button.current?.getBoundingClientRect();
      const p = pop.current;
      if (!b || !p) return;
      const w = Math.min(p.offsetWidth, innerWidth - 2 * EDGE);
      const preferred = b.left + b.width / 2 > innerWidth / 2 ? b.right - w : b.left;
      p.style.left = `${Math.max(EDGE, Math.min(preferred, innerWidth - w - EDGE))}px`;
      p.style.top = `${b.bottom + 4}px`;
      p.style.maxHeight = `${Math.max(120, innerHeight - b.bottom - 4 - EDGE)}px`;
    };
    place();
    // The popover's content may arrive later (the lesson list loads on first open).
    const grown = new ResizeObserver(place);
    if (pop.current) grown.observe(pop.current);
    addEventListener('resize', place);
    return () => {
      grown.disconnect();
      removeEventListener('resize', place);
    };
  }, [open, button, pop]);

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent): void => {
      const t = e.target as Node;
      if (!pop.current?.contains(t) && !button.current?.contains(t)) close();
    };
    const esc = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      close();
      button.current?.focus();
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', esc, true);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', esc, true);
    };
  }, [open, close, button, pop]);
}
