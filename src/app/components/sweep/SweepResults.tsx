import { memo, useCallback, useState } from 'react';
import type { PolicySummary } from '../../../core/sweep/summary.ts';
import { sweepSummaryCsv } from '../../../core/sweep/csv.ts';
import { useSweep, type SweepResult } from '../../state/sweep.ts';
import { loadCapacity, openTrial } from '../../sim/sweepRunner.ts';
import type { LossyTrial } from '../../../worker/protocol.ts';
import { PlotBox } from './PlotBox.tsx';
import { fmtP, fmtPct, policyColour, type Colours } from './plot/frame.ts';
import { CAPACITY_DEVICES, drawCapacity } from './plot/capacity.ts';
import { drawCurves } from './plot/curves.ts';
import { drawHistogram, histBins } from './plot/histogram.ts';
import { drawIntervals, type IntervalRow } from './plot/intervals.ts';
import { csv } from './plot/files.ts';

const big = (n: number): string =>
  n >= 1e9
    ? `${(n / 1e9).toFixed(1)} G`
    : n >= 1e6
      ? `${(n / 1e6).toFixed(1)} M`
      : n >= 1e4
        ? `${Math.round(n / 1e3)} k`
        : String(n);

/** "needs ≈ N trials for ±10 %" when the trials run are not enough (the core's figure, summary.ts). */
function advice(r: PolicySummary): string {
  if (r.trialsFor10pct === null || r.trialsFor10pct <= r.trials) return '';
  return `${r.lossyResizes === 0 ? 'needs ≥' : 'needs ≈'} ${big(r.trialsFor10pct)} trials for ±10 %`;
}

function pRows(res: PolicySummary[]): IntervalRow[] {
  return res.map((r, i) => ({
    label: r.policy,
    colour: policyColour(i),
    est: r.pLossPerResize,
    low: r.ciLow,
    high: r.ciHigh,
    closed: r.closedFormPLossPerResize,
    r3: r.ruleOfThreeUpper,
    note: advice(r),
  }));
}

function lostRows(res: PolicySummary[]): IntervalRow[] {
  return res.map((r, i) => ({
    label: r.policy,
    colour: policyColour(i),
    est: r.lostPerMillionResizes,
    low: r.lostPerMillionLow,
    high: r.lostPerMillionHigh,
    closed: r.closedFormLostPerMillionResizes,
    r3: r.lostInWindows === 0 && r.resizes > 0 ? r.lostPerMillionHigh : null,
    zeroBound: 'Garwood 95 %',
    note: '',
  }));
}

/** The smallest trial of (point, policy) whose loss count is in [lo, hi] (lossy is sorted by trial). */
function firstTrial(lossy: LossyTrial[], point: number, policy: number, lo: number, hi: number): LossyTrial | null {
  return lossy.find((l) => l.point === point && l.policy === policy && l.lost >= lo && l.lost <= hi) ?? null;
}

/** Memoised: the panel re-renders on every progress tick; the figures only when the result changes. */
export const SweepResults = memo(function SweepResults() {
  const result = useSweep((s) => s.result)!;
  const log = useSweep((s) => s.logScale);
  const capacity = useSweep((s) => s.capacity);
  const cpus = useSweep((s) => s.cpus);
  const [point, setPoint] = useState(0);
  const pt = result.points[Math.min(point, result.points.length - 1)]!;
  const ptIndex = result.points.indexOf(pt);
  const res = pt.results;
  const version = result;

  const drawP = useCallback(
    (svg: SVGSVGElement, width: number, c: Colours) =>
      drawIntervals(svg, pRows(res), {
        width,
        log,
        xLabel: 'P(a resize loses ≥ 1 interrupt), 95 % Wilson',
        fmt: fmtPct,
        c,
      }),
    [res, log],
  );
  const drawLost = useCallback(
    (svg: SVGSVGElement, width: number, c: Colours) =>
      drawIntervals(svg, lostRows(res), {
        width,
        log,
        xLabel: 'interrupts lost per 10^6 resizes, 95 % Garwood',
        fmt: fmtP,
        c,
      }),
    [res, log],
  );
  const drawHist = useCallback(
    (svg: SVGSVGElement, width: number, c: Colours) =>
      drawHistogram(svg, histBins(res.map((r) => r.lostPerTrial)), result.policies, {
        width,
        log,
        c,
        onPick: (policy, lo, hi) => {
          const t = firstTrial(useSweep.getState().result?.lossy ?? [], ptIndex, policy, lo, hi);
          if (t) void openTrial(t);
        },
      }),
    [res, log, result.policies, ptIndex],
  );
  const drawVary = useCallback(
    (svg: SVGSVGElement, width: number, c: Colours) =>
      drawCurves(
        svg,
        result.policies.map((label, i) => ({
          label,
          colour: policyColour(i),
          points: result.points.map((p) => ({
            x: p.value ?? 0,
            est: p.results[i]!.pLossPerResize,
            low: p.results[i]!.ciLow,
            high: p.results[i]!.ciHigh,
          })),
        })),
        {
          width,
          xLog: isLogVary(result),
          yLog: log,
          xLabel: result.vary?.param ?? '',
          yLabel: 'P(resize loses ≥ 1)',
          c,
        },
      ),
    [result, log],
  );
  const drawCap = useCallback(
    (svg: SVGSVGElement, width: number, c: Colours) =>
      capacity &&
      drawCapacity(
        svg,
        capacity.rows.map((r, i) => ({
          label: r.policy,
          colour: policyColour(i),
          irtesPerDevice: r.irtesPerDevice,
          cpuVectorsPerDevice: r.cpuVectorsPerDevice,
        })),
        { width, irteLimit: capacity.irteLimit, cpuVectorLimit: capacity.cpuVectorLimit, c },
      ),
    [capacity],
  );

  // The CLI's CSV (`sweep --format csv`), so a downloaded figure can be checked against it.
  const summaryCsv = (): string => sweepSummaryCsv(result);
  const histCsv = (): string =>
    csv(
      ['policy', 'lostInTrial', 'trials'],
      res.flatMap((r) => Object.entries(r.lostPerTrial).map(([k, n]) => [r.policy, Number(k), n])),
    );
  const capCsv = (): string =>
    csv(
      ['policy', 'devices', 'irtes', 'cpuVectors', 'irteLimit', 'cpuVectorLimit'],
      (capacity?.rows ?? []).flatMap((r) =>
        CAPACITY_DEVICES.map((d) => [
          r.policy,
          d,
          d * r.irtesPerDevice,
          d * r.cpuVectorsPerDevice,
          capacity!.irteLimit,
          capacity!.cpuVectorLimit,
        ]),
      ),
    );

  const lossy = result.lossy.filter((l) => l.point === ptIndex);
  return (
    <section className="sweep-results" aria-label="sweep results" data-testid="sweep-results">
      <div className="sweep-actions">
        {!result.complete && (
          <b className="partial" data-testid="sweep-partial-label">
            Partial: {res[0]?.trials ?? 0} of {result.trials} trials{result.vary ? ' at this point' : ''}
          </b>
        )}
        <label>
          <input type="checkbox" checked={log} onChange={(e) => useSweep.getState().setLogScale(e.target.checked)} />{' '}
          log scale
        </label>
        {result.vary && (
          <label>
            at {result.vary.param} ={' '}
            <select className="btn" value={ptIndex} onChange={(e) => setPoint(+e.target.value)}>
              {result.points.map((p, i) => (
                <option key={i} value={i}>
                  {p.value}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="sweep-caption">
          seed {result.seed} · scenario hash <code>{result.scenarioHash}</code>
        </span>
      </div>
      {result.cli && (
        <p className="sweep-caption">
          Same numbers from the CLI: <code data-testid="sweep-cli">{result.cli}</code>
        </p>
      )}
      <table className="sweep-table" data-testid="sweep-table">
        <thead>
          <tr>
            <th>policy</th>
            <th>trials</th>
            <th>resizes</th>
            <th>P(resize loses) [95 %]</th>
            <th>closed form</th>
            <th>lost / 10^6 resizes [95 %]</th>
            <th>peaks IRQ / CPU vec</th>
          </tr>
        </thead>
        <tbody>
          {res.map((r, i) => (
            <tr key={r.policy} data-policy={r.policy}>
              {/* The series colour as a swatch (text in it would fail contrast on either theme). */}
              <td>
                <span className="series-swatch" style={{ background: policyColour(i) }} aria-hidden="true" />
                {r.policy}
              </td>
              <td>{r.trials.toLocaleString('en-US')}</td>
              <td>{r.resizes.toLocaleString('en-US')}</td>
              <td data-testid="sweep-p" data-value={r.pLossPerResize ?? ''}>
                {r.pLossPerResize === null
                  ? '—'
                  : r.lossyResizes === 0
                    ? `0 seen (< ${fmtPct(r.ruleOfThreeUpper ?? 1)}, rule of three)${advice(r) ? `; ${advice(r)}` : ''}`
                    : `${fmtPct(r.pLossPerResize)} [${fmtPct(r.ciLow!)}, ${fmtPct(r.ciHigh!)}]${advice(r) ? `; ${advice(r)}` : ''}`}
              </td>
              <td>{r.closedFormPLossPerResize === null ? '—' : fmtPct(r.closedFormPLossPerResize)}</td>
              <td>
                {r.lostPerMillionResizes === null
                  ? '—'
                  : `${fmtP(r.lostPerMillionResizes)} [${fmtP(r.lostPerMillionLow!)}, ${fmtP(r.lostPerMillionHigh!)}]`}
              </td>
              <td>
                {r.hostIrqsPeak} / {r.cpuVectorsPeak}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="sweep-plots">
        <PlotBox
          id="p-loss"
          title="P(a resize loses ≥ 1 interrupt), per policy"
          caption="Dot: estimate; bar: 95 % Wilson interval; ◇: closed form 1 − e^(−Σλ·w) over the same windows; dashed bar: nothing seen, rule-of-three bound."
          version={version}
          draw={drawP}
          csv={summaryCsv}
        />
        <PlotBox
          id="lost-per-million"
          title="Interrupts lost per 10^6 resizes"
          version={version}
          draw={drawLost}
          csv={summaryCsv}
        />
        <PlotBox id="histogram" title="Interrupts lost per trial" version={version} draw={drawHist} csv={histCsv} />
        {result.vary && (
          <PlotBox
            id="vary"
            title={`P(resize loses ≥ 1) against ${result.vary.param}`}
            caption="Band: 95 % Wilson interval at each point."
            version={version}
            draw={drawVary}
            csv={summaryCsv}
          />
        )}
      </div>
      {lossy.length > 0 && (
        <details className="sweep-lossy" open>
          <summary>Trials with losses (click one to open it in the timeline at its first loss)</summary>
          <ul data-testid="sweep-lossy">
            {result.policies.map((pol, pi) => {
              const mine = lossy.filter((l) => l.policy === pi).slice(0, 12);
              if (!mine.length) return null;
              return (
                <li key={pol}>
                  <span style={{ color: policyColour(pi) }}>{pol}</span>:{' '}
                  {mine.map((l) => (
                    <button
                      key={l.trial}
                      className="btn linkish"
                      data-testid="lossy-trial"
                      onClick={() => void openTrial(l)}
                      title={`trial ${l.trial}: ${l.lost} lost`}
                    >
                      #{l.trial} ({l.lost})
                    </button>
                  ))}
                </li>
              );
            })}
          </ul>
        </details>
      )}
      <div className="sweep-actions">
        <label>
          CPUs per host{' '}
          <input
            value={cpus}
            onChange={(e) => useSweep.getState().setCpus(e.target.value)}
            size={6}
            aria-label="CPUs per host"
          />
        </label>
        <button className="btn" onClick={() => void loadCapacity()} data-testid="sweep-capacity">
          {capacity ? 'Recompute capacity' : 'Capacity: host IRQs, IRTEs and CPU vectors'}
        </button>
      </div>
      {capacity && (
        <PlotBox
          id="capacity"
          title={`Host resources against devices per host (${capacity.cpus} CPUs)`}
          caption={capacity.rows
            .map(
              (r) =>
                `${r.policy}: ${r.maxDevices === null ? 'unbounded' : `${r.maxDevices.toLocaleString('en-US')} devices`}${r.limitedBy ? ` (${r.limitedBy} run out first)` : ''}`,
            )
            .join(' · ')}
          version={capacity}
          draw={drawCap}
          csv={capCsv}
        />
      )}
    </section>
  );
});

const isLogVary = (r: SweepResult): boolean => {
  const v = r.vary?.values ?? [];
  if (v.length < 3 || v[0]! <= 0) return false;
  // A geometric series (log range) has a near-constant ratio.
  return Math.abs(v[2]! / v[1]! - v[1]! / v[0]!) < 0.1 * (v[1]! / v[0]!) && v[1]! / v[0]! > 1.3;
};
