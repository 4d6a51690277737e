import { useEffect, useRef, useState } from 'react';
import type { Scenario } from '../../../core/scenario/schema.ts';
import { useBuilder, openBuilderFromScreen } from '../../state/builder.ts';
import { timeScale } from '../../render/scale.ts';
import { fmtTime } from '../../render/format.ts';
import { setCursor } from '../../state/viewport.ts';
import { addStepAt } from './ScenarioBuilder.tsx';

/**
 * The timeline's context action: right-click (or the context-menu key) on a pane offers "add a
 * step here", which opens the builder with a new step at that moment, its time field focused.
 */
export function StepHereMenu() {
  const [at, setAt] = useState<{ t: number; x: number; y: number } | null>(null);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const onMenu = (e: MouseEvent): void => {
      const c = e.target as HTMLElement | null;
      if (!(c instanceof HTMLCanvasElement) || !c.closest('.canvasBox')) return;
      e.preventDefault();
      const r = c.getBoundingClientRect();
      const t = Math.max(0, Math.round(timeScale(r.width).invert(e.clientX - r.left)));
      setAt({ t, x: e.clientX, y: e.clientY });
    };
    document.addEventListener('contextmenu', onMenu);
    return () => document.removeEventListener('contextmenu', onMenu);
  }, []);
  useEffect(() => {
    if (!at) return;
    first.current?.focus();
    const close = (e: Event): void => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e.type === 'pointerdown' && (e.target as HTMLElement).closest('.step-menu')) return;
      setAt(null);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [at]);
  if (!at) return null;
  return (
    <div
      className="step-menu"
      role="menu"
      aria-label="timeline actions"
      style={{ left: Math.min(at.x, window.innerWidth - 240), top: Math.min(at.y, window.innerHeight - 80) }}
      data-testid="step-menu"
    >
      <button
        ref={first}
        role="menuitem"
        className="btn"
        onClick={() => {
          setAt(null);
          openBuilderFromScreen();
          setCursor(at.t, false);
          let s: Scenario;
          try {
            s = JSON.parse(useBuilder.getState().draft) as Scenario;
          } catch {
            return; // the draft is not JSON right now: the builder says so
          }
          if (Array.isArray(s.steps) && s.device) addStepAt(s, at.t);
        }}
        data-testid="step-menu-add"
      >
        Add a step here (t = {fmtTime(at.t)})
      </button>
    </div>
  );
}
