import { useEffect, useMemo, useRef } from 'react';
import { explainRow, raiseJourney } from '../../core/analysis/explain.ts';
import { describeRow } from '../../core/analysis/golden.ts';
import { lastAtOrBefore, OUTCOME_NAMES, Outcome } from '../../core/analysis/timeline.ts';
import { Loss, LOSS_NAMES, Path, PLACE_NAMES, TARGET_NAMES } from '../../core/engine/events.ts';
import { decode, declOf, RAISE_ROW_KINDS } from '../../core/engine/schema.ts';
import type { MachineState } from '../../core/replay/machine-state.ts';
import { getRun, useRun } from '../state/runData.ts';
import { useApp } from '../state/store.ts';
import { useTeach } from '../state/teach.ts';
import { onViewport, setCursor, viewport } from '../state/viewport.ts';
import { replayOf } from '../sim/replay.ts';
import { fmtTime } from '../render/format.ts';
import { readoutGate, setText } from '../render/liveText.ts';
import { activeVectors } from '../render/layout.ts';
import { findRaise } from '../render/hitTest.ts';
import { selectedKey } from './PaneView.tsx';
import { GuestOpPanel } from './whatif/GuestOpPanel.tsx';
import { jumpToRaise } from './whatif/jump.ts';

/** The "why?" panel for the selected event, the same raise in every policy, and the registers at the cursor. */
export function Inspector() {
  const sel = useApp((s) => s.selected);
  const hover = useApp((s) => s.hover);
  const run = useRun();
  // An unanswered question (state/teach.ts): explanations, journeys, "this raise in every policy",
  // a guest op's forward explanation and the registers tell what happens next, so they wait for the answer.
  const veiled = useTeach((s) => s.hidden);
  if (!run) return null;
  const pane = sel?.pane ?? 0;
  const p = run.runs[pane]!;
  const ex = sel && !veiled ? explainRow(p.log, sel.row) : null;
  const key = veiled ? null : sel ? selectedKey() : hover;
  return (
    // Focusable: when something above it (the practice panel) shortens it, it scrolls, and a
    // scrolling region must be reachable by keyboard (axe scrollable-region-focusable).
    <aside className="side" aria-label="inspector" tabIndex={0} id="inspector-sheet">
      <h3>Why?</h3>
      {veiled && (
        <p className="why" data-testid="why-hidden">
          Answer the question first: the explanations say what happens next.
        </p>
      )}
      {!ex && !veiled && (
        <p className="why">
          Click any mark on a timeline (or press <kbd>L</kbd> to jump to the next lost interrupt) to see what happened
          and why.
        </p>
      )}
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
                    <button
                      onClick={() => {
                        useApp.getState().select({ pane, row: r });
                        setCursor(p.log.t[r]!);
                      }}
                    >
                      {fmtTime(p.log.t[r]!)} {declOf(p.log.kind[r]!)?.name} {describeRow(p.log, r)}
                    </button>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
      {sel && !veiled && <GuestOpPanel pane={pane} row={sel.row} />}
      {sel && !veiled && <Journey pane={pane} row={sel.row} />}
      {key && <SameRaise k={key} />}
      {/* The registers at the cursor show counts (host IRQs, PBA bits) a question may ask about, and
          the cursor can be moved past the question's moment: veiled with the other spoilers. */}
      {veiled ? (
        <p className="why" data-testid="registers-hidden">
          Registers are hidden until you answer: they show the state a question asks about.
        </p>
      ) : (
        <Registers pane={pane} />
      )}
    </aside>
  );
}

const STAGE: Record<string, string> = {
  device: 'device',
  host: 'host',
  hypervisor: 'QEMU/KVM',
  guest: 'guest',
  lost: '✕',
};

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
            if (j < 0)
              return (
                <tr key={i}>
                  <td>{p.policy}</td>
                  <td>—</td>
                </tr>
              );
            const o = R.outcome[j]!;
            // The data hack's masked injections: delivered although masked, or spurious (lost for the driver).
            const detail =
              o === Outcome.LOST
                ? R.detail[j] === Loss.STALE_ROUTE
                  ? 'stale-route: spurious injection, no handler'
                  : LOSS_NAMES[R.detail[j]!]
                : o === Outcome.LATE
                  ? `+${fmtTime(R.end[j]! - R.t[j]!)}`
                  : o === Outcome.PENDING || o === Outcome.COALESCED
                    ? PLACE_NAMES[R.detail[j]!]
                    : o === Outcome.DIRECT && R.detail[j] === Path.KVM_ASSIGNED_MASKED
                      ? 'while masked (mask ignored)'
                      : '';
            // The row jumps to that pane's mark (selects it, scrolls and zooms the pane to show it).
            return (
              <tr key={i}>
                <td>
                  <button
                    className="linkish"
                    onClick={() => jumpToRaise(i, j)}
                    aria-label={`show this raise in ${p.policy}`}
                    data-testid={`same-raise-jump-${i}`}
                  >
                    {p.policy}
                  </button>
                </td>
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

/** Rows of a first replay pass done per animation frame (a few ms), so no task runs long. */
const BUILD_ROWS_PER_FRAME = 100_000;

/**
 * Guest table + PBA and host allocations at the cursor, replayed on the page from the pane's log
 * (nearest checkpoint + the rows after it). Follows the cursor while playing: cursor moves are
 * coalesced to one update per animation frame, written straight into the DOM (the 60 fps view
 * state stays out of React state); React renders only the skeleton when the run or pane changes.
 */
function Registers({ pane }: { pane: number }) {
  // Re-renders on a new run (a new `p`, even when the pane index is the same).
  const run = useRun();
  const root = useRef<HTMLDivElement>(null);
  const p = run?.runs[pane];
  // The vectors shown depend only on the run: all of a small table, else the ones it touched.
  const vs = useMemo(() => {
    if (!p) return [];
    const act = activeVectors(p.timeline);
    return [...Array(p.visibleSize).keys()].filter((v) => p.visibleSize <= 32 || act[v]).slice(0, 64);
  }, [p]);
  useEffect(() => {
    const el = root.current;
    const replay = replayOf(pane);
    if (!el || !replay || !p) return;
    const fields = new Map<string, HTMLElement>();
    for (const f of el.querySelectorAll<HTMLElement>('[data-f]')) fields.set(f.dataset.f!, f);
    const cells = [...el.querySelectorAll<HTMLTableRowElement>('tbody tr')].map((tr) => [...tr.cells]);
    const set = setText;
    let frame = 0;
    let shownRows = -1;
    let shownAt = NaN;
    // While playing, refreshed a few times a second (liveText.ts: per-frame writes made every
    // frame's commit expensive); a skipped refresh reschedules itself, so the panel catches up.
    const due = readoutGate();
    const paint = (): void => {
      frame = 0;
      const cursor = viewport().cursor;
      const rows = lastAtOrBefore(p.log.t, cursor) + 1;
      if (!replay.ready(rows)) {
        // First visit far into a long log: build the checkpoints a slice per frame.
        replay.build(BUILD_ROWS_PER_FRAME);
        schedule();
        return;
      }
      if (!due(useApp.getState().playing, performance.now())) {
        schedule();
        return;
      }
      if (cursor !== shownAt) {
        set(fields.get('t'), fmtTime(cursor));
        shownAt = cursor;
      }
      if (rows === shownRows) return;
      shownRows = rows;
      writeRegisters(replay.at(rows), fields, cells, vs, set);
      el.dataset.rows = String(rows);
    };
    const schedule = (): void => {
      if (!frame) frame = requestAnimationFrame(paint);
    };
    paint();
    const off = onViewport((w) => {
      if (w === 'cursor') schedule();
    });
    return () => {
      off();
      cancelAnimationFrame(frame);
    };
  }, [pane, p, vs]);
  if (!run || !p) return null;
  return (
    <div ref={root} data-testid="registers-panel">
      <h3>
        {/* Every data-f element is written by paint(), never by React (so React never fights it). */}
        Registers at t = <span data-f="t" /> · {p.policy}
      </h3>
      <p style={{ margin: '4px 0', fontSize: 12 }}>
        guest Message Control <code data-f="ctrl" /> (<span data-f="ctrlText" />) · host MSI-X <b data-f="host" />
        <span data-f="window" /> · <span data-f="nAlloc" /> host IRQs allocated (IRTEs), <span data-f="nReq" />{' '}
        requested
      </p>
      <table className="regs" data-testid="registers">
        <thead>
          <tr>
            <th scope="col">v</th>
            <th scope="col">addr</th>
            <th scope="col">data</th>
            <th scope="col">mask</th>
            <th scope="col">PBA</th>
            <th scope="col">host</th>
          </tr>
        </thead>
        <tbody>
          {vs.map((v) => (
            <tr key={v}>
              <td>{v}</td>
              <td />
              <td />
              <td />
              <td />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      {p.visibleSize > vs.length && (
        <p style={{ fontSize: 12 }}>
          showing the {vs.length === 1 ? 'one vector' : `${vs.length} vectors`} this run touched, of {p.visibleSize}
        </p>
      )}
    </div>
  );
}

/** Writes one state into the Registers skeleton (only the text that changed). */
function writeRegisters(
  state: MachineState,
  fields: Map<string, HTMLElement>,
  cells: HTMLTableCellElement[][],
  vs: number[],
  set: (node: HTMLElement | undefined, text: string) => void,
): void {
  const ctrl = state.guest.ctrl;
  set(fields.get('ctrl'), `0x${ctrl.toString(16)}`);
  set(fields.get('ctrlText'), `${ctrl & 0x8000 ? 'Enable' : 'disabled'}${ctrl & 0x4000 ? ', Function Mask' : ''}`);
  set(fields.get('host'), state.host.enable ? 'on' : 'off');
  set(fields.get('window'), state.host.window ? ' (resize window)' : '');
  set(fields.get('nAlloc'), String(state.host.nAlloc));
  set(fields.get('nReq'), String(state.host.nReq));
  const w = state.guest.table;
  vs.forEach((v, i) => {
    const row = cells[i];
    if (!row) return;
    const host = state.host.alloc[v] ? (state.host.trig[v] ? TARGET_NAMES[state.host.trig[v]!]! : 'allocated') : '—';
    set(row[1], w[v * 4]!.toString(16));
    set(row[2], w[v * 4 + 2]!.toString(16));
    set(row[3], state.guest.masked[v] ? 'masked' : 'open');
    set(row[4], state.guest.pba[v]! >= 0 ? `#${state.guest.pba[v]}` : '');
    set(
      row[5],
      `${host}${state.host.pba[v]! >= 0 ? ` · dev PBA #${state.host.pba[v]}` : ''}${state.qemu.efd[v]! >= 0 ? ` · eventfd #${state.qemu.efd[v]}` : ''}`,
    );
  });
}
