import { useEffect, useMemo, useRef, useState } from 'react';
import { RAISE_ID_COL, RAISE_ROW_KINDS } from '../../core/engine/schema.ts';
import { getRun, useRun } from '../state/runData.ts';
import { useApp } from '../state/store.ts';
import { viewport, onViewport, setCursor } from '../state/viewport.ts';
import { addLayer, redrawAll, redrawLayer, redrawOverlay } from '../render/raf.ts';
import { drawPane } from '../render/drawPane.ts';
import { drawOverlay, drawPulse, PULSE_AT, PULSE_W } from '../render/drawOverlay.ts';
import { GUTTER } from '../render/geometry.ts';
import { activeVectors, layoutPane } from '../render/layout.ts';
import { labelPx } from '../render/textScale.ts';
import { useLayout } from '../state/layoutPrefs.ts';
import { presentRowHeight, useWindowHeight } from './layout/presentFit.ts';
import { palette } from '../render/palette.ts';
import { findRaise, hitTest } from '../render/hitTest.ts';
import { timeScale } from '../render/scale.ts';
import { stillSurface, type Ctx2D } from '../render/surface.ts';
import { playbackFlashNs } from '../playback.ts';
import { PaneHeader } from './PaneHeader.tsx';
import { lastOverlay } from '../testHooks.ts';
import { DiffRings } from './whatif/DiffRings.tsx';
import { onSpoilersChange, veilFrom } from '../state/teach.ts';

/** The raise a selection refers to, as a cross-pane key, or null (a non-raise row). */
export function selectedKey(): { t: number; stream: number } | null {
  const sel = useApp.getState().selected;
  const run = getRun();
  if (!sel || !run) return null;
  const p = run.runs[sel.pane];
  if (!p || !RAISE_ROW_KINDS.has(p.log.kind[sel.row]!)) return null;
  const id = p.log[RAISE_ID_COL][sel.row]!;
  return { t: p.timeline.raises.t[id]!, stream: p.timeline.raises.stream[id]! };
}

/**
 * The selected guest operation as an op index (the same in every pane: one per guest step), or -1.
 * Its label wins over its neighbours' on the guest lane.
 */
export function selectedOp(): number {
  const sel = useApp.getState().selected;
  const rows = sel && getRun()?.runs[sel.pane]?.timeline.ops.row;
  return rows ? rows.indexOf(sel.row) : -1;
}

/**
 * One policy's timeline. React owns the section and the two canvases; drawing happens in the
 * shared rAF loop (base layer: the timeline; overlay: cursor, hover, selection, playback pulses).
 */
export function PaneView({ index }: { index: number }) {
  const expanded = useApp((s) => s.expandedGroups);
  const all = useRun()!;
  const run = all.runs[index]!;
  const panes = all.runs.length;
  const fit = useFitRowHeight(panes);
  const present = useLayout((s) => s.present);
  const winH = useWindowHeight();
  const layout = useMemo(() => {
    if (!present) return layoutPane(run.timeline, expanded, undefined, fit);
    // Presentation mode: rows fitted so every pane shows without scrolling (presentFit.ts).
    const act = activeVectors(run.timeline);
    const rows = layoutPane(run.timeline, expanded, act).rows.length;
    return layoutPane(run.timeline, expanded, act, 13, presentRowHeight(winH, panes, rows));
  }, [run, expanded, fit, present, winH, panes]);
  const box = useRef<HTMLDivElement>(null);
  const base = useRef<HTMLCanvasElement>(null);
  const still = useRef<HTMLCanvasElement>(null);
  const over = useRef<HTMLCanvasElement>(null);
  const pulse = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const el = box.current!,
      bc = base.current!,
      oc = over.current!,
      pc = pulse.current!;
    // The base layer is shown as a bitmap once still (render/surface.ts): no cost per frame then.
    const bs = stillSurface(bc, still.current!);
    const octx = oc.getContext('2d')!,
      pctx = pc.getContext('2d')!;
    // Width comes from the ResizeObserver (its first callback runs after layout), never from a
    // synchronous clientWidth read that would force a layout in the middle of a task.
    let width = 0;
    let hatch: CanvasPattern | null = null;
    let hatchFor: object | null = null;
    // Panes scrolled out of view skip base redraws (and the canvas commit that follows) until seen.
    let visible = true;
    let missed = false;
    const size = (w: number): void => {
      width = w;
      const dpr = window.devicePixelRatio || 1;
      bs.resize(width, layout.height, dpr);
      sizeCanvas(pc, PULSE_W, layout.height);
      sizeCanvas(oc, width, layout.height);
      marksKey = pulseKey = '';
      redrawAll();
    };
    const ro = new ResizeObserver((entries) => size(entries[0]!.contentRect.width));
    ro.observe(el);
    const io = new IntersectionObserver((entries) => {
      visible = entries[entries.length - 1]!.isIntersecting;
      // Out of view, the cursor strip leaves the page's layers (each canvas costs every commit).
      if (!visible) {
        pc.style.display = 'none';
        bs.park();
      }
      pulseKey = '';
      if (visible && missed) redrawLayer(drawBase);
      if (visible) redrawOverlay();
    });
    io.observe(el);
    const tl = run.timeline;
    const rowCentres: Record<number, number> = {};
    for (const r of layout.rows) if (r.kind === 'vector') rowCentres[r.v] = r.y + r.h / 2;
    let marksKey = '';
    let pulseKey = '';
    let opWins = selectedOp();
    const drawBase = (): void => {
      if (width === 0) return;
      if (!visible) {
        missed = true;
        return;
      }
      missed = false;
      const P = palette();
      if (!hatch || hatchFor !== P) {
        hatch = makeHatch(bs.ctx); // the masked-entry pattern follows the theme
        hatchFor = P;
      }
      drawPane(bs.ctx, width, layout, tl, timeScale(width), P, hatch, opWins);
      bs.present();
    };
    const offBase = addLayer('base', drawBase);
    // A newly selected guest operation's label wins on the lane: redraw the base layer then only.
    const offSel = useApp.subscribe((st, prev) => {
      if (st.selected === prev.selected || selectedOp() === opWins) return;
      opWins = selectedOp();
      redrawLayer(drawBase);
    });
    const offOver = addLayer('overlay', () => {
      if (width === 0) return;
      const st = useApp.getState();
      const key = selectedKey();
      const hov = st.hover;
      const sel = st.selected;
      const x = timeScale(width);
      const P = palette();
      const [a, b] = viewport().domain;
      // Rings and selection: redrawn only when they (or the view) change.
      const o = {
        hoverRaise: hov ? findRaise(tl, hov.t, hov.stream) : -1,
        selectedRaise: key ? findRaise(tl, key.t, key.stream) : -1,
        selectedT: sel && !key && sel.pane === index ? run.log.t[sel.row]! : -1,
        veilFrom: veilFrom(),
      };
      const mk = `${o.hoverRaise}|${o.selectedRaise}|${o.selectedT}|${a}|${b}|${width}|${P.cursor}|${o.veilFrom}`;
      if (mk !== marksKey) {
        marksKey = mk;
        // Nothing to ring or veil: a 0×0 backing store, so the compositor has nothing to copy at
        // every commit (render/surface.ts); the element keeps its box for the mouse.
        if (o.hoverRaise < 0 && o.selectedRaise < 0 && o.selectedT < 0 && !(o.veilFrom >= 0)) {
          oc.width = oc.height = 0;
        } else {
          if (oc.width === 0) sizeCanvas(oc, width, layout.height);
          drawOverlay(octx, width, layout, tl, x, P, o);
        }
      }
      // Cursor and pulses: a narrow strip moved by transform.
      // A pane scrolled out of view skips it (each redrawn canvas costs a texture upload in the
      // frame's commit, visible or not); the IntersectionObserver redraws it when seen again.
      const cursor = viewport().cursor;
      const cx = x(cursor);
      const flash = playbackFlashNs();
      // Past the spoiler veil the pulses (coloured by outcome) would give the answer away.
      const inDomain = cx >= GUTTER && cx <= width && !(o.veilFrom >= 0 && cursor > o.veilFrom);
      const pk = `${cursor}|${flash}|${a}|${b}|${width}|${P.cursor}|${o.veilFrom}`;
      if (pk !== pulseKey && visible) {
        pulseKey = pk;
        pc.style.display = inDomain ? '' : 'none';
        pc.style.transform = `translateX(${cx - PULSE_AT}px)`;
        if (inDomain) drawPulse(pctx, layout, tl, x, P, cursor, flash);
      }
      lastOverlay[index] = {
        cursor,
        hoverRaise: o.hoverRaise,
        selectedRaise: o.selectedRaise,
        x: cx,
        rowCentre: rowCentres,
        vectorsTop: layout.vectorsTop,
        flash,
        veilFrom: o.veilFrom,
        rowH: layout.rows[0]?.h ?? 0,
        labelPx: labelPx(Math.max(8, Math.min(11, (layout.rows[0]?.h ?? 10) + 1))),
      };
    });
    const offTeach = onSpoilersChange(redrawOverlay);
    const offVp = onViewport((what) => (what === 'domain' ? redrawAll() : redrawOverlay()));
    const local = (e: MouseEvent): [number, number] => {
      const r = oc.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    };
    const onMove = (e: MouseEvent): void => {
      const [px, py] = local(e);
      const hit = hitTest(tl, layout, timeScale(width), px, py);
      const cur = useApp.getState().hover;
      const next =
        hit && hit.kind === 'raise' ? { t: tl.raises.t[hit.index]!, stream: tl.raises.stream[hit.index]! } : null;
      if (cur?.t !== next?.t || cur?.stream !== next?.stream) useApp.getState().hoverRaise(next);
      oc.style.cursor = hit ? 'pointer' : 'crosshair';
    };
    const onLeave = (): void => {
      if (useApp.getState().hover) useApp.getState().hoverRaise(null);
    };
    const onClick = (e: MouseEvent): void => {
      const [px, py] = local(e);
      const hit = hitTest(tl, layout, timeScale(width), px, py);
      const veil = veilFrom();
      if (hit && veil >= 0 && run.log.t[hit.row]! > veil) return; // behind the spoiler veil: not yet
      if (hit) {
        useApp.getState().select({ pane: index, row: hit.row });
        setCursor(run.log.t[hit.row]!, false); // the registers and every pane follow the selected event
      } else {
        const row = layout.rows.find((r) => py >= r.y && py < r.y + r.h);
        if (row && row.kind === 'group' && px < GUTTER) useApp.getState().toggleGroup(row.key);
      }
    };
    oc.addEventListener('mousemove', onMove);
    oc.addEventListener('mouseleave', onLeave);
    oc.addEventListener('click', onClick);
    return () => {
      ro.disconnect();
      io.disconnect();
      offBase();
      offSel();
      offOver();
      offVp();
      offTeach();
      oc.removeEventListener('mousemove', onMove);
      oc.removeEventListener('mouseleave', onLeave);
      oc.removeEventListener('click', onClick);
    };
  }, [layout, run, index]);

  const groups = layout.rows.filter((r) => r.kind === 'group');
  const label = `${run.title}: timeline of ${run.metrics.raised} interrupts, ${run.metrics.lost} lost. The event table (key t) lists them as text.`;
  return (
    <section
      className="pane"
      aria-labelledby={`pane-title-${index}`}
      data-testid={`pane-${index}`}
      data-policy={run.policy}
    >
      <PaneHeader index={index} />
      <div className="canvasBox" ref={box} style={{ height: layout.height }}>
        <canvas ref={base} className="base" role="img" aria-label={label} />
        <canvas ref={still} className="base-still" role="img" aria-label={label} />
        <canvas ref={pulse} className="pulse" aria-hidden="true" data-testid={`cursor-${index}`} />
        <canvas ref={over} className="overlay" aria-hidden="true" data-testid={`overlay-${index}`} />
        <DiffRings index={index} layout={layout} />
      </div>
      {groups.length > 0 && (
        <div className="groups">
          <span>
            {groups.reduce((n, g) => n + (g.kind === 'group' ? g.to - g.from + 1 : 0), 0)} idle vectors folded; expand:
          </span>
          {groups.map((g) => (
            <button
              key={g.key}
              className="btn"
              onClick={() => useApp.getState().toggleGroup(g.key)}
              aria-expanded={false}
              aria-label={`expand idle vectors ${g.from} to ${g.to}`}
            >
              v{g.from}–{g.to}
            </button>
          ))}
          {Object.keys(expanded).some((k) => expanded[k]) && (
            <button className="btn" onClick={() => useApp.getState().collapseGroups()}>
              collapse idle vectors
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * Row height that lets every pane fit the window when it can (a 1280x720 projector shows all four
 * default panes), between 5 and 13 px. Recomputed on resize.
 */
function useFitRowHeight(panes: number): number {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = (): void => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  // Chrome above the panes (~150 px) and, per pane, its header (~38 px) and lanes (~54 px);
  // rows never go below 7 px (readable), so a short window scrolls rather than squints.
  const perPane = (h - 150) / Math.max(1, panes) - 92;
  return Math.max(7, Math.min(13, Math.floor(perPane / 8)));
}

/** Sizes a canvas to css px × devicePixelRatio and scales its context to match. */
function sizeCanvas(c: HTMLCanvasElement, w: number, h: number): void {
  const dpr = window.devicePixelRatio || 1;
  c.width = Math.round(w * dpr);
  c.height = Math.round(h * dpr);
  c.style.width = `${w}px`;
  c.style.height = `${h}px`;
  c.getContext('2d')!.setTransform(dpr, 0, 0, dpr, 0, 0);
}

function makeHatch(ctx: Ctx2D): CanvasPattern | null {
  const c = document.createElement('canvas');
  c.width = c.height = 6;
  const g = c.getContext('2d')!;
  const P = palette();
  g.fillStyle = P.masked;
  g.fillRect(0, 0, 6, 6);
  g.strokeStyle = P.coalesced;
  g.globalAlpha = 0.45;
  g.beginPath();
  g.moveTo(0, 6);
  g.lineTo(6, 0);
  g.stroke();
  return ctx.createPattern(c, 'repeat');
}
