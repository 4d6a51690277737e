import { useEffect, useRef } from 'react';
import { lastAtOrBefore } from '../../core/analysis/timeline.ts';
import { useRun } from '../state/runData.ts';
import { onViewport, viewport } from '../state/viewport.ts';
import { fmtTime } from '../render/format.ts';
import { useTeach, veilFrom } from '../state/teach.ts';
import { Term } from './layout/Term.tsx';

/**
 * Pane heading: the policy's name, its numbers that matter, the host state at the cursor (written
 * straight into the DOM on cursor moves, not through React), and the one-line description.
 */
export function PaneHeader({ index }: { index: number }) {
  const run = useRun()!.runs[index]!;
  const m = run.metrics;
  const live = useRef<HTMLSpanElement>(null);
  const hidden = useTeach((s) => s.hidden);
  useEffect(() => {
    const g = run.timeline.global;
    let last = '';
    const update = (): void => {
      // Behind an unanswered question's veil the host state stops just before its moment.
      const veil = veilFrom();
      const at = veil >= 0 ? Math.min(viewport().cursor, veil - 1) : viewport().cursor;
      const k = Math.max(0, lastAtOrBefore(g.t, at));
      const text = `at cursor: host MSI-X ${g.hostEnable[k] ? 'on' : 'OFF'} · ${g.nAlloc[k]} IRTE · ${g.nReq[k]} requested`;
      if (text !== last && live.current) {
        live.current.textContent = text;
        live.current.classList.toggle('off', !g.hostEnable[k] && !!g.guestEnable[k]);
        last = text;
      }
    };
    update();
    const offVp = onViewport(update);
    const offTeach = useTeach.subscribe(update);
    return () => {
      offVp();
      offTeach();
    };
  }, [run]);
  return (
    <header className="paneHead">
      <h2 id={`pane-title-${index}`}>
        <span data-testid="pane-title">{run.title}</span>
        <code className="sum">{run.policy}</code>
      </h2>
      {/* An unanswered question hides the counts (styles.css, quiz block): they give answers away. */}
      <div className={hidden ? 'badges spoilers-hidden' : 'badges'}>
        {hidden && (
          <span className="badge spoiler-note" data-testid="badges-hidden">
            counts hidden until you answer
          </span>
        )}
        <span className={`badge ${m.lost ? 'bad' : m.neverDelivered ? 'warn' : 'good'}`} data-testid="lost-badge">
          {m.lost ? `${m.lost} lost` : m.neverDelivered ? '0 lost' : 'nothing lost'}
        </span>
        {m.neverDelivered > m.lost && (
          <span
            className="badge warn"
            title="held forever (e.g. on a vector the host could not back) or merged into one that was never delivered"
          >
            {m.neverDelivered - m.lost} never delivered
          </span>
        )}
        {m.deliveredLate > 0 && <span className="badge">{m.deliveredLate} late</span>}
        {m.deliveredWhileMasked > 0 && (
          <span
            className="badge warn"
            data-testid="masked-badge"
            title="delivered although the guest had the vector masked: legacy KVM assignment has no MSI-X mask (kvm_assigned_dev_thread_msix), so the handler ran anyway"
          >
            {m.deliveredWhileMasked} while masked
          </span>
        )}
        {m.spuriousInjections > 0 && (
          <span
            className="badge bad"
            data-testid="spurious-badge"
            title="injected through a stale KVM route whose message no handler listens on (e.g. the 0x40EF placeholder): a spurious interrupt in the guest, counted as lost"
          >
            {m.spuriousInjections} spurious
          </span>
        )}
        {m.coalesced > 0 && (
          <span className="badge">
            {m.coalesced} <Term word="coalesced" />
          </span>
        )}
        {m.resizes > 0 && (
          <span className="badge bad">
            {m.resizes}× <Term word="resize window">host MSI-X off</Term> · {fmtTime(m.lossWindowNs)}
          </span>
        )}
        <span className="badge">
          {m.hostVectorsPeak} <Term word="IRTEs" /> peak
        </span>
        <span className="badge">
          {m.hostOps} <Term word="ioctls" />
        </span>
        {m.allocFailures > 0 && (
          <span className="badge bad">
            {m.allocFailures} alloc failure{m.allocFailures > 1 ? 's' : ''}
          </span>
        )}
        {m.guestVisibleFailures > 0 && (
          <span className="badge bad">
            {m.guestVisibleFailures} guest-visible failure{m.guestVisibleFailures > 1 ? 's' : ''}
          </span>
        )}
        <span className="live" ref={live} />
      </div>
      <p className="sum" title={run.summary}>
        {run.summary}
      </p>
    </header>
  );
}
