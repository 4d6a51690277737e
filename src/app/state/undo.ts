import { create } from 'zustand';
import { runInWorker } from '../sim/runner.ts';
import { useApp } from './store.ts';

/**
 * Undo for what replaces the scenario on screen: a preset, a link, an import, an applied edit, a
 * change of policies. Every successful run that changes (scenario text, policies) pushes what was
 * on screen before; Undo re-runs the newest entry (which pushes nothing). A small stack: the
 * oldest entries fall off.
 *
 * The toast offers Undo when the run replaced an edited scenario (one that is no preset), the
 * case where something the user made would otherwise be gone; Ctrl/Cmd+Z works for any entry.
 */
export interface UndoEntry {
  scenarioText: string;
  policies: string[];
  presetId: string | null;
  notice: string | null;
}

export const UNDO_DEPTH = 10;

interface UndoState {
  stack: UndoEntry[];
  /** The one-line toast: an undo offer or a session notice; null: no toast. */
  toast: { message: string; undo: boolean } | null;
  pushed: (e: UndoEntry, offer: string | null) => void;
  popped: () => UndoEntry | undefined;
  noticeShown: (message: string) => void;
  toastDismissed: () => void;
}

export const useUndo = create<UndoState>()((set, get) => ({
  stack: [],
  toast: null,
  pushed: (e, offer) =>
    set((st) => ({
      stack: [...st.stack, e].slice(-UNDO_DEPTH),
      toast: offer ? { message: offer, undo: true } : st.toast?.undo ? null : st.toast,
    })),
  popped: () => {
    const st = get();
    const e = st.stack[st.stack.length - 1];
    set({ stack: st.stack.slice(0, -1), toast: null });
    return e;
  },
  noticeShown: (message) => set({ toast: { message, undo: false } }),
  toastDismissed: () => set({ toast: null }),
}));

let restoring = false;

/** Re-runs what was on screen before the last replacement. Resolves false if there is nothing to undo. */
export async function undo(): Promise<boolean> {
  const e = useUndo.getState().popped();
  if (!e) return false;
  restoring = true;
  try {
    return await runInWorker(e.scenarioText, e.policies, { presetId: e.presetId, notice: e.notice });
  } finally {
    restoring = false;
  }
}

/** Records each replacement of the scenario or policies (see above). */
export function installUndo(): void {
  useApp.subscribe((s, p) => {
    if (s.status !== 'ready' || p.scenarioText === '' || restoring) return;
    const scenarioChanged = s.scenarioText !== p.scenarioText;
    if (!scenarioChanged && s.policies === p.policies) return;
    if (!scenarioChanged && s.policies.join('\n') === p.policies.join('\n')) return;
    const offer =
      scenarioChanged && p.presetId === null && !fromEditor
        ? `Your edited scenario was replaced${s.presetId ? ` by the preset ${s.presetId}` : ''}.`
        : null;
    useUndo
      .getState()
      .pushed({ scenarioText: p.scenarioText, policies: p.policies, presetId: p.presetId, notice: p.notice }, offer);
  });
  window.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return;
    const st = useApp.getState();
    if (st.editorOpen || st.helpOpen) return;
    // In a text field Ctrl+Z is the field's own undo.
    const t = e.target as HTMLElement | null;
    if (t?.closest?.('input, textarea, select, [contenteditable="true"]')) return;
    if (useUndo.getState().stack.length === 0) return;
    e.preventDefault();
    void undo();
  });
}

let fromEditor = false;

/** Runs `apply` (the editor's Run) so that its replacement offers no toast: the user just made it. */
export async function asEditorApply<T>(apply: () => Promise<T>): Promise<T> {
  fromEditor = true;
  try {
    return await apply();
  } finally {
    fromEditor = false;
  }
}
