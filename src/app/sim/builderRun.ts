import { ScenarioError, parseScenarioText } from '../../core/scenario/parse.ts';
import type { Scenario } from '../../core/scenario/schema.ts';
import { subscribeRun } from '../state/runData.ts';
import { useApp } from '../state/store.ts';
import { useBuilder, type BuilderError } from '../state/builder.ts';
import { setCursor, setDomain, viewport } from '../state/viewport.ts';
import { runInWorker } from './runner.ts';

/**
 * Re-simulation of the builder's draft: every edit is validated at once on the page (the core's
 * own validateScenario, same messages) and, when valid, run in the Worker 300 ms after the last
 * edit. A newer run cancels the one in flight (client.ts `guarded`), and the run on screen stays
 * until the new one arrives (runner.ts). The view (window and cursor) survives the re-run.
 */
export const DEBOUNCE_MS = 300;

let timer: ReturnType<typeof setTimeout> | null = null;
let expectOwn = 0;

// A run the builder did not start (a preset, a link, a what-if fork) replaces its draft.
subscribeRun(() => {
  if (expectOwn > 0) expectOwn--;
  else if (useBuilder.getState().open) useBuilder.getState().draftReplaced(pretty(useApp.getState().scenarioText));
});

export function pretty(t: string): string {
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return t;
  }
}

/** Validates a draft: the scenario, or the first error naming its field. */
export function checkDraft(text: string): { scenario: Scenario | null; error: BuilderError | null } {
  try {
    return { scenario: parseScenarioText(text), error: null };
  } catch (e) {
    if (e instanceof ScenarioError) {
      const msg = e.path && e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message;
      return { scenario: null, error: { message: msg, path: e.path } };
    }
    return { scenario: null, error: { message: String(e), path: '' } };
  }
}

/** The user edited the draft: validate now, re-simulate after the debounce if it is valid. */
export function draftChanged(text: string): void {
  const { error } = checkDraft(text);
  useBuilder.getState().draftEdited(text, error);
  if (timer) clearTimeout(timer);
  timer = null;
  if (error) return;
  useBuilder.getState().runQueued();
  timer = setTimeout(() => {
    timer = null;
    void runDraft(text);
  }, DEBOUNCE_MS);
}

async function runDraft(text: string): Promise<void> {
  const [a, b] = viewport().domain;
  const cursor = viewport().cursor;
  expectOwn++;
  const ok = await runInWorker(text, useApp.getState().policies, {
    presetId: null,
    notice: 'custom scenario (builder)',
  });
  if (!ok) {
    expectOwn = Math.max(0, expectOwn - 1);
    // Superseded runs say nothing; a rejected one names its field here (and in the banner).
    const e = useApp.getState().error;
    if (useBuilder.getState().draft === text && e) {
      useApp.getState().dismissError();
      useBuilder.getState().runSettled({ message: e.message, path: e.path });
    }
    return;
  }
  setDomain(a, b);
  setCursor(cursor, false);
  if (useBuilder.getState().draft === text) useBuilder.getState().runSettled(null);
}
