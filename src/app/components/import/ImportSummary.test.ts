import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { importText } from '../../../core/index.ts';
import { ImportSummary } from './ImportSummary.tsx';

// No HTML is built from pasted text: hostile device names and trace lines come out as escaped text.
const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const render = (text: string) =>
  renderToStaticMarkup(createElement(ImportSummary, { result: importText(text), onDevice: () => {} }));

describe('ImportSummary renders input as text', () => {
  it('an lspci device name with markup', () => {
    const html = render(
      `06:00.0 Ethernet controller: ${HOSTILE}\n\tCapabilities: [70] MSI-X: Enable+ Count=8 Masked-\n\t\tVector table: BAR=0 offset=00002000\n\t\tPBA: BAR=0 offset=00003000\n07:00.0 ${HOSTILE}\n\tCapabilities: [70] MSI-X: Enable+ Count=4 Masked-\n`,
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('8 entries');
  });

  it('a trace device name and unknown lines with markup', () => {
    const html = render(
      `vfio_msix_enable  (${'<b>x</b>'})\nvfio_msix_vector_do_use  (${'<b>x</b>'}) vector 0 used\nvfio_bogus ${HOSTILE}\n`,
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain('line 3:');
  });
});
