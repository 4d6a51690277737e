import { killWorkerForTest, sim } from './sim/client.ts';
import { runInWorker } from './sim/runner.ts';
import { useApp } from './state/store.ts';
import { viewport } from './state/viewport.ts';
import { frameTimes } from './render/raf.ts';
import { getRun, runCount } from './state/runData.ts';
import { GUTTER } from './render/drawPane.ts';

/** What each pane's overlay drew last (read by end-to-end tests to check every pane follows). */
export type OverlayRecord = {
  cursor: number;
  hoverRaise: number;
  selectedRaise: number;
  x: number;
  rowCentre: Record<number, number>;
  vectorsTop: number;
  flash: number;
  /** Row height of the vector lanes and the canvas label size (px): presentation mode reads them. */
  rowH: number;
  labelPx: number;
};
/** One entry per pane, null until that pane's overlay has drawn (never a hole: `every` skips holes). */
export const lastOverlay: (OverlayRecord | null)[] = [];

/** A new run of `n` panes: nothing drawn yet. Filled with nulls, not `length = n` (holes read as drawn). */
export function resetOverlays(n: number): void {
  lastOverlay.length = 0;
  for (let i = 0; i < n; i++) lastOverlay.push(null);
}

/**
 * A small, documented hook for end-to-end tests, the UI benchmark, and curious users in the
 * console: run a scenario in the Worker for its hashes, read UI state, read frame timings.
 */
export function installTestHooks(): void {
  (window as unknown as { __msixlab: unknown }).__msixlab = {
    async runHashes(scenarioText: string, policies: string[]): Promise<string[]> {
      const r = await sim().run({ scenarioText, policies });
      if (!r.ok) throw new Error(r.message);
      return r.runs.map((x) => x.hash);
    },
    state() {
      const s = useApp.getState();
      const v = viewport();
      return {
        cursor: v.cursor,
        domain: [...v.domain],
        extent: [...v.extent],
        playing: s.playing,
        selected: s.selected,
        hover: s.hover,
        /** How many runs have been shown (the name predates runData's subscription; tests and the bench read it). */
        runVersion: runCount(),
        gutter: GUTTER,
        policies: s.policies,
        panes: lastOverlay.map((o) => (o ? { ...o } : null)),
        raises: getRun()?.runs.map((r) => r.timeline.raises.n) ?? [],
      };
    },
    /** Each pane's policy, log hash and metrics, as the metrics table shows them (CLI parity tests). */
    results(): { policy: string; hash: string; metrics: unknown }[] {
      return getRun()?.runs.map((r) => ({ policy: r.policy, hash: r.hash, metrics: r.metrics })) ?? [];
    },
    frames(): number[] {
      return frameTimes.slice();
    },
    resetFrames(): void {
      frameTimes.length = 0;
    },
    /** Runs a scenario as the editor would (resolves when it is on screen or refused). */
    startRun(scenarioText: string, policies: string[]): Promise<boolean> {
      return runInWorker(scenarioText, policies, { presetId: null, notice: 'custom scenario' });
    },
    /** Kills the simulation Worker as a crash would (the page is not told): the watchdog must notice. */
    killWorker(): void {
      killWorkerForTest();
    },
  };
}
