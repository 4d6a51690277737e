import type { Scenario } from '../../../core/index.ts';
import { getRun } from '../../state/runData.ts';
import { useApp } from '../../state/store.ts';
import { useSweep, type RandomForm } from '../../state/sweep.ts';
import { SWEEP_FLAG } from '../../state/panels.ts';

/**
 * Opening the sweep panel: loaded on first use (the header's Scenario menu and the `?sweep` URL
 * flag, through state/panels.ts), before the panel itself (d3, the statistics) in its own chunk.
 */

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

/** Opens the panel unless it was opened before in this page (the `?sweep` flag, on the first run). */
export function openSweepPanelOnce(): void {
  const s = useSweep.getState();
  if (!s.open && s.policies.length === 0) openSweepPanel();
}

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
