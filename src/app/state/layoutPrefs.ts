import { create } from 'zustand';
import type { NavKind } from '../nav/kinds.ts';

/**
 * Presentation, navigation and accessibility preferences (issue 9): presentation mode, whether
 * single-key shortcuts are on (WCAG 2.1.4; persisted), the glossary dialog, and what next/previous
 * steps through. Kept apart from store.ts so the other issue-9 branches merge without conflicts.
 */
interface LayoutPrefs {
  present: boolean;
  /** Single-character shortcuts (letters, digits, punctuation). Space, arrows, Home/End and Esc always work. */
  shortcuts: boolean;
  glossaryOpen: boolean;
  navKind: NavKind;
  /** null: every pane; else the pane index next/previous stays in. */
  navScope: number | null;
  /** The inspector's bottom sheet (narrow screens and presentation mode): open or folded to its title. */
  sheetOpen: boolean;
  setSheetOpen: (open: boolean) => void;
  setPresent: (on: boolean) => void;
  togglePresent: () => void;
  setShortcuts: (on: boolean) => void;
  openGlossary: () => void;
  closeGlossary: () => void;
  setNavKind: (k: NavKind) => void;
  setNavScope: (pane: number | null) => void;
}

const SHORTCUTS_KEY = 'msix-lab.shortcuts';

function initialShortcuts(): boolean {
  try {
    return localStorage.getItem(SHORTCUTS_KEY) !== 'off';
  } catch {
    return true;
  }
}

export const useLayout = create<LayoutPrefs>()((set) => ({
  present: false,
  shortcuts: initialShortcuts(),
  glossaryOpen: false,
  navKind: 'loss',
  navScope: null,
  sheetOpen: false,
  setSheetOpen: (sheetOpen) => set({ sheetOpen }),
  setPresent: (present) => set({ present }),
  togglePresent: () => set((s) => ({ present: !s.present })),
  setShortcuts: (shortcuts) => {
    try {
      localStorage.setItem(SHORTCUTS_KEY, shortcuts ? 'on' : 'off');
    } catch {
      /* private mode: the setting lasts for this page only */
    }
    set({ shortcuts });
  },
  openGlossary: () => set({ glossaryOpen: true }),
  closeGlossary: () => set({ glossaryOpen: false }),
  setNavKind: (navKind) => set({ navKind }),
  setNavScope: (navScope) => set({ navScope }),
}));

/** Presentation mode shows on <html data-present> (CSS) and scales the canvas labels. */
export function installPresentSync(onChange: () => void): void {
  const apply = (on: boolean): void => {
    if (on) document.documentElement.dataset.present = '';
    else delete document.documentElement.dataset.present;
    onChange();
  };
  if (useLayout.getState().present) apply(true);
  useLayout.subscribe((s, prev) => {
    if (s.present !== prev.present) apply(s.present);
  });
}
