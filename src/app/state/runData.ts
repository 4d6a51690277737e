import { useSyncExternalStore } from 'react';
import type { RunOk } from '../../worker/protocol.ts';

/**
 * The current run's bulk data (log columns and timelines: typed arrays, possibly millions of
 * rows). Deliberately outside React and zustand state: canvases read it directly in rAF with
 * `getRun()`, and components that re-render on a new run subscribe with `useRun()`.
 *
 * A tiny external store: the snapshot is the RunOk object itself, which is replaced (never
 * mutated) on each run, so identity changes exactly when a new run arrives.
 */
let current: RunOk | null = null;
let count = 0;
const listeners = new Set<() => void>();

/**
 * Replaces the run and tells every subscriber. Listeners run synchronously: a caller that also
 * updates the UI store in the same task (runner.ts) gets one React render with both changes.
 */
export function setRun(r: RunOk): void {
  current = r;
  count++;
  // A copy: a listener may unsubscribe (a component unmounting) while we iterate.
  for (const l of [...listeners]) l();
}

export function getRun(): RunOk | null {
  return current;
}

/** How many runs have been shown since the page loaded (0: none yet). For tests and the bench. */
export function runCount(): number {
  return count;
}

/** Calls `listener` after each new run; returns the unsubscribe function. */
export function subscribeRun(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The current run, re-rendering the component when a new one arrives. */
export function useRun(): RunOk | null {
  return useSyncExternalStore(subscribeRun, getRun, getRun);
}
