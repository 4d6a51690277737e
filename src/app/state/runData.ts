import type { RunOk } from '../../worker/protocol.ts';

/**
 * The current run's bulk data (log columns and timelines: typed arrays, possibly millions of
 * rows). Deliberately outside React and zustand state: canvases read it directly in rAF, and
 * the store only holds `runVersion` so components re-render when a new run arrives.
 */
let current: RunOk | null = null;

export function setRun(r: RunOk): void {
  current = r;
}

export function getRun(): RunOk | null {
  return current;
}
