import { parseNarration } from '../../../core/teach/narration.ts';

/** A step's narration: paragraphs of text, `code` and *emphasis*, as React text nodes (never HTML). */
export function Narration({ text }: { text: string }) {
  return (
    <>
      {parseNarration(text).map((p, i) => (
        <p key={i}>
          {p.map((x, j) =>
            x.kind === 'code' ? <code key={j}>{x.text}</code> : x.kind === 'em' ? <em key={j}>{x.text}</em> : x.text,
          )}
        </p>
      ))}
    </>
  );
}
