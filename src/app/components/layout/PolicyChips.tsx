import { useCallback, useRef, useState } from 'react';
import { POLICIES, parsePolicySpec, VALID, describeAxis, PolicyError } from '../../../core/policies/index.ts';
import { useApp } from '../../state/store.ts';
import { runInWorker } from '../../sim/runner.ts';
import { usePopover } from './popover.ts';

const setPolicies = (list: string[]): void => {
  void runInWorker(useApp.getState().scenarioText, list);
};

/**
 * The policies compared: a chip each (× removes it), "+ policy" (add one) and "compose your own…".
 * Wide, the chips sit in the header's row; on a phone (CSS, under 600 px) they fold behind a
 * "4 policies ▾" button into a popover, so the header stays two rows (the pane titles still name
 * every policy on screen).
 */
export function PolicyChips() {
  const policies = useApp((s) => s.policies);
  const [composing, setComposing] = useState(false);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const pop = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  usePopover(open, close, button, pop);
  return (
    <div className={open ? 'policies open' : 'policies'}>
      <button
        ref={button}
        className="btn policies-toggle"
        aria-expanded={open}
        aria-controls="policy-chips"
        onClick={() => setOpen(!open)}
        data-testid="policies-toggle"
      >
        {policies.length} policies ▾
      </button>
      <div className="chips" id="policy-chips" ref={pop} role="group" aria-label="policies compared">
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
            <option value="">+ policy</option>
            {POLICIES.filter((p) => !policies.includes(p.id)).map((p) => (
              <option key={p.id} value={p.id}>
                {p.id}
              </option>
            ))}
            <option value="__compose">compose your own…</option>
          </select>
        )}
        {composing && (
          <Composer
            onDone={(spec) => {
              setComposing(false);
              if (spec) setPolicies([...policies, spec]);
            }}
          />
        )}
      </div>
    </div>
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
