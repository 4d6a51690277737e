/**
 * A standalone SVG from the same drawing code the canvases run: `SvgContext` implements the part
 * of CanvasRenderingContext2D that drawPane.ts and the export scene (exportScene.ts) use —
 * rectangles, text, paths, alpha, translation — and records each call as an SVG element. So the
 * SVG mirrors the canvas by construction: a new mark drawn in drawPane appears in the export
 * without a second renderer to keep in step.
 *
 * Text is XML-escaped (scenario names and policy specs reach labels); no markup is ever built
 * from data. `HATCH` stands in for the masked-entry canvas pattern and becomes an SVG <pattern>.
 */

/** The masked-entry hatch, as drawPane receives it (a CanvasPattern on screen). */
export const HATCH = { svgHatch: true } as unknown as CanvasPattern;

/** Text widths: the page measures with a real canvas so labels fit as they do on screen. */
export type Measure = (font: string, text: string) => number;

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
/** Drops what XML 1.0 forbids in text (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F), then escapes. */
function xmlText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    out += s[i]!;
  }
  return esc(out);
}
const n = (x: number): string => String(Math.round(x * 100) / 100);

export class SvgContext {
  fillStyle: string | CanvasPattern = '#000';
  strokeStyle = '#000';
  lineWidth = 1;
  globalAlpha = 1;
  globalCompositeOperation = 'source-over';
  font = '10px sans-serif';
  textAlign: CanvasTextAlign = 'start';
  textBaseline: CanvasTextBaseline = 'alphabetic';
  private readonly out: string[] = [];
  private path = '';
  private dx = 0;
  private dy = 0;
  private readonly stack: [number, number, string | CanvasPattern, string, number, number, string][] = [];
  private usesHatch = false;

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly measure: Measure,
    private readonly hatchColours: { bg: string; line: string } = { bg: '#e3e5ea', line: '#8d95a3' },
  ) {}

  /** The current fill as an SVG paint. */
  private paint(): string {
    if (typeof this.fillStyle !== 'string') {
      this.usesHatch = true;
      return 'url(#hatch)';
    }
    return esc(this.fillStyle);
  }
  private alpha(): string {
    return this.globalAlpha < 1 ? ` opacity="${n(this.globalAlpha)}"` : '';
  }

  save(): void {
    this.stack.push([this.dx, this.dy, this.fillStyle, this.strokeStyle, this.lineWidth, this.globalAlpha, this.font]);
  }
  restore(): void {
    const s = this.stack.pop();
    if (s) [this.dx, this.dy, this.fillStyle, this.strokeStyle, this.lineWidth, this.globalAlpha, this.font] = s;
  }
  translate(x: number, y: number): void {
    this.dx += x;
    this.dy += y;
  }
  /** The canvas clears to transparent; the SVG has its background rectangle underneath instead. */
  clearRect(): void {}
  setTransform(): void {}
  fillRect(x: number, y: number, w: number, h: number): void {
    if (w <= 0 || h <= 0) return;
    this.out.push(
      `<rect x="${n(x + this.dx)}" y="${n(y + this.dy)}" width="${n(w)}" height="${n(h)}" fill="${this.paint()}"${this.alpha()}/>`,
    );
  }
  fillText(text: string, x: number, y: number): void {
    const anchor =
      this.textAlign === 'right' || this.textAlign === 'end' ? 'end' : this.textAlign === 'center' ? 'middle' : 'start';
    const base = this.textBaseline === 'middle' ? 'central' : this.textBaseline === 'top' ? 'hanging' : 'alphabetic';
    this.out.push(
      `<text x="${n(x + this.dx)}" y="${n(y + this.dy)}" style="font:${esc(this.font)}" text-anchor="${anchor}" dominant-baseline="${base}" fill="${this.paint()}"${this.alpha()}>${xmlText(text)}</text>`,
    );
  }
  measureText(text: string): TextMetrics {
    return { width: this.measure(this.font, text) } as TextMetrics;
  }
  beginPath(): void {
    this.path = '';
  }
  moveTo(x: number, y: number): void {
    this.path += `M${n(x + this.dx)} ${n(y + this.dy)}`;
  }
  lineTo(x: number, y: number): void {
    this.path += `L${n(x + this.dx)} ${n(y + this.dy)}`;
  }
  closePath(): void {
    this.path += 'Z';
  }
  fill(): void {
    if (this.path) this.out.push(`<path d="${this.path}" fill="${this.paint()}"${this.alpha()}/>`);
  }
  stroke(): void {
    if (this.path)
      this.out.push(
        `<path d="${this.path}" fill="none" stroke="${esc(this.strokeStyle)}" stroke-width="${n(this.lineWidth)}"${this.alpha()}/>`,
      );
  }
  /** The SVG document. */
  toString(): string {
    const defs = this.usesHatch
      ? `<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${esc(this.hatchColours.bg)}"/><path d="M0 6L6 0" stroke="${esc(this.hatchColours.line)}" stroke-opacity="0.45"/></pattern></defs>`
      : '';
    return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${n(this.width)}" height="${n(this.height)}" viewBox="0 0 ${n(this.width)} ${n(this.height)}">${defs}\n${this.out.join('\n')}\n</svg>\n`;
  }

  /** Typed as the canvas context the drawing code takes. */
  asContext(): CanvasRenderingContext2D {
    return this as unknown as CanvasRenderingContext2D;
  }
}
