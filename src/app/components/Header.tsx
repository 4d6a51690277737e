import { PRESETS } from '../../core/presets/index.ts';
import { useApp } from '../state/store.ts';
import { runInWorker } from '../sim/runner.ts';
import { cancelRun } from '../sim/client.ts';
import { ExportMenu } from './export/ExportMenu.tsx';
import { LessonMenu } from './lesson/LessonMenu.tsx';
import { PolicyChips } from './layout/PolicyChips.tsx';
import { ShareControls } from './layout/ShareControls.tsx';
import { ScenarioMenu, SettingsMenu } from './layout/HeaderMenus.tsx';

/**
 * The header: what is always needed stays in sight (the scenario, the policies, Share), the rest
 * sits in a few named menus (Scenario: edit, build, import, download, sweep; Learn: lessons and
 * practice; Export; ⚙ settings: theme and shortcuts) and ? opens the help. One row from about
 * 1280 px; two on a phone (the policies fold behind a button there: PolicyChips).
 */
export function Header() {
  const presetId = useApp((s) => s.presetId);
  const status = useApp((s) => s.status);

  const loadPreset = (id: string): void => {
    const p = PRESETS.find((x) => x.id === id);
    if (p) void runInWorker(JSON.stringify(p.scenario, null, 2), useApp.getState().policies, { presetId: id });
  };
  return (
    <header className="top">
      <h1>
        msix-lab<span>how hypervisors virtualise MSI-X</span>
      </h1>
      <div className="field scenario-field">
        <label htmlFor="preset" className="sr-only">
          scenario
        </label>
        <select
          id="preset"
          className="btn"
          value={presetId ?? ''}
          onChange={(e) => loadPreset(e.target.value)}
          data-testid="preset"
          title="The scenario: a preset, or your own"
        >
          {presetId === null && <option value="">(custom scenario)</option>}
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id}: {p.title}
            </option>
          ))}
        </select>
        <ScenarioMenu />
      </div>
      <PolicyChips />
      <span className="spacer" />
      {status === 'running' && (
        <span className="running">
          <span role="status" data-testid="simulating">
            simulating…
          </span>
          <button
            className="btn"
            onClick={() => cancelRun()}
            data-testid="cancel-run"
            title="Stop this simulation (the Worker is restarted; what you had stays shown)"
          >
            Cancel
          </button>
        </span>
      )}
      <ShareControls />
      <LessonMenu />
      <ExportMenu />
      <SettingsMenu />
      <button
        className="btn"
        onClick={() => useApp.getState().openHelp()}
        aria-label="keyboard shortcuts and help"
        title="Help (?)"
      >
        ?
      </button>
    </header>
  );
}
