import { create } from 'zustand';

/**
 * The JSON editor's unapplied text. It outlives the dialog (Escape or Cancel keeps it; reopening
 * shows it with its last error), is saved with the session (persist.ts) so a reload restores it,
 * and makes closing the tab ask first (installDraftGuard). Cleared only when it is applied (a
 * successful Run) or the user reverts it.
 */
interface DraftState {
  /** The editor's text when it differs from the scenario on screen; null: no unapplied edits. */
  text: string | null;
  /** Why the last Run of this text was refused (one line naming the field), if it was. */
  error: string | null;
  /** The user typed: keep `text` (null when it equals what is applied). */
  draftEdited: (text: string | null) => void;
  /** A Run of the draft was refused. */
  draftRefused: (error: string) => void;
  /** Applied or reverted: nothing is pending. */
  draftCleared: () => void;
  /** Restored from the saved session at boot. */
  draftRestored: (text: string) => void;
}

export const useDraft = create<DraftState>()((set) => ({
  text: null,
  error: null,
  draftEdited: (text) => set((st) => (st.text === text ? st : { text, error: text === null ? null : st.error })),
  draftRefused: (error) => set({ error }),
  draftCleared: () => set({ text: null, error: null }),
  draftRestored: (text) => set({ text, error: null }),
}));

/**
 * Closing or reloading the tab with an unapplied draft asks first. (A reload would restore it from
 * the saved session, but storage can be full, disabled or cleared; the prompt is the safe side.)
 */
export function installDraftGuard(): void {
  window.addEventListener('beforeunload', (e) => {
    if (useDraft.getState().text === null) return;
    e.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    e.returnValue = '';
  });
}
