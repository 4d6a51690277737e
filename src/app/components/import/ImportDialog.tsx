import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { AnyImport } from '../../../core/index.ts';
import type { ImportResponse } from '../../../worker/protocol.ts';
import { useImport } from '../../state/import.ts';
import { useApp } from '../../state/store.ts';
import { runInWorker } from '../../sim/runner.ts';
import { parseImport } from '../../sim/import.ts';

// The parsed result's summary loads with the first result (the dialog itself stays in the first
// chunk: it catches a file dropped anywhere on the page).
const ImportSummary = lazy(() => import('./ImportSummary.tsx').then((m) => ({ default: m.ImportSummary })));

/** Files larger than this are refused before they are read (the Worker's own limit is 8 M characters). */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Quiet time after typing before the text is parsed again. */
const PARSE_DELAY_MS = 150;

/** Reads a chosen or dropped file as text, refusing oversized ones before reading. */
async function readFile(f: File): Promise<{ text: string } | { error: string }> {
  if (f.size > MAX_FILE_BYTES)
    return {
      error: `"${f.name}" is ${f.size.toLocaleString('en-US')} bytes; the limit is ${MAX_FILE_BYTES.toLocaleString('en-US')} (cut it to the part you need)`,
    };
  try {
    return { text: await f.text() };
  } catch {
    return { error: `"${f.name}" could not be read` };
  }
}

/** The notice the page shows above the run: where the scenario came from, in one line. */
function noticeOf(r: AnyImport, fileName: string | null): string {
  const from = fileName ? ` (${fileName})` : '';
  if (r.kind === 'lspci') {
    const m = r.device.msix!;
    const at = (l: { bar: number; offset: number } | null) => (l ? `BAR${l.bar}+0x${l.offset.toString(16)}` : '?');
    const w = r.warnings.filter((x) => x.code !== 'guest-capped' && x.code !== 'many-devices').length;
    return `Imported from lspci${from}: ${r.device.bdf === '?' ? '' : `${r.device.bdf} `}${r.device.name} — MSI-X Count=${m.count}, table ${at(m.table)}, PBA ${at(m.pba)}${w ? `; ${w} assignment warning${w > 1 ? 's' : ''}` : ''}`;
  }
  if (r.kind === 'qemu-trace') {
    const irqs = r.vectors.reduce((s, v) => s + v.interrupts, 0);
    return `Replayed from a QEMU trace${from}: ${r.device}, ${r.vectors.length} vectors, ${irqs} interrupts`;
  }
  return `Scenario from ${fileName ?? 'pasted JSON'}${r.scenario.name ? `: ${r.scenario.name}` : ''}`;
}

/**
 * Import real device data (issue 7): paste `lspci -vv` output, a QEMU vfio trace or a scenario
 * JSON, or choose or drop a file anywhere on the page. The text is parsed in the Worker as you
 * type; "Run comparison" loads the scenario through the same path as the editor (runInWorker), so a
 * bad import leaves the current run on screen. Two steps: paste (or drop), then Run.
 */
export function ImportDialog() {
  const open = useImport((s) => s.open);
  const text = useImport((s) => s.text);
  const fileName = useImport((s) => s.fileName);
  const running = useApp((s) => s.status === 'running');
  const [device, setDevice] = useState<string | undefined>(undefined);
  const [res, setRes] = useState<ImportResponse | null>(null);
  const [parsing, setParsing] = useState(false);
  const [runErr, setRunErr] = useState<string | null>(null);
  const [fileErr, setFileErr] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const taRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const seq = useRef(0);

  useEffect(() => {
    const d = ref.current!;
    if (open && !d.open) {
      setRunErr(null);
      d.showModal();
      taRef.current?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);

  // Parse in the Worker, debounced; only the newest answer is shown.
  useEffect(() => {
    if (!open) return;
    const my = ++seq.current;
    if (text.trim() === '') {
      setRes(null);
      setParsing(false);
      return;
    }
    setParsing(true);
    const timer = setTimeout(() => {
      void parseImport({ text, ...(device ? { device } : {}) }).then((r) => {
        if (my !== seq.current) return;
        setRes(r);
        setParsing(false);
      });
    }, PARSE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, device, open]);

  // A file dropped anywhere on the page opens the dialog with its text.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      const f = e.dataTransfer?.files?.[0];
      depth = 0;
      setDragging(false);
      if (!f) return;
      e.preventDefault();
      void takeFile(f);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const takeFile = async (f: File): Promise<void> => {
    const r = await readFile(f);
    setDevice(undefined);
    // A file that cannot be read is said apart from the parse result: the text already in the dialog stays.
    setFileErr('error' in r ? r.error : null);
    if ('error' in r) useImport.getState().openImport();
    else useImport.getState().openImport(r.text, f.name);
  };

  const run = async (): Promise<void> => {
    if (!res?.ok) return;
    setRunErr(null);
    const r = res.result;
    const policies =
      r.kind === 'scenario' && r.scenario.policies?.length ? r.scenario.policies : useApp.getState().policies;
    const ok = await runInWorker(res.scenarioText, policies, { presetId: null, notice: noticeOf(r, fileName) });
    if (ok) useImport.getState().closeImport();
    else {
      // The run was refused: say why here; what was on screen stays, and so does the pasted text.
      setRunErr(useApp.getState().error?.message ?? 'the scenario was rejected');
      useApp.getState().dismissError();
    }
  };

  return (
    <>
      {dragging && (
        <div className="import-drop" aria-hidden="true">
          Drop an lspci dump, a QEMU trace or a scenario .json to import it
        </div>
      )}
      <dialog
        ref={ref}
        aria-labelledby="import-title"
        className="import-dialog"
        data-testid="import-dialog"
        onClose={() => useImport.getState().closeImport()}
      >
        <h2 id="import-title" style={{ marginTop: 0 }}>
          Import a real device
        </h2>
        <p className="import-help">
          Paste <code>lspci -vv</code> output, a QEMU trace (
          <code>-trace &apos;vfio_msix*&apos; -trace vfio_msi_interrupt</code>) or a scenario JSON — or choose a file (
          <code>.txt</code>, <code>.log</code>, <code>.json</code>), or drop one anywhere on the page.
        </p>
        <div className="import-row">
          <button className="btn" onClick={() => fileRef.current?.click()} data-testid="import-choose">
            Choose file…
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".json,.txt,.log,text/plain,application/json"
            hidden
            data-testid="import-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void takeFile(f);
            }}
          />
          {fileName && <span className="import-file-name">{fileName}</span>}
          {parsing && <span role="status">reading…</span>}
        </div>
        <label className="sr-only" htmlFor="import-text">
          text to import
        </label>
        <textarea
          ref={taRef}
          id="import-text"
          className="import-text"
          value={text}
          spellCheck={false}
          placeholder={
            '18:00.0 Ethernet controller: …\n\tCapabilities: [70] MSI-X: Enable+ Count=129 Masked-\n\t\tVector table: BAR=3 offset=00000000\n\t\tPBA: BAR=3 offset=00001000'
          }
          onChange={(e) => {
            setDevice(undefined);
            setFileErr(null);
            useImport.getState().setImportText(e.target.value);
          }}
          data-testid="import-text"
        />
        {fileErr && (
          <p className="err" role="alert" data-testid="import-file-error">
            {fileErr}
          </p>
        )}
        {res && !res.ok && (
          <p className="err" role="alert" data-testid="import-error">
            {res.message}
          </p>
        )}
        {res?.ok && (
          <Suspense fallback={<p role="status">Reading the result…</p>}>
            <ImportSummary result={res.result} onDevice={setDevice} />
          </Suspense>
        )}
        {runErr && (
          <p className="err" role="alert" data-testid="import-run-error">
            Not run: {runErr}. What you had is still shown.
          </p>
        )}
        <div className="import-actions">
          {running && <span role="status">simulating…</span>}
          <button className="btn" onClick={() => useImport.getState().closeImport()}>
            Cancel
          </button>
          <button
            className="btn primary"
            disabled={!res?.ok || parsing || running}
            onClick={() => void run()}
            data-testid="import-run"
          >
            Run comparison
          </button>
        </div>
      </dialog>
    </>
  );
}
