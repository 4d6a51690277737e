import { describe, expect, it } from 'vitest';
import { Ev } from '../engine/events.ts';
import type { LogColumns } from '../engine/log.ts';
import { col } from '../engine/schema.ts';
import { runScenario } from '../machine/run.ts';
import { parsePolicyList } from '../policies/index.ts';
import { findPreset, PRESETS } from '../presets/index.ts';
import { validateScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { applyWhatIf, guestKindOf, guestStepOrder, stepOfOpRow } from './fork.ts';

const linux: Scenario = {
  version: 1,
  device: { tableSize: 4 },
  steps: [
    { at: 0, op: 'linux-alloc-vectors', nvec: 4 },
    { at: 3_000, op: 'raise', vector: 1, every: 1_000, until: 30_000 },
    { at: 2_000, op: 'linux-request-irq', vector: 1 },
    { at: 2_000, op: 'linux-request-irq', vector: 0 },
    { at: 40_000, op: 'linux-free-irq', vector: 1 },
    { at: 50_000, op: 'linux-free-vectors' },
  ],
};

describe('what-if forks', () => {
  it('maps every GUEST_OP row of every preset to the step it ran (op id = run order)', () => {
    for (const p of PRESETS) {
      const [r] = runScenario(p.scenario, parsePolicyList('dynamic-alloc'));
      const order = guestStepOrder(p.scenario);
      let n = 0;
      for (let row = 0; row < r!.log.length; row++) {
        if (r!.log.kind[row] !== Ev.GUEST_OP) continue;
        const s = stepOfOpRow(p.scenario, r!.log, row);
        expect(s, p.id).toBe(order[n++]);
        // The op's vector is the step's vector (where it has one).
        const st = p.scenario.steps[s]!;
        if ('vector' in st) expect(r!.log.vec[row]).toBe(st.vector);
      }
      expect(n, p.id).toBe(order.length);
    }
  });

  it('order ties run in scenario order; a swap exchanges the steps and keeps the time slots', () => {
    expect(guestStepOrder(linux)).toEqual([0, 2, 3, 4, 5]);
    const f = applyWhatIf(linux, { kind: 'swap', step: 2, with: 'next' });
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    expect(f.scenario.steps[2]).toEqual({ at: 2_000, op: 'linux-request-irq', vector: 0 });
    expect(f.scenario.steps[3]).toEqual({ at: 2_000, op: 'linux-request-irq', vector: 1 });
    expect(f.step).toBe(3);
    expect(applyWhatIf(linux, { kind: 'swap', step: 0, with: 'prev' })).toEqual({
      ok: false,
      message: 'linux-alloc-vectors is the first guest operation: nothing to swap it with',
    });
  });

  it('drops a step, refuses traffic steps, clamps moves at t = 0', () => {
    const d = applyWhatIf(linux, { kind: 'drop', step: 4 });
    expect(d.ok && d.scenario.steps.map((s) => s.op)).toEqual([
      'linux-alloc-vectors',
      'raise',
      'linux-request-irq',
      'linux-request-irq',
      'linux-free-vectors',
    ]);
    expect(applyWhatIf(linux, { kind: 'drop', step: 1 })).toEqual({
      ok: false,
      message: 'steps[1] is not a guest operation',
    });
    const m = applyWhatIf(linux, { kind: 'shift', step: 2, deltaNs: -5_000 });
    expect(m.ok && m.scenario.steps[2]!.at).toBe(0);
    expect(applyWhatIf(linux, { kind: 'shift', step: 0, deltaNs: -5 })).toMatchObject({ ok: false });
  });

  it('switches Linux ↔ FreeBSD where a mapping exists, and says which step has none', () => {
    const bsd = applyWhatIf(linux, { kind: 'guest', to: 'freebsd' });
    if (!bsd.ok) throw new Error(bsd.message);
    expect(guestKindOf(bsd.scenario)).toBe('freebsd');
    expect(bsd.scenario.steps.map((s) => s.op)).toEqual([
      'freebsd-alloc-msix',
      'raise',
      'freebsd-setup-intr',
      'freebsd-setup-intr',
      'freebsd-teardown-intr',
      'freebsd-release-msix',
    ]);
    const back = applyWhatIf(bsd.scenario, { kind: 'guest', to: 'linux' });
    expect(back.ok && back.scenario).toEqual(linux);
    const aff = applyWhatIf(findPreset('affinity-change')!.scenario, { kind: 'guest', to: 'freebsd' });
    expect(aff.ok).toBe(false);
    if (!aff.ok) expect(aff.message).toMatch(/^no freebsd mapping: steps\[\d+\]: irq_set_affinity/);
  });

  it('switches to raw register writes read from a run: the same writes, so the same guest-visible table', () => {
    const [r] = runScenario(linux, parsePolicyList('dynamic-alloc'));
    const raw = applyWhatIf(linux, { kind: 'guest', to: 'raw' }, r!.log);
    if (!raw.ok) throw new Error(raw.message);
    expect(guestKindOf(raw.scenario)).toBe('raw');
    expect(() => validateScenario(raw.scenario)).not.toThrow();
    const [r2] = runScenario(raw.scenario, parsePolicyList('dynamic-alloc'));
    const writes = (log: LogColumns): string[] => {
      const out: string[] = [];
      const w = log[col(Ev.TBL_WRITE, 'word')],
        v = log[col(Ev.TBL_WRITE, 'value')];
      for (let i = 0; i < log.length; i++)
        if (log.kind[i] === Ev.TBL_WRITE) out.push(`${log.t[i]} ${log.vec[i]}.${w[i]}=${v[i]}`);
      return out;
    };
    expect(writes(r2!.log)).toEqual(writes(r!.log));
    expect(r2!.metrics.delivered).toBe(r!.metrics.delivered);
  });
});
