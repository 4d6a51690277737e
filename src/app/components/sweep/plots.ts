import * as d3 from 'd3';

/**
 * The sweep panel's d3 plots. React owns each <svg> element; these functions own what is inside
 * (they clear and redraw it). Colours are resolved to literal values at draw time, so an exported
 * SVG or PNG looks like the page without its stylesheet.
 */

export interface Colours {
  text: string;
  muted: string;
  grid: string;
  bg: string;
  danger: string;
}

export function coloursOf(el: Element): Colours {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string): string => cs.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1d2330'),
    muted: v('--muted', '#5d6472'),
    grid: v('--border', '#d9dbe0'),
    bg: v('--panel', '#ffffff'),
    danger: v('--danger', '#b3261e'),
  };
}

/** One colour per policy (by index in the sweep), the same in every plot. */
export const policyColour = (i: number): string => d3.schemeTableau10[i % 10]!;

const FONT = '11px system-ui, sans-serif';

type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;

function frame(el: SVGSVGElement, width: number, height: number, c: Colours): Svg {
  const svg = d3.select(el);
  svg.selectAll('*').remove();
  svg
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .style('font', FONT);
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', c.bg);
  return svg;
}

function styleAxis(g: d3.Selection<SVGGElement, unknown, null, undefined>, c: Colours): void {
  g.selectAll('text').attr('fill', c.muted).style('font', FONT);
  g.selectAll('line,path').attr('stroke', c.grid);
}

/** A probability or rate as the page prints it: 3 significant digits, small values in e-notation. */
export function fmtP(x: number): string {
  if (x === 0) return '0';
  if (x < 1e-3) return x.toExponential(2);
  return d3.format('.3~g')(x);
}
export const fmtPct = (x: number): string =>
  x === 0 ? '0 %' : x < 1e-5 ? `${(x * 100).toExponential(1)} %` : `${d3.format('.3~g')(x * 100)} %`;

/** One policy's estimate with its interval (and what the page shows when nothing was seen). */
export interface IntervalRow {
  label: string;
  colour: string;
  /** null: undefined (no resize seen). */
  est: number | null;
  low: number | null;
  high: number | null;
  /** The closed form at the same windows, when the core provides it. */
  closed: number | null;
  /** Nothing seen: the rule-of-three upper bound (drawn as a bar from 0, labelled). */
  r3: number | null;
  /** Text after the figures (e.g. "needs ≈ 2.1 M trials for ±10 %"). */
  note: string;
  /** What the bound from 0 is called (default: the rule of three). */
  zeroBound?: string;
}

/**
 * Horizontal interval plot: one row per policy, the estimate as a dot, its 95 % interval as a bar,
 * the closed form as an open diamond, and for a policy that lost nothing a hatched bar up to the
 * rule-of-three bound, labelled. On a log axis zero sits at the left edge, marked "0".
 */
export function drawIntervals(
  el: SVGSVGElement,
  rows: IntervalRow[],
  o: { width: number; log: boolean; xLabel: string; fmt: (x: number) => string; c: Colours },
): void {
  const rowH = 26,
    left = Math.min(150, Math.round(o.width * 0.3)),
    right = 16,
    top = 8,
    bottom = 34;
  const height = top + bottom + rowH * Math.max(1, rows.length);
  const svg = frame(el, o.width, height, o.c);
  const vals = rows.flatMap((r) => [r.est, r.low, r.high, r.closed, r.r3]).filter((v): v is number => v !== null);
  const maxV = Math.max(1e-12, ...vals);
  const minPos = Math.min(maxV, ...vals.filter((v) => v > 0));
  const x = o.log
    ? d3
        .scaleLog()
        .domain([Math.max(1e-12, minPos / 3), maxV * 1.5])
        .range([left, o.width - right])
        .clamp(true)
    : d3
        .scaleLinear()
        .domain([0, maxV * 1.05])
        .nice()
        .range([left, o.width - right]);
  const xAt = (v: number): number => (o.log && v <= 0 ? left : x(v));
  const ax = svg
    .append('g')
    .attr('transform', `translate(0,${height - bottom})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor((o.width - left - right) / 90)), o.log ? '.0e' : '~s'));
  styleAxis(ax, o.c);
  svg
    .append('text')
    .attr('x', (left + o.width - right) / 2)
    .attr('y', height - 4)
    .attr('text-anchor', 'middle')
    .attr('fill', o.c.muted)
    .text(o.xLabel + (o.log ? ' (log; 0 at the left edge)' : ''));
  rows.forEach((r, i) => {
    const y = top + i * rowH + rowH / 2;
    const g = svg.append('g').attr('data-policy', r.label);
    g.append('text')
      .attr('x', left - 8)
      .attr('y', y + 4)
      .attr('text-anchor', 'end')
      .attr('fill', o.c.text)
      .text(r.label.length > 22 ? r.label.slice(0, 21) + '…' : r.label)
      .append('title')
      .text(r.label);
    if (r.est === null) {
      g.append('text')
        .attr('x', left + 4)
        .attr('y', y + 4)
        .attr('fill', o.c.muted)
        .text('no resize seen');
      return;
    }
    if (r.r3 !== null) {
      g.append('rect')
        .attr('x', left)
        .attr('y', y - 5)
        .attr('width', Math.max(1, xAt(r.r3) - left))
        .attr('height', 10)
        .attr('fill', r.colour)
        .attr('fill-opacity', 0.18)
        .attr('stroke', r.colour)
        .attr('stroke-dasharray', '3 2')
        .attr('data-testid', 'r3-bar');
      g.append('text')
        .attr('x', Math.min(o.width - right - 4, xAt(r.r3) + 4))
        .attr('y', y + 4)
        .attr('text-anchor', xAt(r.r3) > o.width - 180 ? 'end' : 'start')
        .attr('fill', o.c.text)
        .text(`0 seen: < ${o.fmt(r.r3)} (${r.zeroBound ?? 'rule of three'})${r.note ? '; ' + r.note : ''}`);
    } else if (r.low !== null && r.high !== null) {
      g.append('line')
        .attr('x1', xAt(r.low))
        .attr('x2', xAt(r.high))
        .attr('y1', y)
        .attr('y2', y)
        .attr('stroke', r.colour)
        .attr('stroke-width', 3);
      for (const v of [r.low, r.high])
        g.append('line')
          .attr('x1', xAt(v))
          .attr('x2', xAt(v))
          .attr('y1', y - 6)
          .attr('y2', y + 6)
          .attr('stroke', r.colour)
          .attr('stroke-width', 1.5);
      g.append('circle').attr('cx', xAt(r.est)).attr('cy', y).attr('r', 4.5).attr('fill', r.colour);
      const lab = `${o.fmt(r.est)} [${o.fmt(r.low)}, ${o.fmt(r.high)}]${r.note ? '; ' + r.note : ''}`;
      const xl = xAt(r.high) + 6;
      g.append('text')
        .attr('x', xl > o.width - 200 ? xAt(r.low) - 6 : xl)
        .attr('y', y + 4)
        .attr('text-anchor', xl > o.width - 200 ? 'end' : 'start')
        .attr('fill', o.c.text)
        .text(lab);
    }
    if (r.closed !== null) {
      const cx = xAt(r.closed);
      g.append('path')
        .attr('d', `M${cx},${y - 7}L${cx + 5},${y}L${cx},${y + 7}L${cx - 5},${y}Z`)
        .attr('fill', 'none')
        .attr('stroke', o.c.text)
        .attr('stroke-width', 1.2)
        .append('title')
        .text(`closed form: ${o.fmt(r.closed)}`);
    }
  });
}

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
  svg
    .append('text')
    .attr('x', (left + o.width) / 2)
    .attr('y', height - 6)
    .attr('text-anchor', 'middle')
    .attr('fill', o.c.muted)
    .text(
      o.width < 560
        ? 'lost in a trial (click a bar: open a trial)'
        : 'interrupts lost in a trial (all causes) — click a bar with losses to open its first trial',
    );
  svg
    .append('text')
    .attr('transform', `translate(12,${(top + height - bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', o.c.muted)
    .text(o.log ? 'trials (log)' : 'trials');
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

/** P against the varied parameter, per policy, with the Wilson band. */
export interface CurveSeries {
  label: string;
  colour: string;
  points: { x: number; est: number | null; low: number | null; high: number | null }[];
}

export function drawCurves(
  el: SVGSVGElement,
  series: CurveSeries[],
  o: { width: number; xLog: boolean; yLog: boolean; xLabel: string; yLabel: string; c: Colours },
): void {
  const height = 260,
    left = 64,
    right = o.width < 560 ? 100 : 150,
    top = 10,
    bottom = 40;
  const svg = frame(el, o.width, height, o.c);
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series
    .flatMap((s) => s.points.flatMap((p) => [p.est, p.low, p.high]))
    .filter((v): v is number => v !== null);
  const maxY = Math.max(1e-9, ...ys);
  const minPos = Math.min(maxY, ...ys.filter((v) => v > 0));
  const x = o.xLog
    ? d3
        .scaleLog()
        .domain([Math.max(1, d3.min(xs) ?? 1), Math.max(2, d3.max(xs) ?? 2)])
        .range([left, o.width - right])
    : d3
        .scaleLinear()
        .domain(d3.extent(xs) as [number, number])
        .range([left, o.width - right]);
  const y = o.yLog
    ? d3
        .scaleLog()
        .domain([minPos / 3, maxY * 1.5])
        .range([height - bottom, top])
        .clamp(true)
    : d3
        .scaleLinear()
        .domain([0, maxY * 1.05])
        .nice()
        .range([height - bottom, top]);
  styleAxis(
    svg
      .append('g')
      .attr('transform', `translate(0,${height - bottom})`)
      .call(d3.axisBottom(x).ticks(6, '~s')),
    o.c,
  );
  styleAxis(
    svg
      .append('g')
      .attr('transform', `translate(${left},0)`)
      .call(d3.axisLeft(y).ticks(5, o.yLog ? '.0e' : '~g')),
    o.c,
  );
  svg
    .append('text')
    .attr('x', (left + o.width - right) / 2)
    .attr('y', height - 6)
    .attr('text-anchor', 'middle')
    .attr('fill', o.c.muted)
    .text(o.xLabel);
  svg
    .append('text')
    .attr('transform', `translate(12,${(top + height - bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', o.c.muted)
    .text(o.yLabel + (o.yLog ? ' (log)' : ''));
  const yAt = (v: number): number => (o.yLog && v <= 0 ? height - bottom : y(v));
  series.forEach((s, i) => {
    const pts = s.points.filter((p) => p.est !== null) as { x: number; est: number; low: number; high: number }[];
    const g = svg.append('g').attr('data-policy', s.label);
    g.append('path')
      .attr(
        'd',
        d3
          .area<(typeof pts)[number]>()
          .x((p) => x(p.x))
          .y0((p) => yAt(p.low))
          .y1((p) => yAt(p.high))(pts),
      )
      .attr('fill', s.colour)
      .attr('fill-opacity', 0.15);
    g.append('path')
      .attr(
        'd',
        d3
          .line<(typeof pts)[number]>()
          .x((p) => x(p.x))
          .y((p) => yAt(p.est))(pts),
      )
      .attr('fill', 'none')
      .attr('stroke', s.colour)
      .attr('stroke-width', 2);
    for (const p of pts)
      g.append('circle').attr('cx', x(p.x)).attr('cy', yAt(p.est)).attr('r', 3).attr('fill', s.colour);
    g.append('text')
      .attr('x', o.width - right + 8)
      .attr('y', top + 12 + i * 16)
      .attr('fill', s.colour)
      .text(s.label.length > 15 ? s.label.slice(0, 14) + '…' : s.label);
  });
}

/** Host resources against devices per host, with the IOMMU's and the CPUs' limits marked. */
export interface CapacityLine {
  label: string;
  colour: string;
  irtesPerDevice: number;
  cpuVectorsPerDevice: number;
}

export const CAPACITY_DEVICES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];

export function drawCapacity(
  el: SVGSVGElement,
  lines: CapacityLine[],
  o: { width: number; irteLimit: number; cpuVectorLimit: number; c: Colours },
): void {
  const height = 280,
    left = 64,
    right = 150,
    top = 10,
    bottom = 40;
  const svg = frame(el, o.width, height, o.c);
  const x = d3
    .scaleLog()
    .domain([1, 65536])
    .range([left, o.width - right]);
  const maxY = Math.max(
    o.irteLimit,
    o.cpuVectorLimit,
    ...lines.map((l) => 65536 * Math.max(l.irtesPerDevice, l.cpuVectorsPerDevice)),
  );
  const y = d3
    .scaleLog()
    .domain([1, maxY * 2])
    .range([height - bottom, top])
    .clamp(true);
  styleAxis(
    svg
      .append('g')
      .attr('transform', `translate(0,${height - bottom})`)
      .call(d3.axisBottom(x).ticks(6, '~s')),
    o.c,
  );
  styleAxis(svg.append('g').attr('transform', `translate(${left},0)`).call(d3.axisLeft(y).ticks(6, '~s')), o.c);
  svg
    .append('text')
    .attr('x', (left + o.width - right) / 2)
    .attr('y', height - 6)
    .attr('text-anchor', 'middle')
    .attr('fill', o.c.muted)
    .text('guests × devices per host (every device at its peak at once)');
  svg
    .append('text')
    .attr('transform', `translate(12,${(top + height - bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', o.c.muted)
    .text('in use (log)');
  for (const [v, text] of [
    [o.irteLimit, `IOMMU: ${o.irteLimit.toLocaleString('en-US')} IRTEs`],
    [o.cpuVectorLimit, `CPU vectors: ${o.cpuVectorLimit.toLocaleString('en-US')} (~200/CPU)`],
  ] as const) {
    svg
      .append('line')
      .attr('x1', left)
      .attr('x2', o.width - right)
      .attr('y1', y(v))
      .attr('y2', y(v))
      .attr('stroke', o.c.danger)
      .attr('stroke-dasharray', '6 3');
    svg
      .append('text')
      .attr('x', left + 4)
      .attr('y', y(v) - 4)
      .attr('fill', o.c.danger)
      .text(text);
  }
  lines.forEach((l, i) => {
    const g = svg.append('g').attr('data-policy', l.label);
    for (const [per, dash] of [
      [l.irtesPerDevice, null],
      [l.cpuVectorsPerDevice, '2 3'],
    ] as const) {
      if (per <= 0) continue;
      const p = g
        .append('path')
        .attr(
          'd',
          d3
            .line<number>()
            .x((d) => x(d))
            .y((d) => y(d * per))(CAPACITY_DEVICES),
        )
        .attr('fill', 'none')
        .attr('stroke', l.colour)
        .attr('stroke-width', 2);
      if (dash) p.attr('stroke-dasharray', dash);
    }
    g.append('text')
      .attr('x', o.width - right + 8)
      .attr('y', top + 12 + i * 16)
      .attr('fill', l.colour)
      .text(l.label.length > 15 ? l.label.slice(0, 14) + '…' : l.label);
  });
  svg
    .append('text')
    .attr('x', o.width - right + 8)
    .attr('y', top + 12 + lines.length * 16 + 6)
    .attr('fill', o.c.muted)
    .text('— IRTEs, ··· vectors');
}

/** Downloads a Blob under a file name. */
export function download(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function svgText(el: SVGSVGElement): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(el);
}

/** Renders the SVG at 2× into a canvas and downloads it as PNG. */
export function downloadPng(el: SVGSVGElement, name: string): void {
  const w = Number(el.getAttribute('width')),
    h = Number(el.getAttribute('height'));
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svgText(el)], { type: 'image/svg+xml' }));
  img.onload = () => {
    const cv = document.createElement('canvas');
    cv.width = w * 2;
    cv.height = h * 2;
    const ctx = cv.getContext('2d')!;
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0);
    URL.revokeObjectURL(url);
    cv.toBlob((b) => b && download(b, name), 'image/png');
  };
  img.src = url;
}

/** CSV text (RFC 4180 quoting) from a header and rows. */
export function csv(header: string[], rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null): string => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
