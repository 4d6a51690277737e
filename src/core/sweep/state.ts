import type { PolicyAccJson } from './acc.ts';
import type { Vary } from './vary.ts';

/** The sweep record's format tag (checked by merge). */
export const SWEEP_FORMAT = 'msix-lab-sweep/1';

/** The mergeable, reproducible record of a sweep (what `--format json` prints under `state`). */
export interface SweepState {
  format: typeof SWEEP_FORMAT;
  scenario: string | null;
  scenarioHash: string;
  seed: number;
  trials: number;
  policies: string[];
  vary: Vary | null;
  /** Shards this state covers (sorted); null when it is a whole run. */
  shards: { indices: number[]; count: number } | null;
  points: PolicyAccJson[][];
}
