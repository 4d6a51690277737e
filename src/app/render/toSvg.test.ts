import { describe, expect, it } from 'vitest';
import { drawScene, sceneLayout, type SceneInput } from './exportScene.ts';
import { presetTimeline, namePalette } from './testing.ts';
import { HATCH, SvgContext } from './toSvg.ts';

/** Tag balance of an XML document without a DOM (the Playwright test parses it with DOMParser too). */
function tagsBalance(xml: string): boolean {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0 && !/<(?![/a-zA-Z?])/.test(body);
}

const measure = (_font: string, s: string): number => s.length * 6;

function scene(policies: string[], heading = 'default · seed 1'): SceneInput {
  const panes = policies.map((policy) => {
    const { tl } = presetTimeline('default', policy);
    return { policy, title: `${policy} title`, timeline: tl, metrics: { raised: tl.raises.n, delivered: 0, lost: 1 } };
  });
  return { heading, panes, domain: [0, panes[0]!.timeline.endNs], width: 900, expanded: {} };
}

function render(input: SceneInput): string {
  const h = sceneLayout(input, (s) => measure('', s)).height;
  const svg = new SvgContext(input.width, h, measure);
  drawScene(svg.asContext(), input, namePalette, HATCH);
  return svg.toString();
}

describe('SVG export of the current view', () => {
  it('is one balanced SVG document with every pane, its lanes and labels, the axis and the legend', () => {
    const svg = render(scene(['teardown-setup', 'dynamic-alloc']));
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
      true,
    );
    expect(tagsBalance(svg)).toBe(true);
    for (const label of [
      '>guest<',
      '>host<',
      '>IRQs<',
      '>v0<',
      '>teardown-setup — teardown-setup title<',
      '>dynamic-alloc — dynamic-alloc title<',
      '>guest driver operation<',
      '>lost<',
    ])
      expect(svg).toContain(label);
    // The canvas drawing came through: losses as crosses stroked in the lost colour, masked entries hatched.
    expect(svg).toMatch(/<path d="M[^"]+" fill="none" stroke="lost" stroke-width="2"/);
    expect(svg).toContain('fill="url(#hatch)"');
    expect(svg).toContain('<pattern id="hatch"');
    // Axis tick labels in the page's format.
    expect(svg).toMatch(/>\d+(\.\d+)? (ns|µs|ms)</);
  });

  it('escapes text from the scenario: no markup is built from data', () => {
    const svg = render(scene(['data-hack'], '<script>alert(1)</script> & "quotes" \u0001'));
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; ');
    expect(svg).not.toContain('\u0001');
    expect(tagsBalance(svg)).toBe(true);
  });
});
