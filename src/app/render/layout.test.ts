import { describe, expect, it } from 'vitest';
import { activeVectors, layoutPane, SHOW_ALL_UP_TO } from './layout.ts';
import { hitTest, findRaise, raiseRow } from './hitTest.ts';
import { linearScale as scale, presetTimeline as timeline } from './testing.ts';
import { Ev } from '../../core/engine/events.ts';

describe('pane layout', () => {
  it('shows every entry of a small table, lanes first, rows in vector order', () => {
    const { tl } = timeline('default', 'dynamic-alloc');
    const L = layoutPane(tl, {});
    expect(L.rows).toHaveLength(8);
    expect(L.rows.map((r) => (r.kind === 'vector' ? r.v : -1))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(L.vectorsTop).toBeGreaterThan(L.host.y + L.host.h);
    expect(L.height).toBeGreaterThan(L.rows[7]!.y + L.rows[7]!.h - 1);
  });

  it('collapses the idle entries of a 2048-entry table into groups of at most 256 that expand on demand', () => {
    const { tl } = timeline('sparse-high-vector', 'teardown-setup');
    expect(tl.size).toBeGreaterThan(SHOW_ALL_UP_TO);
    const act = activeVectors(tl);
    expect(act[0]).toBe(1);
    expect(act[1500]).toBe(1);
    expect(act[700]).toBe(0);
    const L = layoutPane(tl, {});
    const groups = L.rows.filter((r) => r.kind === 'group');
    const vectors = L.rows.filter((r) => r.kind === 'vector');
    expect(vectors.map((r) => (r.kind === 'vector' ? r.v : -1))).toEqual([0, 1500]);
    for (const g of groups) if (g.kind === 'group') expect(g.to - g.from + 1).toBeLessThanOrEqual(256);
    const covered = groups.reduce((n, g) => n + (g.kind === 'group' ? g.to - g.from + 1 : 0), 0) + vectors.length;
    expect(covered).toBe(2048);
    expect(L.rowOfVector[700]).toBe(
      L.rows.indexOf(groups.find((g) => g.kind === 'group' && g.from <= 700 && 700 <= g.to)!),
    );
    const g0 = groups[0]!;
    const expanded = layoutPane(tl, { [g0.kind === 'group' ? g0.key : '']: true });
    expect(expanded.rows.length).toBe(L.rows.length - 1 + (g0.kind === 'group' ? g0.to - g0.from + 1 : 0));
  });
});

describe('hit testing', () => {
  it('finds a lost raise under its cross and the guest operation under its box', () => {
    const { tl, log } = timeline('default', 'teardown-setup');
    const L = layoutPane(tl, {});
    const x = scale(0, tl.endNs, 1200);
    const lost = [...tl.raises.outcome.keys()].find((i) => tl.raises.outcome[i] === 4 && tl.raises.vec[i] === 1)!;
    const row = L.rows[L.rowOfVector[1]!]!;
    const hit = hitTest(tl, L, x, x(tl.raises.end[lost]!), row.y + row.h / 2);
    expect(hit?.kind).toBe('raise');
    expect(log.kind[hit!.row]).toBe(Ev.LOST);
    const op = hitTest(tl, L, x, x(tl.ops.start[1]!), L.guest.y + L.guest.h / 2);
    expect(op).toEqual({ kind: 'row', row: tl.ops.row[1] });
    expect(hitTest(tl, L, x, 1199, L.height + 50)).toBeNull();
  });

  it('matches the same device raise across policies by time and stream', () => {
    const a = timeline('default', 'data-hack').tl;
    const b = timeline('default', 'dynamic-alloc').tl;
    for (let i = 0; i < a.raises.n; i += 7) {
      const j = findRaise(b, a.raises.t[i]!, a.raises.stream[i]!);
      expect(j).toBeGreaterThanOrEqual(0);
      expect(b.raises.vec[j]).toBe(a.raises.vec[i]);
    }
    expect(raiseRow(b, 0)).toBeGreaterThanOrEqual(0);
  });
});
