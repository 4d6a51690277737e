import { describe, expect, it } from 'vitest';
import { Ev } from '../engine/events.ts';
import { runScenario } from '../machine/run.ts';
import { parsePolicyList } from '../policies/index.ts';
import { findPreset, PRESETS } from '../presets/index.ts';
import { causeChain } from './explain.ts';
import { forwardOf, opRowById } from './forward.ts';

const runs = (preset: string, policies: string) => runScenario(findPreset(preset)!.scenario, parsePolicyList(policies));

/** The GUEST_OP row of `name(vec)` (first one), found by reading the log. */
function opRow(log: ReturnType<typeof runs>[number]['log'], code: number, vec: number): number {
  for (let r = 0; r < log.length; r++)
    if (log.kind[r] === Ev.GUEST_OP && log.a[r] === code && log.vec[r] === vec) return r;
  return -1;
}

describe('forward explanations', () => {
  it('request_irq(9) in multiqueue-hotplug: a window with losses under teardown-setup, none under dynamic-alloc', () => {
    const [ts, da] = runs('multiqueue-hotplug', 'teardown-setup,dynamic-alloc');
    const a = forwardOf(ts!.log, opRow(ts!.log, 4, 9))!;
    const b = forwardOf(da!.log, opRow(da!.log, 4, 9))!;
    expect(a.windows).toHaveLength(1);
    expect(a.windows[0]!.grow).toEqual([9, 10]);
    expect(a.windows[0]!.lost).toBeGreaterThan(0);
    expect(a.sentence).toMatch(
      /^This unmask of v9 \(request_irq\(9\)\) opened a 28 µs resize window .* in which \d+ raises were lost/,
    );
    expect(b.windows).toHaveLength(0);
    expect(b.dynAlloc).toBe(true);
    expect(b.sentence).toMatch(
      /pci_msix_alloc_irq_at allocated exactly this vector: one ioctl \(VFIO_DEVICE_SET_IRQS\), no window/,
    );
    expect(a.sentence).not.toBe(b.sentence);
  });

  it('says when an allocation failed (host-vector-exhaustion under dynamic-alloc)', () => {
    const [da] = runs('host-vector-exhaustion', 'dynamic-alloc');
    const log = da!.log;
    const all = [];
    for (let r = 0; r < log.length; r++) if (log.kind[r] === Ev.GUEST_OP) all.push(forwardOf(log, r)!);
    const failed = all.filter((f) => f.failures.length > 0);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.sentence).toMatch(/Allocation failed: irq budget exhausted/);
  });

  it('agrees with the cause chains on every preset and policy (windows, their losses, ioctls)', () => {
    for (const p of PRESETS) {
      for (const r of runScenario(p.scenario, parsePolicyList('all'))) {
        const log = r.log;
        for (let id = 0; ; id++) {
          const op = opRowById(log, id);
          if (op < 0) break;
          const f = forwardOf(log, op)!;
          let windows = 0,
            ioctls = 0,
            lost = 0;
          for (let i = op + 1; i < log.length; i++) {
            const chain = causeChain(log, i);
            if (chain[chain.length - 1] !== op) continue;
            const k = log.kind[i];
            if (k === Ev.WINDOW_OPEN) windows++;
            if (k === Ev.IOCTL) ioctls++;
            if (k === Ev.LOST && log.kind[log.cause[i]!] === Ev.WINDOW_OPEN) lost++;
          }
          const where = `${p.id} ${r.policy} op ${id}`;
          expect(f.windows.length, where).toBe(windows);
          expect(f.ioctls.length, where).toBe(ioctls);
          expect(
            f.windows.reduce((n, w) => n + w.lost, 0),
            where,
          ).toBe(lost);
        }
      }
    }
  });
});
