import { useState } from 'react';
import { forwardOf } from '../../../core/analysis/forward.ts';
import { Ev } from '../../../core/engine/events.ts';
import { col } from '../../../core/engine/schema.ts';
import { GUEST_KINDS, guestKindOf, guestStepOrder, stepOfOpRow, type WhatIf } from '../../../core/whatif/fork.ts';
import { getRun } from '../../state/runData.ts';
import { useApp } from '../../state/store.ts';
import { useWhatIf } from '../../state/whatif.ts';
import { setCursor } from '../../state/viewport.ts';
import { forkWith } from '../../sim/fork.ts';
import { fmtTime } from '../../render/format.ts';

/** Preset moves, ns (the "±5 µs" and one step either side of it). */
const PRESET_MOVES = [-50_000, -5_000, -1_000, 1_000, 5_000, 50_000];
const GUEST_NAMES = { linux: 'Linux', freebsd: 'FreeBSD', raw: 'raw writes' } as const;

/**
 * For a selected guest operation: what it caused in every policy (forward explanation, from each
 * pane's log) and the "What if…" edits that fork the scenario.
 */
export function GuestOpPanel({ pane, row }: { pane: number; row: number }) {
  const run = getRun();
  const p = run?.runs[pane];
  if (!run || !p || p.log.kind[row] !== Ev.GUEST_OP) return null;
  const opId = p.log[col(Ev.GUEST_OP, 'opId')][row]!;
  return (
    <>
      <h3>What it caused, in every policy</h3>
      <ul className="forward" data-testid="forward">
        {run.runs.map((q, i) => {
          // Op ids count the vCPU's steps, so the same id is the same step in every pane; the
          // timeline's ops are in op-id order and know when each op's last effect happened.
          const tl = q.timeline;
          const f = opId < tl.ops.n ? forwardOf(q.log, tl.ops.row[opId]!, tl.ops.end[opId]!) : null;
          return (
            <li key={q.policy} data-policy={q.policy} className={f && f.windows.some((w) => w.lost) ? 'bad' : ''}>
              <button
                className="linkish"
                onClick={() => {
                  if (!f) return;
                  useApp.getState().select({ pane: i, row: f.opRow });
                  setCursor(q.log.t[f.opRow]!, false);
                  document.querySelector(`[data-testid="pane-${i}"]`)?.scrollIntoView({ block: 'nearest' });
                }}
              >
                <b>{q.policy}</b>
              </button>
              : {f ? f.sentence : 'this pane never ran this operation.'}
              {f?.fn && <div className="fn">follows {f.fn}</div>}
            </li>
          );
        })}
      </ul>
      <WhatIfSection pane={pane} row={row} />
    </>
  );
}

function WhatIfSection({ pane, row }: { pane: number; row: number }) {
  const run = getRun()!;
  const log = run.runs[pane]!.log;
  const step = stepOfOpRow(run.scenario, log, row);
  const pending = useWhatIf((s) => s.pending);
  const error = useWhatIf((s) => s.error);
  const [us, setUs] = useState('5');
  if (step < 0) return null;
  const st = run.scenario.steps[step]!;
  const order = guestStepOrder(run.scenario);
  const k = order.indexOf(step);
  const guest = guestKindOf(run.scenario);
  const go = (e: WhatIf): void => {
    useWhatIf.getState().dismissForkError();
    void forkWith(e, pane);
  };
  const typed = Math.round(Number(us) * 1000);
  const typedOk = us.trim() !== '' && Number.isFinite(typed) && typed !== 0;
  return (
    <section className="whatif" aria-label="what if" data-testid="whatif">
      <h3>What if…</h3>
      <p className="fn">
        steps[{step}] <code>{st.op}</code> at {fmtTime(st.at)}. Each edit forks the scenario; every pane re-simulates
        and the raises whose outcome changed are ringed.
      </p>
      <div className="row" role="group" aria-label="move this operation">
        <span>move</span>
        {PRESET_MOVES.map((d) => (
          <button
            key={d}
            className="btn"
            disabled={pending || st.at + d < 0}
            onClick={() => go({ kind: 'shift', step, deltaNs: d })}
            data-testid={`whatif-move-${d}`}
          >
            {d > 0 ? '+' : '−'}
            {Math.abs(d) / 1000} µs
          </button>
        ))}
      </div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (typedOk) go({ kind: 'shift', step, deltaNs: typed });
        }}
      >
        <label htmlFor="whatif-by">move by</label>
        <input
          id="whatif-by"
          type="number"
          step="any"
          value={us}
          onChange={(e) => setUs(e.target.value)}
          data-testid="whatif-by"
          style={{ width: 80 }}
        />
        <span>µs (negative: earlier)</span>
        <button className="btn" type="submit" disabled={pending || !typedOk} data-testid="whatif-move">
          Move
        </button>
      </form>
      <div className="row" role="group" aria-label="reorder or drop">
        <button
          className="btn"
          disabled={pending || k <= 0}
          onClick={() => go({ kind: 'swap', step, with: 'prev' })}
          data-testid="whatif-swap-prev"
        >
          swap with previous op
        </button>
        <button
          className="btn"
          disabled={pending || k >= order.length - 1}
          onClick={() => go({ kind: 'swap', step, with: 'next' })}
          data-testid="whatif-swap-next"
        >
          swap with next op
        </button>
        <button className="btn" disabled={pending} onClick={() => go({ kind: 'drop', step })} data-testid="whatif-drop">
          drop it
        </button>
      </div>
      <div className="row" role="group" aria-label="switch the guest">
        <span>guest ({guest}):</span>
        {GUEST_KINDS.map((g) => (
          <button
            key={g}
            className="btn"
            disabled={pending || g === guest}
            aria-pressed={g === guest}
            onClick={() => go({ kind: 'guest', to: g })}
            data-testid={`whatif-guest-${g}`}
          >
            {GUEST_NAMES[g]}
          </button>
        ))}
      </div>
      {pending && <p role="status">simulating the fork… (the run before it stays on screen)</p>}
      {error && (
        <p className="err" role="alert" data-testid="whatif-error">
          {error}
        </p>
      )}
    </section>
  );
}
