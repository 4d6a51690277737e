import { useEffect, useRef } from 'react';
import { useLayout } from '../../state/layoutPrefs.ts';

/**
 * Presentation mode's pointer highlight: a ring that follows the mouse (or pen, or finger) so a
 * room can see what the lecturer points at. A DOM element, not the system cursor, so it shows in
 * screenshots and screen recordings. Moved by transform on the next frame (no layout).
 */
export function PointerRing() {
  const present = useLayout((s) => s.present);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!present) return;
    const el = ref.current!;
    let x = 0,
      y = 0,
      frame = 0;
    const move = (e: PointerEvent): void => {
      x = e.clientX;
      y = e.clientY;
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          el.style.transform = `translate(${x}px, ${y}px)`;
          el.style.opacity = '1';
        });
    };
    const leave = (): void => {
      el.style.opacity = '0';
    };
    window.addEventListener('pointermove', move, { passive: true });
    document.documentElement.addEventListener('pointerleave', leave);
    return () => {
      window.removeEventListener('pointermove', move);
      document.documentElement.removeEventListener('pointerleave', leave);
      cancelAnimationFrame(frame);
    };
  }, [present]);
  if (!present) return null;
  return <div ref={ref} className="pointer-ring" aria-hidden="true" data-testid="pointer-ring" />;
}
