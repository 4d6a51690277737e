import type { ReactNode } from 'react';
import { glossaryEntry } from '../../a11y/glossary.ts';

/**
 * A jargon word with its glossary definition as a tooltip and an accessible description
 * (<abbr title> is read by screen readers on request). Text without an entry renders as is.
 */
export function Term({ word, children }: { word: string; children?: ReactNode }) {
  const g = glossaryEntry(word);
  if (!g) return <>{children ?? word}</>;
  return (
    <abbr className="term" title={`${g.term}: ${g.text}`}>
      {children ?? word}
    </abbr>
  );
}
