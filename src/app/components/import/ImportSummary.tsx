import type { AnyImport, ImportWarning, LspciImport, MsixLocation, TraceImport } from '../../../core/index.ts';

/**
 * What an import found, as text only: every string from the pasted input (device names, trace
 * lines) is rendered as a React text node, never as HTML (tested with hostile names).
 */
export function ImportSummary({ result, onDevice }: { result: AnyImport; onDevice: (device: string) => void }) {
  return (
    <div className="import-summary" data-testid="import-summary">
      {result.kind === 'lspci' && <LspciSummary r={result} onDevice={onDevice} />}
      {result.kind === 'qemu-trace' && <TraceSummary r={result} onDevice={onDevice} />}
      {result.kind === 'scenario' && (
        <>
          <h3 data-testid="import-kind">Scenario JSON</h3>
          <p>
            {result.scenario.name ? <b>{result.scenario.name}</b> : 'Unnamed scenario'}: a{' '}
            {result.scenario.device.tableSize}-entry table, {result.scenario.steps.length} steps
            {result.scenario.policies ? `, policies ${result.scenario.policies.join(', ')}` : ''}.
          </p>
        </>
      )}
    </div>
  );
}

const MAX_DEVICES = 500;
const hex = (n: number): string => `0x${n.toString(16)}`;
const loc = (l: MsixLocation | null): string =>
  l ? `BAR${l.bar} + ${hex(l.offset)}` : 'not shown (lspci -vv as root)';

function Warnings({ list, none }: { list: ImportWarning[]; none?: string }) {
  if (list.length === 0) return none ? <p className="import-ok">{none}</p> : null;
  return (
    <ul className="import-warnings" data-testid="import-warnings" aria-label="warnings">
      {list.map((w) => (
        <li key={w.code} data-code={w.code}>
          <span aria-hidden="true">⚠ </span>
          {w.message}
        </li>
      ))}
    </ul>
  );
}

function DevicePicker({
  devices,
  current,
  onDevice,
}: {
  devices: { id: string; label: string; usable: boolean }[];
  current: string;
  onDevice: (d: string) => void;
}) {
  if (devices.length < 2) return null;
  // A real lspci lists tens to hundreds of functions; a pathological paste is cut for the DOM's sake.
  const shown = devices.slice(0, MAX_DEVICES);
  return (
    <label className="import-device">
      device{' '}
      <select
        className="btn"
        value={current}
        onChange={(e) => onDevice(e.target.value)}
        data-testid="import-device-select"
      >
        {shown.map((d, i) => (
          <option key={`${d.id}-${i}`} value={d.id} disabled={!d.usable}>
            {d.label}
          </option>
        ))}
      </select>
      {devices.length > MAX_DEVICES && (
        <span>
          {' '}
          (the first {MAX_DEVICES} of {devices.length})
        </span>
      )}
    </label>
  );
}

function LspciSummary({ r, onDevice }: { r: LspciImport; onDevice: (d: string) => void }) {
  const m = r.device.msix!;
  return (
    <>
      <h3 data-testid="import-kind">
        lspci · {r.device.bdf === '?' ? '' : `${r.device.bdf} `}
        <span className="import-name">{r.device.name}</span>
      </h3>
      <DevicePicker
        devices={r.devices.map((d) => ({
          id: d.bdf,
          label: `${d.bdf} ${d.name.slice(0, 60)}${d.count === null ? ' (no MSI-X)' : ` (Count=${d.count})`}`,
          usable: d.count !== null && d.bdf !== '?',
        }))}
        current={r.device.bdf}
        onDevice={onDevice}
      />
      <table className="import-facts" data-testid="import-msix">
        <tbody>
          <tr>
            <th scope="row">Count</th>
            <td>{m.count} entries (the scenario's table size)</td>
          </tr>
          <tr>
            <th scope="row">Enable / Masked</th>
            <td>
              Enable{m.enabled ? '+' : '−'} Masked{m.functionMasked ? '+' : '−'} (the host's state when lspci ran; the
              guest starts from reset)
            </td>
          </tr>
          <tr>
            <th scope="row">Vector table</th>
            <td>{loc(m.table)}</td>
          </tr>
          <tr>
            <th scope="row">PBA</th>
            <td>{loc(m.pba)}</td>
          </tr>
          {m.capOffset !== null && (
            <tr>
              <th scope="row">Capability</th>
              <td>at config offset {hex(m.capOffset)}</td>
            </tr>
          )}
        </tbody>
      </table>
      <Warnings list={r.warnings} none="No layout warning for assignment." />
      <p className="import-guest">Guest (the default for imports): {r.guest}.</p>
    </>
  );
}

const MAX_ROWS = 64;

function TraceSummary({ r, onDevice }: { r: TraceImport; onDevice: (d: string) => void }) {
  return (
    <>
      <h3 data-testid="import-kind">
        QEMU trace · <span className="import-name">{r.device}</span>
      </h3>
      <DevicePicker
        devices={r.devices.map((d) => ({ id: d, label: d, usable: true }))}
        current={r.device}
        onDevice={onDevice}
      />
      <p>
        Table {r.tableSize} entries
        {r.early ? ` (vfio_msix_early_setup: BAR${r.early.bar} + ${hex(r.early.offset)})` : ''}; {r.enables} MSI-X
        enable(s), {r.disables} disable(s), {r.pbaEnables} PBA trap(s);{' '}
        {r.hasTimestamps ? `${(r.spanNs / 1e6).toFixed(3)} ms of trace` : 'no timestamps'}.
      </p>
      <div className="import-scroll">
        <table className="import-facts" data-testid="import-vectors">
          <thead>
            <tr>
              <th scope="col">vector</th>
              <th scope="col" title="vfio_msix_vector_do_use: the guest unmasked the vector">
                unmasks
              </th>
              <th scope="col" title="vfio_msix_vector_release: the guest masked the vector">
                masks
              </th>
              <th scope="col">interrupts</th>
            </tr>
          </thead>
          <tbody>
            {r.vectors.slice(0, MAX_ROWS).map((v) => (
              <tr key={v.vector}>
                <td>{v.vector}</td>
                <td>{v.uses}</td>
                <td>{v.releases}</td>
                <td>{v.interrupts}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {r.vectors.length > MAX_ROWS && <p>… and {r.vectors.length - MAX_ROWS} more vectors.</p>}
      </div>
      <Warnings list={r.warnings} />
      <p className="import-guest">
        Replayed as a Linux guest (the trace shows QEMU, not the driver): unmasks become request_irq/enable_irq, masks
        disable_irq. Interrupts KVM delivered through its irqfd never reach QEMU and are not in a trace.
      </p>
      {r.unknownCount > 0 && (
        <details className="import-unknown" data-testid="import-unknown">
          <summary>
            {r.unknownCount} line{r.unknownCount === 1 ? '' : 's'} not used
          </summary>
          <ul>
            {r.unknown.map((u) => (
              <li key={u.line}>
                <code>line {u.line}:</code> {u.text}
              </li>
            ))}
          </ul>
          {r.unknownCount > r.unknown.length && <p>… and {r.unknownCount - r.unknown.length} more.</p>}
        </details>
      )}
    </>
  );
}
