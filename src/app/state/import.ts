import { create } from 'zustand';

/**
 * The Import dialog's state (issue 7): open or not, and the text being imported (pasted, chosen or
 * dropped), kept while the dialog is closed so nothing pasted is lost. Changed only by named actions.
 */
export interface ImportState {
  open: boolean;
  text: string;
  /** Where the text came from, when it was a file (shown, and named in the run's notice). */
  fileName: string | null;
  /** Opens the dialog; with text (a dropped or chosen file) it replaces the dialog's text. */
  openImport: (text?: string, fileName?: string | null) => void;
  closeImport: () => void;
  setImportText: (text: string) => void;
}

export const useImport = create<ImportState>()((set) => ({
  open: false,
  text: '',
  fileName: null,
  openImport: (text, fileName = null) =>
    set(text === undefined ? { open: true } : { open: true, text, fileName: fileName ?? null }),
  closeImport: () => set({ open: false }),
  setImportText: (text) => set({ text, fileName: null }),
}));
