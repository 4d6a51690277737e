import { create } from 'zustand';
import { useApp } from './store.ts';

/**
 * The scenario builder (issue 7): a form and a JSON view over one draft text. The draft is the
 * single source: the form parses it and writes it back, the JSON view edits it directly, so
 * switching views keeps every edit (an invalid JSON text is kept as typed; the form then waits).
 */
export interface BuilderError {
  message: string;
  /** The field it names ('' when none), e.g. "steps[3].vector". */
  path: string;
}

interface BuilderState {
  open: boolean;
  tab: 'form' | 'json';
  draft: string;
  error: BuilderError | null;
  /** A re-simulation of the draft is waiting (debounce) or running. */
  pending: boolean;
  /** Index of the step to focus after it was added (the list scrolls it into view). */
  focusStep: number | null;

  openBuilder: (draft: string) => void;
  closeBuilder: () => void;
  showTab: (tab: 'form' | 'json') => void;
  /** The user changed the draft (form or JSON). */
  draftEdited: (draft: string, error: BuilderError | null) => void;
  /** Another run replaced the scenario (a preset, a link, a what-if): the draft follows it. */
  draftReplaced: (draft: string) => void;
  stepAdded: (index: number) => void;
  runSettled: (error: BuilderError | null) => void;
  runQueued: () => void;
}

export const useBuilder = create<BuilderState>()((set) => ({
  open: false,
  tab: 'form',
  draft: '',
  error: null,
  pending: false,
  focusStep: null,
  openBuilder: (draft) => set((s) => (s.open ? {} : { open: true, draft, error: null, pending: false })),
  closeBuilder: () => set({ open: false, focusStep: null }),
  showTab: (tab) => set({ tab }),
  draftEdited: (draft, error) => set({ draft, error }),
  draftReplaced: (draft) => set({ draft, error: null, focusStep: null }),
  stepAdded: (focusStep) => set({ focusStep }),
  runSettled: (error) => set({ pending: false, error }),
  runQueued: () => set({ pending: true }),
}));

/** Opens the builder on the scenario on screen (a builder already open keeps its draft). */
export function openBuilderFromScreen(): void {
  let t = useApp.getState().scenarioText;
  try {
    t = JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    /* kept as it is */
  }
  useBuilder.getState().openBuilder(t);
}
