import { killWorkerForTest, sim } from './sim/client.ts';
import { runInWorker } from './sim/runner.ts';
import { useApp } from './state/store.ts';
import { viewport } from './state/viewport.ts';
import { frameTimes } from './render/raf.ts';
import { getRun, runCount } from './state/runData.ts';
import { GUTTER } from './render/drawPane.ts';
import { loadPractice } from './state/panels.ts';
import type { Question } from '../core/teach/question.ts';

/** What each pane's overlay drew last (read by end-to-end tests to check every pane follows). */
export type OverlayRecord = {
  cursor: number;
  hoverRaise: number;
  selectedRaise: number;
  x: number;
  rowCentre: Record<number, number>;
  vectorsTop: number;
  flash: number;
  /** The spoiler veil's start (state/teach.ts), -1 when the pane is not veiled. */
  veilFrom: number;
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
    /** Practice mode: the simulator's answer to the question on screen (core/teach/grade.ts), for e2e tests. */
    async practiceAnswer() {
      return (await loadPractice()).practiceAnswer();
    },
    /** Shows one question (core/teach/question.ts) about the run on screen, in the practice panel. */
    ask(q: Question): void {
      void loadPractice().then((m) => m.usePractice.getState().askAbout(q));
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
    /** The sweep panel (issue 8): pool Workers alive now, and opening the first trial with losses. */
    async sweep() {
      const m = await import('./sim/sweepRunner.ts');
      const w = await import('./sim/sweepWorkers.ts');
      const st = await import('./state/sweep.ts');
      const { Ev } = await import('../core/engine/events.ts');
      const sel = useApp.getState().selected;
      const log = sel ? getRun()?.runs[sel.pane]?.log : undefined;
      return {
        workersAlive: w.sweepWorkersAlive(),
        firstLossy: m.firstLossyTrial(),
        status: st.useSweep.getState().status,
        progress: st.useSweep.getState().progress,
        result: st.useSweep.getState().result,
        /** The selected event is a loss (a trial opened from the sweep lands on its first loss). */
        selectedIsLoss: !!(sel && log && log.kind[sel.row] === Ev.LOST),
        selectedT: sel && log ? log.t[sel.row] : null,
      };
    },
    /** Kills the simulation Worker as a crash would (the page is not told): the watchdog must notice. */
    killWorker(): void {
      killWorkerForTest();
    },
  };
}
