import { GUEST_OP_NAMES } from '../../core/engine/events.ts';
import { fmtNs } from '../../core/format/time.ts';
import { getRun } from '../state/runData.ts';
import { useApp } from '../state/store.ts';
import { useLayout } from '../state/layoutPrefs.ts';
import { setCursor, viewport } from '../state/viewport.ts';
import { announce } from '../playback.ts';
import {
  kindIndex,
  nearestOfKind,
  NAV_KIND_LABEL,
  NAV_KINDS,
  type KindIndex,
  type NavKey,
  type NavKind,
} from './kinds.ts';

/** The kind indexes of the run on screen, built once per run and kind (each is a view, O(1)). */
let cache: { run: object | null; kinds: Partial<Record<NavKind, KindIndex[]>> } = { run: null, kinds: {} };
function indexes(kind: NavKind): KindIndex[] {
  const run = getRun();
  if (cache.run !== run) cache = { run, kinds: {} };
  return (cache.kinds[kind] ??= run ? run.runs.map((p) => kindIndex(p.timeline, kind)) : []);
}

/** The item last visited, so repeated presses walk simultaneous items in (pane, index) order. */
let last: { key: NavKey; kind: NavKind; row: number; run: object | null } | null = null;

/** Words for one item: "teardown-setup: resize window 28 µs long, opens at 20 µs". */
function describe(kind: NavKind, pane: number, j: number): string {
  const p = getRun()!.runs[pane]!;
  const tl = p.timeline;
  switch (kind) {
    case 'loss': {
      const i = tl.losses.id[j]!;
      return `${p.policy}: raise on vector ${tl.raises.vec[i]} lost at ${fmtNs(tl.losses.end[j]!)}`;
    }
    case 'window':
      return `${p.policy}: resize window of ${fmtNs(tl.windows.close[j]! - tl.windows.open[j]!)} opens at ${fmtNs(tl.windows.open[j]!)}`;
    case 'failure':
      return `${p.policy}: ${tl.warnings.host[j] ? 'host' : 'guest'} failure at ${fmtNs(tl.warnings.t[j]!)}`;
    case 'op': {
      const v = tl.ops.vec[j]!;
      return `${p.policy}: ${GUEST_OP_NAMES[tl.ops.code[j]!] ?? 'guest operation'}${v >= 0 ? `(${v})` : ''} at ${fmtNs(tl.ops.start[j]!)}`;
    }
  }
}

/**
 * Moves to the next (dir 1) or previous item of the chosen kind, in every pane or in the scoped
 * one, selects it (the inspector explains it) and says what it is. Returns false at the end.
 */
export function navStep(dir: 1 | -1): boolean {
  const run = getRun();
  if (!run) return false;
  const { navKind: kind, navScope } = useLayout.getState();
  const scope = navScope !== null && navScope < run.runs.length ? navScope : null;
  const sel = useApp.getState().selected;
  // From the item last visited if it is still the selection, else from the cursor.
  const at: NavKey =
    last && last.run === run && last.kind === kind && sel && sel.pane === last.key[1] && sel.row === last.row
      ? last.key
      : [viewport().cursor, dir > 0 ? Infinity : -Infinity, 0];
  const ix = indexes(kind);
  const best = nearestOfKind(ix, at, dir, scope);
  const where = scope === null ? '' : ` in ${run.runs[scope]!.policy}`;
  if (!best) {
    announce(`No ${NAV_KIND_LABEL[kind]}${where} ${dir > 0 ? 'after' : 'before'} this point.`);
    return false;
  }
  const [t, pane, j] = best;
  const row = ix[pane]!.row(j);
  last = { key: best, kind, row, run };
  setCursor(t);
  useApp.getState().select({ pane, row });
  announce(`${describe(kind, pane, j)}.`);
  return true;
}

/** Cycles the kind next/previous steps through (keys [ and ]). */
export function cycleKind(dir: 1 | -1): void {
  const k = useLayout.getState().navKind;
  const next = NAV_KINDS[(NAV_KINDS.indexOf(k) + dir + NAV_KINDS.length) % NAV_KINDS.length]!;
  useLayout.getState().setNavKind(next);
  announce(`Next and previous now step through: ${NAV_KIND_LABEL[next]}s.`);
}

/** Toggles between every pane and the selected pane (pane 1 when nothing is selected). */
export function toggleScope(): void {
  const run = getRun();
  const L = useLayout.getState();
  const pane = L.navScope === null ? (useApp.getState().selected?.pane ?? 0) : null;
  L.setNavScope(pane);
  announce(pane === null || !run ? 'Stepping through every pane.' : `Stepping through ${run.runs[pane]?.policy} only.`);
}
