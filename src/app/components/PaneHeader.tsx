import { getRun } from '../state/runData.ts';
import { useApp } from '../state/store.ts';
import { fmtTime } from '../render/scale.ts';

/** Pane heading: the policy's name and one-line description, and the numbers that differ. */
export function PaneHeader({ index }: { index: number }) {
  useApp((s) => s.runVersion);
  const run = getRun()!.runs[index]!;
  const m = run.metrics;
  return (
    <>
      <h2 id={`pane-title-${index}`}>
        <span data-testid="pane-title">{run.title}</span>
        <code className="sum">{run.policy}</code>
        <span className="sum">{run.summary}</span>
      </h2>
      <div className="badges">
        <span className={`badge ${m.lost ? 'bad' : 'good'}`} data-testid="lost-badge">
          {m.lost ? `${m.lost} lost` : 'nothing lost'}
        </span>
        {m.deliveredLate > 0 && <span className="badge">{m.deliveredLate} late</span>}
        {m.coalesced > 0 && <span className="badge">{m.coalesced} coalesced</span>}
        {m.pendingAtEnd > 0 && <span className="badge">{m.pendingAtEnd} never delivered (held at end)</span>}
        {m.resizes > 0 && <span className="badge bad">{m.resizes} host MSI-X off · {fmtTime(m.lossWindowNs)}</span>}
        <span className="badge">{m.hostVectorsPeak} host IRQs (IRTEs) peak</span>
        <span className="badge">{m.hostOps} ioctls</span>
        {m.allocFailures > 0 && <span className="badge bad">{m.allocFailures} alloc failures</span>}
        {m.guestVisibleFailures > 0 && <span className="badge bad">{m.guestVisibleFailures} guest-visible failure</span>}
      </div>
    </>
  );
}
