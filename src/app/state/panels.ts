import { create } from 'zustand';
import type * as PracticeModule from './practice.ts';

/**
 * The panels that load their code on first use (practice, the sweep): the page's first chunk holds
 * only these loaders, not the panels' stores, so opening the page costs nothing for a panel never
 * opened. App mounts a panel once its flag is set (it stays mounted: its own store says whether it
 * shows). `#practice` and `?sweep` links go through the same loaders.
 */
export const usePanels = create(() => ({ practice: false, sweep: false }));

let practice: typeof PracticeModule | null = null;

/** Loads practice's store (and, through App, its panel). */
export async function loadPractice(): Promise<typeof PracticeModule> {
  practice ??= await import('./practice.ts');
  usePanels.setState({ practice: true });
  return practice;
}

/** Whether a practice session is on (false while its code has not even loaded). */
export const practiceActive = (): boolean => practice?.usePractice.getState().active ?? false;

/** `#practice` or `#practice=<seed>` (state/practice.ts openPracticeRoute reads the seed). */
export const isPracticeRoute = (frag: string): boolean => /^practice(?:=\d{1,10})?$/.test(frag);

/** Opens practice for a practice fragment; false (and nothing loaded) for any other fragment. */
export function openPracticeLink(frag: string): boolean {
  if (!isPracticeRoute(frag)) return false;
  void loadPractice().then((m) => m.openPracticeRoute(frag));
  return true;
}

/** Starts practice from the header's Learn menu. */
export function startPractice(): void {
  void loadPractice().then((m) => m.enterPractice());
}

/** The URL flag that opens the sweep panel (`?sweep`): beside the share link, which lives in the fragment. */
export const SWEEP_FLAG = 'sweep';

/** True when the page was opened with `?sweep`. */
export const sweepFlagged = (): boolean => new URLSearchParams(location.search).has(SWEEP_FLAG);

/**
 * Opens the sweep panel with the run on screen as its defaults. `once`: only if it was never
 * opened in this page (the `?sweep` flag, checked when the first run is on screen).
 */
export async function openSweep(once = false): Promise<void> {
  const m = await import('../components/sweep/open.ts');
  usePanels.setState({ sweep: true });
  if (once) m.openSweepPanelOnce();
  else m.openSweepPanel();
}
