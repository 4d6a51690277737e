import { Panes } from '../Panes.tsx';

/** The embed's run view: the panes only (no inspector, metrics or table). A lazy chunk, like RunView. */
export default function EmbedPanes() {
  return (
    <main className="scroll">
      <Panes />
    </main>
  );
}
