import { useEffect, useMemo, useRef, useState } from 'react';
import { describeRow } from '../../core/analysis/golden.ts';
import { Ev } from '../../core/engine/events.ts';
import { declOf } from '../../core/engine/schema.ts';
import { lastAtOrBefore } from '../../core/analysis/timeline.ts';
import { useRun } from '../state/runData.ts';
import { useApp } from '../state/store.ts';
import { onViewport, setCursor, viewport } from '../state/viewport.ts';
import { fmtTime } from '../render/format.ts';
import { filterRows } from '../nav/eventFilter.ts';

const ROW_H = 22;
type Filter = 'all' | 'notable' | 'losses';

/**
 * The accessible alternative to the canvases: the selected pane's event log as a table,
 * virtualised (only the visible rows exist in the DOM), filterable, following the cursor.
 */
export function EventTable() {
  const sel = useApp((s) => s.selected);
  const run = useRun();
  const [pane, setPane] = useState(0);
  const [filter, setFilter] = useState<Filter>('notable');
  const [top, setTop] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const p = run?.runs[Math.min(pane, (run?.runs.length ?? 1) - 1)];
  // Kind, vector and time range (issue 9 navigation): nav/eventFilter.ts.
  const [kindF, setKindF] = useState(-1);
  const [vecF, setVecF] = useState('');
  const [fromF, setFromF] = useState('');
  const [toF, setToF] = useState('');
  const rows = useMemo(() => {
    if (!p) return new Int32Array();
    const us = (x: string): number => (x.trim() === '' || !Number.isFinite(+x) ? NaN : +x * 1000);
    const v = vecF.trim() === '' || !Number.isInteger(+vecF) ? -1 : +vecF;
    return filterRows(p.log, { mode: filter, kind: kindF, vec: v, from: us(fromF), to: us(toF) });
  }, [p, filter, kindF, vecF, fromF, toF]);
  useEffect(() => {
    if (sel && sel.pane !== pane) setPane(sel.pane);
  }, [sel, pane]);
  useEffect(() => {
    // Follow the cursor: scroll so the row at the cursor is in view.
    const off = onViewport((w) => {
      if (w !== 'cursor' || !p || !box.current || useApp.getState().playing === false) return;
      const t = viewport().cursor;
      let lo = 0,
        hi = rows.length;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (p.log.t[rows[m]!]! <= t) lo = m + 1;
        else hi = m;
      }
      box.current.scrollTop = Math.max(0, (lo - 5) * ROW_H);
    });
    return off;
  }, [p, rows]);
  if (!run || !p) return null;
  const height = 400;
  const first = Math.max(0, Math.floor(top / ROW_H) - 5);
  const last = Math.min(rows.length, first + Math.ceil(height / ROW_H) + 10);
  const visible: number[] = [];
  for (let k = first; k < last; k++) visible.push(rows[k]!);
  return (
    <section aria-label="event table">
      <div className="field" style={{ margin: '4px 0 6px', gap: 10, flexWrap: 'wrap' }}>
        <label htmlFor="evpane">policy</label>
        <select id="evpane" className="btn" value={pane} onChange={(e) => setPane(+e.target.value)}>
          {run.runs.map((r, i) => (
            <option key={i} value={i}>
              {r.policy}
            </option>
          ))}
        </select>
        <label htmlFor="evfilter">show</label>
        <select id="evfilter" className="btn" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
          <option value="notable">everything but direct deliveries</option>
          <option value="all">every event</option>
          <option value="losses">losses only</option>
        </select>
        <label htmlFor="evkind">kind</label>
        <select id="evkind" className="btn" value={kindF} onChange={(e) => setKindF(+e.target.value)}>
          <option value={-1}>any</option>
          {Object.values(Ev).map((k) => (
            <option key={k} value={k}>
              {declOf(k)?.name ?? k}
            </option>
          ))}
        </select>
        <label htmlFor="evvec">vector</label>
        <input
          id="evvec"
          className="btn evnum"
          inputMode="numeric"
          placeholder="any"
          value={vecF}
          onChange={(e) => setVecF(e.target.value)}
        />
        <label htmlFor="evfrom">from µs</label>
        <input
          id="evfrom"
          className="btn evnum"
          inputMode="decimal"
          placeholder="start"
          value={fromF}
          onChange={(e) => setFromF(e.target.value)}
        />
        <label htmlFor="evto">to µs</label>
        <input
          id="evto"
          className="btn evnum"
          inputMode="decimal"
          placeholder="end"
          value={toF}
          onChange={(e) => setToF(e.target.value)}
        />
        <span data-testid="event-count">{rows.length.toLocaleString()} rows</span>
        <button
          className="btn"
          onClick={() => {
            const k = lastAtOrBefore(
              Float64Array.from(rows, (r) => p.log.t[r]!),
              viewport().cursor,
            );
            if (box.current) box.current.scrollTop = Math.max(0, k * ROW_H - 100);
          }}
        >
          go to cursor
        </button>
      </div>
      <div
        className="events-box"
        ref={box}
        style={{ height }}
        onScroll={(e) => setTop(e.currentTarget.scrollTop)}
        tabIndex={0}
        aria-label={`events of ${p.policy}`}
      >
        <table className="events" style={{ position: 'absolute', top: first * ROW_H, left: 0, right: 0 }}>
          {/* Column headers for screen readers; clipped out of the layout so the virtual rows keep their offsets. */}
          <thead className="sr-head">
            <tr>
              <th scope="col">time</th>
              <th scope="col">row</th>
              <th scope="col">event</th>
              <th scope="col">details</th>
              <th scope="col">cause</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
              <tr
                key={r}
                className={`${sel && sel.pane === pane && sel.row === r ? 'sel' : ''} ${p.log.kind[r] === Ev.LOST ? 'lost' : ''}`}
                style={{ height: ROW_H }}
              >
                <td>{fmtTime(p.log.t[r]!)}</td>
                <td>#{r}</td>
                <td>
                  <button
                    className="btn"
                    style={{ minHeight: 0, padding: '0 6px' }}
                    onClick={() => {
                      useApp.getState().select({ pane, row: r });
                      setCursor(p.log.t[r]!);
                    }}
                  >
                    {declOf(p.log.kind[r]!)?.name}
                  </button>
                </td>
                <td>{describeRow(p.log, r)}</td>
                <td>{p.log.cause[r]! >= 0 ? `← #${p.log.cause[r]}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div style={{ height: rows.length * ROW_H }} />
      </div>
    </section>
  );
}
