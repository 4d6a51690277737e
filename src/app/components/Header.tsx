import { useState } from 'react';
import { PRESETS } from '../../core/presets/index.ts';
import { POLICIES, parsePolicySpec, VALID, describeAxis, PolicyError } from '../../core/policies/index.ts';
import { openBuilderFromScreen } from '../state/builder.ts';
import { useApp, type Theme } from '../state/store.ts';
import { useImport } from '../state/import.ts';
import { currentShare, runInWorker } from '../sim/runner.ts';
import { cancelRun } from '../sim/client.ts';
import { openSweepPanel } from './sweep/open.ts';
import { ExportMenu } from './export/ExportMenu.tsx';
import { encodeLink, LinkError, linkSizeAdvice, MAX_NOTE_CHARS, type LinkSizeAdvice } from '../../core/share/index.ts';
import { publicLinkUrl } from '../share/publicUrl.ts';
import { enterPractice } from '../state/practice.ts';
import { LessonMenu } from './lesson/LessonMenu.tsx';

/** Saves the scenario on screen as a JSON file (the way to share one too big for a link). */
function downloadScenario(): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([useApp.getState().scenarioText], { type: 'application/json' }));
  a.download = 'scenario.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 0);
}

/** Scenario picker, policy chips (add, remove, compose), share, theme and help. */
export function Header() {
  const presetId = useApp((s) => s.presetId);
  const policies = useApp((s) => s.policies);
  const theme = useApp((s) => s.theme);
  const status = useApp((s) => s.status);
  const [copied, setCopied] = useState(false);
  const [advice, setAdvice] = useState<LinkSizeAdvice | null>(null);
  const [composing, setComposing] = useState(false);
  // The sender's note: carried by the link, shown to whoever opens it.
  const [note, setNote] = useState('');

  const loadPreset = (id: string): void => {
    const p = PRESETS.find((x) => x.id === id);
    if (p) void runInWorker(JSON.stringify(p.scenario, null, 2), policies, { presetId: id });
  };
  const setPolicies = (list: string[]): void => {
    void runInWorker(useApp.getState().scenarioText, list);
  };
  const share = async (): Promise<void> => {
    // The link points at this moment: cursor, visible window and the selected event.
    let frag: string;
    try {
      frag = encodeLink({ ...currentShare(true), ...(note.trim() ? { note: note.trim() } : {}) });
    } catch (e) {
      const m = e instanceof LinkError ? e.message : String(e);
      useApp.getState().shareFailed({ message: m, path: /note/.test(m) ? 'note' : 'policies' });
      return;
    }
    history.replaceState(null, '', '#' + frag);
    // The public address when the build knows it (VITE_PUBLIC_URL), else this page's.
    const url = publicLinkUrl(frag);
    // Long links get cut by mail clients: say so (and past 8000 characters, suggest a file).
    const a = linkSizeAdvice(url.length);
    setAdvice(a.level === 'ok' ? null : a);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      prompt('Copy this link', url);
    }
  };
  return (
    <header className="top">
      <h1>
        msix-lab<span>how hypervisors virtualise MSI-X</span>
      </h1>
      <div className="field">
        <label htmlFor="preset">scenario</label>
        <select
          id="preset"
          className="btn"
          value={presetId ?? ''}
          onChange={(e) => loadPreset(e.target.value)}
          data-testid="preset"
        >
          {presetId === null && <option value="">(custom scenario)</option>}
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id}: {p.title}
            </option>
          ))}
        </select>
        <button className="btn" onClick={() => useApp.getState().openEditor()}>
          Edit JSON
        </button>
        <button
          className="btn"
          onClick={() => useImport.getState().openImport()}
          title="Import lspci -vv output, a QEMU vfio trace or a scenario file (or drop a file anywhere on the page)"
          data-testid="open-import"
        >
          Import…
        </button>
        <button className="btn" onClick={() => openBuilderFromScreen()} data-testid="open-builder">
          Builder
        </button>
      </div>
      <div className="chips" role="group" aria-label="policies compared">
        {policies.map((p) => (
          <span className="chip" key={p}>
            {p}
            <button
              aria-label={`remove ${p}`}
              disabled={policies.length <= 1}
              onClick={() => setPolicies(policies.filter((x) => x !== p))}
            >
              ×
            </button>
          </span>
        ))}
        {policies.length < 6 && (
          <select
            className="btn"
            aria-label="add a policy"
            value=""
            onChange={(e) =>
              e.target.value === '__compose' ? setComposing(true) : setPolicies([...policies, e.target.value])
            }
          >
            <option value="">+ add policy</option>
            {POLICIES.filter((p) => !policies.includes(p.id)).map((p) => (
              <option key={p.id} value={p.id}>
                {p.id}
              </option>
            ))}
            <option value="__compose">compose your own…</option>
          </select>
        )}
      </div>
      {composing && (
        <Composer
          onDone={(spec) => {
            setComposing(false);
            if (spec) setPolicies([...policies, spec]);
          }}
        />
      )}
      <span className="spacer" />
      <LessonMenu />
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
      <input
        className="btn share-note"
        type="text"
        value={note}
        maxLength={MAX_NOTE_CHARS}
        onChange={(e) => setNote(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void share();
        }}
        placeholder="note (optional)"
        aria-label="a note for whoever opens the link (optional)"
        title="A note the link carries, shown to whoever opens it"
        data-testid="share-note"
      />
      <button
        className="btn"
        onClick={openSweepPanel}
        title="Many randomised trials: how often each policy loses interrupts per resize, with intervals"
        data-testid="open-sweep"
      >
        Sweep…
      </button>
      <button
        className="btn"
        onClick={() => void share()}
        title="Copy a link to this comparison at this moment (cursor, zoom and selected event included)"
        data-testid="share"
      >
        {copied ? 'Link copied ✓' : 'Share link'}
      </button>
      <ExportMenu />
      {advice && advice.level !== 'ok' && (
        <span role="status" className="share-advice" data-testid="share-advice">
          {advice.message}
          {advice.level === 'file' && (
            <button className="btn" onClick={downloadScenario}>
              Download scenario.json
            </button>
          )}
          <button className="btn" aria-label="dismiss the link length note" onClick={() => setAdvice(null)}>
            ×
          </button>
        </span>
      )}
      <div className="field">
        <label htmlFor="theme">theme</label>
        <select
          id="theme"
          className="btn"
          value={theme}
          onChange={(e) => useApp.getState().setTheme(e.target.value as Theme)}
        >
          <option value="system">system</option>
          <option value="light">light</option>
          <option value="dark">dark</option>
        </select>
      </div>
      <button className="btn" onClick={enterPractice} data-testid="practice" title="Practice: predict, then check">
        Practice
      </button>
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

/** Builds "<base>:frontend=..,enable=..,growth=.." from the three axes. */
function Composer({ onDone }: { onDone: (spec: string | null) => void }) {
  const [fe, setFe] = useState<'qemu-msix' | 'pci-assign'>('qemu-msix');
  const [en, setEn] = useState('vector0-fd-1');
  const [gr, setGr] = useState('teardown-setup');
  const v = VALID[fe];
  const enable = v.enable.includes(en as never) ? en : v.enable[0]!;
  const growth = v.growth.includes(gr as never) ? gr : v.growth[0]!;
  // A composition equal to a named policy is that policy; otherwise it is named after the
  // policy with the same growth (the axis that decides losses), with the differing axes listed.
  const same = POLICIES.find((p) => p.axes.frontEnd === fe && p.axes.enable === enable && p.axes.growth === growth);
  const base =
    same ??
    POLICIES.find((p) => p.axes.frontEnd === fe && p.axes.growth === growth) ??
    POLICIES.find((p) => p.axes.frontEnd === fe)!;
  const spec = same ? same.id : parsePolicySpec(`${base.id}:frontend=${fe},enable=${enable},growth=${growth}`).spec;
  const duplicate = useApp.getState().policies.includes(spec);
  let err = duplicate ? `${spec} is already shown` : '';
  try {
    parsePolicySpec(spec);
  } catch (e) {
    err = e instanceof PolicyError ? e.message : String(e);
  }
  return (
    <div className="chips" role="group" aria-label="compose a policy">
      <select
        className="btn"
        aria-label="front end"
        value={fe}
        onChange={(e) => setFe(e.target.value as typeof fe)}
        title={describeAxis(fe)}
      >
        <option value="qemu-msix">front end: QEMU msix.c (PBA)</option>
        <option value="pci-assign">front end: pci-assign (no PBA)</option>
      </select>
      <select className="btn" aria-label="enable behaviour" value={enable} onChange={(e) => setEn(e.target.value)}>
        {v.enable.map((x) => (
          <option key={x} value={x} title={describeAxis(x)}>
            enable: {x}
          </option>
        ))}
      </select>
      <select className="btn" aria-label="growth behaviour" value={growth} onChange={(e) => setGr(e.target.value)}>
        {v.growth.map((x) => (
          <option key={x} value={x} title={describeAxis(x)}>
            growth: {x}
          </option>
        ))}
      </select>
      <button className="btn primary" disabled={!!err} onClick={() => onDone(spec)} title={spec}>
        add {same ? same.id : 'composed policy'}
      </button>
      <button className="btn" onClick={() => onDone(null)}>
        cancel
      </button>
      {err && <span className="err">{err}</span>}
    </div>
  );
}
