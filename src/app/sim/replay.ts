import { Replay } from '../../core/replay/replay.ts';
import type { RunOk } from '../../worker/protocol.ts';
import { getRun } from '../state/runData.ts';

/**
 * The page's own replay of each pane's log (core/replay: pure, no device logic), so the inspector
 * reads the machine state at the cursor without a Worker round trip. One Replay per pane of the
 * current run, created on first use; its checkpoints are built lazily (see Replay.build).
 */
let forRun: RunOk | null = null;
let replays: (Replay | null)[] = [];

export function replayOf(pane: number): Replay | null {
  const run = getRun();
  const p = run?.runs[pane];
  if (!run || !p) return null;
  if (forRun !== run) {
    forRun = run;
    replays = run.runs.map(() => null);
  }
  return (replays[pane] ??= new Replay(p.log, run.tableSize, p.frontEnd));
}
