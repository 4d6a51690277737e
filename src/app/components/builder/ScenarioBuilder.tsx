import { useEffect, useRef } from 'react';
import type { Scenario, Step, StepOp } from '../../../core/scenario/schema.ts';
import { GUEST_KINDS, guestKindOf, switchGuest } from '../../../core/whatif/fork.ts';
import { useBuilder } from '../../state/builder.ts';
import { onViewport, viewport } from '../../state/viewport.ts';
import { draftChanged } from '../../sim/builderRun.ts';
import { getRun } from '../../state/runData.ts';
import { fmtTime } from '../../render/format.ts';
import { FieldInput } from './FieldInput.tsx';
import {
  DEVICE_FIELDS,
  GUEST_FIELDS,
  HOST_FIELDS,
  makeStep,
  STEP_FIELDS,
  STEP_OPS,
  type Field,
} from './schemaFields.ts';

/** Steps listed in the form; longer scenarios list their first ones (the JSON view has them all). */
const MAX_LISTED = 300;

/**
 * The scenario builder (issue 7): device, host and guest forms and a step list over the same
 * draft as the JSON view. Every valid change re-simulates in the Worker (builderRun.ts); the run
 * on screen stays until the new one arrives, and an invalid change names its field here.
 */
export function ScenarioBuilder() {
  const open = useBuilder((s) => s.open);
  const tab = useBuilder((s) => s.tab);
  const draft = useBuilder((s) => s.draft);
  const error = useBuilder((s) => s.error);
  const pending = useBuilder((s) => s.pending);
  if (!open) return null;
  let scenario: Scenario | null = null;
  try {
    scenario = JSON.parse(draft) as Scenario;
    if (!scenario || typeof scenario !== 'object' || !Array.isArray(scenario.steps) || !scenario.device)
      scenario = null;
  } catch {
    scenario = null;
  }
  return (
    <section className="builder" aria-labelledby="builder-title" data-testid="builder">
      <div className="builder-head">
        <h2 id="builder-title">Scenario builder</h2>
        <div role="tablist" aria-label="builder view">
          {(['form', 'json'] as const).map((t) => (
            <button
              key={t}
              role="tab"
              aria-selected={tab === t}
              className="btn"
              onClick={() => useBuilder.getState().showTab(t)}
              data-testid={`builder-tab-${t}`}
            >
              {t === 'form' ? 'Form' : 'JSON'}
            </button>
          ))}
        </div>
        <span role="status" className="fn" data-testid="builder-status">
          {error ? '' : pending ? 'simulating… (the previous run stays on screen)' : 'up to date'}
        </span>
        <button className="btn" onClick={() => useBuilder.getState().closeBuilder()} data-testid="builder-close">
          Close
        </button>
      </div>
      {error && (
        <p className="err" role="alert" data-testid="builder-error">
          {error.path && <code>{error.path}</code>} {error.message}
        </p>
      )}
      {tab === 'json' ? (
        <textarea
          className="builder-json"
          aria-label="scenario JSON (the same draft as the form)"
          spellCheck={false}
          value={draft}
          onChange={(e) => draftChanged(e.target.value)}
          data-testid="builder-json"
        />
      ) : scenario ? (
        <BuilderForm s={scenario} errPath={error?.path ?? ''} />
      ) : (
        <p className="err">
          The JSON view holds text that is not a scenario object yet: fix it there, the form follows.
        </p>
      )}
    </section>
  );
}

const write = (s: Scenario): void => draftChanged(JSON.stringify(s, null, 2));

function setIn(s: Scenario, block: 'device' | 'host' | 'guest', name: string, v: unknown): Scenario {
  const b = { ...((s[block] ?? {}) as Record<string, unknown>) };
  if (v === undefined) delete b[name];
  else b[name] = v;
  const out = { ...s, [block]: b } as Scenario;
  if (block !== 'device' && Object.keys(b).length === 0) delete (out as Record<string, unknown>)[block];
  return out;
}

function Block({
  s,
  block,
  fields,
  errPath,
}: {
  s: Scenario;
  block: 'device' | 'host' | 'guest';
  fields: Field[];
  errPath: string;
}) {
  const vals = (s[block] ?? {}) as Record<string, unknown>;
  return (
    <fieldset className="builder-block">
      <legend>{block}</legend>
      {fields.map((f) => {
        const id = `${block}.${f.name}`;
        return (
          <label key={f.name} className="builder-field">
            <span>{f.name}</span>
            <FieldInput
              id={id}
              field={f}
              value={vals[f.name]}
              invalid={errPath === id || errPath.startsWith(`${id}[`) || errPath.startsWith(`${id}.`)}
              onChange={(v) => write(setIn(s, block, f.name, v))}
            />
          </label>
        );
      })}
    </fieldset>
  );
}

function BuilderForm({ s, errPath }: { s: Scenario; errPath: string }) {
  const guest = guestKindOf(s);
  const run = getRun();
  return (
    <div className="builder-form">
      <Block s={s} block="device" fields={DEVICE_FIELDS} errPath={errPath} />
      <Block s={s} block="host" fields={HOST_FIELDS} errPath={errPath} />
      <fieldset className="builder-block">
        <legend>guest</legend>
        <label className="builder-field">
          <span>kind</span>
          <select
            className="btn"
            value={guest}
            data-testid="builder-guest-kind"
            onChange={(e) => {
              const to = e.target.value as (typeof GUEST_KINDS)[number];
              // The same rewrite as the what-if guest switch (core/whatif/fork.ts); raw reads pane 0's writes.
              const r = switchGuest(s, to, run?.runs[0]?.log);
              if (r.ok) write(r.scenario);
              else
                useBuilder.getState().draftEdited(useBuilder.getState().draft, { message: r.message, path: 'steps' });
            }}
          >
            {guest === 'mixed' && <option value="mixed">mixed</option>}
            {GUEST_KINDS.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        {GUEST_FIELDS.map((f) => {
          const id = `guest.${f.name}`;
          return (
            <label key={f.name} className="builder-field">
              <span>{f.name}</span>
              <FieldInput
                id={id}
                field={f}
                value={(s.guest as Record<string, unknown> | undefined)?.[f.name]}
                invalid={errPath === id}
                onChange={(v) => write(setIn(s, 'guest', f.name, v))}
              />
            </label>
          );
        })}
      </fieldset>
      <StepList s={s} errPath={errPath} />
    </div>
  );
}

/** The cursor's time, kept current outside React (the cursor moves at 60 fps while playing). */
function CursorTime() {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const write = (): void => {
      const t = fmtTime(Math.round(viewport().cursor));
      if (ref.current && ref.current.textContent !== t) ref.current.textContent = t;
    };
    write();
    return onViewport((w) => {
      if (w === 'cursor') write();
    });
  }, []);
  return <span ref={ref} />;
}

/** Adds a step at time `at` (the cursor, or a time picked on a timeline) and focuses its time. */
export function addStepAt(s: Scenario, at: number): void {
  const t = Math.max(0, Math.round(at));
  // After the last step at or before t, so the list stays in time order where it was.
  let i = s.steps.length;
  while (i > 0 && s.steps[i - 1]!.at > t) i--;
  const steps = [...s.steps];
  steps.splice(i, 0, makeStep('raise', t, s.device.tableSize));
  useBuilder.getState().stepAdded(i);
  write({ ...s, steps });
}

function StepList({ s, errPath }: { s: Scenario; errPath: string }) {
  const focus = useBuilder((st) => st.focusStep);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (focus === null) return;
    const el = list.current?.querySelector<HTMLInputElement>(`[data-field="steps[${focus}].at"]`);
    if (el) {
      el.scrollIntoView({ block: 'nearest' });
      el.focus();
      el.select();
      useBuilder.getState().stepAdded(-1);
    }
  }, [focus]);
  const update = (i: number, st: Step | null): void => {
    const steps = [...s.steps];
    if (st) steps[i] = st;
    else steps.splice(i, 1);
    write({ ...s, steps });
  };
  const move = (i: number, d: -1 | 1): void => {
    const j = i + d;
    if (j < 0 || j >= s.steps.length) return;
    const steps = [...s.steps];
    [steps[i], steps[j]] = [steps[j]!, steps[i]!];
    write({ ...s, steps });
  };
  const shown = s.steps.slice(0, MAX_LISTED);
  return (
    <fieldset className="builder-block builder-steps">
      <legend>steps ({s.steps.length})</legend>
      <div className="row">
        <button
          className="btn"
          onClick={() => addStepAt(s, viewport().cursor)}
          data-testid="builder-add-step"
          title="adds a step at the timeline cursor"
        >
          Add step here (t = <CursorTime />)
        </button>
        <span className="fn">times in ns; right-click a timeline to add a step at that moment</span>
      </div>
      <ol ref={list} data-testid="builder-steps">
        {shown.map((st, i) => {
          const at = `steps[${i}].at`;
          return (
            <li key={i} className="builder-step" data-testid={`builder-step-${i}`}>
              <label>
                <span className="sr-only">step {i} time (ns)</span>
                <input
                  type="text"
                  inputMode="numeric"
                  size={9}
                  value={String(st.at)}
                  data-field={at}
                  aria-invalid={errPath === at || undefined}
                  onChange={(e) => {
                    const n = Number(e.target.value.trim());
                    update(i, {
                      ...st,
                      at: (e.target.value.trim() !== '' && Number.isFinite(n) ? n : e.target.value) as number,
                    });
                  }}
                  data-testid={`builder-step-at-${i}`}
                />
                <span className="fn">ns</span>
              </label>
              <label>
                <span className="sr-only">step {i} operation</span>
                <select
                  className="btn"
                  value={st.op}
                  onChange={(e) => update(i, makeStep(e.target.value as StepOp, st.at, s.device.tableSize, st))}
                  data-testid={`builder-step-op-${i}`}
                >
                  {STEP_OPS.map((op) => (
                    <option key={op} value={op}>
                      {op}
                    </option>
                  ))}
                </select>
              </label>
              {STEP_FIELDS[st.op].map((f) => {
                const id = `steps[${i}].${f.name}`;
                return (
                  <label key={f.name} className="builder-field">
                    <span>{f.name}</span>
                    <FieldInput
                      id={id}
                      field={f}
                      value={(st as Record<string, unknown>)[f.name]}
                      invalid={errPath === id}
                      onChange={(v) => {
                        const next = { ...st } as Record<string, unknown>;
                        if (v === undefined) delete next[f.name];
                        else next[f.name] = v;
                        update(i, next as Step);
                      }}
                    />
                  </label>
                );
              })}
              <span className="step-tools">
                <button className="btn" aria-label={`move step ${i} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button
                  className="btn"
                  aria-label={`move step ${i} down`}
                  disabled={i === s.steps.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  className="btn"
                  aria-label={`remove step ${i}`}
                  onClick={() => update(i, null)}
                  data-testid={`builder-step-remove-${i}`}
                >
                  ✕
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      {s.steps.length > MAX_LISTED && (
        <p className="fn">
          The first {MAX_LISTED} of {s.steps.length} steps are listed; the JSON view has them all.
        </p>
      )}
    </fieldset>
  );
}
