import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import type { RunOk } from '../../worker/protocol.ts';
import { getRun, runCount, setRun, subscribeRun, useRun } from './runData.ts';

/** A run with no panes: runData never looks inside it. */
const fakeRun = (runId: number): RunOk => ({
  ok: true,
  runId,
  tableSize: 0,
  scenario: {} as RunOk['scenario'],
  policies: [],
  seed: 0,
  runs: [],
  elapsedMs: 0,
});

// runData is module state: these tests run in order and each leaves the next a known run count.
describe('runData', () => {
  it('starts empty', () => {
    expect(getRun()).toBeNull();
    expect(runCount()).toBe(0);
  });

  it('tells every subscriber once per new run, after the run is readable, until they unsubscribe', () => {
    const seenA: (number | undefined)[] = [];
    const seenB: (number | undefined)[] = [];
    const offA = subscribeRun(() => seenA.push(getRun()?.runId));
    const offB = subscribeRun(() => seenB.push(getRun()?.runId));
    setRun(fakeRun(1));
    offA();
    setRun(fakeRun(2));
    offB();
    setRun(fakeRun(3));
    expect(seenA).toEqual([1]);
    expect(seenB).toEqual([1, 2]);
    expect(getRun()?.runId).toBe(3);
    expect(runCount()).toBe(3);
  });

  it('lets a listener unsubscribe itself (or another) while being notified', () => {
    const calls: string[] = [];
    const offB = { fn: (): void => {} };
    const offA = subscribeRun(() => {
      calls.push('a');
      offA();
      offB.fn();
    });
    offB.fn = subscribeRun(() => calls.push('b'));
    setRun(fakeRun(4));
    setRun(fakeRun(5));
    // b was already in the snapshot of listeners for the first run; nobody hears the second.
    expect(calls).toEqual(['a', 'b']);
  });

  it('replaces the snapshot object on each run, so identity says "new run"', () => {
    const before = getRun();
    setRun(fakeRun(6));
    expect(getRun()).not.toBe(before);
    const same = getRun();
    expect(getRun()).toBe(same);
  });

  it('useRun reads the current run', () => {
    const Show = (): string => String(useRun()?.runId ?? 'none');
    expect(renderToString(createElement(Show))).toBe(String(getRun()!.runId));
  });
});
