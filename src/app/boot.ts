import { defaultPreset } from '../core/presets/default.ts';
import { SEED_POLICY_IDS } from '../core/policies/index.ts';
import { decodeShare, LinkError } from './share/link.ts';
import { applyView, runInWorker } from './sim/runner.ts';
import { PRESETS } from '../core/presets/index.ts';
import { useApp } from './state/store.ts';

/**
 * First load: a share link in the fragment if there is one, else the default scenario under the
 * four seed policies. A broken link says exactly what is wrong and the default loads instead.
 */
export async function boot(): Promise<void> {
  const frag = location.hash.slice(1);
  if (frag) {
    try {
      const s = decodeShare(frag);
      // The preset id is kept only if the scenario is still exactly that preset's.
      const preset = s.preset ? PRESETS.find((p) => p.id === s.preset && JSON.stringify(p.scenario) === JSON.stringify(s.scenario)) : undefined;
      const ok = await runInWorker(JSON.stringify(s.scenario, null, 2), s.policies, { presetId: preset?.id ?? null, notice: 'Scenario from a shared link' });
      if (ok) {
        if (s.view) applyView(s.view);
        return;
      }
      const e = useApp.getState().error;
      await loadDefault();
      useApp.getState().set({ error: { message: `the shared link's scenario was rejected: ${e?.message ?? 'unknown error'}`, path: '', fallback: 'The default scenario is shown instead.' } });
      return;
    } catch (e) {
      await loadDefault();
      useApp.getState().set({ error: { message: e instanceof LinkError ? e.message : String(e), path: '', fallback: 'The default scenario is shown instead.' } });
      return;
    }
  }
  await loadDefault();
}

async function loadDefault(): Promise<void> {
  await runInWorker(JSON.stringify(defaultPreset.scenario, null, 2), [...SEED_POLICY_IDS], { presetId: 'default' });
}
