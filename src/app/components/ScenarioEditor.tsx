import { useEffect, useRef, useState } from 'react';
import { useApp } from '../state/store.ts';
import { runInWorker } from '../sim/runner.ts';

/**
 * Edit the scenario as JSON. "Run" validates in the Worker: a bad scenario shows its error here,
 * naming the field, and the current run and your text both stay as they are.
 */
export function ScenarioEditor() {
  const open = useApp((s) => s.editorOpen);
  const scenarioText = useApp((s) => s.scenarioText);
  const [text, setText] = useState(scenarioText);
  const [err, setErr] = useState<string | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    if (open && !d.open) {
      setText(pretty(useApp.getState().scenarioText));
      setErr(null);
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);
  const apply = async (): Promise<void> => {
    const ok = await runInWorker(text, useApp.getState().policies, { presetId: null, notice: 'custom scenario' });
    if (ok) useApp.getState().set({ editorOpen: false });
    else {
      const e = useApp.getState().error;
      setErr(e ? e.message : 'the scenario was rejected');
      useApp.getState().set({ error: null });
    }
  };
  return (
    <dialog ref={ref} aria-labelledby="editor-title" onClose={() => useApp.getState().set({ editorOpen: false })}>
      <h2 id="editor-title" style={{ marginTop: 0 }}>Scenario (JSON, version 1)</h2>
      <p style={{ fontSize: 12, color: 'var(--muted)' }}>
        Register writes (<code>config-write</code>, <code>table-write</code>), device traffic (<code>raise</code>, <code>poisson</code>, <code>burst</code>), Linux and FreeBSD driver operations and <code>mailbox</code>. Times are integer nanoseconds. The format is documented in docs/SCENARIO.md.
      </p>
      <label className="sr-only" htmlFor="scenario-json">scenario JSON</label>
      <textarea id="scenario-json" value={text} spellCheck={false} onChange={(e) => setText(e.target.value)} data-testid="scenario-json" />
      {err && <p className="err" role="alert" data-testid="editor-error">{err}</p>}
      <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', marginTop: 8 }}>
        <button className="btn" onClick={() => useApp.getState().set({ editorOpen: false })}>Cancel</button>
        <button className="btn primary" onClick={() => void apply()} data-testid="editor-run">Run</button>
      </div>
    </dialog>
  );
}

function pretty(t: string): string {
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return t;
  }
}
