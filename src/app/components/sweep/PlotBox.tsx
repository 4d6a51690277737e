import { useEffect, useRef, useState, type ReactNode } from 'react';
import { coloursOf, type Colours } from './plot/frame.ts';
import { download, downloadPng, svgText } from './plot/files.ts';

/**
 * One plot: React owns the figure and its <svg>; `draw` (d3) owns what is inside. Redrawn when
 * `version` changes (the runner publishes a few times a second) or the width changes. Each plot
 * exports as SVG and PNG, and its numbers as CSV.
 */
export function PlotBox(props: {
  id: string;
  title: string;
  caption?: ReactNode;
  version: unknown;
  draw: (svg: SVGSVGElement, width: number, c: Colours) => void;
  csv: () => string;
}) {
  const box = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const el = box.current!;
    const ro = new ResizeObserver(() => setWidth(Math.max(300, Math.floor(el.clientWidth - 2))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const { draw } = props;
  useEffect(() => {
    if (svg.current) draw(svg.current, width, coloursOf(svg.current));
  }, [draw, width, props.version]);
  return (
    <figure className="sweep-plot" ref={box} data-testid={`plot-${props.id}`}>
      <figcaption>
        <b>{props.title}</b>
        <span className="spacer" />
        <button
          className="btn"
          onClick={() => download(new Blob([svgText(svg.current!)], { type: 'image/svg+xml' }), `${props.id}.svg`)}
        >
          SVG
        </button>
        <button className="btn" onClick={() => downloadPng(svg.current!, `${props.id}.png`)}>
          PNG
        </button>
        <button
          className="btn"
          data-testid={`csv-${props.id}`}
          onClick={() => download(new Blob([props.csv()], { type: 'text/csv' }), `${props.id}.csv`)}
        >
          CSV
        </button>
      </figcaption>
      <svg ref={svg} role="img" aria-label={props.title} />
      {props.caption && <p className="sweep-caption">{props.caption}</p>}
    </figure>
  );
}
