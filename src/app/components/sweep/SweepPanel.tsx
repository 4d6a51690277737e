import { useEffect, useRef } from 'react';
import { POLICIES } from '../../../core/policies/index.ts';
import { VARY_PARAMS, type VaryParam } from '../../../core/sweep/vary.ts';
import { useApp } from '../../state/store.ts';
import { useRun } from '../../state/runData.ts';
import { setSweepFlag } from './open.ts';
import { useSweep } from '../../state/sweep.ts';
import { cancelSweep, startSweep } from '../../sim/sweepRunner.ts';
import { pageWorkers } from '../../sim/sweepPool.ts';
import { SweepResults } from './SweepResults.tsx';

const fmtEta = (s: number | null): string =>
  s === null ? '…' : s < 1 ? '< 1 s' : s < 90 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`;

/**
 * The sweep panel (issue 8): many randomised trials of the scenario on screen, on a pool of Web
 * Workers, with the CLI's figures and plots. Opened from the header or with `?sweep` in the URL.
 */
export default function SweepPanel() {
  const open = useSweep((s) => s.open);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
    setSweepFlag(open);
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="sweep"
      aria-labelledby="sweep-title"
      onClose={() => useSweep.getState().closeSweep()}
      data-testid="sweep-panel"
    >
      {open && <SweepBody />}
    </dialog>
  );
}

function SweepBody() {
  const st = useSweep();
  const shownPolicies = useApp((s) => s.policies);
  const scenarioName = useRun()?.scenario.name;
  const running = st.status === 'running';
  const all = [...new Set([...POLICIES.map((p) => p.id), ...shownPolicies])];
  const p = st.progress;
  const workers = pageWorkers(navigator.hardwareConcurrency);
  return (
    <div className="sweep-body">
      <div className="sweep-head">
        <h2 id="sweep-title">Sweep: how often does a resize lose interrupts?</h2>
        <button className="btn" onClick={() => useSweep.getState().closeSweep()} aria-label="close the sweep panel">
          ×
        </button>
      </div>
      <p className="sweep-caption">
        Runs <b>{scenarioName ?? 'the scenario on screen'}</b> many times: trial <i>k</i> uses a seed derived from the
        scenario&apos;s seed and <i>k</i> (its Poisson traffic differs), plus the variation below. The same numbers as{' '}
        <code>msix-lab sweep</code>, on {workers} Web Worker{workers === 1 ? '' : 's'} (one per core, minus one for the
        page).
      </p>
      <form
        className="sweep-form"
        onSubmit={(e) => {
          e.preventDefault();
          startSweep();
        }}
      >
        <fieldset>
          <legend>Trials</legend>
          <input
            aria-label="trials"
            data-testid="sweep-trials"
            inputMode="numeric"
            value={st.trials}
            onChange={(e) => st.setTrials(e.target.value)}
            size={9}
          />
        </fieldset>
        <fieldset className="sweep-policies">
          <legend>Policies</legend>
          {all.map((id) => (
            <label key={id}>
              <input
                type="checkbox"
                checked={st.policies.includes(id)}
                onChange={(e) => st.togglePolicy(id, e.target.checked)}
              />
              {id}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>What varies between trials (the scenario&apos;s random block; empty = not varied)</legend>
          <label>
            phase shift of traffic, ns{' '}
            <input
              value={st.random.phaseNs}
              onChange={(e) => st.setRandom('phaseNs', e.target.value)}
              size={8}
              placeholder="0"
            />
          </label>
          <label>
            rate jitter (0…0.9){' '}
            <input
              value={st.random.rateJitter}
              onChange={(e) => st.setRandom('rateJitter', e.target.value)}
              size={5}
              placeholder="0"
            />
          </label>
          <label>
            guest step jitter, ns{' '}
            <input
              value={st.random.jitterNs}
              onChange={(e) => st.setRandom('jitterNs', e.target.value)}
              size={8}
              placeholder="0"
            />
          </label>
        </fieldset>
        <fieldset>
          <legend>Parameter sweep (--vary)</legend>
          <select
            className="btn"
            aria-label="parameter"
            value={st.vary.param}
            onChange={(e) => st.setVary({ param: e.target.value as VaryParam | '' })}
          >
            <option value="">none</option>
            {Object.entries(VARY_PARAMS).map(([k, d]) => (
              <option key={k} value={k} title={d}>
                {k}
              </option>
            ))}
          </select>
          {st.vary.param && (
            <>
              <label>
                from <input value={st.vary.lo} onChange={(e) => st.setVary({ lo: e.target.value })} size={8} />
              </label>
              <label>
                to <input value={st.vary.hi} onChange={(e) => st.setVary({ hi: e.target.value })} size={8} />
              </label>
              <label>
                points <input value={st.vary.steps} onChange={(e) => st.setVary({ steps: e.target.value })} size={3} />
              </label>
              <select
                className="btn"
                aria-label="scale"
                value={st.vary.scale}
                onChange={(e) => st.setVary({ scale: e.target.value as 'log' | 'lin' })}
              >
                <option value="log">log</option>
                <option value="lin">lin</option>
              </select>
            </>
          )}
        </fieldset>
        <div className="sweep-actions">
          <button className="btn primary" type="submit" data-testid="sweep-run">
            {running ? 'Restart' : 'Run'}
          </button>
          <button className="btn" type="button" disabled={!running} onClick={cancelSweep} data-testid="sweep-cancel">
            Cancel
          </button>
          {p && (
            <span className="sweep-progress" role="status" data-testid="sweep-progress">
              <progress max={p.total} value={p.done} aria-label="trials done" />
              {p.done.toLocaleString('en-US')} / {p.total.toLocaleString('en-US')} trials
              {p.rate !== null && ` · ${p.rate < 10 ? p.rate.toFixed(1) : Math.round(p.rate)} trials/s`}
              {running && ` · ETA ${fmtEta(p.etaS)}`}
              {` · ${p.workers} Worker${p.workers === 1 ? '' : 's'}`}
              {st.status === 'cancelled' && <b data-testid="sweep-partial"> · cancelled: partial result</b>}
              {st.status === 'done' && ' · done'}
            </span>
          )}
        </div>
        {st.error && (
          <p className="err" role="alert" data-testid="sweep-error">
            {st.error}
          </p>
        )}
      </form>
      {st.result && <SweepResults />}
    </div>
  );
}
