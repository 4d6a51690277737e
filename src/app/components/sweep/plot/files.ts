/** Saving a plot: its SVG text, a 2× PNG, its CSV. */

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
