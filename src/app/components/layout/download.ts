import { useApp } from '../../state/store.ts';

/** Saves the scenario on screen as a JSON file (the way to share one too big for a link). */
export function downloadScenario(): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([useApp.getState().scenarioText], { type: 'application/json' }));
  a.download = 'scenario.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 0);
}
