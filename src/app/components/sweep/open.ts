import type { Scenario } from '../../../core/index.ts';
import { getRun } from '../../state/runData.ts';
import { useApp } from '../../state/store.ts';
import { useSweep, type RandomForm } from '../../state/sweep.ts';

/**
 * Opening the sweep panel: small and eager (the header's button and the `?sweep` URL flag), while
 * the panel itself (d3, the statistics) loads in its own chunk when first opened.
 */

/** The URL flag that opens the panel (`?sweep`): beside the share link, which lives in the fragment. */
export const SWEEP_FLAG = 'sweep';

/** The form's random block, from a scenario's (empty fields = not varied). */
export function randomForm(s: Scenario | undefined): RandomForm {
  const r = s?.random;
  return {
    phaseNs: r?.phaseNs ? String(r.phaseNs) : '',
    rateJitter: r?.rateJitter ? String(r.rateJitter) : '',
    jitterNs: r?.jitterNs ? String(r.jitterNs) : '',
  };
}

/** Opens the panel with the run on screen as the form's defaults (its policies and random block). */
export function openSweepPanel(): void {
  useSweep.getState().openSweep({ policies: useApp.getState().policies, random: randomForm(getRun()?.scenario) });
}

/** True when the page was opened with `?sweep`. */
export const sweepFlagged = (): boolean => new URLSearchParams(location.search).has(SWEEP_FLAG);

/** Keeps `?sweep` in the address bar while the panel is open (so a reload reopens it). */
export function setSweepFlag(on: boolean): void {
  const u = new URL(location.href);
  if (on === u.searchParams.has(SWEEP_FLAG)) return;
  if (on) u.searchParams.set(SWEEP_FLAG, '1');
  else u.searchParams.delete(SWEEP_FLAG);
  try {
    history.replaceState(history.state, '', u.toString());
  } catch {
    /* a sandboxed frame may refuse; the panel works without the flag */
  }
}
