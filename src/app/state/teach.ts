import { create } from 'zustand';

/**
 * Spoiler state for predict-then-reveal questions (issue 9). While a question is unanswered the
 * page hides what would give its answer away: the panes' count badges, the metrics table, the
 * event table, the overview strip's marks after the question's moment, and the panes' future
 * (a veil over t > `veilFrom` on every pane's overlay canvas). Answering reveals them.
 *
 * Owned by the quiz work; lessons and practice call the named actions (QuestionCard does it for
 * them: hide on mount while unanswered, reveal on answer or unmount).
 *
 * Invariant: `hidden` is false ⇔ `veilFrom` is -1.
 */
export interface TeachState {
  hidden: boolean;
  /** The question's moment (ns): the panes are veiled after it while hidden; -1 when nothing is hidden. */
  veilFrom: number;
  hideSpoilers: (momentNs?: number) => void;
  revealSpoilers: () => void;
}

export const useTeach = create<TeachState>()((set) => ({
  hidden: false,
  veilFrom: -1,
  hideSpoilers: (momentNs = 0) => set({ hidden: true, veilFrom: Math.max(0, momentNs) }),
  revealSpoilers: () => set({ hidden: false, veilFrom: -1 }),
}));

/** For canvas code (outside React): the veil's start, or -1 when nothing is veiled. */
export const veilFrom = (): number => useTeach.getState().veilFrom;

/** Calls `redraw` whenever the spoiler state changes (the canvases draw the veil and the overview marks). */
export function onSpoilersChange(redraw: () => void): () => void {
  return useTeach.subscribe((s, prev) => {
    if (s.hidden !== prev.hidden || s.veilFrom !== prev.veilFrom) redraw();
  });
}
