import * as d3 from 'd3';
import { axisTitles, frame, styleAxis, policyColour, type Colours } from './frame.ts';

/** The per-trial loss histogram: bins of loss counts, one bar per policy per bin; clickable bars. */
export interface HistBin {
  lo: number;
  hi: number;
  /** Trials per policy with lo <= lost <= hi. */
  counts: number[];
}

export function histBins(hists: Record<string, number>[], maxBins = 30): HistBin[] {
  const max = Math.max(0, ...hists.flatMap((h) => Object.keys(h).map(Number)));
  const w = Math.max(1, Math.ceil((max + 1) / maxBins));
  const bins: HistBin[] = [];
  for (let lo = 0; lo <= max; lo += w) bins.push({ lo, hi: lo + w - 1, counts: hists.map(() => 0) });
  hists.forEach((h, p) => {
    for (const [k, n] of Object.entries(h)) bins[Math.floor(Number(k) / w)]!.counts[p]! += n;
  });
  return bins;
}

export function drawHistogram(
  el: SVGSVGElement,
  bins: HistBin[],
  labels: string[],
  o: {
    width: number;
    log: boolean;
    c: Colours;
    /** A bar with losses was clicked: policy index and the bin's loss range. */
    onPick: (policy: number, lo: number, hi: number) => void;
  },
): void {
  const height = 220,
    left = 56,
    right = 12,
    top = 10,
    bottom = 40;
  const svg = frame(el, o.width, height, o.c);
  const x0 = d3
    .scaleBand<number>()
    .domain(bins.map((_, i) => i))
    .range([left, o.width - right])
    .padding(0.15);
  const x1 = d3
    .scaleBand<number>()
    .domain(labels.map((_, i) => i))
    .range([0, x0.bandwidth()]);
  const maxN = Math.max(1, ...bins.flatMap((b) => b.counts));
  const y = o.log
    ? d3
        .scaleLog()
        .domain([0.8, maxN * 1.2])
        .range([height - bottom, top])
        .clamp(true)
    : d3
        .scaleLinear()
        .domain([0, maxN])
        .nice()
        .range([height - bottom, top]);
  const every = Math.ceil(bins.length / Math.max(4, Math.floor(o.width / 60)));
  const ax = svg
    .append('g')
    .attr('transform', `translate(0,${height - bottom})`)
    .call(
      d3
        .axisBottom(x0)
        .tickValues(bins.map((_, i) => i).filter((i) => i % every === 0))
        .tickFormat((i) => {
          const b = bins[i as number]!;
          return b.lo === b.hi ? String(b.lo) : `${b.lo}–${b.hi}`;
        }),
    );
  styleAxis(ax, o.c);
  styleAxis(
    svg
      .append('g')
      .attr('transform', `translate(${left},0)`)
      .call(d3.axisLeft(y).ticks(5, o.log ? '~s' : undefined)),
    o.c,
  );
  axisTitles(
    svg,
    { left, right: 0, top, bottom, width: o.width, height },
    o.width < 560
      ? 'lost in a trial (click a bar: open a trial)'
      : 'interrupts lost in a trial (all causes) — click a bar with losses to open its first trial',
    o.log ? 'trials (log)' : 'trials',
    o.c,
  );
  bins.forEach((b, i) => {
    b.counts.forEach((n, p) => {
      if (n === 0) return;
      const yy = y(n);
      const rect = svg
        .append('rect')
        .attr('x', x0(i)! + x1(p)!)
        .attr('y', yy)
        .attr('width', Math.max(1, x1.bandwidth()))
        .attr('height', Math.max(1, height - bottom - yy))
        .attr('fill', policyColour(p))
        .attr('data-lost', `${b.lo}-${b.hi}`)
        .attr('data-policy', labels[p]!);
      rect
        .append('title')
        .text(`${labels[p]}: ${n} trial${n === 1 ? '' : 's'} lost ${b.lo === b.hi ? b.lo : `${b.lo}–${b.hi}`}`);
      if (b.hi > 0) {
        rect
          .attr('cursor', 'pointer')
          .attr('data-testid', 'hist-lossy')
          .on('click', () => o.onPick(p, Math.max(1, b.lo), b.hi));
      }
    });
  });
}
