import { describe, expect, it } from 'vitest';
import { Ev } from './events.ts';
import { createRng, expInterval } from './rng.ts';
import { Q_RAISE, Traffic } from './traffic.ts';
import { HostDevice } from '../host/host-device.ts';
import type { Step } from '../scenario/schema.ts';
import { makeWorld, RecordingSink, rowsOf } from '../testing/harness.ts';

// Each traffic step is a stream with exactly one queue entry; Traffic.fire raises and schedules
// the next one (periodic in the hot path, the other kinds out of line).

type TrafficStep = Extract<Step, { op: 'raise' | 'poisson' | 'burst' }>;

/** Runs only the traffic's queue entries; returns the RAISE rows' (t, vec, stream). */
function run(steps: TrafficStep[], seed = 1): [number, number, number][] {
  const w = makeWorld(8);
  const host = new HostDevice(w, 8);
  host.sink = new RecordingSink();
  const traffic = new Traffic(w, host, createRng(seed));
  for (const s of steps) traffic.add(s);
  const out = { time: 0, type: 0, arg: 0 };
  while (w.queue.size > 0) {
    w.queue.pop(out);
    expect(out.type).toBe(Q_RAISE);
    w.now = out.time;
    traffic.fire(out.arg);
  }
  const raised = rowsOf(w, Ev.RAISE).map((r): [number, number, number] => [r.t, r.vec, r.b]);
  expect(raised.length).toBeLessThanOrEqual(Traffic.estimate(steps));
  return raised;
}

describe('Traffic streams', () => {
  it('a periodic stream raises at at, at+every, ... up to and including until', () => {
    expect(run([{ at: 10, op: 'raise', vector: 2, every: 5, until: 25 }])).toEqual([
      [10, 2, 0],
      [15, 2, 0],
      [20, 2, 0],
      [25, 2, 0],
    ]);
  });

  it('a raise without every is one raise', () => {
    expect(run([{ at: 7, op: 'raise', vector: 1 }])).toEqual([[7, 1, 0]]);
  });

  it('a burst raises count times, spacingNs apart', () => {
    expect(run([{ at: 100, op: 'burst', vector: 3, count: 3, spacingNs: 4 }])).toEqual([
      [100, 3, 0],
      [104, 3, 0],
      [108, 3, 0],
    ]);
  });

  it('a Poisson stream draws its gaps from the seeded RNG and stops at until', () => {
    const rng = createRng(9);
    const expected: [number, number, number][] = [];
    for (let t = 50; t <= 5_000; t += expInterval(rng, 300)) expected.push([t, 0, 0]);
    expect(run([{ at: 50, op: 'poisson', vector: 0, meanNs: 300, until: 5_000 }], 9)).toEqual(expected);
  });

  it('interleaves streams in time order, ties broken by insertion order', () => {
    const got = run([
      { at: 0, op: 'raise', vector: 0, every: 10, until: 20 },
      { at: 0, op: 'burst', vector: 1, count: 2, spacingNs: 10 },
    ]);
    expect(got).toEqual([
      [0, 0, 0],
      [0, 1, 1],
      [10, 0, 0],
      [10, 1, 1],
      [20, 0, 0],
    ]);
  });
});
