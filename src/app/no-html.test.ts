import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The page never builds HTML from text (scenario names, link notes, imported dumps): the lint
 * config bans the ways to (dangerouslySetInnerHTML, innerHTML, outerHTML, insertAdjacentHTML,
 * Range.createContextualFragment, document.write). This proves the ban bites on app code.
 */
const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function banned(code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: 'src/app/components/Fixture.tsx' });
  return r!.messages
    .filter((m) => m.ruleId === 'no-restricted-syntax' || m.ruleId === 'no-restricted-properties')
    .map((m) => m.message);
}

describe('no HTML from text', () => {
  it('bans each way to build HTML from a string', async () => {
    const cases = [
      'export const X = ({ t }: { t: string }) => <div dangerouslySetInnerHTML={{ __html: t }} />;\n',
      'export function f(el: HTMLElement, t: string): void {\n  el.innerHTML = t;\n}\n',
      'export function f(el: HTMLElement, t: string): void {\n  el.outerHTML = t;\n}\n',
      "export function f(el: HTMLElement, t: string): void {\n  el.insertAdjacentHTML('beforeend', t);\n}\n",
      'export function f(r: Range, t: string): DocumentFragment {\n  return r.createContextualFragment(t);\n}\n',
      'export function f(t: string): void {\n  document.write(t);\n}\n',
    ];
    for (const c of cases) expect(await banned(c), c).toEqual([expect.stringMatching(/no HTML is built from text/)]);
  });

  it('allows text', async () => {
    expect(
      await banned(
        'export function f(el: HTMLElement, t: string): void {\n  el.textContent = t;\n}\nexport const X = ({ t }: { t: string }) => <p>{t}</p>;\n',
      ),
    ).toEqual([]);
  });
});
