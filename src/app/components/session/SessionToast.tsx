import { undo, useUndo } from '../../state/undo.ts';

/**
 * One line under the header: "your edited scenario was replaced — Undo", or a note about the
 * saved session (not restored, storage full). It stays until dismissed, undone or replaced: a
 * message that vanishes on a timer can be missed.
 */
export function SessionToast() {
  const toast = useUndo((s) => s.toast);
  if (!toast) return null;
  return (
    <p className="session-toast" role="status" data-testid="session-toast">
      <span>{toast.message}</span>
      {toast.undo && (
        <button className="btn" onClick={() => void undo()} data-testid="undo" title="Undo (Ctrl/⌘+Z)">
          Undo
        </button>
      )}
      <button className="btn" aria-label="dismiss" onClick={() => useUndo.getState().toastDismissed()}>
        ×
      </button>
    </p>
  );
}
