import { create } from 'zustand';
import type { PolicyDiff } from '../../core/whatif/diff.ts';
import type { LinkWhatIf } from '../../core/share/index.ts';
import type { RunOk } from '../../worker/protocol.ts';

/**
 * What-if forks (issue 9): the run before the first fork (the diff's base), the fork's edit and
 * the diff per policy. Changed only by the named actions below. A fork of a fork keeps the first
 * base, so "back to original" returns to what the user had before any what-if.
 */
export interface ForkBase {
  scenarioText: string;
  policies: string[];
  presetId: string | null;
  notice: string | null;
  run: RunOk;
}

/** Raises whose outcome changed in one pane of the fork, for the ring layer (columnar, canvas-drawn). */
export interface PaneRings {
  t: Float64Array;
  vec: Int16Array;
  /** 1: the fork lost it (or lost it more), 0: the fork saved it or changed how it arrived. */
  worse: Uint8Array;
}

interface WhatIfState {
  base: ForkBase | null;
  /** The edit on screen, in words. */
  summary: string | null;
  /** What a share link says about the fork. */
  link: LinkWhatIf | null;
  diff: PolicyDiff[] | null;
  /** Per pane (by index in the fork's run), the rings to draw. */
  rings: PaneRings[] | null;
  pending: boolean;
  /** A fork that could not be made or run (one line); the run on screen is unchanged. */
  error: string | null;

  forkStarted: (base: ForkBase, summary: string, link: LinkWhatIf) => void;
  forkShown: (diff: PolicyDiff[], rings: PaneRings[]) => void;
  forkFailed: (message: string) => void;
  /** Another run replaced the fork (a preset, the editor, back to original): the diff means nothing now. */
  forkCleared: () => void;
  dismissForkError: () => void;
}

export const useWhatIf = create<WhatIfState>()((set) => ({
  base: null,
  summary: null,
  link: null,
  diff: null,
  rings: null,
  pending: false,
  error: null,
  forkStarted: (base, summary, link) => set({ base, summary, link, pending: true, error: null }),
  forkShown: (diff, rings) => set({ diff, rings, pending: false }),
  forkFailed: (error) => set({ error, pending: false }),
  forkCleared: () => set({ base: null, summary: null, link: null, diff: null, rings: null, pending: false }),
  dismissForkError: () => set({ error: null }),
}));
