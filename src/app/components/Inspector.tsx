import { useEffect, useState } from 'react';
import { explainRow, raiseJourney } from '../../core/analysis/explain.ts';
import { describeRow } from '../../core/analysis/golden.ts';
import { lastAtOrBefore, OUTCOME_NAMES, Outcome } from '../../core/analysis/timeline.ts';
import { LOSS_NAMES, PLACE_NAMES, TARGET_NAMES } from '../../core/engine/events.ts';
import { decode, declOf, RAISE_ROW_KINDS } from '../../core/engine/schema.ts';
import type { MachineState } from '../../core/analysis/state.ts';
import { getRun } from '../state/runData.ts';
import { useApp } from '../state/store.ts';
import { onViewport, setCursor, viewport } from '../state/viewport.ts';
import { sim } from '../sim/client.ts';
import { fmtTime } from '../render/format.ts';
import { activeVectors } from '../render/layout.ts';
import { findRaise } from '../render/hitTest.ts';
import { selectedKey } from './PaneView.tsx';

/** The "why?" panel for the selected event, the same raise in every policy, and the registers at the cursor. */
export function Inspector() {
  const sel = useApp((s) => s.selected);
  useApp((s) => s.runVersion);
  const hover = useApp((s) => s.hover);
  const run = getRun();
  if (!run) return null;
  const pane = sel?.pane ?? 0;
  const p = run.runs[pane]!;
  const ex = sel ? explainRow(p.log, sel.row) : null;
  const key = sel ? selectedKey() : hover;
  return (
    <aside className="side" aria-label="inspector">
      <h3>Why?</h3>
      {!ex && <p className="why">Click any mark on a timeline (or press <kbd>L</kbd> to jump to the next lost interrupt) to see what happened and why.</p>}
      {ex && (
        <div className="why" data-testid="why" aria-live="polite">
          <div className={`title ${/LOST|TIMED OUT/.test(ex.title) ? 'lost' : ''}`}>
            {p.title}: {ex.title}
          </div>
          <p>{ex.sentence}</p>
          {ex.fn && <div className="fn">follows {ex.fn}</div>}
          {ex.chain.length > 1 && (
            <>
              <div className="fn">cause chain</div>
              <ol>
                {ex.chain.map((r) => (
                  <li key={r}>
                    <button onClick={() => { useApp.getState().select({ pane, row: r }); setCursor(p.log.t[r]!); }}>
                      {fmtTime(p.log.t[r]!)} {declOf(p.log.kind[r]!)?.name} {describeRow(p.log, r)}
                    </button>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
      {sel && <Journey pane={pane} row={sel.row} />}
      {key && <SameRaise k={key} />}
      <Registers pane={pane} />
    </aside>
  );
}

const STAGE: Record<string, string> = { device: 'device', host: 'host', hypervisor: 'QEMU/KVM', guest: 'guest', lost: '✕' };

/** The selected raise's path: device -> host IRQ -> eventfd / irqfd / PBA -> guest vector, or where it died. */
function Journey({ pane, row }: { pane: number; row: number }) {
  const p = getRun()!.runs[pane]!;
  if (!RAISE_ROW_KINDS.has(p.log.kind[row]!)) return null;
  const e = decode(p.log, row);
  if (!('raise' in e)) return null;
  const hops = raiseJourney(p.log, e.raise);
  return (
    <>
      <h3>Journey of raise #{e.raise}</h3>
      <ol className="journey" data-testid="journey">
        {hops.map((h, i) => (
          <li key={i} className={`hop ${h.stage}`}>
            <span className="stage">{STAGE[h.stage]}</span> <span className="t">{fmtTime(h.t)}</span> {h.text}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Causal alignment: the same device raise (same time, same stream) in every policy. */
function SameRaise({ k }: { k: { t: number; stream: number } }) {
  const run = getRun()!;
  return (
    <>
      <h3>This raise in every policy</h3>
      <table className="regs" data-testid="same-raise">
        <tbody>
          {run.runs.map((p, i) => {
            const R = p.timeline.raises;
            const j = findRaise(p.timeline, k.t, k.stream);
            if (j < 0) return <tr key={i}><td>{p.policy}</td><td>—</td></tr>;
            const o = R.outcome[j]!;
            const detail = o === Outcome.LOST ? LOSS_NAMES[R.detail[j]!] : o === Outcome.LATE ? `+${fmtTime(R.end[j]! - R.t[j]!)}` : o === Outcome.PENDING || o === Outcome.COALESCED ? PLACE_NAMES[R.detail[j]!] : '';
            return (
              <tr key={i}>
                <td>{p.policy}</td>
                <td className={o === Outcome.LOST ? 'err' : ''}>
                  v{R.vec[j]} {OUTCOME_NAMES[o]} {detail}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** Guest table + PBA and host allocations at the cursor, from the Worker's log replay. */
function Registers({ pane }: { pane: number }) {
  const [state, setState] = useState<MachineState | null>(null);
  const [at, setAt] = useState(0);
  const runVersion = useApp((s) => s.runVersion);
  useEffect(() => {
    let timer = 0;
    let live = true;
    const ask = (): void => {
      const run = getRun();
      if (!run) return;
      const p = run.runs[pane]!;
      const cursor = viewport().cursor;
      const rows = lastAtOrBefore(p.log.t, cursor) + 1;
      void sim().stateAt(run.runId, pane, rows).then((s) => {
        if (live && s) {
          setState(s);
          setAt(cursor);
        }
      });
    };
    const off = onViewport((w) => {
      if (w !== 'cursor') return;
      clearTimeout(timer);
      timer = window.setTimeout(ask, 120);
    });
    ask();
    return () => {
      live = false;
      off();
      clearTimeout(timer);
    };
  }, [pane, runVersion]);
  const run = getRun();
  if (!state || !run) return null;
  const p = run.runs[pane]!;
  const act = activeVectors(p.timeline);
  const vs = [...Array(state.guest.size).keys()].filter((v) => state.guest.size <= 32 || act[v]).slice(0, 64);
  const ctrl = state.guest.ctrl;
  return (
    <>
      <h3>
        Registers at t = {fmtTime(at)} · {p.policy}
      </h3>
      <p style={{ margin: '4px 0', fontSize: 12 }}>
        guest Message Control <code>0x{ctrl.toString(16)}</code> ({ctrl & 0x8000 ? 'Enable' : 'disabled'}
        {ctrl & 0x4000 ? ', Function Mask' : ''}) · host MSI-X <b>{state.host.enable ? 'on' : 'off'}</b>
        {state.host.window ? ' (resize window)' : ''} · {state.host.nAlloc} host IRQs allocated (IRTEs), {state.host.nReq} requested
      </p>
      <table className="regs" data-testid="registers">
        <thead>
          <tr><th>v</th><th>addr</th><th>data</th><th>mask</th><th>PBA</th><th>host</th></tr>
        </thead>
        <tbody>
          {vs.map((v) => {
            const w = state.guest.table;
            const host = state.host.alloc[v] ? (state.host.trig[v] ? TARGET_NAMES[state.host.trig[v]!] : 'allocated') : '—';
            return (
              <tr key={v}>
                <td>{v}</td>
                <td>{w[v * 4]!.toString(16)}</td>
                <td>{w[v * 4 + 2]!.toString(16)}</td>
                <td>{state.guest.masked[v] ? 'masked' : 'open'}</td>
                <td>{state.guest.pba[v]! >= 0 ? `#${state.guest.pba[v]}` : ''}</td>
                <td>
                  {host}
                  {state.host.pba[v]! >= 0 ? ` · dev PBA #${state.host.pba[v]}` : ''}
                  {state.qemu.efd[v]! >= 0 ? ` · eventfd #${state.qemu.efd[v]}` : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {state.guest.size > vs.length && <p style={{ fontSize: 12 }}>showing the {vs.length === 1 ? 'one vector' : `${vs.length} vectors`} this run touched, of {state.guest.size}</p>}
    </>
  );
}
