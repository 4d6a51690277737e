import { useEffect, useRef, useState } from 'react';
import { useApp } from '../state/store.ts';
import { runInWorker } from '../sim/runner.ts';
import { cancelRun } from '../sim/client.ts';
import { useDraft } from '../state/draft.ts';
import { asEditorApply } from '../state/undo.ts';

/**
 * Edit the scenario as JSON. "Run" validates in the Worker: a bad scenario shows its error here,
 * naming the field, and the current run and your text both stay as they are. The text is never
 * lost while unapplied: closing (Escape, Cancel) keeps it as a draft (state/draft.ts) that
 * reopening shows with its error, a reload restores, and closing the tab asks about.
 */
export function ScenarioEditor() {
  const open = useApp((s) => s.editorOpen);
  const scenarioText = useApp((s) => s.scenarioText);
  const running = useApp((s) => s.status === 'running');
  const err = useDraft((s) => s.error);
  const hasDraft = useDraft((s) => s.text !== null);
  const [text, setText] = useState(scenarioText);
  const ref = useRef<HTMLDialogElement>(null);
  const taRef = useRef<HTMLTextAreaElement>(null);
  // The applied scenario as the editor shows it: text equal to this is no draft.
  const baseRef = useRef('');
  const show = (t: string): void => {
    setText(t);
    // Fill the textarea before it becomes visible, not on the next render.
    if (taRef.current) taRef.current.value = t;
  };
  useEffect(() => {
    const d = ref.current!;
    if (open && !d.open) {
      baseRef.current = pretty(useApp.getState().scenarioText);
      // A shared link's refused scenario becomes the draft; else the draft kept from before.
      const linkDraft = useApp.getState().takeEditorDraft();
      if (linkDraft !== null) useDraft.getState().draftEdited(pretty(linkDraft));
      const draft = useDraft.getState();
      show(draft.text ?? baseRef.current);
      // A restored draft that was never run: say at once if it is not even JSON.
      if (draft.text !== null && draft.error === null) {
        const je = jsonError(draft.text);
        if (je) useDraft.getState().draftRefused(je);
      }
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);
  const edit = (t: string): void => {
    setText(t);
    useDraft.getState().draftEdited(t === baseRef.current ? null : t);
  };
  const revert = (): void => {
    baseRef.current = pretty(useApp.getState().scenarioText);
    show(baseRef.current);
    useDraft.getState().draftCleared();
  };
  const apply = async (): Promise<void> => {
    const ok = await asEditorApply(() =>
      runInWorker(text, useApp.getState().policies, { presetId: null, notice: 'custom scenario' }),
    );
    if (ok) {
      useDraft.getState().draftCleared();
      useApp.getState().closeEditor();
    } else {
      const e = useApp.getState().error;
      useDraft.getState().draftEdited(text);
      useDraft.getState().draftRefused(e ? e.message : 'the scenario was rejected');
      useApp.getState().dismissError();
      if (e?.path) focusField(e.path);
    }
  };
  return (
    <dialog ref={ref} aria-labelledby="editor-title" onClose={() => useApp.getState().closeEditor()}>
      <h2 id="editor-title" style={{ marginTop: 0 }}>
        Scenario (JSON, version 1)
      </h2>
      <p style={{ fontSize: 12, color: 'var(--muted)' }}>
        Register writes (<code>config-write</code>, <code>table-write</code>), device traffic (<code>raise</code>,{' '}
        <code>poisson</code>, <code>burst</code>), Linux and FreeBSD driver operations and <code>mailbox</code>. Times
        are integer nanoseconds. The format is documented in docs/SCENARIO.md.
      </p>
      <label className="sr-only" htmlFor="scenario-json">
        scenario JSON
      </label>
      <textarea
        ref={taRef}
        id="scenario-json"
        value={text}
        spellCheck={false}
        onChange={(e) => edit(e.target.value)}
        data-testid="scenario-json"
      />
      {err && (
        <p className="err" role="alert" data-testid="editor-error">
          {err}
        </p>
      )}
      <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', marginTop: 8 }}>
        {/* The dialog is modal: the header's cancel button is out of reach while it is open. */}
        {running && (
          <span role="status">
            simulating…{' '}
            <button className="btn" onClick={() => cancelRun()} data-testid="editor-cancel-run">
              Stop simulation
            </button>
          </span>
        )}
        {hasDraft && (
          <span className="draft-note" data-testid="draft-note">
            unapplied changes are kept when you close{' '}
            <button className="btn" onClick={revert} data-testid="editor-revert" title="Back to the scenario on screen">
              Revert
            </button>
          </span>
        )}
        <button
          className="btn"
          onClick={() => useApp.getState().closeEditor()}
          data-testid="editor-close"
          title={hasDraft ? 'Close; your unapplied text is kept for next time' : 'Close'}
        >
          Cancel
        </button>
        <button className="btn primary" onClick={() => void apply()} data-testid="editor-run">
          Run
        </button>
      </div>
    </dialog>
  );
}

/** Puts the caret on the field an error names (the last key of its path) and scrolls to it. */
function focusField(path: string): void {
  const ta = document.getElementById('scenario-json') as HTMLTextAreaElement | null;
  if (!ta) return;
  const key = /([A-Za-z]+)(?:\[\d+\])?$/.exec(path)?.[1];
  const m = /^steps\[(\d+)\]/.exec(path);
  let from = 0;
  if (m) {
    // Skip to the n-th step object.
    const steps = ta.value.indexOf('"steps"');
    let k = -1,
      i = steps;
    while (i >= 0 && k < +m[1]!) {
      i = ta.value.indexOf('{', i + 1);
      k++;
    }
    from = Math.max(0, i);
  }
  const at = key ? ta.value.indexOf(`"${key}"`, from) : from;
  if (at < 0) return;
  ta.focus();
  ta.setSelectionRange(at, at + (key ? key.length + 2 : 0));
  const line = ta.value.slice(0, at).split('\n').length;
  ta.scrollTop = Math.max(0, (line - 4) * 15);
}

/** "not valid JSON: …" for text JSON.parse refuses, else null (the Worker checks the rest). */
function jsonError(t: string): string | null {
  try {
    JSON.parse(t);
    return null;
  } catch (e) {
    return `not valid JSON: ${e instanceof Error ? e.message.slice(0, 120) : String(e)}`;
  }
}

function pretty(t: string): string {
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return t;
  }
}
