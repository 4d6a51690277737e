import { describe, expect, it } from 'vitest';
import { Outcome, buildTimeline } from '../analysis/timeline.ts';
import { explainRow } from '../analysis/explain.ts';
import { PRESETS } from '../presets/index.ts';
import { perfettoChunks, perfettoTrace } from './perfetto.ts';
import { checkTrace } from './trace-check.ts';
import { presetRuns } from './fixtures.ts';

type TraceEvent = Record<string, unknown> & {
  ph: string;
  pid: number;
  tid?: number;
  name: string;
  args?: Record<string, unknown>;
};

const PRESETS_CHECKED = [
  'default',
  'multiqueue-hotplug',
  'vf-pf-mailbox',
  'sparse-high-vector',
  'irq-churn',
  'fpga-late-block',
];

describe('perfetto export (Chrome trace-event JSON)', () => {
  for (const id of PRESETS_CHECKED) {
    it(`${id}: every policy gives a structurally valid trace`, () => {
      const runs = presetRuns(id);
      const text = perfettoTrace(runs, { scenario: id });
      const { problems, summary } = checkTrace(text);
      expect(problems).toEqual([]);
      expect(summary.processes).toHaveLength(runs.length);
      const doc = JSON.parse(text) as {
        traceEvents: TraceEvent[];
        displayTimeUnit: string;
        otherData: { policies: string[] };
      };
      expect(doc.displayTimeUnit).toBe('ns');
      expect(doc.otherData.policies).toEqual(runs.map((r) => r.policy));
      runs.forEach((r, k) => {
        const pid = k + 1;
        const tl = buildTimeline(r.log, r.tableSize, r.visibleSize, r.endNs);
        const mine = doc.traceEvents.filter((e) => e.pid === pid);
        // One raise mark per raise, in the vector's "device raises" track.
        const raises = mine.filter((e) => e.cat === 'raise');
        expect(raises).toHaveLength(tl.raises.n);
        // A flow per held raise, and one end mark per flow, with the outcome the timeline says.
        const held = [...tl.raises.outcome].filter((o) => o !== Outcome.DIRECT).length;
        const outs = mine.filter((e) => e.flow_out);
        const ins = mine.filter((e) => e.flow_in);
        expect(outs).toHaveLength(held);
        expect(ins).toHaveLength(held);
        const lost = ins.filter((e) => e.args?.outcome === 'lost');
        expect(lost).toHaveLength(r.metrics.lost);
        // Losses carry the function and the sentence the inspector shows.
        for (const e of lost.slice(0, 20)) {
          const ex = explainRow(r.log, e.args!.row as number);
          expect(e.args!.fn).toBe(ex.fn);
          expect(e.args!.why).toBe(ex.sentence);
        }
        // Guest ops: one slice per op, named after it.
        expect(mine.filter((e) => e.cat === 'guest')).toHaveLength(tl.ops.n);
        // Times: µs that give the model's exact ns both rounded and truncated the way Perfetto's
        // importer does (static_cast<int64_t>(ts * 1000.0)), for every event and duration.
        for (const e of raises) {
          const i = e.args!.raise as number;
          expect(Math.trunc((e.ts as number) * 1000.0)).toBe(tl.raises.t[i]);
        }
        for (const e of mine.filter((x) => x.ph === 'X')) {
          const ts = e.ts as number,
            dur = e.dur as number;
          expect(Math.trunc(ts * 1000.0)).toBe(Math.round(ts * 1000.0));
          expect(Math.trunc(dur * 1000.0)).toBe(Math.round(dur * 1000.0));
        }
      });
    });
  }

  it('names a track per lane and per active vector, and a process per policy', () => {
    const runs = presetRuns('default', ['data-hack', 'dynamic-alloc']);
    const doc = JSON.parse(perfettoTrace(runs, { scenario: 'default' })) as { traceEvents: TraceEvent[] };
    const names = (pid: number): string[] =>
      doc.traceEvents
        .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid)
        .map((e) => e.args!.name as string);
    const procs = doc.traceEvents.filter((e) => e.name === 'process_name').map((e) => e.args!.name as string);
    expect(procs[0]).toMatch(/^data-hack/);
    expect(procs[1]).toMatch(/^dynamic-alloc/);
    for (const pid of [1, 2]) {
      expect(names(pid)).toEqual(
        expect.arrayContaining(['guest driver ops', 'host MSI-X Enable', 'v0 device raises', 'v0 host IRQ']),
      );
    }
  });

  it('streams the same bytes it returns whole, one policy at a time', () => {
    const runs = presetRuns('multiqueue-hotplug', ['single-vector', 'dynamic-alloc']);
    let pulled = 0;
    const lazy = (function* () {
      for (const r of runs) {
        pulled++;
        yield r;
      }
    })();
    const chunks = [...perfettoChunks(lazy, { scenario: 'x', seed: 7 })];
    expect(pulled).toBe(2);
    expect(chunks.join('')).toBe(perfettoTrace(runs, { scenario: 'x', seed: 7 }));
    expect(JSON.parse(chunks.join('')).otherData.seed).toBe(7);
  });

  it('an empty run list is still a valid trace', () => {
    expect(checkTrace(perfettoTrace([], { scenario: 'none' })).problems).toEqual([]);
  });

  it('the checker catches what Perfetto would refuse', () => {
    const bad = {
      traceEvents: [
        { ph: 'M', name: 'process_name', pid: 1, args: { name: 'p' } },
        { ph: 'M', name: 'thread_name', pid: 1, tid: 1, args: { name: 't' } },
        { ph: 'X', name: 'a', pid: 1, tid: 1, ts: 0, dur: 2 },
        { ph: 'X', name: 'b', pid: 1, tid: 1, ts: 1, dur: 2 },
        { ph: 'B', name: 'c', pid: 1, tid: 1, ts: 5 },
        { ph: 'X', name: 'd', pid: 1, tid: 2, ts: 0, dur: 0, bind_id: 9, flow_out: true },
      ],
    };
    const { problems } = checkTrace(JSON.stringify(bad));
    expect(problems.join('\n')).toMatch(/partially overlaps/);
    expect(problems.join('\n')).toMatch(/B without E/);
    expect(problems.join('\n')).toMatch(/flow 9: 1 out, 0 in/);
    expect(problems.join('\n')).toMatch(/1\/2 has no thread_name/);
    expect(checkTrace('{"traceEvents": [').problems[0]).toMatch(/not JSON/);
  });

  it('covers every preset without a structural problem (default policies)', () => {
    for (const p of PRESETS) {
      const runs = presetRuns(p.id, ['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc']);
      expect(checkTrace(perfettoTrace(runs, { scenario: p.id })).problems, p.id).toEqual([]);
    }
  });
});
