import { useState } from 'react';
import { MenuButton, MenuGroup, MenuItem, MenuRadio, MenuSeparator } from '../layout/MenuButton.tsx';
import { useApp } from '../../state/store.ts';
import { getRun, useRun } from '../../state/runData.ts';
import { guarded, WorkerFault } from '../../sim/client.ts';
import type { ExportKind, ExportResponse, RunOk } from '../../../worker/protocol.ts';

type ImageTheme = 'light' | 'dark';

/** A Worker export may re-run up to the page's cap (500,000 raises): generous, but bounded. */
const EXPORT_TIMEOUT_MS = 180_000;

/** A file name part: letters, digits, dot, dash and plus only (no path, no spaces). */
const slug = (s: string): string =>
  s
    .replace(/[^A-Za-z0-9.+-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'x';

/** "msix-lab_default_data-hack+dynamic-alloc": the scenario and the policy set. */
export function exportBaseName(run: Pick<RunOk, 'scenario' | 'policies'>, presetId: string | null): string {
  const name = run.scenario.name ?? presetId ?? 'custom';
  return `msix-lab_${slug(name)}_${slug(run.policies.join('+'))}`;
}

function download(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

const WORKER_FILES: Record<ExportKind, { label: string; ext: string; type: string; what: string }> = {
  perfetto: {
    label: 'Perfetto trace (.json)',
    ext: 'perfetto.json',
    type: 'application/json',
    what: 'the Perfetto trace',
  },
  'metrics-csv': { label: 'Metrics (.csv)', ext: 'metrics.csv', type: 'text/csv', what: 'the metrics CSV' },
  'events-csv': { label: 'Event log (.csv)', ext: 'events.csv', type: 'text/csv', what: 'the events CSV' },
};

/**
 * The header's Export menu: the run for Perfetto and spreadsheets (built in the Worker, so a
 * 100,000-raise run never blocks the page), the scenario as JSON, and the current view as SVG or
 * PNG in either theme (drawn by the canvases' own code, loaded on first use).
 */
export function ExportMenu() {
  const status = useApp((s) => s.status);
  const run = useRun();
  const [theme, setTheme] = useState<ImageTheme>(() =>
    document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light',
  );
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const disabled = !run || status === 'running' || busy;
  const fail = (e: unknown): void =>
    setNote({ text: `export failed: ${e instanceof Error ? e.message : String(e)}`, error: true });

  const fromWorker = async (kind: ExportKind): Promise<void> => {
    const r = getRun();
    if (!r) return;
    const f = WORKER_FILES[kind];
    setBusy(true);
    setNote({ text: `building ${f.what}…`, error: false });
    try {
      const res: ExportResponse = await guarded(
        (api) =>
          api.exportRun({
            kind,
            name: r.scenario.name ?? useApp.getState().presetId ?? 'custom',
            scenarioText: JSON.stringify(r.scenario),
            policies: r.policies,
            seed: r.seed,
            hashes: r.runs.map((p) => p.hash),
          }) as Promise<ExportResponse>,
        EXPORT_TIMEOUT_MS,
      );
      if (!res.ok) throw new Error(res.message);
      const name = `${exportBaseName(r, useApp.getState().presetId)}.${f.ext}`;
      download(new Blob([res.bytes as BlobPart], { type: f.type }), name);
      const hint = kind === 'perfetto' ? ': open it at ui.perfetto.dev (Open trace file)' : '';
      setNote({ text: `saved ${name} (${(res.bytes.length / 1024).toFixed(0)} KB)${hint}`, error: false });
    } catch (e) {
      fail(e instanceof WorkerFault ? new Error(e.message) : e);
    } finally {
      setBusy(false);
    }
  };

  const scenarioFile = (): void => {
    const r = getRun();
    if (!r) return;
    const name = `${exportBaseName(r, useApp.getState().presetId)}.scenario.json`;
    download(new Blob([JSON.stringify(r.scenario, null, 2) + '\n'], { type: 'application/json' }), name);
    setNote({ text: `saved ${name}`, error: false });
  };

  const image = async (format: 'svg' | 'png'): Promise<void> => {
    const r = getRun();
    if (!r) return;
    setBusy(true);
    try {
      const m = await import('../../render/exportImage.ts');
      const scene = m.currentScene();
      if (!scene) return;
      const name = `${exportBaseName(r, useApp.getState().presetId)}.view-${theme}.${format}`;
      const blob =
        format === 'svg'
          ? new Blob([m.sceneSvg(scene, theme)], { type: 'image/svg+xml' })
          : await m.scenePng(scene, theme);
      download(blob, name);
      setNote({ text: `saved ${name}`, error: false });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-menu">
      <MenuButton
        label="Export ▾"
        menuLabel="export"
        testid="export"
        title="Export the run (Perfetto, CSV), the scenario, or the current view (SVG, PNG)"
      >
        {(Object.keys(WORKER_FILES) as ExportKind[]).map((k) => (
          <MenuItem key={k} disabled={disabled} testid={`export-${k}`} onSelect={() => void fromWorker(k)}>
            {WORKER_FILES[k].label}
          </MenuItem>
        ))}
        <MenuItem disabled={disabled} testid="export-scenario" onSelect={scenarioFile}>
          Scenario (.json)
        </MenuItem>
        <MenuSeparator />
        <MenuGroup label="current view as an image">
          {(['light', 'dark'] as const).map((t) => (
            <MenuRadio key={t} checked={theme === t} onSelect={() => setTheme(t)} testid={`export-theme-${t}`}>
              {t} theme
            </MenuRadio>
          ))}
          <MenuItem disabled={disabled} testid="export-svg" onSelect={() => void image('svg')}>
            SVG
          </MenuItem>
          <MenuItem disabled={disabled} testid="export-png" onSelect={() => void image('png')}>
            PNG (2×)
          </MenuItem>
        </MenuGroup>
      </MenuButton>
      {note && (
        <span role="status" className={note.error ? 'export-note error' : 'export-note'} data-testid="export-note">
          {note.text}
          <button className="btn" aria-label="dismiss the export note" onClick={() => setNote(null)}>
            ×
          </button>
        </span>
      )}
    </div>
  );
}
