import { describe, expect, it } from 'vitest';
import { GLOSSARY, glossaryEntry } from './glossary.ts';

describe('glossary', () => {
  it('defines the jargon issue 9 names, under the spellings the page uses', () => {
    for (const w of [
      'IRTE',
      'IRTEs',
      'PBA',
      'NORESIZE',
      'irqfd',
      'fd −1',
      'fd -1',
      'virq',
      'KVM route',
      'Function Mask',
      'resize window',
    ])
      expect(glossaryEntry(w)?.text.length, w).toBeGreaterThan(40);
  });
  it('has one entry per term', () => {
    const names = GLOSSARY.flatMap((g) => [g.term, ...(g.aka ?? [])].map((x) => x.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
  });
});
